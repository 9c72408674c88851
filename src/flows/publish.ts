import { isBoardId } from '../content/board-id.js';
import { secretBoards } from '../content/parse-boards.js';
import { mediaKinds, mediaUses } from '../content/validate.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Warning } from '../diagnostics/warning.js';
import { digestFiles } from '../files/digest.js';
import { AWAITING_ADOPTION, awaitingAdoption } from '../import/adopt.js';
import { type Ledger, LedgerError } from '../ledger/format.js';
import { lostRecords, madeByLog } from '../ledger/lost.js';
import type { LedgerStore } from '../ledger/store.js';
import { gitLedgerStore } from '../ledger/store.js';
import type { PinterestApi } from '../pinterest/client.js';
import { type Clock, realClock, type TransportOptions } from '../pinterest/transport.js';
import { type DesiredPin, desiredPins } from '../plan/desired.js';
import { type Plan, plan } from '../plan/plan.js';
import { SettingsError } from '../settings/load.js';
import type { Settings } from '../settings/schema.js';
import { durationMs } from '../util/duration.js';
import { turn } from '../util/turn.js';
import { figuresByPin, readMonths } from './analytics.js';
import type { CredentialReport, SecretsTarget } from './credentials.js';
import { adoptAwaiting } from './import.js';
import { type NotifyContext, notifyHalt, notifyPublish } from './notify.js';
import { globMatcher } from './only.js';
import { OnlyError } from './only-error.js';
import { type DeferringStore, deferring } from './publish/deferred.js';
import { executePlan } from './publish/execute.js';
import type { Outcome } from './publish/outcome.js';
import { connect, type Session } from './session.js';
import { type Validated, validateRepository } from './validate.js';

export interface PublishOptions {
  root: string;
  config?: string;
  env: Record<string, string | undefined>;
  /** Plan and report only: nothing is sent, no credentials are needed. */
  dryRun: boolean;
  limit?: number;
  /** A glob of content files to act on. */
  only?: string;
  now?: Date;
  runId: string;
  /** Hides a secret from every log (the runner's add-mask; a no-op in a terminal). */
  mask: (secret: string) => void;
  log: (line: string) => void;
  clock?: Clock;
  transport?: TransportOptions;
  ledger?: LedgerStore;
  batchSize?: number;
  /** Creates sent at once at most (default 3). */
  inFlight?: number;
  videoTimeoutMs?: number;
  /** Where a rotated refresh token is stored back. */
  secrets?: SecretsTarget;
  /**
   * How many pins the user agrees to publish again that pinops had published before (their board
   * was deleted, or their ledger record lost): without it, more than a few are held.
   */
  confirmRepublish?: number;
  /** A validation of this repository made moments ago (the pull_request job's): not made again. */
  validated?: Validated;
  /** Send again the edits Pinterest refused before (planned as `update-unavailable` otherwise). */
  retryUpdates?: boolean;
  /** `errors`: the content's warnings are not looked for (a caller that shows only the plan); see ValidateOptions. */
  lints?: 'all' | 'errors';
  /** The wait before a webhook's next try (tests: shorter than the default 1 s, 4 s). */
  notifyBackoffMs?: (attempt: number) => number;
}

export interface PublishResult {
  settings: Settings;
  diagnostics: Diagnostic[];
  /** Content files the validation read (for "N errors in M files"). */
  files: number;
  plan: Plan;
  outcomes: Outcome[];
  /** Said beside the results, each at its level. */
  warnings: Warning[];
  dryRun: boolean;
  account?: string;
  credentials?: CredentialReport;
  /** The checked client, for what the run does next (analytics on a schedule). */
  session?: Session;
  /** Requests sent to Pinterest, how many were answered 429, and time spent waiting and in requests. */
  requests: number;
  rateLimited: number;
  waitedMs: number;
  requestMs: number;
}

/** Pins that may be published again without a confirmation (say, one board deleted by hand). */
export const FREE_REPUBLISH = 3;

