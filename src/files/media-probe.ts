import { closeSync, lstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { imageSize } from 'image-size';
import { MEDIA_LIMITS, type MediaInfo, type MediaProbe } from '../content/media.js';

const HEAD = 64 * 1024;
const MAX_HEAD = 2 * 1024 * 1024;
const IMAGE_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1', 'avif', 'avis']);

/**
 * Probes media in the repository at `root` by reading file headers only: a 30000×30000 PNG costs
 * one 64 KB read, never a decode. Results are cached per path, since pins often share media.
 * The reads are synchronous: a header read is too small to be worth a trip through the thread pool.
 */
export function createFsMediaProbe(root: string): MediaProbe {
  const cache = new Map<string, Promise<MediaInfo>>();
  let realRoot: string | undefined;
  return {
    probe(path) {
      let hit = cache.get(path);
      if (!hit) {
        realRoot ??= realpathSync(root);
        hit = Promise.resolve(probeFile(realRoot, join(realRoot, path)));
        cache.set(path, hit);
      }
      return hit;
    },
  };
}

function probeFile(realRoot: string, abs: string): MediaInfo {
  try {
    lstatSync(abs);
  } catch {
    return { ok: false, problem: 'not-found', detail: 'no such file' };
  }
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return { ok: false, problem: 'not-found', detail: 'a symbolic link to a file that does not exist' };
  }
  if (!real.startsWith(realRoot + sep)) return { ok: false, problem: 'outside', detail: 'a symbolic link that leads outside the repository' };
  const st = statSync(real);
  if (!st.isFile()) return { ok: false, problem: 'not-found', detail: 'a folder, not a file' };
  if (st.size === 0) return { ok: false, problem: 'not-media', detail: 'an empty (0-byte) file' };
  let head = readHead(real, Math.min(st.size, HEAD));
  for (;;) {
    const info = probeHeader(head, st.size);
    // JPEG dimensions can sit behind large metadata blocks: read further before giving up.
    if (info !== 'need-more') return info;
    if (head.length < st.size && head.length < MAX_HEAD) head = readHead(real, Math.min(st.size, head.length * 4, MAX_HEAD));
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

function readHead(path: string, length: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(length);
    const bytesRead = readSync(fd, buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    closeSync(fd);
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
