import { relative, resolve } from 'node:path';
import { renderPreviews } from '../flows/preview.js';
import { EXIT } from './errors.js';
import type { CliIO } from './io.js';

/** `pinops preview [FILE…] [--out DIR]`: PNG previews named after the pin ids. */
export async function previewCommand(io: CliIO, root: string, opts: { files: string[]; out?: string; config?: string }): Promise<number> {
  const out = resolve(io.cwd, opts.out ?? 'pinops-previews');
  const bar = (done: number, total: number) => {
    if (!io.color || total < 6) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    io.err(`\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
  };
  const r = await renderPreviews({ root, env: io.env, files: opts.files, out, onProgress: bar, ...(opts.config ? { config: opts.config } : {}) });
  for (const f of r.failed) io.err(`✖ ${f.key} (${f.file}): ${f.error}\n`);
  io.out(`Wrote ${r.written.length} preview(s) to ${relative(io.cwd, out) || '.'}/${r.failed.length ? `; ${r.failed.length} could not be drawn` : ''}\n`);
  return r.failed.length ? EXIT.content : EXIT.ok;
}