/**
 * Boards of published pins that are deleted on Pinterest. A board counts as deleted only when
 * asking for it by id answers 404: a listing can omit boards (a transient empty answer, a paging
 * fault, secret boards without `boards:read_secret`), and that must never re-post their pins.
 */
async function deletedBoards(api: PinterestApi, ledger: Ledger): Promise<Set<string>> {
  const ids = new Set(Object.values(ledger.pins).flatMap((e) => (e.state === 'published' && e.board_id ? [e.board_id] : [])));
  const gone = new Set<string>();
  if (ids.size === 0) return gone;
  const listed = new Set((await api.listBoards()).map((b) => b.id));
  for (const id of ids) if (!listed.has(id) && !(await api.getBoard(id))) gone.add(id);
  return gone;
}

/**
 * A board deleted on Pinterest takes its pins with it: their ledger entries are cleared (and
 * logged), so those pins are published again, each a plan row. Above a few pins that needs a
 * confirmation (`confirm-republish`); without it they are held, with a warning. Returns undefined
 * when no pin was on a deleted board (the plan stands), else the pins held (if any) for the new plan.
 */
async function forgetDeletedBoards(api: PinterestApi, store: LedgerStore, opts: PublishOptions, warnings: Warning[]): Promise<{ held?: Map<string, string> } | undefined> {
  const ledger = await store.load();
  const gone = await deletedBoards(api, ledger);
  const lost = Object.entries(ledger.pins).filter(([, e]) => e.state === 'published' && e.board_id && gone.has(e.board_id));
  if (lost.length === 0) return undefined;
  if (lost.length > FREE_REPUBLISH && (opts.confirmRepublish ?? 0) < lost.length) {
    warnings.push({
      level: 'warning',
      text: `${lost.length} pins were on ${gone.size} board(s) deleted on Pinterest (${[...gone].join(', ')}). They are not published again without a confirmation: to publish them again, run once with \`confirm-republish: ${lost.length}\` (CLI: \`--confirm-republish ${lost.length}\`).`,
    });
    return {
      held: new Map(lost.map(([k, e]) => [k, `its board ${e.board} (${e.board_id}) was deleted on Pinterest; publishing it again needs confirm-republish: ${lost.length}`])),
    };
  }
  const keys = new Set(lost.map(([k]) => k));
  const time = new Date().toISOString();
  await store.commit(
    `pinops: ${keys.size} pin(s) were on boards deleted on Pinterest`,
    (l) => {
      for (const k of keys) {
        const id = l.pins[k]?.board_id;
        if (id && gone.has(id)) delete l.pins[k];
      }
      return true;
    },
    () =>
      lost.map(([k, e]) => ({
        time,
        run: opts.runId,
        pin: k,
        action: 'clear' as const,
        result: 'ok' as const,
        ...(e.pin_id ? { pin_id: e.pin_id } : {}),
        ...(e.board_id ? { board_id: e.board_id } : {}),
        error: 'board deleted on Pinterest (GET /boards/{id}: 404); the pin is published again',
      })),
  );
  opts.log(`· ${keys.size} pin(s) were on boards deleted on Pinterest; they are published again`);
  return {};
}

/**
 * A ledger that shrank or vanished must not re-post what pinops published: before anything is
 * created, the plan's creates are held against the log on the branch (and against a copy of the
 * branch this clone still has). `log` is the branch's log/ folder, read beside the validation.
 * Returns the error that stops publishing, or undefined.
 */
