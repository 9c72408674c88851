import { formatText } from '../diagnostics/format.js';
import { draftFromUrl } from '../flows/draft.js';
import { EXIT } from '../util/user-error.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';

/** `pinops draft URL [--out FILE]`: a draft pin from a product page. */
export async function draftCommand(io: CliIO, root: string, opts: { urls: string[]; json?: boolean; out?: string; config?: string }): Promise<number> {
  if (opts.urls.length !== 1) throw new UsageError('`pinops draft` takes one product page URL, e.g. `pinops draft https://shop.example.com/boots`');
  const r = await draftFromUrl({
    root,
    env: io.env,
    url: opts.urls[0] as string,
    log: (l) => (opts.json ? io.err : io.out)(`${l}\n`),
    ...(opts.out ? { out: opts.out } : {}),
    ...(opts.config ? { config: opts.config } : {}),
  });
  const failed = r.diagnostics.some((d) => d.severity === 'error');
  if (opts.json) {
    io.out(`${JSON.stringify({ id: r.id, pin_file: r.pinFile, image_file: r.imageFile, notes: r.notes, diagnostics: r.diagnostics }, null, 2)}\n`);
    return failed ? EXIT.content : EXIT.ok;
  }
  io.out(`Wrote ${r.pinFile} (status: draft) and ${r.imageFile}.\n`);
  for (const n of r.notes) io.out(`  note: ${n}\n`);
  if (r.diagnostics.length) io.out(formatText(r.diagnostics, 1, io.color));
  io.out(`Edit it, preview it with \`pinops preview ${r.pinFile}\`, and set \`status: ready\` to publish it.\n`);
  return failed ? EXIT.content : EXIT.ok;
}
