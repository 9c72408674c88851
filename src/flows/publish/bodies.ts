import { basename } from 'node:path';
import { MEDIA_LIMITS } from '../../content/media.js';
import { MediaFileError } from '../../files/media-file.js';
import type { MediaFiles } from '../../files/media-library.js';
import type { PinterestApi } from '../../pinterest/client.js';
import type { Clock } from '../../pinterest/transport.js';
import type { PinCreate } from '../../pinterest/types.js';
import { uploadVideo } from '../../pinterest/video.js';
import type { DesiredPin, MediaSource, MediaSpec } from '../../plan/desired.js';
import { decodeProblem } from '../../render/decode.js';
import { FAIL_ON } from '../../render/fail-on.js';
import { CONTENT_TYPE } from '../../render/formats.js';
import { loadRenderer, loadSharp } from '../../render/natives.js';
import { EXIT, UserError } from '../../util/user-error.js';
import type { BoardDirectory } from './boards.js';

/**
 * A pin's body for Pinterest, from its files: images read (after their checks) and decoded in full
 * before they are sent, creatives rendered from their templates, a video streamed to Pinterest's
 * upload. The Pinterest adapter only sends; what is sent is made here, once per pin.
 */

type MediaSourceBody = NonNullable<PinCreate['media_source']>;
type VideoCoverBody = Pick<
  Extract<MediaSourceBody, { source_type: 'video_id' }>,
  'cover_image_url' | 'cover_image_content_type' | 'cover_image_data' | 'cover_image_key_frame_time'
>;

/** The pin's text, for creative templates that print it. */
export interface CreativeText {
  title: string;
  description: string;
  link?: string;
  board: string;
}

/** Media that cannot be sent: names the reason. */
export class MediaError extends UserError {
  override name = 'MediaError';
  readonly exitCode = EXIT.content;
}

/** Opens or reads a repository media file after its checks (files/media-file.ts); a refusal is a MediaError. */
function checked<T>(open: () => T): T {
  try {
    return open();
  } catch (err) {
    if (err instanceof MediaFileError) throw new MediaError(`${err.message}; nothing was sent`);
    throw err;
  }
}