async function lostLedger(
  store: LedgerStore,
  ledger: Ledger,
  log: Promise<Map<string, string>>,
  thePlan: Plan,
  opts: PublishOptions,
  branch: string,
): Promise<LedgerError | undefined> {
  // A dry run shows it as a warning of what a publish would do.
  const stop = opts.dryRun ? 'A publish would stop here' : 'Nothing was published';
  const creating = thePlan.actions.filter((a) => a.kind === 'create').map((a) => a.key);
  if (creating.length === 0) return undefined;
  if (store.vanished)
    return new LedgerError(
      `the ledger branch "${branch}" is gone from origin, but this clone had it at ${store.vanished.slice(0, 12)}. ${stop}: publishing now would post ${creating.length} pin(s) again. Restore it with \`git push origin ${store.vanished}:refs/heads/${branch}\`, then run again.`,
      'lost',
    );
  const lost = lostRecords(ledger, madeByLog(await log), creating);
  if (lost.length === 0 || (opts.confirmRepublish ?? 0) >= lost.length) return undefined;
  const some = lost
    .slice(0, 5)
    .map((l) => `${l.key} (pin ${l.pinId})`)
    .join(', ');
  return new LedgerError(
    `the ledger on "${branch}" no longer records ${lost.length} pin(s) that its log shows pinops published: ${some}${lost.length > 5 ? ', …' : ''}. ${stop}: publishing them would post them twice. Restore ledger.json and pins/ from the branch's history (\`git log origin/${branch} -- ledger.json pins\` shows every version), or, if those pins were deleted on Pinterest on purpose, run once with \`confirm-republish: ${lost.length}\` (CLI: \`--confirm-republish ${lost.length}\`).`,
    'lost',
  );
}

/**
 * A ledger with no record and no log at all (its branch deleted, with no clone to restore it
 * from): the account is asked whether pins about to be created are on their boards already.
 */
async function alreadyOnAccount(api: PinterestApi, store: LedgerStore, ledger: Ledger, thePlan: Plan, opts: PublishOptions, branch: string): Promise<LedgerError | undefined> {
  if (Object.keys(ledger.pins).length > 0) return undefined;
  // Asked again now: a run that started meanwhile pushes its intents before it creates a pin, so
  // a pin of pinops' own is on a board only once the ledger is no longer empty.
  if (Object.keys((await store.load({ fresh: true })).pins).length > 0) return undefined;
  const creating = thePlan.actions.flatMap((a) => (a.kind === 'create' && a.desired ? [a.desired] : []));
  if (creating.length === 0) return undefined;
  const boards = new Map((await api.listBoards()).flatMap((b) => (b.id && b.name ? [[b.name.toLowerCase(), b.id] as const] : [])));
  const found: string[] = [];
  const onBoard = new Map<string, { title?: string | null; link?: string | null }[]>();
  for (const d of creating) {
    const id = isBoardId(d.board) ? d.board : boards.get(d.board.toLowerCase());
    if (!id) continue;
    if (!onBoard.has(id)) onBoard.set(id, await api.listBoardPins(id, 250).catch(() => []));
    if (onBoard.get(id)?.some((p) => (p.title ?? '') === d.title && (!d.link || p.link === d.link))) found.push(d.key);
  }
  if (found.length === 0 || (opts.confirmRepublish ?? 0) >= found.length) return undefined;
  return new LedgerError(
    `the ledger branch "${branch}" has no record of any pin, but ${found.length} of the pins to create are on their boards already (${found.slice(0, 5).join(', ')}${found.length > 5 ? ', …' : ''}). Nothing was published. If the branch was deleted, push it back from any clone that has it (\`git push origin <commit>:refs/heads/${branch}\`; \`git reflog\` or a teammate's \`origin/${branch}\` has the commit). To publish them anyway, as new pins, run once with \`confirm-republish: ${found.length}\`.`,
    'lost',
  );
}

/** The pins to hold: those given, and imported files the ledger does not record yet (never a create). */
function withAwaitingImports(desired: readonly DesiredPin[], ledger: Ledger, held: ReadonlyMap<string, string> | undefined): Map<string, string> {
  const out = new Map(held);
  for (const key of awaitingAdoption(desired, ledger).keys()) if (!out.has(key)) out.set(key, AWAITING_ADOPTION);
  return out;
}

