import { type ImportResult, importAccount } from '../flows/import.js';
import { runIdFrom } from '../flows/publish.js';
import { redact, registerSecret } from '../util/redact.js';
import { EXIT } from '../util/user-error.js';
import { UsageError } from './errors.js';
import { type CliIO, waitNotice } from './io.js';
import { wholeNumber } from './publish.js';

export interface ImportCommandOptions {
  sources: string[];
  account: boolean;
  dryRun: boolean;
  download: boolean;
  board?: string;
  since?: string;
  limit?: string;
  json: boolean;
  config?: string;
}

/** `pinops import --account` or `pinops import FILE.csv|URL`. */
export async function importCommand(io: CliIO, root: string, opts: ImportCommandOptions): Promise<number> {
  if (opts.account === opts.sources.length > 0 || opts.sources.length > 1)
    throw new UsageError('`pinops import` takes --account (the Pinterest account) or one CSV file or URL, e.g. `pinops import --account` or `pinops import pins.csv`');
  const limit = wholeNumber('--limit', opts.limit);
  const log = (l: string) => (opts.json ? io.err : io.out)(`${redact(l)}\n`);
  if (!opts.account) {
    const { csvImportCommand } = await import('./import-csv.js');
    return csvImportCommand(io, root, {
      source: opts.sources[0] as string,
      dryRun: opts.dryRun,
      download: opts.download,
      json: opts.json,
      log,
      ...(opts.config ? { config: opts.config } : {}),
    });
  }
  const r = await importAccount({
    root,
    env: io.env,
    runId: runIdFrom(io.env),
    dryRun: opts.dryRun,
    download: opts.download,
    mask: registerSecret,
    log,
    transport: { onWait: waitNotice(io) },
    ...(opts.board ? { board: opts.board } : {}),
    ...(opts.since ? { since: sinceDate(opts.since) } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(opts.config ? { config: opts.config } : {}),
  });
  if (opts.json) io.out(`${JSON.stringify(r, null, 2)}\n`);
  else io.out(importText(r));
  return EXIT.ok;
}

/** `--since 2026-01-01` (or a full ISO time). */
function sinceDate(text: string): Date {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--since must be a date such as 2026-01-31 (or an ISO 8601 time), not "${text}"`);
  return d;
}

/** What the import wrote (or would write), file by file, then the counts. */
export function importText(r: ImportResult): string {
  const verb = r.dryRun ? 'would write' : 'wrote';
  const lines = [
    ...(r.boardsChanged ? [`  ${verb} content/boards.yml (boards and sections merged in)`] : []),
    ...r.pins.map((p) => `  ${verb} ${p.file}${p.media.length ? ` (+ ${p.media.length} picture(s))` : ''}`),
    ...r.skipped.map((s) => `  skipped ${s}`),
  ];
  const counts = r.dryRun
    ? `Dry run: ${r.pins.length} pin file(s) to write; ${r.known} pin(s) imported before. Nothing was written or recorded.`
    : `Imported ${r.pins.length} pin(s) (${r.downloads} picture(s) downloaded); ${r.adopted.length} recorded in the ledger as published; ${r.known} imported before; ${r.requests} API request(s).`;
  const next = r.dryRun || r.pins.length === 0 ? '' : '\nReview and commit the files: the next publish plans the imported pins as unchanged, and an edit of one as an update.\n';
  return `${lines.join('\n')}${lines.length ? '\n' : ''}${counts}\n${next}`;
}
