import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createMediaFiles } from '../../src/files/media-library.js';
import { renderPreviews } from '../../src/flows/preview.js';
import { FLAT_SHARE, flatShare } from '../../src/render/formats.js';
import { CARD, excerpt, type PreviewCard } from '../../src/render/preview.js';
import { previewPixels, renderPreview } from '../../src/render/sharp.js';
import { runCli } from '../helpers/cli.js';
import { BASE, mdPin, PHOTOS, PROJECT, photoPath, tempRepos } from '../helpers/repo.js';

const repo = tempRepos();

/**
 * The text in a card's panel, read from its pixels: how many lines of text it shows (runs of rows
 * with ink, which the white gap between lines separates), and whether ink reaches into the 24
 * pixels of right margin that the text is wrapped inside of.
 */
async function panelText(image: string | Buffer | { raw: { width: number; height: number; channels: 3 }; data: Buffer }): Promise<{ lines: number; margin: boolean }> {
  const input = typeof image === 'string' || Buffer.isBuffer(image) ? sharp(image) : sharp(image.data, { raw: image.raw });
  const { data, info } = await input.extract({ left: 0, top: CARD.image, width: CARD.width, height: CARD.panel }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const ink = (x: number, y: number) => {
    const i = (y * info.width + x) * info.channels;
    return Math.max(data[i] as number, data[i + 1] as number, data[i + 2] as number) < 200;
  };
  let lines = 0;
  let margin = false;
  let inLine = false;
  for (let y = 0; y < info.height; y++) {
    let row = false;
    for (let x = 0; x < info.width; x++) {
      if (!ink(x, y)) continue;
      row = true;
      if (x >= CARD.width - 24) margin = true;
    }
    if (row && !inLine) lines++;
    inLine = row;
  }
  return { lines, margin };
}

/** A 600×900 PNG of stripes, 30 pixels wide: flat art, whose sharp edges a JPEG pays for and a PNG does not. */
const stripes = (color: string) =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="900">${Array.from({ length: 10 }, (_, i) => `<rect x="${i * 60}" width="30" height="900" fill="${color}"/>`).join('')}</svg>`,
    ),
  )
    .flatten({ background: '#ffffff' })
    .png()
    .toBuffer();

async function withFile(root: string, rel: string, body: string): Promise<string> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(root, rel), body);
  return root;
}

async function jpeg(width: number, height: number, opts: { orientation?: number; cmyk?: boolean } = {}): Promise<Buffer> {
  // Left half red, right half blue: a rotation is visible in the pixels.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="50%" height="100%" fill="#d00"/><rect x="50%" width="50%" height="100%" fill="#00d"/></svg>`;
  let img = sharp(Buffer.from(svg));
  if (opts.cmyk) img = img.toColourspace('cmyk');
  const out = img.jpeg({ quality: 90 });
  return opts.orientation ? out.withMetadata({ orientation: opts.orientation }).toBuffer() : out.toBuffer();
}

