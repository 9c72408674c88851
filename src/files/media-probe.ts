import { imageSize } from 'image-size';
import { MEDIA_LIMITS, type MediaInfo, type MediaProbe } from '../content/media.js';
import { MediaFileError, type OpenMedia, openMediaFile } from './media-file.js';

const HEAD = 64 * 1024;
const MAX_HEAD = 2 * 1024 * 1024;
const IMAGE_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1', 'avif', 'avis']);
/**
 * Probes media in the repository at `root` by reading file headers only: a 30000×30000 PNG costs
 * one 64 KB read, never a decode. Every file is checked before a byte is read (inside the
 * repository by its real path, a regular file: see files/media-file.ts). Results are cached per
 * path, since pins often share media.
 */
export function createFsMediaProbe(root: string): MediaProbe {
  const cache = new Map<string, Promise<MediaInfo>>();
  return {
    probe(path) {
      let hit = cache.get(path);
      if (!hit) {
        hit = Promise.resolve(probeFile(root, path));
        cache.set(path, hit);
      }
      return hit;
    },
  };
}

function probeFile(root: string, path: string): MediaInfo {
  let f: OpenMedia;
  try {
    f = openMediaFile(root, path, Number.MAX_SAFE_INTEGER);
  } catch (err) {
    if (!(err instanceof MediaFileError)) throw err;
    return { ok: false, problem: err.problem === 'too-large' ? 'not-media' : err.problem, detail: err.detail };
  }
  try {
    return readInfo(f);
  } finally {
    f.close();
  }
}

function readInfo(f: OpenMedia): MediaInfo {
  if (f.size === 0) return { ok: false, problem: 'not-media', detail: 'an empty (0-byte) file' };
  let head = f.read(0, Math.min(f.size, HEAD));
  for (;;) {
    const info = probeHeader(head, f.size);
    // JPEG dimensions can sit behind large metadata blocks: read further before giving up.
    if (info !== 'need-more') {
      return info;
    }
    if (head.length < f.size && head.length < MAX_HEAD) head = f.read(0, Math.min(f.size, head.length * 4, MAX_HEAD));
    else return { ok: false, problem: 'not-media', detail: 'an image whose header cannot be read (truncated or corrupt)' };
  }
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
