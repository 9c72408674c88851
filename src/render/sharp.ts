import sharp, { type JpegOptions, type OutputInfo, type OverlayOptions, type Sharp } from 'sharp';
import { MEDIA_LIMITS } from '../content/media.js';
import { FAIL_ON } from './fail-on.js';
import { FALLBACK_FONTS, fallbackFontFile, fontDescription, fontFile } from './fonts.js';
import { CREATIVE_JPEG, type EncodedImage, FLAT_SHARE, flatShare, PREVIEW_JPEG, type RgbImage } from './formats.js';
import type { CreativeLayout, Focus, Layer } from './layout.js';
import { CARD, type PreviewCard } from './preview.js';

/** Images above this are refused before decoding (validation says the same). */
const PIXEL_LIMIT = 100_000_000;

/**
 * Where the renderer reads repository images: the run's media files (files/media-library.ts),
 * each checked and read once. Declared here, so that rendering depends on no reader of files.
 */
export interface ImageFiles {
  bytes(path: string, maxBytes: number): Buffer;
}

/** A repository image, read after its checks: inside the repository, a regular file, within Pinterest's image size. */
const readImage = (media: ImageFiles, path: string) => media.bytes(path, MEDIA_LIMITS.imageBytes);

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);

/** A drawn layer as raw pixels: compositing them needs no PNG encode and decode in between. */
type Raw = { input: Buffer; raw: { width: number; height: number; channels: 4 } };

async function raw(img: Sharp): Promise<Raw> {
  const { data, info } = await img.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { input: data, raw: { width: info.width, height: info.height, channels: 4 } };
}

async function photo(media: ImageFiles, path: string | Buffer, width: number, height: number, focus: Focus): Promise<Raw> {
  const input = sharp(typeof path === 'string' ? readImage(media, path) : path, { failOn: FAIL_ON, limitInputPixels: PIXEL_LIMIT }).rotate();
  if (typeof focus === 'object') {
    // A focal point: scale to cover, then cut the canvas out around the point.
    const meta = await sharp(await input.clone().toBuffer()).metadata();
    const scale = Math.max(width / (meta.width ?? width), height / (meta.height ?? height));
    const w = Math.round((meta.width ?? width) * scale);
    const h = Math.round((meta.height ?? height) * scale);
    const left = Math.min(Math.max(0, Math.round(focus.x * w - width / 2)), w - width);
    const top = Math.min(Math.max(0, Math.round(focus.y * h - height / 2)), h - height);
    return raw(input.resize(w, h).extract({ left, top, width, height }));
  }
  const position = focus === 'attention' ? sharp.strategy.attention : focus === 'entropy' ? sharp.strategy.entropy : focus === 'center' ? 'centre' : focus;
  return raw(await covering(typeof path === 'string' ? readImage(media, path) : path, width, height, position));
}

/** How sharp cuts an image that covers an area: a gravity (`centre`, `north`, …) or a strategy (attention, entropy). */
type Position = string | number;

/**
 * An image (decoded strictly, EXIF-rotated) resized to cover `width`×`height`, cut by `position`.
 * An image smaller than that is cut first at its own size and then scaled up: the attention and
 * entropy strategies then weigh the photo's own pixels, not the several times as many of its
 * enlarged copy (which took them longer than the decode, resize and encode together).
 */
async function covering(input: Buffer, width: number, height: number, position: Position): Promise<Sharp> {
  const decoded = () => sharp(input, { failOn: FAIL_ON, limitInputPixels: PIXEL_LIMIT }).rotate();
  const meta = await sharp(input, { limitInputPixels: PIXEL_LIMIT }).metadata();
  const w = meta.autoOrient?.width ?? meta.width ?? 0;
  const h = meta.autoOrient?.height ?? meta.height ?? 0;
  const scale = Math.max(width / w, height / h);
  if (!(scale > 1 && Number.isFinite(scale))) return decoded().resize(width, height, { fit: 'cover', position });
  const box = { width: Math.max(1, Math.min(w, Math.round(width / scale))), height: Math.max(1, Math.min(h, Math.round(height / scale))) };
  const cut = await decoded().resize(box.width, box.height, { fit: 'cover', position }).raw().toBuffer({ resolveWithObject: true });
  return sharp(cut.data, { raw: { width: cut.info.width, height: cut.info.height, channels: cut.info.channels } }).resize(width, height, { fit: 'fill' });
}