describe('previews', () => {
  it('excerpts at a word boundary', () => {
    expect(excerpt('one two three four five six', 20)).toBe('one two three four…');
    expect(excerpt('supercalifragilistic', 10)).toBe('supercali…');
    expect(excerpt('short', 12)).toBe('short');
  });

  it('pinops preview writes one image per pin, named after the pin ids, 720×1380: a photo as JPEG, flat art as PNG', async () => {
    const root = await repo({
      ...BASE,
      'content/media/coffee.png': { photo: 'coffee.png' },
      'content/media/flat.png': await stripes('#3366aa'),
      'content/pins/a.md': mdPin({ id: 'winter/boots', image: '../media/coffee.png' }),
      'content/pins/b.md': mdPin({ id: 'b', status: 'draft', image: '../media/flat.png' }),
    });
    const r = await runCli(['preview', '--out', 'out'], root);
    expect(r.code).toBe(0);
    expect(r.out).toBe('Wrote 2 preview(s) to out/\n');
    expect((await readdir(join(root, 'out'))).sort()).toEqual(['b.png', 'winter__boots.jpg']);
    for (const [file, format] of [
      ['b.png', 'png'],
      ['winter__boots.jpg', 'jpeg'],
    ]) {
      const meta = await sharp(join(root, 'out', file as string)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([format, 720, 1380]);
    }
    // Drawn again from a photo, b's preview is a JPEG, and its earlier PNG does not stay beside it.
    await runCli(['preview', '--out', 'out'], await withFile(root, 'content/pins/b.md', mdPin({ id: 'b', status: 'draft', image: '../media/coffee.png' })));
    expect((await readdir(join(root, 'out'))).sort()).toEqual(['b.jpg', 'winter__boots.jpg']);
  });

  it('previews only the files given', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }), 'content/pins/b.md': mdPin({ id: 'b' }) });
    const r = await runCli(['preview', 'content/pins/b.md', '--out', 'out'], root);
    expect(r.code).toBe(0);
    expect((await readdir(join(root, 'out'))).map((f) => f.replace(/\.(jpg|png)$/, ''))).toEqual(['b']);
  });

  it('draws CMYK, 16-bit, transparent and EXIF-rotated images; a corrupt image fails alone, with a message', async () => {
    const transparent = await sharp({ create: { width: 200, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const sixteen = await sharp({ create: { width: 200, height: 300, channels: 3, background: '#3366aa' } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    const upright = await sharp(await jpeg(300, 200))
      .rotate(90)
      .jpeg({ quality: 90 })
      .toBuffer();
    const root = await repo({
      ...BASE,
      'content/media/cmyk.jpg': await jpeg(200, 300, { cmyk: true }),
      'content/media/16bit.png': sixteen,
      'content/media/clear.png': transparent,
      'content/media/rotated.jpg': await jpeg(300, 200, { orientation: 6 }),
      'content/media/upright.jpg': upright,
      'content/media/corrupt.jpg': Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]), Buffer.alloc(64, 7)]),
      'content/pins/cmyk.md': mdPin({ id: 'cmyk', image: '../media/cmyk.jpg' }),
      'content/pins/16bit.md': mdPin({ id: 'sixteen', image: '../media/16bit.png' }),
      'content/pins/clear.md': mdPin({ id: 'clear', image: '../media/clear.png' }),
      'content/pins/rotated.md': mdPin({ id: 'rotated', image: '../media/rotated.jpg' }),
      'content/pins/upright.md': mdPin({ id: 'upright', image: '../media/upright.jpg' }),
      'content/pins/corrupt.md': mdPin({ id: 'corrupt', image: '../media/corrupt.jpg' }),
    });
    const r = await renderPreviews({ root, env: {}, out: join(root, 'out') });
    expect(r.written.map((w) => w.key)).toEqual(['clear', 'cmyk', 'rotated', 'sixteen', 'upright']);
    expect(r.failed.map((f) => f.key)).toEqual(['corrupt']);
    // The EXIF-rotated photo comes out upright: the same picture as the one rotated in its pixels.
    const file = (key: string) => r.written.find((w) => w.key === key)?.file as string;
    const a = await sharp(file('rotated')).raw().toBuffer();
    const b = await sharp(file('upright')).raw().toBuffer();
    let diff = 0;
    for (let i = 0; i < a.length; i += 97) diff += Math.abs((a[i] as number) - (b[i] as number));
    expect(diff / (a.length / 97)).toBeLessThan(3);
  });
});

