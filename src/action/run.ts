import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { summaryMarkdown } from '../analytics/summary.js';
import { countBySeverity } from '../diagnostics/diagnostic.js';
import { LAYOUT } from '../files/repo.js';
import { readLine, runAnalytics } from '../flows/analytics.js';
import type { SecretsTarget } from '../flows/credentials.js';
import { draftFromUrl } from '../flows/draft.js';
import { importAccount } from '../flows/import.js';
import { makePreviewBundle, postPreviewBundle, removePrPreviews } from '../flows/pr-previews.js';
import { loadBundle, saveBundle } from '../flows/preview-bundle.js';
import { planRun, publish, runIdFrom } from '../flows/publish.js';
import { publishMarkdown, publishWarnings, summarise } from '../flows/report.js';
import type { Session } from '../flows/session.js';
import { type Validated, validateRepository } from '../flows/validate.js';
import { clientOptionsFromEnv, type GithubClient, githubClient, type RepoContext, repoContext } from '../github/client.js';
import { GithubError } from '../github/errors.js';
import { fileUrl, repoWeb, runUrl } from '../github/links.js';
import { commentOnMergedPulls } from '../github/pr-comment.js';
import { changedFiles, findPullByHead } from '../github/previews.js';
import { openPullWithFiles } from '../github/pulls.js';
import type { Ledger } from '../ledger/format.js';
import { waitText } from '../pinterest/limits.js';
import type { WaitInfo } from '../pinterest/transport.js';
import { updatedFiles, withOldValues } from '../plan/changes.js';
import type { DesiredPin } from '../plan/desired.js';
import type { Plan } from '../plan/plan.js';
import { planMarkdown } from '../plan/render.js';
import type { Settings } from '../settings/schema.js';
import { withTrusted } from '../settings/trusted.js';
import { mdCell, mdCode } from '../util/md-escape.js';
import { redact, registerEnvSecrets, registerSecret } from '../util/redact.js';
import { bugLine, failureOf } from '../util/user-error.js';
import { basePins } from './base-pins.js';
import { baseSettings } from './base-settings.js';
import { InputError, type Inputs, readInputs } from './inputs.js';
import { AnnotatedProblems, diagnosticsMarkdown, reportProblems } from './report.js';
import { scheduleSummary } from './schedule-summary.js';

interface EventPayload {
  ref?: string;
  after?: string;
  action?: string;
  number?: number;
  pull_request?: { number?: number; head?: { sha?: string }; base?: { sha?: string; ref?: string } };
  workflow_run?: { id?: number; run_attempt?: number; event?: string; head_sha?: string; pull_requests?: { number?: number }[] };
  repository?: { default_branch?: string };
}

/**
 * What the action says (logs, annotations, the job summary): every text redacted before it leaves
 * the process, so an API that echoes a token in an error cannot put it there.
 */
const say = {
  info: (s: string) => core.info(redact(s)),
  notice: (s: string) => core.notice(redact(s)),
  warning: (s: string) => core.warning(redact(s)),
  error: (s: string) => core.error(redact(s)),
};
/** A wait for a rate limit, in the log: "rate-limited (org_write): waiting 15 s, 142 of 300 done". */
const sayWait = (w: WaitInfo) => {
  const text = waitText(w);
  if (text) say.info(text);
};
const addSummary = (markdown: string) => core.summary.addRaw(redact(markdown)).write();
/** A secret learnt on the way (a fresh access token): masked in the runner's log and redacted from every text. */
const mask = (secret: string) => {
  core.setSecret(secret);
  registerSecret(secret);
};

/** What every job works with: the workspace, the inputs, the environment, and GitHub. */
interface Job {
  root: string;
  inputs: Inputs;
  env: NodeJS.ProcessEnv;
  /** GitHub with the `token` input: built once for the run, and every job's GitHub calls go through it. */
  github: GithubClient | undefined;
  /** GitHub with the `secrets-token`, which may store a rotated refresh token. */
  secrets: GithubClient | undefined;
}