/** A run id for the ledger: the workflow run (and attempt), or a local one. */
export function runIdFrom(env: Record<string, string | undefined>): string {
  return env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}.${env.GITHUB_RUN_ATTEMPT ?? '1'}` : `local-${Date.now().toString(36)}`;
}

/** A plan made to be carried out, with what carrying it out needs. */
export interface PlannedRun {
  validation: Validated;
  store: LedgerStore;
  /** The ledger the plan was made from (loaded once). */
  ledger: Ledger;
  result: PublishResult;
  /** Plans again from a changed ledger (after boards deleted on Pinterest were cleared). */
  replan(ledger: Ledger, held?: ReadonlyMap<string, string>): Plan;
  /** A ledger that shrank or vanished: a publish stops with this before anything is sent. */
  lost: LedgerError | undefined;
  /** The pins as the repository wants them (imported files are recorded from these). */
  desired: readonly DesiredPin[];
}

/** The ledger being read beside the validation, and the branch's log once the ledger is in (for lostLedger). */
type LedgerLoad = { store: LedgerStore; ledger: Promise<Ledger>; log: Promise<Map<string, string>> };

function startLoading(opts: PublishOptions, settings: Settings): LedgerLoad {
  const store = opts.ledger ?? gitLedgerStore(opts.root, settings.ledger_branch);
  const ledger = store.load();
  // The log is read from the same head, while the content is still being checked: read after the
  // plan, its two git processes were the last thing a plan waited for.
  const log = ledger.then(() => store.readFolder('log'));
  // Awaited by the plan, unless the run stops first (a glob that matches nothing): never an unhandled rejection.
  ledger.catch(() => {});
  log.catch(() => {});
  return { store, ledger, log };
}

/** Validate once, load the ledger once, plan: what `pinops plan`, the PR's plan and dry runs show. */
export async function planRun(opts: PublishOptions): Promise<PlannedRun> {
  // The ledger is fetched while the content is read and checked: git works beside it, on another core.
  let loading: LedgerLoad | undefined;
  const load = (settings: Settings) => (loading ??= startLoading(opts, settings));
  try {
    return await planWith(opts, load);
  } catch (err) {
    // A run that stops early (invalid content, a bad glob) lets its fetch finish first: a git still
    // writing into the repository after the command returned would race whoever comes next.
    await (loading as LedgerLoad | undefined)?.log.catch(() => undefined);
    throw err;
  }
}

async function planWith(opts: PublishOptions, load: (settings: Settings) => LedgerLoad): Promise<PlannedRun> {
  const validation =
    opts.validated ??
    (await validateRepository({ root: opts.root, env: opts.env, ...(opts.config ? { config: opts.config } : {}), ...(opts.lints ? { lints: opts.lints } : {}), onSettings: load }));
  if (!validation.ok) throw new SettingsError(validation.diagnostics);
  const { settings, pins, diagnostics } = validation;
  const { store, ledger: loaded, log } = load(settings);
  // What git has sent of the ledger meanwhile is taken in before the pins are worked out.
  await turn();
  const digests = digestFiles(validation.media, mediaKinds(mediaUses(pins)));
  const desired = desiredPins(pins, diagnostics, settings, digests);
  const only = opts.only ? globMatcher(opts.only) : undefined;
  // A glob that matches no pin file is a typo far more often than a wish to publish nothing.
  if (only && opts.only && !desired.some((d) => only(d.file))) {
    throw new OnlyError(`"${opts.only}" matches no pin file (globs match paths from the repository's root, such as content/pins/boots.md)`);
  }
  const ledger = await loaded;
  // Rules with thresholds read the stored analytics (from the head just loaded); nothing else needs them.
  const figures = settings.rules.some((r) => 'save_to' in r) ? figuresByPin((await readMonths(store)).rows) : undefined;
  const replan = (ledger: Ledger, held?: ReadonlyMap<string, string>) =>
    plan({
      held: withAwaitingImports(desired, ledger, held),
      desired,
      ledger,
      settings,
      now: opts.now ?? new Date(),
      leaseNow: new Date((opts.clock ?? realClock).now()),
      ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
      ...(only ? { only } : {}),
      ...(figures ? { figures } : {}),
      ...(opts.retryUpdates ? { retryUpdates: true } : {}),
    });
  const thePlan = replan(ledger);
  const result: PublishResult = {
    settings,
    diagnostics,
    files: validation.files,
    plan: thePlan,
    outcomes: [],
    warnings: [],
    dryRun: opts.dryRun,
    requests: 0,
    rateLimited: 0,
    waitedMs: 0,
    requestMs: 0,
  };
  const lost = await lostLedger(store, ledger, log, thePlan, opts, settings.ledger_branch);
  if (lost) result.warnings.push({ level: 'warning', text: lost.message });
  return { validation, store, ledger, result, replan, lost, desired };
}

