// The benchmarks' photographs: the four real ones of test/fixtures/photos/ (see its README) and a
// large product shot made from one of them at bench time.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

/** The real photographs, as the tests use them. */
export const REAL_PHOTOS = ['coffee.png', 'chelsea.png', 'astronaut.png', 'rocket.jpg'] as const;
export const PRODUCT_SHOT = 'product-shot.jpg';
export const PRODUCT_SHOT_SIZE = { width: 2000, height: 3000 } as const;

export const realPhoto = (name: (typeof REAL_PHOTOS)[number]) => readFile(join('test/fixtures/photos', name));

/** A fixed-seed xorshift32: the same grain at every run. */
function grainSource(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

/**
 * A shop's product shot, 2000×3000: coffee.png (600×400) scaled up to cover 2000×3000 (lanczos3,
 * cut to the middle), with fine grain added (each pixel moved by the same amount in R, G and B,
 * the sum of three uniform draws: -12 to +12, mostly -5 to +5, from a fixed seed), saved as a
 * JPEG at quality 92. Scaled up alone, a photo turns smooth and compresses like flat art; the
 * grain gives it back a photo's entropy (and the bytes of a real 6-megapixel shot: about 1.4 MB).
 * The same bytes at every run: the seed is fixed and libjpeg's output depends only on its input.
 */
export async function productShot(): Promise<Buffer> {
  const { width, height } = PRODUCT_SHOT_SIZE;
  const pixels = await sharp(await realPhoto('coffee.png'))
    .resize(width, height, { fit: 'cover', kernel: 'lanczos3' })
    .removeAlpha()
    .raw()
    .toBuffer();
  const next = grainSource(0x9e3779b9);
  for (let i = 0; i < pixels.length; i += 3) {
    const g = Math.round((next() + next() + next() - 1.5) * 8);
    for (let c = i; c < i + 3; c++) pixels[c] = Math.min(255, Math.max(0, (pixels[c] as number) + g));
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

/**
 * The creative template of the benchmarks, the example's product card: the photo over 1000×1500,
 * a dark band, the title, the domain and a logo. As pinops.yml: `templates: { card: … }` (YAML
 * takes this JSON as it is).
 */
export const BENCH_TEMPLATE = {
  bands: [{ y: 1050, height: 450, color: '#1d1d1d', opacity: 0.9 }],
  texts: [
    { field: 'title', x: 60, y: 1090, width: 880, size: 64, weight: 'bold', color: '#ffffff', max_lines: 2 },
    { field: 'domain', x: 60, y: 1400, width: 880, size: 32, color: '#dddddd', max_lines: 1 },
  ],
  logo: { path: 'content/media/logo.png', x: 860, y: 40, width: 100 },
};
export const BENCH_TEMPLATE_YAML = `templates:\n  card: ${JSON.stringify(BENCH_TEMPLATE)}\n`;

/** Every bench photograph by file name: the four real ones and the product shot. */
export async function benchPhotos(): Promise<Map<string, Buffer>> {
  const photos = new Map<string, Buffer>();
  for (const name of REAL_PHOTOS) photos.set(name, await realPhoto(name));
  photos.set(PRODUCT_SHOT, await productShot());
  return photos;
}
