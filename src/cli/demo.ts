import { relative } from 'node:path';
import { countBySeverity } from '../diagnostics/diagnostic.js';
import { formatText } from '../diagnostics/format.js';
import { validateRepository } from '../flows/validate.js';
import { packageRoot } from '../util/package-root.js';
import { EXIT } from './errors.js';
import type { CliIO } from './io.js';

/**
 * `pinops demo`: the whole flow on the bundled example content, with no credentials.
 * So far that flow is validation; previews, the plan and publishing to the offline simulator
 * join it as they are built.
 */
export async function demoCommand(io: CliIO): Promise<number> {
  const root = packageRoot();
  io.out(`pinops demo — the bundled example content in ${relative(io.cwd, root) || '.'}/content\n\n`);
  io.out('1. Validate\n');
  const result = await validateRepository({ root, env: {} });
  if (!result.ok) {
    io.out(formatText(result.diagnostics, 0, io.color));
    return EXIT.usage;
  }
  io.out(formatText(result.diagnostics, result.files, io.color));
  io.out(`\n2. The pins it found (${result.pins.length})\n`);
  const rows = result.pins.map((p) => {
    const f = p.fields;
    const kind = !f ? 'invalid' : f.video ? 'video' : f.images ? `carousel of ${f.images.length}` : f.template ? `template ${f.template}` : 'image';
    const board = f ? `${String(f.board ?? result.settings.defaults.board ?? '?')}${f.section ? ` / ${f.section}` : ''}` : '';
    const when = f?.status === 'draft' ? 'draft' : f?.publish_at ? `scheduled ${f.publish_at}` : f ? 'ready' : '';
    return [p.key, kind, board, when];
  });
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] as string).length), 4));
  for (const r of rows) io.out(`   ${r.map((c, i) => (i < 3 ? c.padEnd(widths[i] as number) : c)).join('  ')}\n`);
  io.out('\nPreviews, the publish plan and publishing to the offline simulator are not built yet; see the README.\n');
  return countBySeverity(result.diagnostics).errors > 0 ? EXIT.content : EXIT.ok;
}