/** The job's GitHub clients: one per token, each with its retries and its waits said in the log. */
function jobOf(inputs: Inputs, env: NodeJS.ProcessEnv): Job {
  const repo = repoContext(env);
  const client = (token: string | undefined) => (repo && token ? githubClient(repo, token, { ...clientOptionsFromEnv(env), log: say.info }) : undefined);
  return { root: env.GITHUB_WORKSPACE ?? process.cwd(), inputs, env, github: client(inputs.token), secrets: client(inputs.secretsToken) };
}

/** The action: reads the event and runs its job. The one place that fails the step. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  registerEnvSecrets(env);
  try {
    const job = jobOf(readInputs(), env);
    const { inputs } = job;
    const event = env.GITHUB_EVENT_NAME ?? '';
    const payload = readPayload(env.GITHUB_EVENT_PATH);
    switch (event) {
      case 'pull_request':
        if (payload.action === 'closed') await closedJob(job, payload);
        else await validateJob(job, payload);
        break;
      case 'workflow_run':
        await workflowRunJob(job, payload);
        break;
      case 'push': {
        const branch = payload.ref?.replace(/^refs\/heads\//, '');
        const main = payload.repository?.default_branch;
        if (main && branch !== main) {
          say.info(`A push to ${branch}, not the default branch (${main}): validating only.`);
          await validateJob(job);
          break;
        }
        await publishJob(job, { dryRun: inputs.dryRun ?? false, commentOn: payload.after ?? env.GITHUB_SHA });
        break;
      }
      case 'schedule':
        await publishJob(job, { dryRun: inputs.dryRun ?? false, analytics: true });
        break;
      case 'workflow_dispatch':
        if (inputs.draftUrl) await draftJob(job, payload, inputs.draftUrl);
        else if (inputs.importFrom) await importJob(job, payload);
        // A manual run plans unless told otherwise: backfills are checked before they are sent.
        else await publishJob(job, { dryRun: inputs.dryRun ?? true });
        break;
      default:
        throw new InputError(`pinops does not handle the \`${event || '(none)'}\` event; use pull_request, push, schedule or workflow_dispatch.`);
    }
  } catch (error) {
    const message = redact(failureMessage(error, env));
    core.setOutput('failure-reason', message);
    if (error instanceof AnnotatedProblems) {
      // The problems are annotated already: the step fails without an annotation of its own,
      // which would take one of the runner's ten error annotations.
      process.exitCode = core.ExitCode.Failure;
      core.info(message);
    } else core.setFailed(message);
  }
}

/**
 * The step's failure reason: a user error's message and fix; anything else is a bug, so its message
 * asks for a report (and carries the stack when PINOPS_DEBUG asks for it). Exported for tests.
 */
export function failureMessage(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const f = failureOf(error);
  if (!f.bug) return f.fix ? `${f.message}${/[.!?]$/.test(f.message) ? '' : '.'} ${f.fix}` : f.message;
  return `${f.message}\n${bugLine("this job's log")}${env.PINOPS_DEBUG && f.stack ? `\n${f.stack}` : ''}`;
}

function readPayload(path: string | undefined): EventPayload {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EventPayload;
  } catch {
    return {};
  }
}

/** The commit a pull request's job takes its trusted settings from: the base of the pull request. */
const baseRef = (payload: EventPayload) => payload.pull_request?.base?.sha ?? payload.pull_request?.base?.ref ?? payload.repository?.default_branch;

/** What `key` is set to, as a notice shows it. */
const shown = (value: unknown) => JSON.stringify(value);

/**
 * The pull request's settings, with the ones that decide where pinops writes and what it fetches
 * (TRUSTED_SETTINGS) taken from the base branch: a notice for each the pull request changes.
 */
