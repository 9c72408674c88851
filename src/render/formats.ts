/**
 * The encodings of what pinops draws (previews, creatives): pure data and one pure measure, so
 * that code which only names or checks images needs no sharp.
 *
 * A photograph is stored as JPEG: its PNG is 5–10 times larger (a preview card of a photo is
 * about 1.5 MB as PNG, 150 KB as JPEG) and takes longer to encode. Flat art (a missing picture's
 * grey, a creative of colour bands and text) is smaller as PNG; whichever is smaller is kept.
 */
export type ImageFormat = 'jpeg' | 'png';

/** Encoded image bytes and their format. */
export interface EncodedImage {
  data: Buffer;
  format: ImageFormat;
}

/** Raw pixels: RGB, 3 bytes a pixel, rows top to bottom. */
export interface RgbImage {
  data: Buffer;
  width: number;
  height: number;
}

export const EXTENSION = { jpeg: 'jpg', png: 'png' } as const satisfies Record<ImageFormat, string>;
export const CONTENT_TYPE = { jpeg: 'image/jpeg', png: 'image/png' } as const satisfies Record<ImageFormat, string>;

/**
 * A preview is looked at in a browser. Quality 90 keeps the panel's text crisp (45 dB against the
 * pixels drawn, where quality 75 gives 38 and rings around every letter), and without chroma
 * subsampling the coloured text of a creative keeps its edges too (subsampling halves the colour
 * resolution). A photo's card is 120–210 KB.
 */
export const PREVIEW_JPEG = { quality: 90, chromaSubsampling: '4:4:4' } as const;

/** A creative is uploaded to Pinterest, which encodes it again: quality 92, no chroma subsampling. */
export const CREATIVE_JPEG = { quality: 92, chromaSubsampling: '4:4:4' } as const;

/**
 * PNG is tried beside JPEG only where this share of pixels or more repeat their left neighbour.
 * PNG compresses such runs to almost nothing and a photograph has few (grain makes every pixel
 * differ a little): the photos pinops is measured on have at most 0.6 even in a card whose white
 * panel is a fifth of it, flat art 0.9 and more. Below it the PNG would only cost an encode (a
 * photo's takes about three JPEG encodes) to be thrown away.
 */
export const FLAT_SHARE = 0.75;

/** The share of pixels equal to their left neighbour, on every eighth row (enough to tell, and cheap). */
export function flatShare(img: RgbImage): number {
  const row = img.width * 3;
  let same = 0;
  let seen = 0;
  for (let y = 0; y < img.height; y += 8) {
    const d = img.data;
    for (let i = y * row + 3, end = (y + 1) * row; i < end; i += 3) {
      seen++;
      if (d[i] === d[i - 3] && d[i + 1] === d[i - 2] && d[i + 2] === d[i - 1]) same++;
    }
  }
  return seen ? same / seen : 1;
}
