import { posix } from 'node:path';

/** Pinterest's limits on media (pin specs; API v5 base64 uploads take JPEG and PNG only). */
export const MEDIA_LIMITS = {
  imageBytes: 20 * 1024 * 1024,
  videoBytes: 2 * 1024 * 1024 * 1024,
  /** Images with more pixels are refused before any decoding: they cannot be rendered safely. */
  imagePixels: 100_000_000,
  /** Formats Pinterest takes; all but JPEG and PNG are converted before upload. */
  imageFormats: ['jpg', 'png', 'webp', 'gif', 'tiff'],
  videoFormats: ['mp4', 'mov', 'm4v'],
} as const;

/** What a media reference in a pin names. */
export type MediaRef = { kind: 'url'; url: string } | { kind: 'file'; path: string } | { kind: 'outside'; path: string } | { kind: 'bad-url'; url: string };

/**
 * Resolves `ref` (as written in the pin) against the pin file's folder. Pure: symbolic links
 * are the adapter's business, `..` that climbs out of the repository is caught here.
 */
export function resolveMediaRef(pinFile: string, ref: string): MediaRef {
  // Pins in one folder name the same few files again and again: resolve each pair once.
  const key = `${pinFile.slice(0, pinFile.lastIndexOf('/'))}\0${ref}`;
  let hit = resolved.get(key);
  if (!hit) {
    hit = resolve(pinFile, ref);
    if (resolved.size > 100_000) resolved.clear();
    resolved.set(key, hit);
  }
  return hit;
}

const resolved = new Map<string, MediaRef>();

function resolve(pinFile: string, ref: string): MediaRef {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
    try {
      const u = new URL(ref);
      return u.protocol === 'https:' ? { kind: 'url', url: u.href } : { kind: 'bad-url', url: ref };
    } catch {
      return { kind: 'bad-url', url: ref };
    }
  }
  if (ref.startsWith('/') || ref.startsWith('\\')) return { kind: 'outside', path: ref };
  const joined = posix.normalize(posix.join(posix.dirname(pinFile), ref.replace(/\\/g, '/')));
  if (joined === '..' || joined.startsWith('../')) return { kind: 'outside', path: ref };
  return { kind: 'file', path: joined };
}

/** What probing a media file found: its real format and size, from its header only. */
export type MediaInfo =
  | { ok: true; kind: 'image'; format: string; width: number; height: number; bytes: number }
  | { ok: true; kind: 'video'; format: string; bytes: number }
  | { ok: false; problem: 'not-found' | 'outside' | 'not-media' | 'unreadable'; detail: string }
  | { ok: false; problem: 'unsupported'; kind: 'image' | 'video' | 'unknown'; format: string; detail: string };