async function asBase64(media: MediaFiles, src: { path: string }): Promise<{ content_type: 'image/jpeg' | 'image/png'; data: string }> {
  const bytes = checked(() => media.bytes(src.path, MEDIA_LIMITS.imageBytes));
  const refused = (why: string) => new MediaError(`${src.path} does not decode as an image: it is truncated or corrupt (${why}); nothing was sent`);
  const type = bytes[0] === 0xff && bytes[1] === 0xd8 ? 'image/jpeg' : bytes[0] === 0x89 && bytes[1] === 0x50 ? 'image/png' : undefined;
  if (type) {
    // What is sent is what decoded: the same bytes, decoded in full first.
    const why = await decodeProblem(bytes);
    if (why) throw refused(why);
    return { content_type: type, data: bytes.toString('base64') };
  }
  // Base64 uploads take JPEG and PNG only: other formats are converted (sharp loads only here).
  const sharp = await loadSharp();
  try {
    const png = await sharp(bytes, { failOn: FAIL_ON, limitInputPixels: MEDIA_LIMITS.imagePixels }).rotate().png().toBuffer();
    return { content_type: 'image/png', data: png.toString('base64') };
  } catch (err) {
    throw refused((err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '');
  }
}

/** The `media_source` of a create: uploads a video first when there is one. */
export async function mediaSource(
  files: MediaFiles,
  media: MediaSpec | undefined,
  api: PinterestApi,
  clock: Clock,
  videoTimeoutMs = 10 * 60_000,
  text?: CreativeText,
  /** Told of every wait on Pinterest's processing of a video, so that a long one is never silent. */
  onWait?: (line: string) => void,
): Promise<MediaSourceBody> {
  if (!media) throw new MediaError('the pin has no media');
  const image = async (src: MediaSource): Promise<MediaSourceBody> =>
    'url' in src ? { source_type: 'image_url', url: src.url } : { source_type: 'image_base64', ...(await asBase64(files, src)) };
  switch (media.kind) {
    case 'image':
      return image(media.image);
    case 'carousel': {
      if (media.images.every((s) => 'url' in s)) return { source_type: 'multiple_image_urls', items: media.images.map((s) => ({ url: (s as { url: string }).url })) };
      if (media.images.some((s) => 'url' in s)) throw new MediaError('a carousel mixes repository images and URLs; use one kind');
      return { source_type: 'multiple_image_base64', items: await Promise.all(media.images.map((s) => asBase64(files, s as { path: string }))) };
    }
    case 'video': {
      if ('url' in media.video) throw new MediaError('video must be a file in the repository');
      // The file is checked and opened before Pinterest is asked for an upload, and streamed from disk.
      const path = media.video.path;
      const file = checked(() => files.upload(path, MEDIA_LIMITS.videoBytes));
      const mediaId = await uploadVideo(api, file, basename(path), clock, videoTimeoutMs, (status, wait) =>
        onWait?.(`video ${path}: Pinterest is processing it (${status}); waiting ${wait / 1000} s`),
      ).finally(() => file.close());
      return { source_type: 'video_id', media_id: mediaId, ...(await videoCover(files, media)) };
    }
    case 'template': {
      // The creative is rendered here, the same bytes every time (sharp loads only here).
      if (media.image && 'url' in media.image) throw new MediaError(`the image of a template pin must be a file in the repository, not ${media.image.url}`);
      const { creativeLayout } = await import(/* webpackMode: "eager" */ '../../render/layout.js');
      const { renderCreative } = await loadRenderer();
      const layout = creativeLayout(
        { ...(text ?? { title: '', description: '', board: '' }), fields: media.fields, ...(media.image ? { image: media.image.path } : {}) },
        media.spec,
      );
      // A creative of a photo goes as JPEG (a PNG of it is 5–10 times the bytes, and base64 adds a third), flat art as PNG.
      const creative = await renderCreative(files, layout);
      return { source_type: 'image_base64', content_type: CONTENT_TYPE[creative.format], data: creative.data.toString('base64') };
    }
  }
}

/** A video's cover fields: its image (a URL, or the file's bytes), or the frame Pinterest takes at `coverTime` seconds. */
async function videoCover(files: MediaFiles, media: Extract<MediaSpec, { kind: 'video' }>): Promise<VideoCoverBody> {
  if (media.coverTime !== undefined) return { cover_image_key_frame_time: media.coverTime };
  if (!media.cover) throw new MediaError('the video has no cover: give it `cover:` or `cover_time:`');
  if ('url' in media.cover) return { cover_image_url: media.cover.url };
  const c = await asBase64(files, media.cover);
  return { cover_image_content_type: c.content_type, cover_image_data: c.data };
}

/** What making a body needs besides the pin. */
export interface BodyDeps {
  media: MediaFiles;
  api: PinterestApi;
  clock: Clock;
  videoTimeoutMs: number | undefined;
  log: (line: string) => void;
}

/** The create request for a pin: its board and section (created on demand), text, and media. */
export async function pinBody(d: DesiredPin, boards: BoardDirectory, deps: BodyDeps): Promise<PinCreate> {
  const ids = await boards.board(d.board);
  const section = d.section ? await boards.section(d.board, ids, d.section) : undefined;
  const text = { title: d.title, description: d.description, board: d.board, ...(d.link ? { link: d.link } : {}) };
  return {
    board_id: ids.id,
    ...(section ? { board_section_id: section } : {}),
    title: d.title,
    description: d.description,
    ...(d.link ? { link: d.link } : {}),
    ...(d.altText ? { alt_text: d.altText } : {}),
    ...(d.dominantColor ? { dominant_color: d.dominantColor } : {}),
    media_source: await mediaSource(deps.media, d.media, deps.api, deps.clock, deps.videoTimeoutMs, text, (line) => deps.log(`· ${line}`)),
  };
}
