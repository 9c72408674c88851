import { isBoardId } from '../content/board-id.js';
import { secretBoards } from '../content/parse-boards.js';
import type { Warning } from '../diagnostics/warning.js';
import { type Ledger, LedgerError } from '../ledger/format.js';
import type { FilesChange, LedgerStore } from '../ledger/store.js';
import type { PinterestApi } from '../pinterest/client.js';
import { realClock } from '../pinterest/transport.js';
import type { ApiBoard } from '../pinterest/types.js';
import type { Plan } from '../plan/plan.js';
import { durationMs } from '../util/duration.js';
import { adoptAwaiting } from './import.js';
import { type NotifyContext, notifyHalt, notifyPublish } from './notify.js';
import { type PlannedRun, type PublishOptions, type PublishResult, planRun } from './plan-run.js';
import { type DeferringStore, deferring } from './publish/deferred.js';
import { executePlan } from './publish/execute.js';
import { ScheduleFile } from './schedule-file.js';
import { connect } from './session.js';

export { type PlannedRun, type PublishOptions, type PublishResult, planRun } from './plan-run.js';

/** The account's boards, listed once for the run's checks and its board directory (a listing costs a request, about 150 ms before the first push). */
type BoardListing = () => Promise<ApiBoard[]>;

/**
 * Lists on the first call (or takes `first`, a listing under way) and answers every later one with
 * that listing; a failed listing is made again when asked next.
 */
function boardListing(api: PinterestApi, first?: Promise<ApiBoard[]>): BoardListing {
  let listed: Promise<ApiBoard[]> | undefined;
  const start = (listing: Promise<ApiBoard[]>) =>
    (listed = listing.catch((err: unknown) => {
      listed = undefined;
      throw err;
    }));
  // Nobody may ask for it (a run with nothing to do): its failure is then nobody's.
  if (first) start(first).catch(() => {});
  return () => listed ?? start(api.listBoards());
}

/** Pins that may be published again without a confirmation (say, one board deleted by hand). */
export const FREE_REPUBLISH = 3;

/**
 * Boards of published pins that are deleted on Pinterest. A board counts as deleted only when
 * asking for it by id answers 404: a listing can omit boards (a transient empty answer, a paging
 * fault, secret boards without `boards:read_secret`), and that must never re-post their pins.
 */
async function deletedBoards(api: PinterestApi, ledger: Ledger, listing: BoardListing): Promise<Set<string>> {
  const ids = new Set(Object.values(ledger.pins).flatMap((e) => (e.state === 'published' && e.board_id ? [e.board_id] : [])));
  const gone = new Set<string>();
  if (ids.size === 0) return gone;
  const listed = new Set((await listing()).map((b) => b.id));
  for (const id of ids) if (!listed.has(id) && !(await api.getBoard(id))) gone.add(id);
  return gone;
}

/**
 * A board deleted on Pinterest takes its pins with it: their ledger entries are cleared (and
 * logged), so those pins are published again, each a plan row. Above a few pins that needs a
 * confirmation (`confirm-republish`); without it they are held, with a warning. Returns undefined
 * when no pin was on a deleted board (the plan stands), else the pins held (if any) for the new plan.
 */