async function trustedFromBase({ root, inputs, env, github }: Job, payload: EventPayload, head: Settings): Promise<{ settings: Settings; base: Settings }> {
  const base = await baseSettings({ config: inputs.config, ref: baseRef(payload), env, root, ...(github ? { github } : {}) });
  const { settings, changed } = withTrusted(head, base.settings);
  for (const key of changed)
    say.notice(
      `${inputs.config} in this pull request sets \`${key}\` to ${shown(head[key])}; this job keeps ${shown(base.settings[key])}, from ${base.from}${base.problem ? ` (${base.problem})` : ''}. The change takes effect after merge.`,
    );
  return { settings, base: base.settings };
}

/** pull_request (and pushes to other branches): validate everything, annotate, summarise (also on failure), fail on errors. */
async function validateJob(job: Job, pullRequest?: EventPayload): Promise<void> {
  const { root, inputs, env, github } = job;
  const validated = await core.group('Validate content', () => validateRepository({ root, config: inputs.config, env }));
  // A pull request's own pinops.yml does not choose where its job writes or what it fetches.
  const trusted = validated.ok && pullRequest ? await trustedFromBase(job, pullRequest, validated.settings) : undefined;
  const result = validated.ok && trusted ? { ...validated, settings: trusted.settings } : validated;
  const payload = pullRequest ?? {};
  const { errors, warnings } = countBySeverity(result.diagnostics);
  let planSection = '';
  const pr = payload.pull_request?.number ?? payload.number;
  try {
    await reportProblems(result.diagnostics, { github, headSha: headOf(payload, env), pr, files: result.files, ...jobLink(job) });
    const base = trusted ? { ref: baseRef(payload), settings: trusted.base } : undefined;
    const planned = result.ok ? await core.group('Plan', () => prPlan(job, result, { headSha: headOf(payload, env), ...(base ? { base } : {}) })) : undefined;
    planSection = planned?.markdown ?? '';
    if (result.ok && pr && github) await core.group('Previews', () => previewsStep(job, github, { pr, payload, validated: result, planned, ...(base ? { base } : {}) }));
  } finally {
    core.setOutput('errors', errors);
    core.setOutput('warnings', warnings);
    await addSummary(diagnosticsMarkdown(result.diagnostics, result.files, headFileLink(job, headOf(payload, env))) + planSection);
  }
  if (!result.ok) throw new AnnotatedProblems(`${inputs.config} is invalid: ${result.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('; ')}`);
  say.info(`${result.pins.length} pin(s) checked: ${errors} error(s), ${warnings} warning(s).`);
  if (errors > 0) throw new AnnotatedProblems(`${errors} error(s) in the content: see the annotations and the job summary.`);
}

/** A pull request's previews: drawn, saved for the artifact, and posted (a failure to post is a warning). */
async function previewsStep(
  { root, inputs, env }: Job,
  github: GithubClient,
  o: {
    pr: number;
    payload: EventPayload;
    validated: Extract<Validated, { ok: true }>;
    planned: Awaited<ReturnType<typeof prPlan>> | undefined;
    base?: { ref: string | undefined; settings: Settings };
  },
): Promise<void> {
  try {
    const dir = join(env.RUNNER_TEMP ?? root, 'pinops-previews');
    const changed = await changedFiles(github, o.pr);
    // The queue before the pull request: its files as the base commit has them (for the calendar's moves).
    const pinFiles = changed.filter((f) => f.startsWith(`${LAYOUT.pins}/`) && /\.(md|ya?ml)$/.test(f));
    const before = o.base && o.planned?.schedule ? await basePins({ root, ref: o.base.ref, files: pinFiles, settings: o.base.settings }) : undefined;
    const schedule = o.planned?.schedule && before && !before.problem ? { ...o.planned.schedule, base: [...before.pins.values()] } : o.planned?.schedule;
    const bundle = await makePreviewBundle({
      root,
      config: inputs.config,
      env,
      changed,
      headSha: headOf(o.payload, env) ?? '0000000',
      ...(o.planned?.plan ? { plan: o.planned.plan } : {}),
      ...(schedule ? { schedule } : {}),
      ...(o.planned?.error ? { planError: o.planned.error } : {}),
      validated: o.validated,
    });
    // The previews also go to a folder, for actions/upload-artifact (and the fork workflow).
    await saveBundle(bundle, dir);
    core.setOutput('previews-dir', dir);
    const where = { serverUrl: serverOf(env), ...runLink(github.repo, env, env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT) };
    await postPreviewBundle({ github, previewBranch: o.validated.settings.preview_branch, pr: o.pr, bundle, ...where, log: say.info });
  } catch (err) {
    // Only a refusal for want of permission is about permissions (GitHub says 422 for a body too long).
    const permissions =
      err instanceof GithubError && err.forbidden
        ? ' The workflow needs `permissions: contents: write` and `pull-requests: write`; for pull requests from forks, the workflow_run job that `pinops init` writes posts them.'
        : '';
    say.warning(`Previews were not posted: ${err instanceof Error ? err.message : String(err)}.${permissions}`);
  }
}

