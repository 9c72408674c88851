import { writeFile } from 'node:fs/promises';
import { exportRows, importCsv } from '../flows/import-csv.js';
import { writeCsv } from '../import/csv.js';
import { EXIT } from '../util/user-error.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';

/** `pinops import FILE.csv|URL`: a pin file per good row; each bad row said with its line and column. */
export async function csvImportCommand(
  io: CliIO,
  root: string,
  opts: { source: string; dryRun: boolean; download: boolean; json: boolean; log: (l: string) => void; config?: string },
): Promise<number> {
  const r = await importCsv({
    root,
    env: io.env,
    source: opts.source,
    dryRun: opts.dryRun,
    download: opts.download,
    log: opts.log,
    ...(opts.config ? { config: opts.config } : {}),
  });
  if (opts.json) {
    io.out(`${JSON.stringify(r, null, 2)}\n`);
    return r.problems.length ? EXIT.content : EXIT.ok;
  }
  const verb = r.dryRun ? 'would write' : 'wrote';
  for (const p of r.pins) io.out(`  ${verb} ${p.file} (row ${p.row})\n`);
  for (const p of r.problems) io.out(`  row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.message} — not written\n`);
  io.out(`${r.dryRun ? 'Dry run: ' : ''}${r.pins.length} pin file(s) ${verb}, ${r.problems.length} row problem(s), ${r.already} row(s) imported before.\n`);
  return r.problems.length ? EXIT.content : EXIT.ok;
}

/** `pinops export [--csv] [FILE] | --json`: the repository's pins, to FILE or stdout. */
export async function exportCommand(io: CliIO, root: string, opts: { json: boolean; file?: string; separator?: string; config?: string }): Promise<number> {
  const separator = opts.separator === 'tab' ? '\t' : (opts.separator ?? ',');
  if (![',', ';', '\t'].includes(separator)) throw new UsageError(`--separator must be ",", ";" or tab, not "${opts.separator}"`);
  const { rows, pins } = await exportRows({ root, env: io.env, ...(opts.config ? { config: opts.config } : {}) });
  const text = opts.json ? `${JSON.stringify({ pins }, null, 2)}\n` : writeCsv(rows, separator);
  if (opts.file) {
    await writeFile(opts.file, text);
    io.err(`Wrote ${rows.length} pin(s) to ${opts.file}.\n`);
  } else io.out(text);
  return EXIT.ok;
}
