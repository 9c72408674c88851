import type { MediaFiles } from './media-library.js';

/**
 * SHA-256 of each repository media file (media fingerprints), keyed by path; `kinds` says what
 * each path is used as, which sets its size cap. Each file is checked before it is read (inside
 * the repository, a regular file, within the cap: a link to /dev/zero is never read); a file the
 * run's validation read whole is not read again. Files that fail a check are left out: validation
 * has reported them, and their pins are never published.
 */
export function digestFiles(media: MediaFiles, kinds: ReadonlyMap<string, 'image' | 'video'>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [p, kind] of kinds) {
    try {
      out.set(p, media.digest(p, kind));
    } catch {
      // Validation has reported it; the pin is invalid and never published.
    }
  }
  return out;
}
