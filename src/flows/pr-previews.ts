import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { GithubClient } from '../github/client.js';
import { commentUrl, repoWeb } from '../github/links.js';
import { seg } from '../github/paths.js';
import { createComment, MARKER, openPulls, ownComments, replaceFolder, SCHEDULE_FOLDER, updateComment } from '../github/previews.js';
import type { Ledger } from '../ledger/format.js';
import { type DesiredPin, desiredPins, type MediaSource } from '../plan/desired.js';
import type { Plan } from '../plan/plan.js';
import { loadRenderer } from '../render/natives.js';
import { previewCard } from '../render/preview.js';
import { SettingsError } from '../settings/load.js';
import { mapLimit } from '../util/concurrency.js';
import { CALENDAR_IMAGE, prCalendar, wantsCalendar } from './pr-calendar.js';
import { notDrawable, previewName, remoteImages } from './preview.js';
import { MAX_PREVIEWS, type PreviewBundle } from './preview-bundle.js';
import { type CommentContext, earlierHeads, PLAN_MARKER, planStub, previewComments } from './preview-comment.js';
import { type Validated, validateRepository } from './validate.js';

function media(d: DesiredPin): MediaSource[] {
  const m = d.media;
  if (!m) return [];
  if (m.kind === 'image') return [m.image];
  if (m.kind === 'carousel') return m.images;
  if (m.kind === 'video') return m.cover ? [m.video, m.cover] : [m.video];
  return m.image ? [m.image] : [];
}

export interface BundleOptions {
  root: string;
  config?: string;
  env: Record<string, string | undefined>;
  changed: string[];
  headSha: string;
  plan?: Plan;
  planError?: string;
  /** The pull_request job's validation of the same checkout: not made again. */
  validated?: Validated;
  /** What the plan was made from: with it, the comment shows the calendar of the weeks to come. */
  schedule?: { ledger: Ledger; desired: readonly DesiredPin[]; base?: readonly DesiredPin[] };
}

/**
 * Renders the added or changed pins (`changed`: the pull request's files): the first MAX_PREVIEWS
 * of them are drawn, every one is listed.
 */
export async function makePreviewBundle(opts: BundleOptions): Promise<PreviewBundle> {
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
    ...(v.settings.timezone ? { timezone: v.settings.timezone } : {}),
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
  if (opts.plan && opts.schedule && wantsCalendar(opts.plan, v.settings)) {
    const thumbs = new Map(rendered.flatMap((r) => ('image' in r && r.image ? [[r.d.key, r.image.data] as const] : [])));
    const draw = async (d: DesiredPin) =>
      notDrawable(d, v.diagnostics) ? undefined : (await renderPreview(v.media, previewCard(d), remoteImages(v.settings.allow_private_network, opts.env))).data;
    await addCalendar(bundle, { plan: opts.plan, ...opts.schedule, settings: v.settings, changed, thumbs, draw });
  }
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
      line: r.d.line,
      draft: r.d.status === 'draft',
      ...(problem ? { problem: { severity: problem.severity, message: problem.message } } : {}),
      ...(image ? { image } : {}),
      ...('error' in r && r.error ? { error: r.error } : {}),
    });
  }
  return bundle;
}

/** The calendar after the merge, into the bundle; one that cannot be drawn leaves the previews and the plan as they are. */
async function addCalendar(bundle: PreviewBundle, input: Parameters<typeof prCalendar>[0]): Promise<void> {
  const cal = await prCalendar(input).catch(() => undefined);
  if (!cal) return;
  bundle.images.set(CALENDAR_IMAGE, cal.image);
  bundle.calendar = { image: CALENDAR_IMAGE, moved: cal.moved };
}

/** Posts a bundle: images to pr-N/ on the previews branch, then pinops' comment (or two), updated in place. */
export async function postPreviewBundle(opts: {
  github: GithubClient;
  /** The branch the images go to: the trusted settings' `preview_branch`. */
  previewBranch: string;
  pr: number;
  serverUrl: string;
  bundle: PreviewBundle;
  /** The workflow run that made the bundle, whose job summary has the full tables. */
  runUrl?: string;
  log: (l: string) => void;
}): Promise<number> {
  const { github, pr, bundle } = opts;
  const files = [...bundle.images].map(([name, data]) => ({ name, data }));
  const commit = await replaceFolder(github, opts.previewBranch, `pr-${pr}`, files, `pinops: previews for #${pr} at ${bundle.headSha.slice(0, 7)}`, await openFolders(github));
  const web = repoWeb(opts.serverUrl, github.repo);
  const own = await ownComments(github, pr, [MARKER, PLAN_MARKER]);
  const [prior, priorPlan] = [own.get(MARKER), own.get(PLAN_MARKER)];
  const link = (id: number) => commentUrl(web, pr, id);
  // Earlier previews stay reachable by their commits, marked as outdated.
  const ctx: CommentContext = {
    web,
    imageUrl: (name) => `${web}/blob/${seg(commit ?? '')}/pr-${pr}/${seg(name)}?raw=true`,
    earlier: earlierHeads(prior?.body, bundle.headSha),
    ...(opts.runUrl ? { runUrl: opts.runUrl } : {}),
  };
  const render = (ids: { previews?: number | undefined; plan?: number | undefined }) =>
    previewComments(bundle, { ...ctx, ...(ids.previews ? { previewsUrl: link(ids.previews) } : {}), ...(ids.plan ? { planUrl: link(ids.plan) } : {}) });
  const first = render({ previews: prior?.id, plan: priorPlan?.id });
  const id = prior?.id ?? (await createComment(github, pr, first.previews));
  if (!first.plan) {
    if (prior) await updateComment(github, id, first.previews);
    // A plan comment of an earlier push stays where it is, pointing back.
    if (priorPlan) await updateComment(github, priorPlan.id, planStub(link(id)));
  } else {
    // Two comments: the plan's links back to the previews', which then links on to it.
    const plan = render({ previews: id, plan: priorPlan?.id }).plan as string;
    let planId = priorPlan?.id;
    if (planId) await updateComment(github, planId, plan);
    else planId = await createComment(github, pr, plan);
    await updateComment(github, id, render({ previews: id, plan: planId }).previews);
  }
  opts.log(
    `Posted ${files.length - (bundle.calendar ? 1 : 0)} preview(s)${bundle.calendar ? ' and the calendar' : ''} on #${pr}${first.plan ? ', and the plan in a second comment' : ''}.`,
  );
  return files.length;
}

/** pull_request closed: its previews leave the previews branch (the comment stays), with any other closed one's. */
export async function removePrPreviews(github: GithubClient, previewBranch: string, pr: number): Promise<void> {
  await replaceFolder(github, previewBranch, `pr-${pr}`, [], `pinops: remove previews of closed #${pr}`, await openFolders(github));
}

/**
 * Which folders of the previews branch stay: the open pull requests' (asked each time, so a pull
 * request whose closing run failed or never ran leaves at the next update of any other).
 */
export async function openFolders(github: GithubClient): Promise<(folder: string) => boolean> {
  const open = await openPulls(github);
  return (folder) => folder === SCHEDULE_FOLDER || open.has(Number(/^pr-(\d+)$/.exec(folder)?.[1]));
}
