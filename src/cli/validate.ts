import { countBySeverity } from '../diagnostics/diagnostic.js';
import { formatGithub, formatJson, formatText, type OutputFormat } from '../diagnostics/format.js';
import { createMediaFiles } from '../files/media-library.js';
import { validateRepository } from '../flows/validate.js';
import { EXIT } from '../util/user-error.js';
import type { CliIO } from './io.js';

/** `pinops validate [PATH…] [--format text|json|github]`. */
export async function validateCommand(io: CliIO, root: string, opts: { paths: string[]; format: OutputFormat; config?: string }): Promise<number> {
  // Validation alone never sends: headers and ends are enough, no file is read whole.
  const media = createMediaFiles(root, { whole: false });
  const result = await validateRepository({ root, env: io.env, paths: opts.paths, media, ...(opts.config ? { config: opts.config } : {}) });
  const list = result.diagnostics;
  if (opts.format === 'json') io.out(formatJson(list));
  else if (opts.format === 'github') io.out(formatGithub(list));
  else io.out(formatText(list, result.files, io.color));
  if (!result.ok) return EXIT.usage;
  return countBySeverity(list).errors > 0 ? EXIT.content : EXIT.ok;
}
