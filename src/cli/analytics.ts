import { summaryText } from '../analytics/summary.js';
import { readLine, runAnalytics } from '../flows/analytics.js';
import { runIdFrom } from '../flows/publish.js';
import { registerSecret } from '../util/redact.js';
import { EXIT } from '../util/user-error.js';
import { UsageError } from './errors.js';
import { type CliIO, waitNotice } from './io.js';

/** `pinops analytics [--days N]`: collect the pins' daily metrics onto the ledger branch and print the summary. */
export async function analyticsCommand(io: CliIO, root: string, opts: { days?: string; json?: boolean; config?: string }): Promise<number> {
  const days = opts.days === undefined ? undefined : Number(opts.days);
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 90))
    throw new UsageError(`--days must be a whole number from 1 to 90 (Pinterest keeps 90 days of analytics), not "${opts.days}"`);
  const r = await runAnalytics({
    root,
    env: io.env,
    runId: runIdFrom(io.env),
    mask: registerSecret,
    log: (l) => (opts.json ? io.err : io.out)(`${l}\n`),
    transport: { onWait: waitNotice(io) },
    ...(days !== undefined ? { days } : {}),
    ...(opts.config ? { config: opts.config } : {}),
  });
  for (const w of r.warnings) io.err(`${w.level}: ${w.text}\n`);
  if (r.skipped) {
    if (opts.json) io.out(`${JSON.stringify({ skipped: r.skipped, asked: 0, fetched: 0 }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (opts.json) {
    const { asked, fetched, deferred, gone, failed, summary } = r;
    const totals = { pins: r.totals.length, error: r.totalsError ?? null };
    io.out(`${JSON.stringify({ asked, fetched, deferred, totals, gone, failed, broken: r.broken.map((b) => b.message), summary }, null, 2)}\n`);
    return failed.length ? EXIT.api : r.broken.length ? EXIT.usage : EXIT.ok;
  }
  io.out(`${readLine(r)} in ${(r.elapsedMs / 1000).toFixed(1)} s; stored on the ledger branch in analytics/.\n\n`);
  io.out(summaryText(r.summary));
  for (const b of r.broken) io.err(`pinops: ${b.message}\n`);
  for (const f of r.failed) io.err(`pinops: the analytics of ${f.key} (pin ${f.pinId}) could not be read: ${f.error}\n`);
  if (r.failed.length) return EXIT.api;
  return r.broken.length ? EXIT.usage : EXIT.ok;
}
