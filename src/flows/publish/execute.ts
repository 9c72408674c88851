import type { BoardsModel } from '../../content/parse-boards.js';
import type { MediaFiles } from '../../files/media-library.js';
import type { LedgerStore } from '../../ledger/store.js';
import type { PinterestApi } from '../../pinterest/client.js';
import type { PinterestError } from '../../pinterest/errors.js';
import type { Clock } from '../../pinterest/transport.js';
import type { Plan } from '../../plan/plan.js';
import type { Settings } from '../../settings/schema.js';
import { creates } from './creates.js';
import { deletes, recreates, updates } from './edits.js';
import { ensureBoards, renames } from './prepare.js';
import { resolveUnknowns } from './resolve.js';
import { rules } from './rules.js';
import { Run } from './run.js';

/** Why a run stopped sending: a Pinterest error kind that would only repeat, or a ledger it cannot write. */
export type HaltReason = PinterestError['kind'] | 'ledger';

/** What happened to one pin in this run. */
export interface Outcome {
  key: string;
  action: 'create' | 'update' | 'recreate' | 'delete' | 'adopt' | 'rename' | 'save' | 'republish';
  /** For save and republish: the rule, and the board or template. */
  detail?: string;
  result: 'ok' | 'error' | 'skipped' | 'unknown';
  pinId?: string;
  error?: string;
  /** A skip because the run stopped sending: what stopped it (credentials, a rate limit, spam, the ledger). */
  halted?: HaltReason;
  advice?: string;
}

export interface ExecuteDeps {
  api: PinterestApi;
  ledger: LedgerStore;
  clock: Clock;
  /** The run's media files, as validation read them. */
  media: MediaFiles;
  runId: string;
  boards: BoardsModel | undefined;
  log: (line: string) => void;
  /** Creates between two ledger pushes (intents before, results after). */
  batchSize?: number;
  videoTimeoutMs?: number;
  /** The settings' creative templates (evergreen republishing renders with them). */
  templates: Settings['templates'];
  /** How long this run's intents stay locked without a renewal (settings' `intent_lease`). */
  leaseMs?: number;
}

/**
 * Carries out a plan, phase by phase, each in its own module; the ledger is pushed before every
 * create and after it. The order matters: intents a dead run left are settled first, boards exist
 * before pins go to them, and the creates come once, last, with those the phases before found
 * they need (a pin deleted on Pinterest and edited here, a recreate, an intent that came to nothing).
 */
export async function executePlan(plan: Plan, deps: ExecuteDeps): Promise<Outcome[]> {
  const run = new Run(plan, deps);
  // A wait for a rate limit says how far the run has come: "142 of 300 done".
  deps.api.transport.progress = () => run.progress();
  try {
    for (const phase of [resolveUnknowns, ensureBoards, renames, updates, recreates, deletes, rules, creates]) await phase(run);
  } finally {
    run.leases.stop();
    deps.api.transport.progress = undefined;
  }
  const failure = run.ledgerFailure();
  if (failure) throw failure;
  return run.outcomes;
}
