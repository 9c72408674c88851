import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Code } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { type DesiredPin, desiredPins } from '../plan/desired.js';
import { EXTENSION, type ImageFormat } from '../render/formats.js';
import { loadRenderer } from '../render/natives.js';
import { previewCard } from '../render/preview.js';
import { SettingsError } from '../settings/load.js';
import { mapLimit } from '../util/concurrency.js';
import { privateNetworkFrom, safeFetch } from '../util/safe-fetch.js';
import { validateRepository } from './validate.js';

export interface PreviewResult {
  /** Previews drawn; `problem` is why the pin is invalid, when it is (it is drawn all the same). */
  written: { key: string; file: string; problem?: string }[];
  failed: { key: string; file: string; error: string }[];
}

/** Problems with a pin's pictures: validation refused them, so they are never decoded for a preview. */
const MEDIA_CODES: ReadonlySet<Code> = new Set<Code>([
  'missing-media',
  'conflicting-media',
  'media-not-found',
  'outside-repo',
  'media-not-image',
  'media-not-video',
  'media-unsupported-format',
  'media-too-large',
  'media-too-many-pixels',
  'media-invalid-url',
  'carousel-size',
  'carousel-dimensions',
  'video-cover-missing',
]);

/**
 * Why an invalid pin gets no preview: it has no fields or media to draw, or validation refused its
 * media. Any other invalid pin (a title over its limit, an unknown board) is drawn with its picture.
 */
export function notDrawable(d: DesiredPin, diagnostics: readonly Diagnostic[]): string | undefined {
  if (!d.invalid) return undefined;
  const media = diagnostics.find((p) => p.pin === d.key && p.severity === 'error' && MEDIA_CODES.has(p.code));
  if (media) return `the pin is invalid: ${media.message} (${media.file}:${media.line})`;
  return d.media ? undefined : `the pin is invalid: ${d.invalid}`;
}

/** Fetches remote pin images for previews: 20 MB and 20 s at most, private networks only when allowed. */
export function remoteImages(allowPrivate: boolean, env: Record<string, string | undefined>): (url: string) => Promise<Buffer> {
  return async (url) => (await safeFetch(url, { allowPrivate: privateNetworkFrom(env, allowPrivate), maxBytes: 20 * 1024 * 1024, timeoutMs: 20_000 })).bytes;
}

/** A pin id as the file name of its preview: `winter/boots` → `winter__boots.jpg` (or `.png`, as it was encoded). */
export const previewName = (key: string, format: ImageFormat) => `${key.replace(/[^A-Za-z0-9._-]+/g, '__')}.${EXTENSION[format]}`;

/**
 * Renders a preview card for every pin (drafts too) or for the pins of the files given, on as many
 * cores as there are. One pin that cannot be drawn (a corrupt image) never stops the others.
 */
export async function renderPreviews(opts: {
  root: string;
  config?: string;
  env: Record<string, string | undefined>;
  files?: string[];
  out: string;
  onProgress?: (done: number, total: number) => void;
}): Promise<PreviewResult> {
  const v = await validateRepository({ root: opts.root, env: opts.env, ...(opts.config ? { config: opts.config } : {}) });
  if (!v.ok) throw new SettingsError(v.diagnostics);
  const wanted = opts.files?.map((f) => f.replace(/\\/g, '/').replace(/^\.\//, ''));
  const desired = desiredPins(v.pins, v.diagnostics, v.settings, new Map()).filter(
    (d) => !wanted?.length || wanted.some((w) => d.file === w || d.file.startsWith(`${w.replace(/\/+$/, '')}/`)),
  );
  await mkdir(opts.out, { recursive: true });
  const result: PreviewResult = { written: [], failed: [] };
  const { renderPreview } = await loadRenderer();
  let done = 0;
  await mapLimit(desired, Math.max(1, cpus().length), async (d) => {
    try {
      const refused = notDrawable(d, v.diagnostics);
      if (refused) throw new Error(refused);
      const image = await renderPreview(v.media, previewCard(d), remoteImages(v.settings.allow_private_network, opts.env));
      const file = join(opts.out, previewName(d.key, image.format));
      await writeFile(file, image.data);
      // An earlier preview of the pin in the other format would look like this one.
      await rm(join(opts.out, previewName(d.key, image.format === 'jpeg' ? 'png' : 'jpeg')), { force: true });
      result.written.push({ key: d.key, file, ...(d.invalid ? { problem: d.invalid } : {}) });
    } catch (err) {
      result.failed.push({ key: d.key, file: d.file, error: err instanceof Error ? err.message : String(err) });
    }
    opts.onProgress?.(++done, desired.length);
  });
  result.written.sort((a, b) => (a.key < b.key ? -1 : 1));
  return result;
}
