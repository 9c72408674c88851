import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RepoContext } from '../github/pr-comment.js';
import { changedFiles, MARKER, replaceFolder, updateComment, upsertComment } from '../github/previews.js';
import { type DesiredPin, desiredPins, type MediaSource } from '../plan/desired.js';
import { loadRenderer } from '../render/natives.js';
import { previewCard } from '../render/preview.js';
import { SettingsError } from '../settings/load.js';
import { mapLimit } from '../util/concurrency.js';
import { mdCell, mdCode } from '../util/md-escape.js';
import { previewName, remoteImages } from './preview.js';
import { type Validated, validateRepository } from './validate.js';

/**
 * What a pull request's previews are, apart from where they go: the pins with their status and
 * PNG, and the plan. The pull_request job makes it; it is posted at once, or (for a fork, whose
 * token is read-only) uploaded as an artifact and posted by the workflow_run job.
 */
export interface PreviewBundle {
  headSha: string;
  pins: { key: string; title: string; file: string; status: string; draft: boolean; image?: string; error?: string }[];
  plan?: string;
  images: Map<string, Buffer>;
}

const cell = (s: string) => mdCell(s, { code: true });
const HEAD = /<!-- pinops:head ([0-9a-f]{7,40}) -->/g;

function media(d: DesiredPin): MediaSource[] {
  const m = d.media;
  if (!m) return [];
  if (m.kind === 'image') return [m.image];
  if (m.kind === 'carousel') return m.images;
  if (m.kind === 'video') return [m.video, m.cover];
  return m.image ? [m.image] : [];
}

/** Renders the added or changed pins (`changed`: the pull request's files). */
export async function makePreviewBundle(opts: {
  root: string;
  config?: string;
  env: Record<string, string | undefined>;
  changed: string[];
  headSha: string;
  plan?: string;
  /** The pull_request job's validation of the same checkout: not made again. */
  validated?: Validated;
}): Promise<PreviewBundle> {
  const v = opts.validated ?? (await validateRepository({ root: opts.root, env: opts.env, ...(opts.config ? { config: opts.config } : {}) }));
  if (!v.ok) throw new SettingsError(v.diagnostics);
  const changed = new Set(opts.changed);
  const desired = desiredPins(v.pins, v.diagnostics, v.settings, new Map()).filter((d) => changed.has(d.file) || media(d).some((s) => 'path' in s && changed.has(s.path)));
  const { renderPreview } = await loadRenderer();
  const byPin = new Map<string, Diagnostic[]>();
  for (const d of v.diagnostics) if (d.pin) byPin.set(d.pin, [...(byPin.get(d.pin) ?? []), d]);
  const bundle: PreviewBundle = { headSha: opts.headSha, pins: [], images: new Map(), ...(opts.plan ? { plan: opts.plan } : {}) };
  const rendered = await mapLimit(desired, 2, async (d) => {
    try {
      return { d, png: await renderPreview(opts.root, previewCard(d), remoteImages(v.settings.allow_private_network, opts.env)) };
    } catch (err) {
      return { d, error: err instanceof Error ? err.message : String(err) };
    }
  });
  for (const r of rendered) {
    const problems = byPin.get(r.d.key) ?? [];
    const errors = problems.filter((p) => p.severity === 'error');
    const status = r.d.invalid || errors.length ? `❌ ${errors[0]?.message ?? r.d.invalid ?? ''}` : problems.length ? `⚠️ ${problems[0]?.message ?? ''}` : '✅ valid';
    const image = r.png ? previewName(r.d.key) : undefined;
    if (image && r.png) bundle.images.set(image, r.png);
    bundle.pins.push({
      key: r.d.key,
      title: r.d.title,
      file: r.d.file,
      status,
      draft: r.d.status === 'draft',
      ...(image ? { image } : {}),
      ...(r.error ? { error: r.error } : {}),
    });
  }
  return bundle;
}

