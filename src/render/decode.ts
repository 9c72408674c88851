import { MEDIA_LIMITS } from '../content/media.js';
import { FAIL_ON } from './fail-on.js';
import { loadSharp } from './natives.js';

/**
 * Decodes an image in full, as what is sent must decode; `undefined` when it does, else libvips'
 * reason. Its last row is cut out at full scale: reading sequentially, libvips decodes every row
 * before it (every byte of the compressed data) and keeps only a few rows at a time, so memory
 * stays small and no pixels are stored. sharp loads only here.
 *
 * libvips keeps one error buffer for the whole process, so the reason for a failure that happened
 * beside other decodes may be another image's: a failed image is decoded once more alone, for
 * its own reason.
 */
export async function decodeProblem(bytes: Uint8Array): Promise<string | undefined> {
  const sharp = await loadSharp();
  const attempt = async (): Promise<string | undefined> => {
    try {
      const img = sharp(bytes, { failOn: FAIL_ON, limitInputPixels: MEDIA_LIMITS.imagePixels, sequentialRead: true });
      const { width = 0, height = 0 } = await img.metadata();
      if (width < 1 || height < 1) return 'it has no pixels';
      await img
        .extract({ left: 0, top: height - 1, width: 1, height: 1 })
        .raw()
        .toBuffer();
      return undefined;
    } catch (err) {
      return ((err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '').trim().replace(/:$/, '') || 'it does not decode';
    }
  };
  if (!(await withLock(false, attempt))) return undefined;
  return withLock(true, attempt);
}

/** Decodes that run now; `alone` while one runs by itself. Waiting turns are served in order. */
let running = 0;
let alone = false;
const turns: { exclusive: boolean; go: () => void }[] = [];

function next(): void {
  for (let t = turns[0]; t; t = turns[0]) {
    if (alone || (t.exclusive && running > 0)) return;
    turns.shift();
    if (t.exclusive) alone = true;
    else running++;
    t.go();
    if (t.exclusive) return;
  }
}

async function withLock<T>(exclusive: boolean, fn: () => Promise<T>): Promise<T> {
  await new Promise<void>((go) => {
    turns.push({ exclusive, go });
    next();
  });
  try {
    return await fn();
  } finally {
    if (exclusive) alone = false;
    else running--;
    next();
  }
}
