import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RepoContext } from '../github/pr-comment.js';
import { changedFiles, MARKER, replaceFolder, upsertComment } from '../github/previews.js';
import { type DesiredPin, desiredPins, type MediaSource } from '../plan/desired.js';
import { previewCard } from '../render/preview.js';
import { SettingsError } from '../settings/load.js';
import { mapLimit } from '../util/concurrency.js';
import { previewName } from './preview.js';
import { validateRepository } from './validate.js';

export interface PrPreviewOptions {
  root: string;
  config?: string;
  env: Record<string, string | undefined>;
  ctx: RepoContext;
  token: string;
  pr: number;
  headSha: string;
  serverUrl: string;
  /** The plan, as markdown, for the comment (made by the caller). */
  planMarkdown?: string;
  log: (l: string) => void;
}

const cell = (s: string) => s.replace(/[\\|<>[\]*`]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
const HEAD = /<!-- pinops:head ([0-9a-f]{7,40}) -->/g;

function media(d: DesiredPin): MediaSource[] {
  const m = d.media;
  if (!m) return [];
  if (m.kind === 'image') return [m.image];
  if (m.kind === 'carousel') return m.images;
  if (m.kind === 'video') return [m.video, m.cover];
  return m.image ? [m.image] : [];
}

/**
 * pull_request: renders the added or changed pins, stores the images on the previews branch, and
 * writes the one pinops comment (created once, then updated in place) with the images, each pin's
 * validation status and the plan. Returns how many previews were posted.
 */
export async function postPrPreviews(opts: PrPreviewOptions): Promise<number> {
  const v = await validateRepository({ root: opts.root, env: opts.env, ...(opts.config ? { config: opts.config } : {}) });
  if (!v.ok) throw new SettingsError(v.diagnostics);
  const changed = new Set(await changedFiles(opts.ctx, opts.token, opts.pr));
  const desired = desiredPins(v.pins, v.diagnostics, v.settings, new Map()).filter((d) => changed.has(d.file) || media(d).some((s) => 'path' in s && changed.has(s.path)));
  const { renderPreview } = await import(/* webpackMode: "eager" */ '../render/sharp.js');
  const rendered = await mapLimit(desired, 2, async (d) => {
    try {
      return { d, png: await renderPreview(opts.root, previewCard(d)) };
    } catch (err) {
      return { d, error: err instanceof Error ? err.message : String(err) };
    }
  });
  const files = rendered.flatMap((r) => (r.png ? [{ name: previewName(r.d.key), data: r.png }] : []));
  const commit = await replaceFolder(
    opts.ctx,
    opts.token,
    opts.ctx.previewBranch ?? 'pinops-previews',
    `pr-${opts.pr}`,
    files,
    `pinops: previews for #${opts.pr} at ${opts.headSha.slice(0, 7)}`,
  );
  const byPin = new Map<string, Diagnostic[]>();
  for (const d of v.diagnostics) if (d.pin) byPin.set(d.pin, [...(byPin.get(d.pin) ?? []), d]);
  let body = `${MARKER}\n<!-- pinops:head ${opts.headSha} -->\n## pinops previews\n\n`;
  if (rendered.length === 0) body += 'No pin was added or changed in this pull request.\n\n';
  const url = (name: string) => `${opts.serverUrl}/${opts.ctx.owner}/${opts.ctx.repo}/blob/${commit}/pr-${opts.pr}/${encodeURIComponent(name)}?raw=true`;
  for (const r of rendered) {
    const problems = byPin.get(r.d.key) ?? [];
    const errors = problems.filter((p) => p.severity === 'error');
    const status = r.d.invalid || errors.length ? `❌ ${cell(errors[0]?.message ?? r.d.invalid ?? '')}` : problems.length ? `⚠️ ${cell(problems[0]?.message ?? '')}` : '✅ valid';
    body += `### ${cell(r.d.title || r.d.key)}\n\n\`${cell(r.d.key)}\` · ${cell(r.d.file)}\n\n`;
    body += r.png ? `<img src="${url(previewName(r.d.key))}" width="300" alt="preview of ${cell(r.d.key)}">\n\n` : `Preview not drawn: ${cell(r.error ?? '')}\n\n`;
    body += `${status}${r.d.status === 'draft' ? ' · draft (never published)' : ''}\n\n`;
  }
  if (opts.planMarkdown) body += `${opts.planMarkdown}\n\n`;
  // Earlier previews stay reachable by their commits, marked as outdated.
  const { previous } = await upsertComment(opts.ctx, opts.token, opts.pr, body);
  const earlier = [...(previous ?? '').matchAll(HEAD)].map((m) => m[1] as string).filter((s) => s !== opts.headSha);
  if (earlier.length) {
    const list = earlier.map((s) => `[${s.slice(0, 7)}](${opts.serverUrl}/${opts.ctx.owner}/${opts.ctx.repo}/commit/${s})`).join(', ');
    await upsertComment(
      opts.ctx,
      opts.token,
      opts.pr,
      `${body}<details><summary>Earlier previews (outdated)</summary>\n\n${list}\n${earlier.map((s) => `<!-- pinops:head ${s} -->`).join('\n')}\n</details>\n`,
    );
  }
  opts.log(`Posted ${files.length} preview(s) on #${opts.pr}.`);
  return files.length;
}

/** pull_request closed: its previews leave the previews branch (the comment stays). */
export async function removePrPreviews(ctx: RepoContext & { previewBranch?: string }, token: string, pr: number): Promise<void> {
  await replaceFolder(ctx, token, ctx.previewBranch ?? 'pinops-previews', `pr-${pr}`, [], `pinops: remove previews of closed #${pr}`);
}
