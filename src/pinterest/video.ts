import { EXIT, UserError } from '../util/user-error.js';
import type { PinterestApi, UploadFile } from './client.js';
import type { Clock } from './transport.js';

/** A video Pinterest would not take: it failed to process it, or is still at it past the time allowed. */
export class VideoError extends UserError {
  override name = 'VideoError';
  readonly exitCode = EXIT.api;
}

/**
 * Registers a video upload, streams the file to the URL Pinterest names, and waits (backing off
 * to 15 s) until Pinterest has processed it. Returns the media id for the pin's `media_source`.
 */
export async function uploadVideo(
  api: PinterestApi,
  file: UploadFile,
  fileName: string,
  clock: Clock,
  timeoutMs: number,
  /** Told of every wait on the processing, so that a long one is never silent. */
  onWait?: (status: string, waitMs: number) => void,
): Promise<string> {
  const upload = await api.registerVideo();
  await api.uploadMedia(upload, file, fileName);
  const started = clock.now();
  for (let wait = 1000; ; wait = Math.min(wait * 2, 15_000)) {
    const status = (await api.getMedia(upload.media_id)).status;
    if (status === 'succeeded') return upload.media_id;
    if (status === 'failed') throw new VideoError(`Pinterest could not process the video (media ${upload.media_id})`);
    if (clock.now() - started > timeoutMs)
      throw new VideoError(`the video was still processing after ${Math.round(timeoutMs / 60_000)} minutes (media ${upload.media_id}); the next run tries again`);
    onWait?.(status ?? 'registered', wait);
    await clock.sleep(wait);
  }
}
