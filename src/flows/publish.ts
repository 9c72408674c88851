import picomatch from 'picomatch';
import { mediaKinds, mediaUses } from '../content/validate.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { digestFiles } from '../files/digest.js';
import type { Ledger } from '../ledger/format.js';
import type { LedgerStore } from '../ledger/store.js';
import { gitLedgerStore } from '../ledger/store.js';
import type { PinterestApi } from '../pinterest/client.js';
import { type Clock, realClock, type TransportOptions } from '../pinterest/transport.js';
import { desiredPins } from '../plan/desired.js';
import { type Plan, plan } from '../plan/plan.js';
import { SettingsError } from '../settings/load.js';
import type { Settings } from '../settings/schema.js';
import type { CredentialReport, SecretsTarget } from './credentials.js';
import { connect, type Session } from './session.js';

export { SettingsError };

import { figuresByPin, readMonths } from './analytics.js';
import { executePlan, type Outcome } from './execute.js';
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
  videoTimeoutMs?: number;
  /** Where a rotated refresh token is stored back. */
  secrets?: SecretsTarget;
  /** A validation of this repository made moments ago (the pull_request job's): not made again. */
  validated?: Validated;
}

export interface PublishResult {
  settings: Settings;
  diagnostics: Diagnostic[];
  plan: Plan;
  outcomes: Outcome[];
  warnings: string[];
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
 * A board deleted on Pinterest takes its pins with it: ledger entries on boards the account no
 * longer has are cleared (and logged), so those pins are published again. Returns whether any were.
 */
async function forgetDeletedBoards(api: PinterestApi, store: LedgerStore, opts: PublishOptions): Promise<boolean> {
  const ledger = await store.load();
  const onBoards = Object.values(ledger.pins).filter((e) => e.state === 'published' && e.board_id);
  if (onBoards.length === 0) return false;
  const live = new Set((await api.listBoards()).map((b) => b.id));
  const gone = Object.entries(ledger.pins).filter(([, e]) => e.state === 'published' && e.board_id && !live.has(e.board_id));
  if (gone.length === 0) return false;
  const keys = new Set(gone.map(([k]) => k));
  const time = new Date().toISOString();
  await store.commit(
    `pinops: ${keys.size} pin(s) were on boards deleted on Pinterest`,
    (l) => {
      for (const k of keys) if (l.pins[k]?.board_id && !live.has(l.pins[k]?.board_id)) delete l.pins[k];
      return true;
    },
    () =>
      gone.map(([k, e]) => ({
        time,
        run: opts.runId,
        pin: k,
        action: 'clear' as const,
        result: 'ok' as const,
        ...(e.pin_id ? { pin_id: e.pin_id } : {}),
        ...(e.board_id ? { board_id: e.board_id } : {}),
        error: 'board deleted on Pinterest; the pin is published again',
      })),
  );
  opts.log(`· ${keys.size} pin(s) were on boards that no longer exist on Pinterest; they are published again`);
  return true;
}

/** A run id for the ledger: the workflow run (and attempt), or a local one. */
export function runIdFrom(env: Record<string, string | undefined>): string {
  return env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}.${env.GITHUB_RUN_ATTEMPT ?? '1'}` : `local-${Date.now().toString(36)}`;
}

/** Validate → plan → (unless a dry run) credentials, account check, and the plan carried out. */
export async function publish(opts: PublishOptions): Promise<PublishResult> {
  const validation = opts.validated ?? (await validateRepository({ root: opts.root, env: opts.env, ...(opts.config ? { config: opts.config } : {}) }));
  if (!validation.ok) throw new SettingsError(validation.diagnostics);
  const { settings, pins, diagnostics } = validation;
  const digests = digestFiles(opts.root, mediaKinds(mediaUses(pins)));
  const desired = desiredPins(pins, diagnostics, settings, digests);
  const store = opts.ledger ?? gitLedgerStore(opts.root, settings.ledger_branch);
  const only = opts.only ? picomatch(opts.only, { dot: true }) : undefined;
  // Rules with thresholds read the stored analytics; nothing else needs them.
  const figures = settings.rules.some((r) => 'save_to' in r) ? figuresByPin((await readMonths(store)).rows) : undefined;
  const makePlan = (ledger: Ledger) =>
    plan({
      desired,
      ledger,
      settings,
      now: opts.now ?? new Date(),
      ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
      ...(only ? { only } : {}),
      ...(figures ? { figures } : {}),
    });
  let thePlan = makePlan(await store.load());
  const result: PublishResult = { settings, diagnostics, plan: thePlan, outcomes: [], warnings: [], dryRun: opts.dryRun, requests: 0, rateLimited: 0, waitedMs: 0, requestMs: 0 };
  if (opts.dryRun) return result;

  const session = await connect(settings, store, opts);
  const { api } = session;
  result.session = session;
  if (session.account) result.account = session.account;
  result.credentials = session.credentials;
  result.warnings.push(...session.warnings);
  if (await forgetDeletedBoards(api, store, opts)) {
    thePlan = makePlan(await store.load());
    result.plan = thePlan;
  }
  result.outcomes = await executePlan(thePlan, {
    api,
    ledger: store,
    clock: opts.clock ?? realClock,
    root: opts.root,
    runId: opts.runId,
    boards: validation.boards,
    templates: settings.templates,
    log: opts.log,
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    ...(opts.videoTimeoutMs ? { videoTimeoutMs: opts.videoTimeoutMs } : {}),
  });
  result.requests = api.transport.stats.requests;
  result.rateLimited = api.transport.stats.rateLimited;
  result.waitedMs = api.transport.stats.waitedMs;
  result.requestMs = api.transport.stats.requestMs;
  return result;
}
