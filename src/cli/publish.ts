import { formatText } from '../diagnostics/format.js';
import { loadSettings } from '../files/repo.js';
import { type PublishOptions, type PublishResult, planRun, publishPlanned, runIdFrom } from '../flows/publish.js';
import { publishWarnings, summarise } from '../flows/report.js';
import { apiBase, createPinterestClient, pinUrl } from '../pinterest/client.js';
import { obtainCredentials } from '../pinterest/credentials.js';
import { limitsFrom } from '../pinterest/limits.js';
import { planObject, planText } from '../plan/render.js';
import { redact, redactJson, registerSecret } from '../util/redact.js';
import { EXIT } from '../util/user-error.js';
import { UsageError } from './errors.js';
import { type CliIO, waitNotice } from './io.js';

/**
 * `pinops publish [--dry-run] [--limit N] [--only GLOB]`. The plan comes first, then the run's log
 * as it goes (each pin's result once, with its URL), then the counts.
 */
export async function publishCommand(
  io: CliIO,
  root: string,
  opts: { dryRun: boolean; json?: boolean; limit?: string; only?: string; config?: string; confirmRepublish?: string; retryUpdates?: boolean },
): Promise<number> {
  const limit = wholeNumber('--limit', opts.limit);
  const confirmRepublish = wholeNumber('--confirm-republish', opts.confirmRepublish);
  const options: PublishOptions = {
    root,
    env: io.env,
    dryRun: opts.dryRun,
    runId: runIdFrom(io.env),
    mask: registerSecret,
    // With --json, stdout holds only the result; the log goes to stderr.
    log: (l) => (opts.json ? io.err : io.out)(`${redact(l)}\n`),
    transport: { onWait: waitNotice(io) },
    ...(limit !== undefined ? { limit } : {}),
    ...(confirmRepublish !== undefined ? { confirmRepublish } : {}),
    ...(opts.only ? { only: opts.only } : {}),
    ...(opts.config ? { config: opts.config } : {}),
    ...(opts.retryUpdates ? { retryUpdates: true } : {}),
  };
  const planned = await planRun(options);
  const errors = planned.result.diagnostics.filter((d) => d.severity === 'error');
  // Errors hold back their pins: they are listed as validate lists them (warnings too, so the count is the same).
  if (errors.length) io.err(formatText(planned.result.diagnostics, planned.result.files, false));
  if (!opts.json) io.out(planText(planned.result.plan));
  const r = opts.dryRun ? planned.result : await publishPlanned(planned, options);
  if (opts.json) return publishJson(io, r, errors.length);
  for (const w of publishWarnings(r)) io.err(`${w.level}: ${w.text}\n`);
  if (r.dryRun) return publishExit(r, errors.length);
  const s = summarise(r);
  io.out(`Published ${s.published}, updated ${s.updated}, failed ${s.failed}, unknown ${s.unknown}, skipped ${s.skipped}${r.account ? ` (account ${r.account})` : ''}.\n`);
  if (s.halted?.advice) io.err(`${s.halted.advice}\n`);
  return publishExit(r, errors.length);
}

export function wholeNumber(flag: string, given: string | undefined): number | undefined {
  if (given === undefined) return undefined;
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number of at least 1, not "${given}"`);
  return n;
}

/** The exit code of a publish run: API trouble first, then content errors. */
function publishExit(r: PublishResult, contentErrors: number): number {
  const s = summarise(r);
  if (!r.dryRun && (s.failed || s.unknown || s.halted)) return EXIT.api;
  return contentErrors ? EXIT.content : EXIT.ok;
}

/** `publish --json`: the plan, what was done, and the counts. */
function publishJson(io: CliIO, r: PublishResult, contentErrors: number): number {
  for (const w of publishWarnings(r)) io.err(`${w.level}: ${w.text}\n`);
  const { halted, ...counts } = summarise(r);
  const outcomes = r.outcomes.map((o) => ({ ...o, ...(o.pinId ? { url: pinUrl(o.pinId) } : {}) }));
  io.out(
    `${JSON.stringify({ dry_run: r.dryRun, account: r.account ?? null, plan: planObject(r.plan), outcomes, counts, halted: halted ?? null, warnings: publishWarnings(r).map((w) => w.text) }, redactJson, 2)}\n`,
  );
  return publishExit(r, contentErrors);
}

/** `pinops boards`: the account's boards and sections with their ids. */
export async function boardsCommand(io: CliIO, root: string, opts: { json?: boolean; config?: string }): Promise<number> {
  const parsed = await loadSettings(root, opts.config, io.env);
  if (!parsed.ok) {
    io.out(formatText(parsed.diagnostics, 0, io.color));
    return EXIT.usage;
  }
  const base = apiBase(parsed.settings.api);
  const creds = await obtainCredentials(io.env, base, () => {});
  const api = createPinterestClient({ base, accessToken: creds.accessToken, limits: limitsFrom(parsed.settings.rate_limits) });
  const boards = [];
  for (const b of await api.listBoards())
    boards.push({ id: b.id, name: b.name, privacy: b.privacy ?? 'PUBLIC', sections: (await api.listSections(b.id as string)).map((s) => ({ id: s.id, name: s.name })) });
  if (opts.json) {
    io.out(`${JSON.stringify({ boards }, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const b of boards) {
    io.out(`${String(b.id).padEnd(20)} ${b.name} (${String(b.privacy).toLowerCase()})\n`);
    for (const s of b.sections) io.out(`${''.padEnd(20)}   § ${s.name}  ${s.id}\n`);
  }
  io.out(`${boards.length} board(s)\n`);
  return EXIT.ok;
}
