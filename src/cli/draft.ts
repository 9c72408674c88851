import { formatText } from '../diagnostics/format.js';
import { draftFromUrl } from '../flows/draft.js';
import { EXIT, UsageError } from './errors.js';
import type { CliIO } from './io.js';

/** `pinops draft URL [--out FILE]`: a draft pin from a product page. */
export async function draftCommand(io: CliIO, root: string, opts: { urls: string[]; out?: string; config?: string }): Promise<number> {
  if (opts.urls.length !== 1) throw new UsageError('`pinops draft` takes one product page URL, e.g. `pinops draft https://shop.example.com/boots`');
  const r = await draftFromUrl({
    root,
    env: io.env,
    url: opts.urls[0] as string,
    log: (l) => io.out(`${l}\n`),
    ...(opts.out ? { out: opts.out } : {}),
    ...(opts.config ? { config: opts.config } : {}),
  });
  io.out(`Wrote ${r.pinFile} (status: draft) and ${r.imageFile}.\n`);
  for (const n of r.notes) io.out(`  note: ${n}\n`);
  if (r.diagnostics.length) io.out(formatText(r.diagnostics, 1, io.color));
  io.out(`Edit it, preview it with \`pinops preview ${r.pinFile}\`, and set \`status: ready\` to publish it.\n`);
  return r.diagnostics.some((d) => d.severity === 'error') ? EXIT.content : EXIT.ok;
}
