import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { desiredPins } from '../plan/desired.js';
import { EXTENSION, type ImageFormat } from '../render/formats.js';
import { loadRenderer } from '../render/natives.js';
import { previewCard } from '../render/preview.js';
import { SettingsError } from '../settings/load.js';
import { mapLimit } from '../util/concurrency.js';
import { privateNetworkFrom, safeFetch } from '../util/safe-fetch.js';
import { validateRepository } from './validate.js';

export interface PreviewResult {
  written: { key: string; file: string }[];
  failed: { key: string; file: string; error: string }[];
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
      if (d.invalid) throw new Error(`the pin is invalid: ${d.invalid}`);
      const image = await renderPreview(v.media, previewCard(d), remoteImages(v.settings.allow_private_network, opts.env));
      const file = join(opts.out, previewName(d.key, image.format));
      await writeFile(file, image.data);
      // An earlier preview of the pin in the other format would look like this one.
      await rm(join(opts.out, previewName(d.key, image.format === 'jpeg' ? 'png' : 'jpeg')), { force: true });
      result.written.push({ key: d.key, file });
    } catch (err) {
      result.failed.push({ key: d.key, file: d.file, error: err instanceof Error ? err.message : String(err) });
    }
    opts.onProgress?.(++done, desired.length);
  });
  result.written.sort((a, b) => (a.key < b.key ? -1 : 1));
  return result;
}