/** Posts a bundle: images to pr-N/ on the previews branch, then the one comment, updated in place. */
export async function postPreviewBundle(opts: {
  ctx: RepoContext;
  token: string;
  pr: number;
  serverUrl: string;
  bundle: PreviewBundle;
  log: (l: string) => void;
}): Promise<number> {
  const { ctx, pr, bundle } = opts;
  const files = [...bundle.images].map(([name, data]) => ({ name, data }));
  const commit = await replaceFolder(ctx, opts.token, ctx.previewBranch ?? 'pinops-previews', `pr-${pr}`, files, `pinops: previews for #${pr} at ${bundle.headSha.slice(0, 7)}`);
  const url = (name: string) => `${opts.serverUrl}/${ctx.owner}/${ctx.repo}/blob/${commit}/pr-${pr}/${encodeURIComponent(name)}?raw=true`;
  let body = `${MARKER}\n<!-- pinops:head ${bundle.headSha} -->\n## pinops previews\n\n`;
  if (bundle.pins.length === 0) body += 'No pin was added or changed in this pull request.\n\n';
  for (const p of bundle.pins) {
    body += `### ${cell(p.title || p.key)}\n\n${mdCode(p.key)} · ${cell(p.file)}\n\n`;
    body +=
      p.image && bundle.images.has(p.image)
        ? `<img src="${url(p.image)}" width="300" alt="preview of ${cell(p.key)}">\n\n`
        : `Preview not drawn: ${cell(p.error ?? 'no image')}\n\n`;
    body += `${cell(p.status)}${p.draft ? ' · draft (never published)' : ''}\n\n`;
  }
  if (bundle.plan) body += `${bundle.plan}\n\n`;
  // Earlier previews stay reachable by their commits, marked as outdated.
  const { id, previous } = await upsertComment(ctx, opts.token, pr, body);
  const earlier = [...(previous ?? '').matchAll(HEAD)].map((m) => m[1] as string).filter((s) => s !== bundle.headSha);
  if (earlier.length) {
    const list = earlier.map((s) => `[${s.slice(0, 7)}](${opts.serverUrl}/${ctx.owner}/${ctx.repo}/commit/${s})`).join(', ');
    await updateComment(
      ctx,
      opts.token,
      id,
      `${body}<details><summary>Earlier previews (outdated)</summary>\n\n${list}\n${earlier.map((s) => `<!-- pinops:head ${s} -->`).join('\n')}\n</details>\n`,
    );
  }
  opts.log(`Posted ${files.length} preview(s) on #${pr}.`);
  return files.length;
}

/** pull_request: renders the changed pins and posts them. */
export async function postPrPreviews(opts: {
  root: string;
  config?: string;
  env: Record<string, string | undefined>;
  ctx: RepoContext;
  token: string;
  pr: number;
  headSha: string;
  serverUrl: string;
  planMarkdown?: string;
  log: (l: string) => void;
  /** Also write the bundle here (the previews artifact). */
  saveTo?: string;
}): Promise<number> {
  const bundle = await makePreviewBundle({ ...opts, changed: await changedFiles(opts.ctx, opts.token, opts.pr), ...(opts.planMarkdown ? { plan: opts.planMarkdown } : {}) });
  if (opts.saveTo) await saveBundle(bundle, opts.saveTo);
  return postPreviewBundle({ ctx: opts.ctx, token: opts.token, pr: opts.pr, serverUrl: opts.serverUrl, bundle, log: opts.log });
}

/** pull_request closed: its previews leave the previews branch (the comment stays). */
export async function removePrPreviews(ctx: RepoContext, token: string, pr: number): Promise<void> {
  await replaceFolder(ctx, token, ctx.previewBranch ?? 'pinops-previews', `pr-${pr}`, [], `pinops: remove previews of closed #${pr}`);
}

const BundleJson = z.object({
  headSha: z.string().regex(/^[0-9a-f]{7,40}$/),
  plan: z.string().max(60_000).optional(),
  pins: z
    .array(
      z.object({
        key: z.string().max(300),
        title: z.string().max(300),
        file: z.string().max(500),
        status: z.string().max(2000),
        draft: z.boolean(),
        image: z
          .string()
          .regex(/^[A-Za-z0-9._-]{1,200}\.png$/)
          .optional(),
        error: z.string().max(2000).optional(),
      }),
    )
    .max(500),
});

/** Writes a bundle as a folder: previews.json and the PNGs (uploaded as the previews artifact). */
export async function saveBundle(bundle: PreviewBundle, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'previews.json'), JSON.stringify({ headSha: bundle.headSha, plan: bundle.plan, pins: bundle.pins }, null, 2));
  for (const [name, data] of bundle.images) await writeFile(join(dir, name), data);
}

/**
 * Reads a bundle from a downloaded artifact. It was made by a pull request's job, maybe a fork's,
 * so it is checked like any untrusted input: the JSON's shape, image names, PNG signatures, sizes.
 */
export async function loadBundle(dir: string): Promise<PreviewBundle> {
  const parsed = BundleJson.safeParse(JSON.parse(await readFile(join(dir, 'previews.json'), 'utf8')));
  if (!parsed.success) throw new Error(`the previews artifact is not in pinops' format: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const images = new Map<string, Buffer>();
  const present = new Set(await readdir(dir));
  for (const p of parsed.data.pins) {
    if (!p.image || !present.has(p.image)) continue;
    const data = await readFile(join(dir, p.image));
    const png = data.length > 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    if (png && data.length <= 8 * 1024 * 1024) images.set(p.image, data);
  }
  return { headSha: parsed.data.headSha, pins: parsed.data.pins.map((p) => ({ ...p })) as PreviewBundle['pins'], images, ...(parsed.data.plan ? { plan: parsed.data.plan } : {}) };
}
