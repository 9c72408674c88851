import { planRun } from '../flows/plan-run.js';
import { planJson, planText } from '../plan/render.js';
import { registerSecret } from '../util/redact.js';
import { EXIT } from '../util/user-error.js';
import { isoTime } from './args.js';
import type { CliIO } from './io.js';

// `pinops plan`, apart from `pinops publish` (publish.ts): it loads only what planning needs, none
// of what sending does (the API client, credentials and their encryption, notifications).

/** `pinops plan [--json] [--now ISO]`: the plan against the ledger, nothing sent. */
export async function planCommand(io: CliIO, root: string, opts: { json: boolean; now?: string; config?: string; retryUpdates?: boolean }): Promise<number> {
  const now = opts.now ? isoTime(opts.now) : new Date();
  const { result: r } = await planRun({
    root,
    env: io.env,
    dryRun: true,
    now,
    runId: 'plan',
    mask: registerSecret,
    log: () => {},
    // The plan is all it prints: the content's warnings are validate's to show.
    lints: 'errors',
    ...(opts.config ? { config: opts.config } : {}),
    ...(opts.retryUpdates ? { retryUpdates: true } : {}),
  });
  if (opts.json) io.out(planJson(r.plan));
  else io.out(planText(r.plan));
  return EXIT.ok;
}
