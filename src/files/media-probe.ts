import { imageSize } from 'image-size';
import { MEDIA_LIMITS, type MediaInfo } from '../content/media.js';
import type { MediaFileError, OpenMedia } from './media-file.js';

const HEAD = 64 * 1024;
/** The end of an image that is looked at for its closing marker. */
const TAIL = 64 * 1024;
const MAX_HEAD = 2 * 1024 * 1024;
const IMAGE_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1', 'avif', 'avis']);
/** Top-level boxes of an MP4/MOV walked at most (a long fragmented video has a few thousand). */
const MAX_BOXES = 100_000;
/** Images decoded at once: each holds its file (up to 20 MB) while libvips reads it. */
const DECODES = 4;

/** Decodes an image in full; `undefined` when it decodes, else why not. Tests may pass their own. */
export type ImageDecoder = (bytes: Uint8Array) => Promise<string | undefined>;

/**
 * Runs `fn`s at most `n` at a time: decodes hold their file (up to 20 MB) while libvips reads it.
 */
export function limiter(n = DECODES): <T>(fn: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  return async (fn) => {
    // A slot is handed from one call to the next waiting, so no more than `n` ever run.
    if (running >= n) await new Promise<void>((r) => queue.push(r));
    else running++;
    try {
      return await fn();
    } finally {
      const next = queue.shift();
      if (next) next();
      else running--;
    }
  };
}

/** A refusal of `openMediaFile` as validation reports it (a file too large is reported by its header instead). */
export function refusedInfo(err: MediaFileError): MediaInfo {
  return { ok: false, problem: err.problem === 'too-large' ? 'not-media' : err.problem, detail: err.detail };
}

/**
 * What an opened media file is, for validation; closes `f`. Formats and sizes come from headers
 * (a 30000×30000 PNG costs one 64 KB read, never a decode); a video's top-level boxes are walked
 * (a few reads of 16 bytes); an image within the limits is checked for a cut end. `f` may be a
 * file or bytes read already (files/media-library.ts).
 */
export async function probeOpened(f: OpenMedia, decode: ImageDecoder, gate: ReturnType<typeof limiter>): Promise<MediaInfo> {
  let info: MediaInfo;
  try {
    info = readInfo(f);
  } catch (err) {
    f.close();
    throw err;
  }
  // Only an image within the limits is looked at further (validation reports the others by their header).
  if (!info.ok || info.kind !== 'image' || info.bytes > MEDIA_LIMITS.imageBytes || info.width * info.height > MEDIA_LIMITS.imagePixels) {
    f.close();
    return info;
  }
  const image = info;
  // A cut file is found by its end, without a decode (validation reads 10,000 pins in well under a
  // second; decoding their photos would take longer than all the rest): the full decode happens
  // before a pin is sent, where a corrupt middle makes only that pin fail.
  if (image.format !== 'tiff') {
    const start = f.read(0, Math.min(f.size, 12));
    const tail = f.read(Math.max(0, f.size - TAIL), Math.min(f.size, TAIL));
    f.close();
    const cut = endProblem(image.format, start, tail, f.size);
    return cut ? { ok: false, problem: 'not-media', detail: `an image that does not decode: it is truncated or corrupt (${cut})` } : image;
  }
  return gate(async () => {
    let bytes: Buffer;
    try {
      bytes = f.read(0, f.size);
    } finally {
      f.close();
    }
    const why = await decode(bytes);
    if (!why) return image;
    if (/unsupported image format/i.test(why))
      return { ok: false, problem: 'not-media', detail: `a ${image.format.toUpperCase()} image that pinops cannot decode (to convert it for Pinterest)` };
    return { ok: false, problem: 'not-media', detail: `an image that does not decode: it is truncated or corrupt (${why})` };
  });
}

function readInfo(f: OpenMedia): MediaInfo {
  if (f.size === 0) return { ok: false, problem: 'not-media', detail: 'an empty (0-byte) file' };
  let head = f.read(0, Math.min(f.size, HEAD));
  for (;;) {
    const info = probeHeader(head, f.size);
    // JPEG dimensions can sit behind large metadata blocks: read further before giving up.
    if (info !== 'need-more') {
      if (info.ok && info.kind === 'video') {
        const why = containerProblem(f);
        if (why) return { ok: false, problem: 'not-media', detail: `not a complete ${info.format.toUpperCase()} video: ${why}` };
      }
      return info;
    }
    if (head.length < f.size && head.length < MAX_HEAD) head = f.read(0, Math.min(f.size, head.length * 4, MAX_HEAD));
    else return { ok: false, problem: 'not-media', detail: 'an image whose header cannot be read (truncated or corrupt)' };
  }
}

/**
 * Walks an MP4/MOV's top-level boxes by their headers: `ftyp` first, every box's size within the
 * file and the sizes adding up to the file's, a `moov` (the index) and an `mdat` (the media data).
 * A file that merely starts with an `ftyp` box fails here. `undefined` when the container holds.
 */