/**
 * workflow_run after a pull request's run: posts the previews that run uploaded (a fork's token
 * cannot). The pull request is taken from the event or found by the event's head SHA, never from
 * the artifact, which is read as untrusted data; no code of the pull request is checked out.
 */
async function workflowRunJob({ inputs, env, github }: Job, payload: EventPayload): Promise<void> {
  const run = payload.workflow_run;
  if (run?.event !== 'pull_request') {
    say.info('This workflow_run did not follow a pull request: nothing to post.');
    return;
  }
  if (!inputs.previewsFrom) throw new InputError('on workflow_run, give `previews-from`: the folder where actions/download-artifact put the pinops-previews artifact.');
  if (!github || !run.head_sha) throw new InputError("workflow_run needs GITHUB_REPOSITORY, a token and the run's head SHA.");
  const pr = run.pull_requests?.[0]?.number ?? (await findPullByHead(github, run.head_sha));
  if (!pr) {
    say.info(`No open pull request has the head ${run.head_sha}: nothing to post.`);
    return;
  }
  const bundle = await loadBundle(inputs.previewsFrom);
  if (bundle.headSha !== run.head_sha)
    throw new InputError(`the previews artifact is for ${bundle.headSha.slice(0, 7)}, not for the run's head ${run.head_sha.slice(0, 7)}: refusing to post it.`);
  // Where the previews go is this repository's to say: its default branch's pinops.yml, as this workflow is.
  const base = await baseSettings({ config: inputs.config, ref: env.GITHUB_SHA ?? payload.repository?.default_branch, env, github });
  if (base.problem) say.warning(`The default branch's ${inputs.config} could not be read (${base.problem}): the previews go to ${base.settings.preview_branch}.`);
  await postPreviewBundle({
    github,
    previewBranch: base.settings.preview_branch,
    pr,
    serverUrl: serverOf(env),
    bundle,
    // The pull request's run made the previews: its job summary has everything.
    ...runLink(github.repo, env, run.id, run.run_attempt),
    log: say.info,
  });
}

/** This job's run page (where its summary is), when GitHub and the run are known. */
const jobLink = ({ github, env }: Job) => (github ? runLink(github.repo, env, env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT) : {});

const serverOf = (env: NodeJS.ProcessEnv) => env.GITHUB_SERVER_URL ?? 'https://github.com';

/** The commit the pull request's files are at (its head, not the merge commit the runner checks out). */
const headOf = (payload: EventPayload, env: NodeJS.ProcessEnv) => payload.pull_request?.head?.sha ?? env.GITHUB_SHA;

/** The page of a run (of this repository) at its attempt, where its job summary is. */
function runLink(repo: RepoContext, env: NodeJS.ProcessEnv, runId: string | number | undefined, attempt: string | number | undefined): { runUrl?: string } {
  const url = runUrl(repoWeb(serverOf(env), repo), runId, attempt);
  return url ? { runUrl: url } : {};
}

