import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** SHA-256 of each repository file (media fingerprints); unreadable files are left out. */
export function digestFiles(root: string, paths: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of paths) {
    try {
      out.set(
        p,
        createHash('sha256')
          .update(readFileSync(join(root, p)))
          .digest('hex'),
      );
    } catch {
      // Validation has reported it; the pin is invalid and never published.
    }
  }
  return out;
}
