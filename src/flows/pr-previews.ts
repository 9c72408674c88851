import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { GithubClient } from '../github/client.js';
import { seg } from '../github/paths.js';
import { MARKER, replaceFolder, updateComment, upsertComment } from '../github/previews.js';
import { type DesiredPin, desiredPins, type MediaSource } from '../plan/desired.js';
import type { Plan } from '../plan/plan.js';
import { planMarkdown } from '../plan/render.js';
import { loadRenderer } from '../render/natives.js';
import { previewCard } from '../render/preview.js';
import { SettingsError } from '../settings/load.js';
import { mapLimit } from '../util/concurrency.js';
import { mdCell, mdCode } from '../util/md-escape.js';
import { notDrawable, previewName, remoteImages } from './preview.js';
import { MAX_PREVIEWS, type PreviewBundle, type PreviewPin } from './preview-bundle.js';
import { type Validated, validateRepository } from './validate.js';

const cell = (s: string) => mdCell(s, { code: true });
const HEAD = /<!-- pinops:head ([0-9a-f]{7,40}) -->/g;

/** GitHub refuses comments over 65,536 characters; the comment is kept well under. */
export const MAX_COMMENT = 60_000;
/** Of which the pins' sections may take this much, the plan's table this much. */
const PINS_BUDGET = 30_000;
const PLAN_BUDGET = 24_000;
/** Earlier heads linked at the end of the comment. */
const EARLIER = 20;

function media(d: DesiredPin): MediaSource[] {
  const m = d.media;
  if (!m) return [];
  if (m.kind === 'image') return [m.image];
  if (m.kind === 'carousel') return m.images;
  if (m.kind === 'video') return [m.video, m.cover];
  return m.image ? [m.image] : [];
}

/**
 * Renders the added or changed pins (`changed`: the pull request's files): the first MAX_PREVIEWS
 * of them are drawn, every one is listed.
 */
