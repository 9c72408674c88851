import { MEDIA_LIMITS } from '../content/media.js';
import { hashMediaFile } from './media-file.js';

/**
 * SHA-256 of each repository media file (media fingerprints), keyed by path; `kinds` says what
 * each path is used as, which sets its size cap. Each file is checked before it is read (inside
 * the repository, a regular file, within the cap: a link to /dev/zero is never read) and hashed in
 * chunks. Files that fail a check are left out: validation has reported them, and their pins are
 * never published.
 */
export function digestFiles(root: string, kinds: ReadonlyMap<string, 'image' | 'video'>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [p, kind] of kinds) {
    try {
      out.set(p, hashMediaFile(root, p, kind === 'video' ? MEDIA_LIMITS.videoBytes : MEDIA_LIMITS.imageBytes));
    } catch {
      // Validation has reported it; the pin is invalid and never published.
    }
  }
  return out;
}