/** Credentials, the account's checks, then the plan carried out, recorded in the ledger as it goes. */
export async function carryOut(run: PlannedRun, opts: PublishOptions): Promise<PublishResult> {
  if (run.lost) throw run.lost;
  // The credentials' record, new boards and the first intents go in one push where they can.
  const store = deferring(run.store);
  try {
    return await carryOutWith(run, store, opts);
  } finally {
    // What a run that stopped early still held back (executePlan pushes it otherwise).
    await store.flush().catch(() => undefined);
  }
}

async function carryOutWith(run: PlannedRun, store: DeferringStore, opts: PublishOptions): Promise<PublishResult> {
  const { validation, ledger, result } = run;
  const { settings } = validation;
  const session = await connect(settings, store, { ...opts, secretBoards: secretBoards(validation.boards) });
  const { api } = session;
  result.session = session;
  if (session.account) result.account = session.account;
  result.credentials = session.credentials;
  // An `import: account` pull request, merged: its files are recorded as published before anything is planned to be sent.
  const adopted = await adoptAwaiting({ api, store, desired: run.desired, runId: opts.runId, ...(opts.now ? { now: opts.now } : {}) });
  if (adopted.length) {
    opts.log(`· recorded ${adopted.length} imported pin(s) as published`);
    result.plan = run.replan(await store.load());
  }
  result.warnings.push(...session.credentials.warnings);
  const onAccount = await alreadyOnAccount(api, store, ledger, result.plan, opts, settings.ledger_branch);
  if (onAccount) throw onAccount;
  const boards = await forgetDeletedBoards(api, store, opts, result.warnings);
  if (boards) result.plan = run.replan(await store.load(), boards.held);
  result.outcomes = await executePlan(result.plan, {
    api,
    ledger: store,
    clock: opts.clock ?? realClock,
    media: validation.media,
    runId: opts.runId,
    boards: validation.boards,
    templates: settings.templates,
    leaseMs: durationMs(settings.intent_lease),
    log: opts.log,
    warn: (w) => result.warnings.push(w),
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    ...(opts.inFlight ? { inFlight: opts.inFlight } : {}),
    ...(opts.videoTimeoutMs ? { videoTimeoutMs: opts.videoTimeoutMs } : {}),
  });
  Object.assign(result, {
    requests: api.transport.stats.requests,
    rateLimited: api.transport.stats.rateLimited,
    waitedMs: api.transport.stats.waitedMs,
    requestMs: api.transport.stats.requestMs,
  });
  return result;
}

/**
 * Validate → plan → (unless a dry run) credentials, account check, and the plan carried out; then
 * the webhooks of `notify:` are told (a failed delivery is a warning, never the run's failure).
 */
export async function publish(opts: PublishOptions): Promise<PublishResult> {
  const run = await planRun(opts);
  if (opts.dryRun) return run.result;
  const ctx: NotifyContext = {
    ...opts,
    settings: run.validation.settings,
    store: run.store,
    now: opts.now ?? new Date(),
    ...(opts.notifyBackoffMs ? { backoffMs: opts.notifyBackoffMs } : {}),
  };
  let result: PublishResult;
  try {
    result = await carryOut(run, opts);
  } catch (err) {
    for (const w of await notifyHalt(ctx, err)) opts.log(`warning: ${w.text}`);
    throw err;
  }
  result.warnings.push(...(await notifyPublish(ctx, result.outcomes, result.plan, result.credentials?.renewBy)));
  return result;
}
