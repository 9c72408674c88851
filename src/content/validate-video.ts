import type { Code } from '../diagnostics/codes.js';
import { isSandbox } from '../settings/sandbox.js';
import type { Settings } from '../settings/schema.js';
import type { PinFields } from './schema.js';
import type { FieldPath } from './yaml-source.js';

/** Reports one problem of a pin at one of its fields (validate.ts's `report`, bound to the pin). */
export type PinReport = (code: Code, field: FieldPath, message: string, hint?: string) => void;

/**
 * A video pin's own checks: its cover is an image (`cover:`) or one of its frames (`cover_time:`,
 * the spec's `cover_image_key_frame_time`), exactly one of them, and neither on another pin; and
 * Pinterest's API Sandbox takes no video pins, which is said before anything is sent.
 * (`cover_time`'s type and range are the schema's: a whole number of seconds, at least 0.)
 */
export function checkVideo(f: PinFields, settings: Settings, report: PinReport): void {
  const covers = (['cover', 'cover_time'] as const).filter((k) => f[k] !== undefined);
  if (f.video === undefined) {
    for (const k of covers) report('invalid-value', [k], `\`${k}\` is only for video pins`, `Remove \`${k}:\`, or add \`video:\`.`);
    return;
  }
  if (covers.length === 0) report('video-cover-missing', ['video'], 'a video pin needs a cover: `cover:` with an image, or `cover_time:` with the second whose frame is shown');
  if (covers.length === 2)
    report('conflicting-media', ['cover_time'], 'the pin has both `cover` and `cover_time`', 'Keep one: `cover:` (an image) or `cover_time:` (a frame of the video).');
  if (isSandbox(settings)) report('sandbox-video', ['video'], "a video pin cannot be published to Pinterest's API Sandbox (`api: sandbox` in pinops.yml)");
}
