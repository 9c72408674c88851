import { formatText } from '../diagnostics/format.js';
import { loadSettings } from '../files/repo.js';
import { pinUrl } from '../flows/execute.js';
import { publish, runIdFrom } from '../flows/publish.js';
import { summarise } from '../flows/report.js';
import { apiBase, createPinterestClient } from '../pinterest/client.js';
import { obtainCredentials } from '../pinterest/credentials.js';
import { planJson, planText } from '../plan/render.js';
import { EXIT, UsageError } from './errors.js';
import type { CliIO } from './io.js';

/** `pinops plan [--json] [--now ISO]`: the plan against the ledger, nothing sent. */
export async function planCommand(io: CliIO, root: string, opts: { json: boolean; now?: string; config?: string }): Promise<number> {
  const now = opts.now ? new Date(opts.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO 8601 time, not "${opts.now}"`);
  const r = await publish({ root, env: io.env, dryRun: true, now, runId: 'plan', mask: () => {}, log: () => {}, ...(opts.config ? { config: opts.config } : {}) });
  if (opts.json) io.out(planJson(r.plan));
  else io.out(planText(r.plan));
  return EXIT.ok;
}

/** `pinops publish [--dry-run] [--limit N] [--only GLOB]`. */
export async function publishCommand(io: CliIO, root: string, opts: { dryRun: boolean; limit?: string; only?: string; config?: string }): Promise<number> {
  const limit = opts.limit === undefined ? undefined : Number(opts.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit must be a whole number of at least 1, not "${opts.limit}"`);
  const r = await publish({
    root,
    env: io.env,
    dryRun: opts.dryRun,
    runId: runIdFrom(io.env),
    mask: () => {},
    log: (l) => io.out(`${l}\n`),
    ...(limit !== undefined ? { limit } : {}),
    ...(opts.only ? { only: opts.only } : {}),
    ...(opts.config ? { config: opts.config } : {}),
  });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) io.err(formatText(errors, 0, false));
  io.out(planText(r.plan));
  for (const w of r.warnings) io.err(`warning: ${w}\n`);
  if (r.dryRun) return errors.length ? EXIT.content : EXIT.ok;
  const s = summarise(r);
  io.out(`Published ${s.published}, updated ${s.updated}, failed ${s.failed}, unknown ${s.unknown}, skipped ${s.skipped}${r.account ? ` (account ${r.account})` : ''}.\n`);
  for (const o of r.outcomes)
    if (o.result === 'ok' && o.pinId && (o.action === 'create' || o.action === 'save' || o.action === 'republish'))
      io.out(`  ${o.key}${o.detail ? ` (${o.action}, ${o.detail})` : ''}: ${pinUrl(o.pinId)}\n`);
  if (s.halted?.advice) io.err(`${s.halted.advice}\n`);
  if (s.failed || s.unknown || s.halted) return EXIT.api;
  return errors.length ? EXIT.content : EXIT.ok;
}

/** `pinops boards`: the account's boards and sections with their ids. */
export async function boardsCommand(io: CliIO, root: string, opts: { config?: string }): Promise<number> {
  const parsed = await loadSettings(root, opts.config, io.env);
  if (!parsed.ok) {
    io.out(formatText(parsed.diagnostics, 0, io.color));
    return EXIT.usage;
  }
  const base = apiBase(parsed.settings.api);
  const creds = await obtainCredentials(io.env, base, () => {});
  const api = createPinterestClient({ base, accessToken: creds.accessToken });
  const boards = await api.listBoards();
  for (const b of boards) {
    io.out(`${String(b.id).padEnd(20)} ${b.name} (${String(b.privacy ?? 'PUBLIC').toLowerCase()})\n`);
    for (const s of await api.listSections(b.id as string)) io.out(`${''.padEnd(20)}   § ${s.name}  ${s.id}\n`);
  }
  io.out(`${boards.length} board(s)\n`);
  return EXIT.ok;
}
