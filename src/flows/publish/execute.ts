import type { Plan } from '../../plan/plan.js';
import { creates } from './creates.js';
import { deferring } from './deferred.js';
import { deletes, recreates, updates } from './edits.js';
import type { ExecuteDeps, Outcome } from './outcome.js';
import { ensureBoards, renames } from './prepare.js';
import { resolveUnknowns } from './resolve.js';
import { rules } from './rules.js';
import { Run } from './run.js';

/**
 * Carries out a plan, phase by phase, each in its own module; the ledger is pushed before every
 * create and after it. The order matters: intents a dead run left are settled first, boards exist
 * before pins go to them, and the creates come once, last, with those the phases before found
 * they need (a pin deleted on Pinterest and edited here, a recreate, an intent that came to nothing).
 */
export async function executePlan(plan: Plan, deps: ExecuteDeps): Promise<Outcome[]> {
  // Records nothing waits for (a board's creation) ride with the next push; the last are pushed at the end.
  const ledger = deferring(deps.ledger);
  const run = new Run(plan, { ...deps, ledger });
  // A wait for a rate limit says how far the run has come: "142 of 300 done".
  deps.api.transport.progress = () => run.progress();
  try {
    for (const phase of [resolveUnknowns, ensureBoards, renames, updates, recreates, deletes, rules, creates]) await phase(run);
    await run.background(ledger.flush(deps.lastFiles));
  } finally {
    run.leases.stop();
    deps.api.transport.progress = undefined;
  }
  const failure = run.ledgerFailure();
  if (failure) throw failure;
  return run.outcomes;
}