describe('previews of real photos', () => {
  const card = (name: (typeof PHOTOS)[number]): PreviewCard => ({
    picture: { path: photoPath(name) },
    title: 'Stoneware espresso cup, glazed by hand',
    excerpt: excerpt('Every cup is glazed by hand, so no two are the same. Dishwasher safe, and made to last for years of mornings.', 160),
    footer: 'shop.example.com · Cozy Home',
  });
  /** Peak signal-to-noise ratio of the decoded preview against the pixels drawn, over the rows [from, to), in dB. */
  const psnr = (decoded: Buffer, drawn: Buffer, from: number, to: number) => {
    let sum = 0;
    for (let i = from * CARD.width * 3; i < to * CARD.width * 3; i++) sum += ((decoded[i] as number) - (drawn[i] as number)) ** 2;
    return 10 * Math.log10(255 ** 2 / (sum / ((to - from) * CARD.width * 3)));
  };

  it.each(PHOTOS)('%s: a JPEG of at most 300 KB, its text as crisp as drawn', async (name) => {
    const media = createMediaFiles(PROJECT);
    const preview = await renderPreview(media, card(name));
    expect(preview.format).toBe('jpeg');
    expect(preview.data.length).toBeLessThanOrEqual(300 * 1024);
    const meta = await sharp(preview.data).metadata();
    expect([meta.format, meta.width, meta.height, meta.chromaSubsampling]).toEqual(['jpeg', CARD.width, CARD.image + CARD.panel, '4:4:4']);
    // Against the pixels before encoding: the panel's text keeps its lines and edges (45 dB here;
    // quality 75 gives 38, 85 gives 42), the photo nearly its every detail.
    const drawn = await previewPixels(media, card(name));
    // A photograph has too few runs of equal pixels for a PNG to be worth trying.
    expect(flatShare(drawn)).toBeLessThan(FLAT_SHARE);
    const decoded = await sharp(preview.data).raw().toBuffer();
    expect(psnr(decoded, drawn.data, CARD.image, CARD.image + CARD.panel)).toBeGreaterThan(42);
    expect(psnr(decoded, drawn.data, 0, CARD.image)).toBeGreaterThan(40);
    expect(await panelText(preview.data)).toEqual(await panelText({ data: drawn.data, raw: { width: drawn.width, height: drawn.height, channels: 3 } }));
  });

  it('is deterministic: the same photo and text give the same bytes', async () => {
    const sha = async () =>
      createHash('sha256')
        .update((await renderPreview(createMediaFiles(PROJECT), card('coffee.png'))).data)
        .digest('hex');
    expect(await sha()).toBe(await sha());
  });

  it('keeps flat art as PNG, where it is the smaller: a missing picture, a picture of stripes', async () => {
    const media = createMediaFiles(PROJECT);
    for (const picture of [{ missing: 'no image' }, { path: 'content/media/flat.png' }] as const) {
      const root = 'path' in picture ? await repo({ [picture.path]: await stripes('#3366aa') }) : PROJECT;
      const c = { ...card('coffee.png'), picture };
      const preview = await renderPreview('path' in picture ? createMediaFiles(root) : media, c);
      expect(preview.format).toBe('png');
      const drawn = await previewPixels('path' in picture ? createMediaFiles(root) : media, c);
      const jpeg = await sharp(drawn.data, { raw: { width: drawn.width, height: drawn.height, channels: 3 } })
        .jpeg({ quality: 90, chromaSubsampling: '4:4:4' })
        .toBuffer();
      expect(preview.data.length).toBeLessThan(jpeg.length);
    }
  });
});

