import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { renderPreviews } from '../flows/preview.js';
import { EXIT } from '../util/user-error.js';
import { UsageError } from './errors.js';
import { type CliIO, progress } from './io.js';
import { OUTPUTS } from './outputs.js';

/** `pinops preview [FILE…] [--out DIR]`: previews (JPEG, or PNG where smaller) named after the pin ids. */
export async function previewCommand(io: CliIO, root: string, opts: { files: string[]; json?: boolean; out?: string; config?: string }): Promise<number> {
  const out = resolve(io.cwd, opts.out ?? OUTPUTS.previews);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`--out ${opts.out}: a file is in the way; name a folder`);
  const r = await renderPreviews({ root, env: io.env, files: opts.files, out, onProgress: progress(io, 'previews'), ...(opts.config ? { config: opts.config } : {}) });
  for (const f of r.failed) io.err(`✖ ${f.key} (${f.file}): ${f.error}\n`);
  const invalid = r.written.filter((w) => w.problem);
  for (const w of invalid) io.err(`✖ ${w.key}: the pin is invalid: ${w.problem}; its preview was drawn all the same\n`);
  if (opts.json) io.out(`${JSON.stringify({ written: r.written, failed: r.failed }, null, 2)}\n`);
  else io.out(`Wrote ${r.written.length} preview(s) to ${relative(io.cwd, out) || '.'}/${r.failed.length ? `; ${r.failed.length} could not be drawn` : ''}\n`);
  return r.failed.length || invalid.length ? EXIT.content : EXIT.ok;
}