export function containerProblem(f: Pick<OpenMedia, 'size' | 'read'>): string | undefined {
  const seen = new Set<string>();
  const buf = Buffer.alloc(16);
  let at = 0;
  for (let n = 1; at < f.size; n++) {
    if (n > MAX_BOXES) return `more than ${MAX_BOXES.toLocaleString('en-US')} top-level boxes`;
    const b = f.read(at, 16, buf);
    if (b.length < 8) return `it ends in ${b.length} stray byte(s) after its last box`;
    const type = b.toString('latin1', 4, 8);
    if (!/^[\x20-\x7e]{4}$/.test(type)) return `the bytes at offset ${at} are not a box (the file is cut, or not an MP4)`;
    if (n === 1 && type !== 'ftyp') return 'its first box is not `ftyp`';
    let size = b.readUInt32BE(0);
    let header = 8;
    if (size === 1) {
      if (b.length < 16) return `the box "${type}" at offset ${at} is cut off`;
      size = Number(b.readBigUInt64BE(8));
      header = 16;
    } else if (size === 0) size = f.size - at;
    if (size < header) return `the box "${type}" at offset ${at} has an impossible size (${size})`;
    if (at + size > f.size) return `the box "${type}" at offset ${at} is ${size} bytes, past the end of the file (${f.size} bytes): the file is cut`;
    seen.add(type);
    at += size;
  }
  if (!seen.has('moov')) return 'it has no `moov` box (the index of the video)';
  if (!seen.has('mdat')) return 'it has no `mdat` box (the video data)';
  return undefined;
}

/**
 * What a file is, from its first bytes (`size` is the whole file's): a video by its container, an
 * image by its header, never by decoding. `need-more` when an image header runs past `head`.
 */
export function probeHeader(head: Uint8Array, size: number): MediaInfo | 'need-more' {
  const video = sniffVideo(head);
  if (video) {
    if (video.supported) return { ok: true, kind: 'video', format: video.format, bytes: size };
    return { ok: false, problem: 'unsupported', kind: 'video', format: video.format, detail: `a ${video.format.toUpperCase()} video` };
  }
  try {
    const dims = imageSize(head);
    const format = dims.type ?? 'unknown';
    if (!(MEDIA_LIMITS.imageFormats as readonly string[]).includes(format)) {
      return { ok: false, problem: 'unsupported', kind: 'image', format, detail: `a ${format.toUpperCase()} image` };
    }
    // EXIF orientations 5–8 turn the image a quarter: what people see is the swapped size.
    const turned = (dims.orientation ?? 1) >= 5;
    return { ok: true, kind: 'image', format, width: turned ? dims.height : dims.width, height: turned ? dims.width : dims.height, bytes: size };
  } catch (err) {
    if (err instanceof Error && /unsupported file type/.test(err.message)) return { ok: false, problem: 'not-media', detail: 'not an image or video by its contents' };
    return head.length < size ? 'need-more' : { ok: false, problem: 'not-media', detail: 'an image whose header cannot be read (truncated or corrupt)' };
  }
}

function ascii(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, to));
}

/** ISO base media (MP4/MOV/M4V) by its `ftyp` box; other containers are named to refuse them. */
function sniffVideo(b: Uint8Array): { format: string; supported: boolean } | undefined {
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12).trim().toLowerCase();
    if (IMAGE_BRANDS.has(brand)) return undefined;
    if (brand === 'qt') return { format: 'mov', supported: true };
    if (brand.startsWith('m4v')) return { format: 'm4v', supported: true };
    return { format: 'mp4', supported: true };
  }
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return { format: 'webm', supported: false };
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'AVI ') return { format: 'avi', supported: false };
  return undefined;
}

/**
 * Why an image's end shows it was cut, if it does: a JPEG ends with its end-of-image marker after
 * the last scan, a PNG with its IEND chunk, a GIF with its trailer, a WebP holds the bytes its RIFF
 * header declares. Bytes after the end (some cameras add them) are harmless. `start` is the file's
 * first 12 bytes, `tail` its last ones (all of a small file), `size` its length.
 */
export function endProblem(format: string, start: Buffer, tail: Buffer, size: number): string | undefined {
  switch (format) {
    case 'jpg': {
      const eoi = tail.lastIndexOf(Buffer.from([0xff, 0xd9]));
      // A small file is read whole: its end must come after the last start of scan (an EXIF thumbnail has its own end marker).
      const sos = size <= tail.length ? tail.lastIndexOf(Buffer.from([0xff, 0xda])) : -1;
      return eoi < 0 || eoi < sos ? 'the JPEG ends before its end-of-image marker' : undefined;
    }
    case 'png':
      return tail.includes(Buffer.from('IEND')) ? undefined : 'the PNG ends before its IEND chunk';
    case 'gif':
      return tail.subarray(-16).includes(0x3b) ? undefined : 'the GIF ends before its trailer';
    case 'webp':
      return start.length >= 12 && start.readUInt32LE(4) + 8 > size ? 'the WebP ends before the length its header declares' : undefined;
    default:
      return undefined;
  }
}