export async function makePreviewBundle(opts: {
  root: string;
  config?: string;
  env: Record<string, string | undefined>;
  changed: string[];
  headSha: string;
  plan?: Plan;
  planError?: string;
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
  const bundle: PreviewBundle = {
    headSha: opts.headSha,
    pins: [],
    images: new Map(),
    ...(opts.plan ? { plan: opts.plan } : {}),
    ...(opts.planError ? { planError: opts.planError } : {}),
  };
  const rendered = await mapLimit(desired, 2, async (d, i) => {
    if (i >= MAX_PREVIEWS) return { d };
    const refused = notDrawable(d, v.diagnostics);
    if (refused) return { d, error: refused };
    try {
      return { d, image: await renderPreview(v.media, previewCard(d), remoteImages(v.settings.allow_private_network, opts.env)) };
    } catch (err) {
      return { d, error: err instanceof Error ? err.message : String(err) };
    }
  });
  for (const r of rendered) {
    const problems = byPin.get(r.d.key) ?? [];
    const error = problems.find((p) => p.severity === 'error');
    const problem = r.d.invalid && !error ? { severity: 'error' as const, message: r.d.invalid } : (error ?? problems[0]);
    const image = 'image' in r && r.image ? previewName(r.d.key, r.image.format) : undefined;
    if (image && 'image' in r && r.image) bundle.images.set(image, r.image.data);
    bundle.pins.push({
      key: r.d.key,
      title: r.d.title,
      file: r.d.file,
      draft: r.d.status === 'draft',
      ...(problem ? { problem: { severity: problem.severity, message: problem.message } } : {}),
      ...(image ? { image } : {}),
      ...('error' in r && r.error ? { error: r.error } : {}),
    });
  }
  return bundle;
}

function status(p: PreviewPin): string {
  if (!p.problem) return '✅ valid';
  return `${p.problem.severity === 'error' ? '❌' : '⚠️'} ${cell(p.problem.message)}`;
}

/**
 * The comment, rendered by pinops from the bundle's data (every text escaped), within GitHub's
 * limit: pins beyond what fits are counted, and the plan's rows beyond what fits point to the job
 * summary, which has them all.
 */
export function previewComment(bundle: PreviewBundle, opts: { imageUrl: (name: string) => string; summaryUrl?: string }): string {
  let body = `${MARKER}\n<!-- pinops:head ${bundle.headSha} -->\n## pinops previews\n\n`;
  if (bundle.pins.length === 0) body += 'No pin was added or changed in this pull request.\n\n';
  const where = opts.summaryUrl ? `[the job summary](${opts.summaryUrl})` : "the job summary of the pull request's run";
  let shown = 0;
  let used = 0;
  for (const p of bundle.pins) {
    let section = `### ${cell(p.title || p.key)}\n\n${mdCode(p.key)} · ${cell(p.file)}\n\n`;
    section +=
      p.image && bundle.images.has(p.image)
        ? `<img src="${opts.imageUrl(p.image)}" width="300" alt="preview of ${cell(p.key)}">\n\n`
        : `Preview not drawn: ${cell(p.error ?? 'no image')}\n\n`;
    section += `${status(p)}${p.draft ? ' · draft (never published)' : ''}\n\n`;
    if (shown >= MAX_PREVIEWS || used + section.length > PINS_BUDGET) break;
    body += section;
    used += section.length;
    shown++;
  }
  if (shown < bundle.pins.length) body += `…and ${bundle.pins.length - shown} more added or changed pin(s), without previews here: ${where} lists every pin of the plan.\n\n`;
  if (bundle.plan) body += `${planMarkdown(bundle.plan, 'Plan', { maxChars: PLAN_BUDGET, more: `${where} has them all` })}\n\n`;
  else if (bundle.planError) body += `The plan could not be made: ${cell(bundle.planError)}\n\n`;
  return body;
}

/** Posts a bundle: images to pr-N/ on the previews branch, then the one comment, updated in place. */
export async function postPreviewBundle(opts: {
  github: GithubClient;
  /** The branch the images go to: the trusted settings' `preview_branch`. */
  previewBranch: string;
  pr: number;
  serverUrl: string;
  bundle: PreviewBundle;
  /** The run whose job summary has the full tables. */
  summaryUrl?: string;
  log: (l: string) => void;
}): Promise<number> {
  const { github, pr, bundle } = opts;
  const ctx = github.repo;
  const files = [...bundle.images].map(([name, data]) => ({ name, data }));
  const commit = await replaceFolder(github, opts.previewBranch, `pr-${pr}`, files, `pinops: previews for #${pr} at ${bundle.headSha.slice(0, 7)}`);
  const web = `${opts.serverUrl}/${seg(ctx.owner)}/${seg(ctx.repo)}`;
  const body = previewComment(bundle, {
    imageUrl: (name) => `${web}/blob/${seg(commit ?? '')}/pr-${pr}/${seg(name)}?raw=true`,
    ...(opts.summaryUrl ? { summaryUrl: opts.summaryUrl } : {}),
  });
  // Earlier previews stay reachable by their commits, marked as outdated.
  const { id, previous } = await upsertComment(github, pr, body);
  const earlier = [...new Set([...(previous ?? '').matchAll(HEAD)].map((m) => m[1] as string))].filter((s) => s !== bundle.headSha).slice(-EARLIER);
  if (earlier.length) {
    const list = earlier.map((s) => `[${s.slice(0, 7)}](${web}/commit/${s})`).join(', ');
    await updateComment(
      github,
      id,
      `${body}<details><summary>Earlier previews (outdated)</summary>\n\n${list}\n${earlier.map((s) => `<!-- pinops:head ${s} -->`).join('\n')}\n</details>\n`,
    );
  }
  opts.log(`Posted ${files.length} preview(s) on #${pr}.`);
  return files.length;
}

/** pull_request closed: its previews leave the previews branch (the comment stays). */
export async function removePrPreviews(github: GithubClient, previewBranch: string, pr: number): Promise<void> {
  await replaceFolder(github, previewBranch, `pr-${pr}`, [], `pinops: remove previews of closed #${pr}`);
}