describe('awkward input for previews', () => {
  it('refuses a 20000×20000 image by its header (never decoded), and still renders the others', async () => {
    const { pngHeader } = await import('../helpers/repo.js');
    const root = await repo({
      ...BASE,
      'content/media/huge.png': pngHeader(20000, 20000),
      'content/pins/huge.md': mdPin({ id: 'huge', image: '../media/huge.png' }),
      'content/pins/ok.md': mdPin({ id: 'ok' }),
    });
    const r = await renderPreviews({ root, env: {}, out: join(root, 'out') });
    expect(r.written.map((w) => w.key)).toEqual(['ok']);
    expect(r.failed[0]?.error).toMatch(/the pin is invalid: .*20000×20000 pixels, over the limit of 100 megapixels/);
  });

  it('draws the first frame of an animated GIF', async () => {
    const frame = (color: string) =>
      sharp({ create: { width: 200, height: 300, channels: 3, background: color } })
        .png()
        .toBuffer();
    const gif = await sharp([await frame('#ff0000'), await frame('#0000ff')], { join: { animated: true } })
      .gif()
      .toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const root = await repo({ ...BASE, 'content/media/anim.gif': gif, 'content/pins/a.md': mdPin({ id: 'a', image: '../media/anim.gif' }) });
    const r = await renderPreviews({ root, env: {}, out: join(root, 'out') });
    expect(r.failed).toEqual([]);
    const { data } = await sharp(r.written[0]?.file as string)
      .extract({ left: 360, top: 540, width: 1, height: 1 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    // Red, give or take JPEG rounding.
    expect(Math.abs((data[0] as number) - 255) + (data[2] as number)).toBeLessThanOrEqual(3);
  });

  it('breaks a 100-character word instead of overflowing, and draws emoji, Arabic and Chinese titles', async () => {
    const root = await repo({
      ...BASE,
      'content/pins/word.md': mdPin({ id: 'word', title: 'W'.repeat(100) }),
      'content/pins/wrap.md': mdPin({ id: 'wrap', title: 'W'.repeat(30) }),
      'content/pins/emoji.md': mdPin({ id: 'emoji', title: '"🧣🧤❄️☃️🎿"' }),
      'content/pins/ar.md': mdPin({ id: 'ar', title: 'أحذية شتوية مقاومة للماء' }),
      'content/pins/zh.md': mdPin({ id: 'zh', title: '防水冬季靴子' }),
    });
    const r = await renderPreviews({ root, env: {}, out: join(root, 'out') });
    expect(r.failed).toEqual([]);
    const panels = new Map<string, { lines: number; margin: boolean }>();
    for (const w of r.written) {
      const meta = await sharp(w.file).metadata();
      expect([meta.width, meta.height]).toEqual([CARD.width, CARD.image + CARD.panel]);
      panels.set(w.key, await panelText(w.file));
    }
    // A word too long for a line is broken inside the panel's margin: 30 W's take two lines over
    // the description and the footer; unbroken, one line would run off the card.
    expect(panels.get('wrap')).toEqual({ lines: 4, margin: false });
    // 100 W's are cut to the title's 2 lines; the cut (2 × 1.25 em) keeps the top 2 rows of the
    // third line, whose pitch is a little less, so only the margin is counted on here.
    expect(panels.get('word')?.margin).toBe(false);
    for (const key of ['emoji', 'ar', 'zh']) expect(panels.get(key)).toEqual({ lines: 3, margin: false });
  });

  it('reports a template that asks for a font pinops does not ship', async () => {
    const settings = 'templates:\n  card:\n    texts:\n      - { field: title, x: 0, y: 0, width: 500, font: Comic Sans }\n';
    const root = await repo({ ...BASE, 'pinops.yml': settings, 'content/pins/a.md': mdPin({ template: 'card' }) });
    const out = await runCli(['validate', '--format', 'json'], root);
    expect(JSON.parse(out.out).diagnostics).toMatchObject([
      { code: 'template-font-missing', line: 7, message: 'template "card" asks for the font "Comic Sans", which pinops does not ship' },
    ]);
  });
});

describe("a template's text longer than its max_lines", () => {
  const layer = (text: string, maxLines: number) => ({
    kind: 'text' as const,
    text,
    x: 0,
    y: 0,
    width: 400,
    size: 40,
    weight: 'bold' as const,
    color: '#111111',
    align: 'left' as const,
    maxLines,
  });

  it('ends with an ellipsis after the last word that fits, in as many lines as allowed, and is left whole when it fits', async () => {
    const { fitText } = await import('../../src/render/sharp.js');
    const title = 'The fisherman sweater in undyed wool from one farm, knitted to last for many winters';
    const cut = await fitText(layer(title, 2));
    expect(cut.text).toMatch(/…$/);
    expect(title.startsWith(cut.text.slice(0, -1))).toBe(true);
    // Cut after a whole word: the next character of the title is a space (or punctuation).
    expect(title[cut.text.length - 1]).toMatch(/[\s,]/);
    expect(cut.rendered.info.height).toBeLessThanOrEqual(cut.maxHeight);
    // The longest that fits: one more word would not.
    const next = title.slice(0, title.indexOf(' ', cut.text.length)).trimEnd();
    expect((await fitText(layer(`${next}…`, 2))).text).not.toBe(`${next}…`);
    expect((await fitText(layer('The fisherman sweater', 2))).text).toBe('The fisherman sweater');
  });

  it('cuts text written without spaces at a character', async () => {
    const { fitText } = await import('../../src/render/sharp.js');
    const title = '防水冬季靴子防水冬季靴子防水冬季靴子防水冬季靴子防水冬季靴子防水冬季靴子';
    const cut = await fitText(layer(title, 1));
    expect(cut.text).toMatch(/…$/);
    expect(cut.text.length).toBeGreaterThan(2);
    expect(title.startsWith(cut.text.slice(0, -1))).toBe(true);
  });
});

describe('fallback fonts', () => {
  /** Text drawn by pinops, and the same text drawn straight from one fallback font: the same pixels when the fallback is used. */
  async function both(sample: string, family: string) {
    const { text } = await import('../../src/render/sharp.js');
    const { FALLBACK_FONTS, fallbackFontFile } = await import('../../src/render/fonts.js');
    // Wide enough for each sample on one line (a longer one would be cut with an ellipsis, see fitText).
    const drawn = await text({ kind: 'text', text: sample, x: 0, y: 0, width: 600, size: 48, weight: 'regular', color: '#111111', align: 'left', maxLines: 1 });
    const font = FALLBACK_FONTS.find((f) => f.family === family && f.file.includes('400')) as (typeof FALLBACK_FONTS)[number];
    expect(font).toBeDefined();
    const direct = await sharp({
      text: {
        text: `<span foreground="#111111">${sample}</span>`,
        font: `${family} 48px`,
        fontfile: fallbackFontFile(font),
        width: 600,
        align: 'left',
        wrap: 'word-char',
        rgba: true,
        dpi: 72,
      },
    })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixels = Buffer.from(drawn.input as Uint8Array);
    return { drawn, pixels, direct, same: drawn.raw.width === direct.info.width && pixels.equals(direct.data.subarray(0, pixels.length)) };
  }

  it.each([
    ['emoji', '🎁🧣', 'Noto Emoji'],
    ['Arabic (right to left)', 'مرحبا', 'Noto Sans Arabic'],
    ['Hebrew (right to left)', 'שלום', 'Noto Sans Hebrew'],
    ['Chinese', '防水冬季靴子', 'Noto Sans SC'],
    ['Japanese', 'ひらがなカタカナ漢字', 'Noto Sans SC'],
    ['Korean', '한국어텍스트', 'Noto Sans KR'],
  ])('draws %s that Inter lacks with the bundled font, never a machine font or boxes', async (_name, sample, family) => {
    const r = await both(sample, family);
    expect(r.same).toBe(true);
    // And not what a missing glyph looks like (a box with the code point's hex digits).
    const { text } = await import('../../src/render/sharp.js');
    const missing = await text({ kind: 'text', text: '\u{10FFFD}\u{10FFFC}', x: 0, y: 0, width: 600, size: 48, weight: 'regular', color: '#111111', align: 'left', maxLines: 1 });
    expect(Buffer.from(missing.input as Uint8Array).equals(r.pixels)).toBe(false);
  });
});

describe('bold text in scripts whose fonts ship in one weight', () => {
  // Noto Sans SC, KR and Emoji ship only their regular weight (their bold files would add 3 MB to
  // the action's download): a bold title draws them emboldened, not regular and not as boxes.
  it.each([
    ['Chinese', '防水冬季靴子'],
    ['Korean', '한국어텍스트'],
    ['emoji', '🎁🧣'],
  ])('%s in a bold title is drawn heavier than in a regular one', async (_name, sample) => {
    const { text } = await import('../../src/render/sharp.js');
    const draw = async (weight: 'regular' | 'bold') => {
      const r = await text({ kind: 'text', text: sample, x: 0, y: 0, width: 600, size: 48, weight, color: '#111111', align: 'left', maxLines: 1 });
      const { data } = await sharp(r.input, { raw: r.raw }).extractChannel(3).raw().toBuffer({ resolveWithObject: true });
      return data.reduce((sum, a) => sum + a, 0);
    };
    const regular = await draw('regular');
    expect(regular).toBeGreaterThan(0);
    expect(await draw('bold')).toBeGreaterThan(regular * 1.1);
  });
});