async function forgetDeletedBoards(
  api: PinterestApi,
  listing: BoardListing,
  store: LedgerStore,
  opts: PublishOptions,
  warnings: Warning[],
): Promise<{ held?: Map<string, string> } | undefined> {
  const ledger = await store.load();
  const gone = await deletedBoards(api, ledger, listing);
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
 * A ledger with no record and no log at all (its branch deleted, with no clone to restore it
 * from): the account is asked whether pins about to be created are on their boards already.
 */
async function alreadyOnAccount(
  api: PinterestApi,
  listing: BoardListing,
  store: LedgerStore,
  ledger: Ledger,
  thePlan: Plan,
  opts: PublishOptions,
  branch: string,
): Promise<LedgerError | undefined> {
  if (Object.keys(ledger.pins).length > 0) return undefined;
  // Asked again now: a run that started meanwhile pushes its intents before it creates a pin, so
  // a pin of pinops' own is on a board only once the ledger is no longer empty.
  if (Object.keys((await store.load({ fresh: true })).pins).length > 0) return undefined;
  const creating = thePlan.actions.flatMap((a) => (a.kind === 'create' && a.desired ? [a.desired] : []));
  if (creating.length === 0) return undefined;
  const boards = new Map((await listing()).flatMap((b) => (b.id && b.name ? [[b.name.toLowerCase(), b.id] as const] : [])));
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

/** A run id for the ledger: the workflow run (and attempt), or a local one. */
export function runIdFrom(env: Record<string, string | undefined>): string {
  return env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}.${env.GITHUB_RUN_ATTEMPT ?? '1'}` : `local-${Date.now().toString(36)}`;
}

/**
 * Credentials, the account's checks, then the plan carried out, recorded in the ledger as it goes;
 * `lastFiles` go with the last push.
 */
async function carryOut(run: PlannedRun, opts: PublishOptions, lastFiles?: FilesChange): Promise<PublishResult> {
  if (run.lost) throw run.lost;
  // The credentials' record, new boards and the first intents go in one push where they can.
  const store = deferring(run.store);
  try {
    return await carryOutWith(run, store, opts, lastFiles);
  } finally {
    // What a run that stopped early still held back (executePlan pushes it otherwise).
    await store.flush().catch(() => undefined);
  }
}

async function carryOutWith(run: PlannedRun, store: DeferringStore, opts: PublishOptions, lastFiles: FilesChange | undefined): Promise<PublishResult> {
  const { validation, ledger, result } = run;
  const { settings } = validation;
  const session = await connect(settings, store, { ...opts, secretBoards: secretBoards(validation.boards), listBoards: true });
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
  const listing = boardListing(api, session.boards);
  const onAccount = await alreadyOnAccount(api, listing, store, ledger, result.plan, opts, settings.ledger_branch);
  if (onAccount) throw onAccount;
  const boards = await forgetDeletedBoards(api, listing, store, opts, result.warnings);
  if (boards) result.plan = run.replan(await store.load(), boards.held);
  result.outcomes = await executePlan(result.plan, {
    api,
    ledger: store,
    clock: opts.clock ?? realClock,
    media: validation.media,
    runId: opts.runId,
    boards: validation.boards,
    listBoards: listing,
    templates: settings.templates,
    leaseMs: durationMs(settings.intent_lease),
    log: opts.log,
    warn: (w) => result.warnings.push(w),
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    ...(opts.inFlight ? { inFlight: opts.inFlight } : {}),
    ...(opts.videoTimeoutMs ? { videoTimeoutMs: opts.videoTimeoutMs } : {}),
    ...(lastFiles ? { lastFiles } : {}),
  });
  Object.assign(result, {
    requests: api.transport.stats.requests,
    rateLimited: api.transport.stats.rateLimited,
    waitedMs: api.transport.stats.waitedMs,
    requestMs: api.transport.stats.requestMs,
  });
  return result;
}

/** Validate → plan → (unless a dry run) the plan published (publishPlanned). */
export async function publish(opts: PublishOptions): Promise<PublishResult> {
  const run = await planRun(opts);
  return opts.dryRun ? run.result : publishPlanned(run, opts);
}

/**
 * A plan published: credentials, account check, and the plan carried out, the schedule file
 * written with the last push; then the webhooks of `notify:` are told (a failed delivery is a
 * warning, never the run's failure).
 */
export async function publishPlanned(run: PlannedRun, opts: PublishOptions): Promise<PublishResult> {
  const ctx: NotifyContext = {
    ...opts,
    settings: run.validation.settings,
    store: run.store,
    now: opts.now ?? new Date(),
    ...(opts.notifyBackoffMs ? { backoffMs: opts.notifyBackoffMs } : {}),
  };
  // A run limited to some files or some writes plans only part of the schedule: the file keeps the whole one.
  const schedule = !opts.only && opts.limit === undefined ? new ScheduleFile(run, { now: ctx.now, env: opts.env, root: opts.root }) : undefined;
  let result: PublishResult;
  try {
    result = await carryOut(run, opts, schedule?.files);
  } catch (err) {
    for (const w of await notifyHalt(ctx, err)) opts.log(`warning: ${w.text}`);
    throw err;
  }
  if (schedule) result.warnings.push(...(await schedule.write()));
  result.warnings.push(...(await notifyPublish(ctx, result.outcomes, result.plan, result.credentials?.renewBy)));
  return result;
}
