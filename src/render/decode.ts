import { MEDIA_LIMITS } from '../content/media.js';
import { loadSharp } from './natives.js';

/**
 * How strict decoding is wherever media is read for Pinterest: a truncated or corrupt image fails
 * (libvips errors), a harmless warning (extra bytes after the end of a JPEG) does not.
 */
export const FAIL_ON = 'error' as const;

/**
 * Decodes an image in full (every pixel, streamed through libvips: memory stays small), as what
 * is sent must be; `undefined` when it decodes, else libvips' reason. sharp loads only here.
 */
export async function decodeProblem(bytes: Uint8Array): Promise<string | undefined> {
  const sharp = await loadSharp();
  try {
    await sharp(bytes, { failOn: FAIL_ON, limitInputPixels: MEDIA_LIMITS.imagePixels, sequentialRead: true }).stats();
    return undefined;
  } catch (err) {
    return ((err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '').trim().replace(/:$/, '') || 'it does not decode';
  }
}
