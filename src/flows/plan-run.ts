import { mediaKinds } from '../content/validate.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Warning } from '../diagnostics/warning.js';
import { digestFiles } from '../files/digest.js';
import { withAwaitingImports } from '../import/adopt.js';
import { type Ledger, LedgerError } from '../ledger/format.js';
import { lostRecords, madeByLog } from '../ledger/lost.js';
import { gitLedgerStore, type LedgerStore } from '../ledger/store.js';
import { type Clock, realClock, type TransportOptions } from '../pinterest/transport.js';
import { type DesiredPin, desiredPins } from '../plan/desired.js';
import { type Plan, plan } from '../plan/plan.js';
import { SettingsError } from '../settings/load.js';
import type { Settings } from '../settings/schema.js';
import { turn } from '../util/turn.js';
import type { CredentialReport, SecretsTarget } from './credentials.js';
import { globMatcher } from './only.js';
import { OnlyError } from './only-error.js';
import type { Outcome } from './publish/outcome.js';
import type { Session } from './session.js';
import { type Validated, validateRepository } from './validate.js';

// The plan of a run: validation, the ledger, the plan. Apart from carrying it out (publish.ts), so
// that `pinops plan` loads none of what sending needs (the API client, credentials and their
// encryption, notifications, imports).

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
  const digests = digestFiles(validation.media, mediaKinds(pins));
  const desired = desiredPins(pins, diagnostics, settings, digests);
  const only = opts.only ? globMatcher(opts.only) : undefined;
  // A glob that matches no pin file is a typo far more often than a wish to publish nothing.
  if (only && opts.only && !desired.some((d) => only(d.file))) {
    throw new OnlyError(`"${opts.only}" matches no pin file (globs match paths from the repository's root, such as content/pins/boots.md)`);
  }
  const ledger = await loaded;
  // Rules with thresholds read the stored analytics (from the head just loaded); nothing else needs them.
  const figures = settings.rules.some((r) => 'save_to' in r) ? await storedFigures(store) : undefined;
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

/** The daily figures of the pins, from analytics/ on the ledger branch (the analytics flow loaded only for them). */
async function storedFigures(store: LedgerStore): Promise<ReturnType<typeof import('./analytics.js').figuresByPin>> {
  const { figuresByPin, readMonths } = await import('./analytics.js');
  return figuresByPin((await readMonths(store)).rows);
}