/** pull_request closed: its previews leave the previews branch (the base branch's `preview_branch`). */
async function closedJob({ root, inputs, env, github }: Job, payload: EventPayload): Promise<void> {
  const pr = payload.pull_request?.number ?? payload.number;
  if (!pr || !github) return;
  try {
    const base = await baseSettings({ config: inputs.config, ref: baseRef(payload), env, root, github });
    if (base.problem) say.warning(`The base branch's ${inputs.config} could not be read (${base.problem}): removing the previews from ${base.settings.preview_branch}.`);
    await removePrPreviews(github, base.settings.preview_branch, pr);
    say.info(`Removed the previews of #${pr}.`);
  } catch (err) {
    say.warning(`The previews of #${pr} were not removed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * What merging would publish: the plan against the ledger (no credentials needed), with each
 * update's earlier values (the ledger's, and the pin files' at the base commit), and its markdown
 * for the summary: times in the settings' zone, files linked at the head commit.
 */
async function prPlan(
  { root, inputs, env, github }: Job,
  validated: Extract<Validated, { ok: true }>,
  at: { headSha: string | undefined; base?: { ref: string | undefined; settings: Settings } },
): Promise<{ plan?: Plan; error?: string; markdown: string; schedule?: { ledger: Ledger; desired: readonly DesiredPin[] } }> {
  let plan: Plan;
  let schedule: { ledger: Ledger; desired: readonly DesiredPin[] };
  try {
    const run = await planRun({ root, config: inputs.config, env, dryRun: true, runId: 'pr-plan', mask, log: say.info, validated });
    plan = run.result.plan;
    schedule = { ledger: run.ledger, desired: run.desired };
  } catch (err) {
    const error = failureMessage(err, env);
    say.warning(`The plan could not be made: ${error}`);
    return { error, markdown: `\n\nThe plan could not be made: ${mdCell(error)}\n` };
  }
  if (at.base) {
    const base = await basePins({ root, ref: at.base.ref, files: updatedFiles(plan), settings: at.base.settings });
    if (base.problem) say.info(`The pins at the base commit could not be read (${base.problem}): updates show the earlier values the ledger records.`);
    plan = withOldValues(plan, base.pins);
  }
  return { plan, schedule, markdown: `\n\n${planMarkdown(plan, 'Plan', { timeZone: validated.settings.timezone, fileUrl: headFileLink({ env, github }, at.headSha) })}` };
}

/** Links to a file at a line of the commit the job checks, for the summary's tables (none without a repository or a SHA). */
function headFileLink({ env, github }: Pick<Job, 'env' | 'github'>, headSha: string | undefined): (file: string, line?: number) => string | undefined {
  const web = github ? repoWeb(serverOf(env), github.repo) : undefined;
  return (file, line) => (web && headSha ? fileUrl(web, headSha, file, line) : undefined);
}

/** workflow_dispatch with draft-url: a draft pin from a product page, proposed as a pull request. */
async function draftJob({ root, inputs, env, github }: Job, payload: EventPayload, url: string): Promise<void> {
  if (!github) throw new InputError('draft-url needs GITHUB_REPOSITORY and a token (the workflow token, with contents: write and pull-requests: write).');
  const d = await core.group('Draft', () => draftFromUrl({ root, config: inputs.config, env, url, log: say.info }));
  const base = payload.repository?.default_branch ?? env.GITHUB_REF_NAME ?? 'main';
  const title = d.page.title ?? d.id;
  const notes = d.notes.map((n) => `- ${mdCell(n)}`).join('\n');
  const problems = d.diagnostics.map((x) => `- ${x.severity} \`${x.code}\` (${mdCell(x.file)}:${x.line}): ${mdCell(x.message)}`).join('\n');
  const body = `A draft pin made by pinops from ${mdCell(d.page.url)}.\n\n- ${mdCode(d.pinFile)}: \`status: draft\`, so merging publishes nothing until it says \`status: ready\`\n- ${mdCode(d.imageFile)}: the product image\n${notes ? `\nTo check:\n${notes}\n` : ''}${problems ? `\nValidation:\n${problems}\n` : ''}`;
  let pr: Awaited<ReturnType<typeof openPullWithFiles>>;
  try {
    pr = await openPullWithFiles(github, {
      base,
      branch: `pinops/draft-${d.id}`,
      files: d.files,
      message: `Draft pin ${d.id} from ${d.page.url}`,
      title: `Draft pin: ${title.slice(0, 200)}`,
      body,
    });
  } catch (err) {
    if (err instanceof GithubError)
      throw new InputError(`${err.message}: the draft was written but no pull request opened. Give the workflow \`permissions: contents: write\` and \`pull-requests: write\`.`);
    throw err;
  }
  core.setOutput('pull-request', pr.number);
  say.info(`Opened #${pr.number} (${pr.url}) with ${d.pinFile}.`);
  await addSummary(`## pinops draft\n\nOpened [#${pr.number}](${pr.url}) from branch ${mdCode(pr.branch)}.\n\n${body}`);
}

/**
 * workflow_dispatch with `import: account`: the account's boards and pins written as files and
 * proposed as a pull request, not recorded in the ledger: the takeover counts once the team merges
 * it (the publish run after the merge records the pins as published, and creates none of them).
 */
async function importJob({ root, inputs, env, github }: Job, payload: EventPayload): Promise<void> {
  if (!github) throw new InputError('import: account needs GITHUB_REPOSITORY and a token (the workflow token, with contents: write and pull-requests: write).');
  const r = await core.group('Import', () =>
    importAccount({ root, config: inputs.config, env, runId: runIdFrom(env), dryRun: false, download: true, record: false, mask, log: say.info, transport: { onWait: sayWait } }),
  );
  const paths = [...(r.boardsChanged ? ['content/boards.yml'] : []), ...r.pins.flatMap((p) => [p.file, ...p.media.filter((m) => !/^https?:/.test(m))])];
  if (paths.length === 0) {
    say.info(`Nothing to import: the ${r.known} pin(s) of the account are in the repository already.`);
    await addSummary(`## pinops import

Nothing to import: the ${r.known} pin(s) of the account are in the repository already.`);
    return;
  }
  const skipped = r.skipped.map((x) => `- ${mdCell(x)}`).join('\n');
  const body = `pinops imported ${r.pins.length} pin(s) of the Pinterest account${r.boardsChanged ? ', and merged its boards into `content/boards.yml`' : ''}.\n\nNothing was changed on Pinterest. Once merged, the publish run records these pins as published (it creates none of them); an edit of a file after that updates its pin.${skipped ? `\n\nLeft out:\n${skipped}` : ''}`;
  const base = payload.repository?.default_branch ?? env.GITHUB_REF_NAME ?? 'main';
  let pr: Awaited<ReturnType<typeof openPullWithFiles>>;
  try {
    pr = await openPullWithFiles(github, {
      base,
      branch: 'pinops/import-account',
      files: paths.map((path) => ({ path, data: readFileSync(join(root, path)) })),
      message: `Import ${r.pins.length} pin(s) from the Pinterest account`,
      title: `Import ${r.pins.length} pin(s) from the Pinterest account`,
      body,
    });
  } catch (err) {
    if (err instanceof GithubError)
      throw new InputError(`${err.message}: the files were written but no pull request opened. Give the workflow \`permissions: contents: write\` and \`pull-requests: write\`.`);
    throw err;
  }
  core.setOutput('pull-request', pr.number);
  say.info(`Opened #${pr.number} (${pr.url}) with ${r.pins.length} imported pin(s).`);
  await addSummary(`## pinops import\n\nOpened [#${pr.number}](${pr.url}) from branch ${mdCode(pr.branch)}.\n\n${body}`);
}

/** Collects analytics and adds their summary; returns why the step should fail, if it should. */
async function analyticsStep({ root, inputs, env }: Job, session: Session): Promise<string | undefined> {
  const r = await core.group('Analytics', () =>
    runAnalytics({ root, config: inputs.config, env, runId: runIdFrom(env), mask, log: say.info, transport: { onWait: sayWait }, session }),
  );
  if (r.skipped) {
    say.notice(r.skipped);
    return undefined;
  }
  say.info(`${readLine(r)}.`);
  if (r.totalsError) say.warning(`The totals of the pins could not be read: ${r.totalsError}`);
  for (const b of r.broken) say.error(b.message);
  for (const f of r.failed) say.warning(`The analytics of ${f.key} (pin ${f.pinId}) could not be read: ${f.error}`);
  await addSummary(`\n${summaryMarkdown(r.summary)}`);
  if (r.broken.length) return `${r.broken.length} analytics file(s) on the ledger branch could not be read: see the annotations.`;
  if (r.failed.length) return `the analytics of ${r.failed.length} pin(s) could not be read: see the warnings.`;
  return undefined;
}

/** Where a rotated refresh token is stored: with the secrets-token, as the environment's secret when one is named. */
function secretsTarget({ inputs, secrets }: Job): { secrets?: SecretsTarget } {
  if (!secrets) return {};
  return { secrets: { github: secrets, ...(inputs.environment ? { environment: inputs.environment } : {}) } };
}

/** push, schedule, workflow_dispatch: carry out the plan (or only show it, in a dry run). */
async function publishJob(job: Job, opts: { dryRun: boolean; commentOn?: string | undefined; analytics?: boolean }): Promise<void> {
  const { root, inputs, env, github } = job;
  const result = await core.group(opts.dryRun ? 'Plan (dry run)' : 'Publish', () =>
    publish({
      root,
      config: inputs.config,
      env,
      dryRun: opts.dryRun,
      runId: runIdFrom(env),
      mask,
      log: say.info,
      transport: { onWait: sayWait },
      ...(inputs.limit !== undefined ? { limit: inputs.limit } : {}),
      ...(inputs.confirmRepublish !== undefined ? { confirmRepublish: inputs.confirmRepublish } : {}),
      ...(inputs.only ? { only: inputs.only } : {}),
      ...(inputs.retryUpdates ? { retryUpdates: true } : {}),
      ...secretsTarget(job),
    }),
  );
  const s = summarise(result);
  const report = publishMarkdown(result);
  const { errors } = countBySeverity(result.diagnostics);
  await reportProblems(
    result.diagnostics.filter((d) => d.severity === 'error'),
    { github, headSha: opts.commentOn ?? env.GITHUB_SHA, files: new Set(result.diagnostics.map((d) => d.file)).size, ...jobLink(job) },
  );
  for (const w of publishWarnings(result)) say[w.level](w.text);
  core.setOutput('errors', errors);
  core.setOutput('published', s.published);
  core.setOutput('updated', s.updated);
  core.setOutput('failed', s.failed + s.unknown);
  await addSummary(report);
  // On a schedule, after publishing: the pins' figures, with the same checked credentials.
  const figures = opts.analytics && result.session ? await analyticsStep(job, result.session) : undefined;
  if (opts.analytics && !opts.dryRun && github) await scheduleSummary({ root, config: inputs.config, env, github });
  if (opts.commentOn && !opts.dryRun && github && (s.published || s.updated || s.failed || s.unknown)) {
    try {
      const prs = await commentOnMergedPulls(github, opts.commentOn, publishMarkdown(result, { title: 'pinops published this pull request' }));
      if (prs.length) say.info(`Commented on #${prs.join(', #')}.`);
    } catch (err) {
      say.warning(`Could not comment on the merged pull request: ${err instanceof Error ? err.message : String(err)}. Give the workflow \`permissions: pull-requests: write\`.`);
    }
  }
  if (s.halted) throw new InputError(`${s.halted.error ?? 'publishing stopped'}. ${s.halted.advice ?? ''}`.trim());
  if (figures) throw new InputError(figures);
  if (s.failed || s.unknown) throw new InputError(`${s.failed} pin(s) failed and ${s.unknown} have an unknown outcome: see the job summary.`);
  if (errors) throw new AnnotatedProblems(`${errors} error(s) in the content: the pins they belong to were not published.`);
}