function band(l: Extract<Layer, { kind: 'band' }>, width: number): Buffer {
  const fill = l.to ? 'url(#g)' : l.color;
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${l.height}"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${l.color}"/><stop offset="1" stop-color="${l.to ?? l.color}"/></linearGradient></defs><rect width="100%" height="100%" fill="${fill}" fill-opacity="${l.opacity}"/></svg>`,
  );
}

/**
 * libvips adds a text's `fontfile` to fontconfig as an application font, for the whole process;
 * Pango then falls back to it for characters Inter lacks. So each fallback font is drawn once,
 * before the first real text, always in the same order (the same input gives the same bytes).
 */
let fallbacks: Promise<unknown> | undefined;
function registerFallbacks(): Promise<unknown> {
  fallbacks ??= (async () => {
    for (const f of FALLBACK_FONTS)
      await sharp({ text: { text: '.', font: `${f.family} 8px`, fontfile: fallbackFontFile(f), dpi: 72 } })
        .raw()
        .toBuffer();
  })();
  return fallbacks;
}

type TextLayer = Extract<Layer, { kind: 'text' }>;
type Rendered = { data: Buffer; info: OutputInfo };

/** Text through Pango with a bundled font file, wrapped to the width, at most `maxLines` lines (see fitText). Exported for tests. */
export async function text(l: TextLayer): Promise<Raw> {
  const { rendered, maxHeight } = await fitText(l);
  // Raw RGBA rows: a text Pango draws taller than its lines' estimate is cut, a slice of the buffer.
  const height = Math.min(rendered.info.height, maxHeight);
  return { input: rendered.data.subarray(0, rendered.info.width * 4 * height), raw: { width: rendered.info.width, height, channels: 4 } };
}

/**
 * The text as drawn: whole when it fits in `maxLines`, else its longest start that does, cut
 * after a word (a character, in scripts without spaces) and ended with "…", so that a cut title
 * says it was cut rather than losing its last line half-way. Found by bisection, a render a try.
 */
export async function fitText(l: TextLayer): Promise<{ text: string; rendered: Rendered; maxHeight: number }> {
  await registerFallbacks();
  const maxHeight = Math.ceil(l.size * 1.25) * l.maxLines;
  const whole = await pango(l, l.text);
  if (whole.info.height <= maxHeight) return { text: l.text, rendered: whole, maxHeight };
  const cuts = wordEnds(l.text);
  let best: { text: string; rendered: Rendered } | undefined;
  for (let lo = 0, hi = cuts.length - 1; lo <= hi; ) {
    const mid = (lo + hi) >> 1;
    const candidate = `${l.text.slice(0, cuts[mid]).trimEnd()}…`;
    const r = await pango(l, candidate);
    if (r.info.height <= maxHeight) {
      best = { text: candidate, rendered: r };
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best ? { ...best, maxHeight } : { text: l.text, rendered: whole, maxHeight };
}

/** Where the text may be cut: after each word (Intl's word breaks also split scripts written without spaces). */
function wordEnds(s: string): number[] {
  const ends: number[] = [];
  for (const seg of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(s)) if (seg.isWordLike) ends.push(seg.index + seg.segment.length);
  return ends;
}

function pango(l: TextLayer, s: string): Promise<Rendered> {
  return sharp({
    text: {
      text: `<span foreground="${l.color}">${escapeXml(s)}</span>`,
      font: fontDescription(l.weight, l.size),
      fontfile: fontFile(l.weight),
      width: l.width,
      align: l.align === 'center' ? 'centre' : l.align,
      wrap: 'word-char',
      rgba: true,
      dpi: 72,
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true });
}

/**
 * Draws a creative as RGB pixels; the preview of a template pin resizes these, without encoding
 * them first. The photo, which covers the whole creative, is the base the other layers go onto
 * (compositing it onto a blank canvas first would cost a pass over every pixel).
 */
export async function creativePixels(media: ImageFiles, layout: CreativeLayout): Promise<RgbImage> {
  const [first, ...rest] = layout.layers;
  const photoBase = first?.kind === 'photo' ? await photo(media, first.path, layout.width, layout.height, first.focus) : undefined;
  const overlays: OverlayOptions[] = [];
  for (const l of photoBase ? rest : layout.layers) overlays.push(await overlay(media, l, layout));
  const base = photoBase
    ? sharp(photoBase.input, { raw: photoBase.raw })
    : sharp({ create: { width: layout.width, height: layout.height, channels: 4, background: layout.background } });
  const { data, info } = await base.composite(overlays).flatten({ background: layout.background }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** One layer of a creative, placed. */
async function overlay(media: ImageFiles, l: Layer, layout: CreativeLayout): Promise<OverlayOptions> {
  switch (l.kind) {
    case 'photo':
      return { ...(await photo(media, l.path, layout.width, layout.height, l.focus)), left: 0, top: 0 };
    case 'band':
      return { input: band(l, layout.width), left: 0, top: Math.min(l.y, layout.height - 1) };
    case 'text':
      return { ...(await text(l)), left: l.x, top: l.y };
    case 'logo':
      return {
        input: await sharp(readImage(media, l.path), { failOn: FAIL_ON, limitInputPixels: PIXEL_LIMIT }).resize({ width: l.width }).png().toBuffer(),
        left: l.x,
        top: l.y,
      };
  }
}

/**
 * Draws a creative, as it is uploaded at publish time: a JPEG of high quality when it holds a
 * photo, PNG where that is smaller (flat art). Deterministic: the same layout and files give the
 * same bytes (neither encoding writes a timestamp).
 */
export async function renderCreative(media: ImageFiles, layout: CreativeLayout): Promise<EncodedImage> {
  return encodeSmaller(await creativePixels(media, layout), CREATIVE_JPEG);
}

/**
 * Encodes pixels as JPEG, or as PNG where that is smaller; a tie goes to PNG, which loses
 * nothing. PNG is only tried on flat art (formats.ts, FLAT_SHARE): a photograph's is never the
 * smaller, and encoding it would triple the time.
 */
export async function encodeSmaller(img: RgbImage, jpeg: JpegOptions): Promise<EncodedImage> {
  const pixels = () => sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
  if (flatShare(img) < FLAT_SHARE) return { data: await pixels().jpeg(jpeg).toBuffer(), format: 'jpeg' };
  const [jpg, png] = await Promise.all([pixels().jpeg(jpeg).toBuffer(), pixels().png().toBuffer()]);
  return png.length <= jpg.length ? { data: png, format: 'png' } : { data: jpg, format: 'jpeg' };
}

/** One line block of text as raw pixels, or nothing for empty text. */
async function textBlock(s: string, size: number, weight: 'regular' | 'bold', color: string, width: number, maxLines: number): Promise<Raw | undefined> {
  if (!s.trim()) return undefined;
  return text({ kind: 'text', text: s, x: 0, y: 0, width, size, weight, color, align: 'left', maxLines });
}

/** Blends an RGBA block ("over", straight alpha) onto an RGB buffer `width` pixels wide, clipped to it. */
function blendOnto(rgb: Buffer, width: number, block: Raw, left: number, top: number): void {
  const src = block.input as Uint8Array;
  const { width: w, height: h } = block.raw;
  const rows = Math.min(h, rgb.length / (width * 3) - top);
  const cols = Math.min(w, width - left);
  for (let r = 0; r < rows; r++) {
    let s = r * w * 4;
    let d = ((top + r) * width + left) * 3;
    for (let c = 0; c < cols; c++, s += 4, d += 3) {
      const a = src[s + 3] as number;
      if (a === 0) continue;
      const k = 255 - a;
      rgb[d] = ((src[s] as number) * a + (rgb[d] as number) * k + 127) / 255;
      rgb[d + 1] = ((src[s + 1] as number) * a + (rgb[d + 1] as number) * k + 127) / 255;
      rgb[d + 2] = ((src[s + 2] as number) * a + (rgb[d + 2] as number) * k + 127) / 255;
    }
  }
}

/** Draws a preview card (see render/preview.ts): a JPEG of a photo, PNG where that is smaller (flat art). */
export async function renderPreview(media: ImageFiles, card: PreviewCard, fetchImage?: (url: string) => Promise<Buffer>): Promise<EncodedImage> {
  return encodeSmaller(await previewPixels(media, card, fetchImage), PREVIEW_JPEG);
}

/** A preview card's RGB pixels, before encoding. */
export async function previewPixels(media: ImageFiles, card: PreviewCard, fetchImage?: (url: string) => Promise<Buffer>): Promise<RgbImage> {
  // The text blocks are drawn (on the thread pool) while the picture is.
  const blocks = panelBlocks(card);
  // The card is drawn in two parts, stacked as raw pixels and encoded once: the picture, resized
  // in one pipeline, and the white text panel with its text. sharp composites a layer by spreading
  // it over the whole image, so small layers go onto the part they sit on, never the whole card.
  const picture = await pictureRgb(media, card, fetchImage);
  const panel = textPanel(await blocks);
  return { data: Buffer.concat([picture, panel]), width: CARD.width, height: CARD.image + CARD.panel };
}

/** The panel's title, excerpt and footer, drawn as text blocks (none for an empty one). */
function panelBlocks(card: PreviewCard): Promise<(Raw | undefined)[]> {
  return Promise.all(
    (
      [
        [card.title, 34, 'bold', '#111111', 2],
        [card.excerpt, 22, 'regular', '#444444', 3],
        [card.footer, 20, 'regular', '#767676', 1],
      ] as const
    ).map(([s, size, weight, color, lines]) => textBlock(s, size, weight, color, CARD.width - 48, lines)),
  );
}

/** The card's picture as raw RGB pixels, with its badge (and the note of a missing picture) on it. */
async function pictureRgb(media: ImageFiles, card: PreviewCard, fetchImage?: (url: string) => Promise<Buffer>): Promise<Buffer> {
  const { base, note } = await pictureBase(media, card.picture, fetchImage);
  const badge = badgeOverlay(card.badge);
  const overlays = [note, badge].filter((o): o is OverlayOptions => o !== undefined);
  const rgb = (img: Sharp) => img.flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer();
  const picture = await rgb(base);
  // Overlays go onto the picture's pixels (compositing onto a pipeline that still resizes costs more than the resize).
  return overlays.length ? rgb(sharp(picture, { raw: { width: CARD.width, height: CARD.image, channels: 3 } }).composite(overlays)) : picture;
}

/** The picture as one pipeline that covers the card's image area; a missing one is a grey area with a note. */
async function pictureBase(media: ImageFiles, pic: PreviewCard['picture'], fetchImage?: (url: string) => Promise<Buffer>): Promise<{ base: Sharp; note?: OverlayOptions }> {
  const cover = (input: Buffer) => covering(input, CARD.width, CARD.image, sharp.strategy.attention);
  if ('creative' in pic) {
    const c = await creativePixels(media, pic.creative);
    return { base: sharp(c.data, { raw: { width: c.width, height: c.height, channels: 3 } }).resize(CARD.width, CARD.image, { fit: 'cover', position: sharp.strategy.attention }) };
  }
  if ('path' in pic) return { base: await cover(readImage(media, pic.path)) };
  if ('url' in pic) {
    if (!fetchImage) throw new Error(`the image is remote (${pic.url}) and fetching is off`);
    return { base: await cover(await fetchImage(pic.url)) };
  }
  const base = sharp({ create: { width: CARD.width, height: CARD.image, channels: 3, background: '#eeeeee' } });
  const note = await textBlock(pic.missing, 28, 'regular', '#777777', CARD.width - 80, 2);
  return note ? { base, note: { ...note, left: 40, top: CARD.image / 2 } } : { base };
}

/** A video's play button in the middle of the picture, or a carousel's slide dots at its bottom left. */
function badgeOverlay(badge: PreviewCard['badge']): OverlayOptions | undefined {
  if (badge === 'video') {
    const play = `<svg xmlns="http://www.w3.org/2000/svg" width="140" height="140"><circle cx="70" cy="70" r="66" fill="#000" fill-opacity="0.55"/><polygon points="56,42 56,98 102,70" fill="#fff"/></svg>`;
    return { input: Buffer.from(play), left: CARD.width / 2 - 70, top: CARD.image / 2 - 70 };
  }
  if (!badge) return undefined;
  const n = badge.slides;
  const dots = Array.from({ length: n }, (_, i) => `<circle cx="${20 + i * 28}" cy="20" r="9" fill="#fff" fill-opacity="${i === 0 ? 1 : 0.55}"/>`).join('');
  return {
    input: Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${40 + n * 28}" height="40"><rect width="100%" height="100%" rx="20" fill="#000" fill-opacity="0.45"/>${dots}</svg>`,
    ),
    left: 24,
    top: CARD.image - 64,
  };
}

/**
 * The white text panel under the picture: title and excerpt stacked from the top, the footer at
 * the bottom. White with dark text: blending three small text blocks in place costs less than a
 * sharp pipeline for it.
 */
function textPanel([title, excerpt, footer]: (Raw | undefined)[]): Buffer {
  const panel = Buffer.alloc(CARD.width * CARD.panel * 3, 255);
  let y = 24;
  for (const block of [title, excerpt]) {
    if (!block) continue;
    blendOnto(panel, CARD.width, block, 24, y);
    y += block.raw.height + 12;
  }
  if (footer) blendOnto(panel, CARD.width, footer, 24, CARD.panel - 44);
  return panel;
}
