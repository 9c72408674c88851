import { styleText } from 'node:util';
import { countBySeverity, type Diagnostic } from './diagnostic.js';

export type OutputFormat = 'text' | 'json' | 'github';

/** Plain-text report, like a linter's: `file:line:col  severity  message  code`, then a count. */
export function formatText(list: readonly Diagnostic[], files: number, color: boolean): string {
  const paint = (style: Parameters<typeof styleText>[0], s: string) => (color ? styleText(style, s, { validateStream: false }) : s);
  const lines: string[] = [];
  for (const d of list) {
    const sev = d.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warning');
    lines.push(`${paint('bold', `${d.file}:${d.line}:${d.column}`)}  ${sev}  ${d.message}  ${paint('dim', d.code)}`);
    lines.push(`  ${paint('dim', `fix: ${d.hint}`)}`);
  }
  const { errors, warnings } = countBySeverity(list);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const summary = `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`;
  if (lines.length) lines.push('');
  lines.push(errors ? paint('red', `✖ ${summary}`) : paint('green', `✔ ${summary}`));
  return `${lines.join('\n')}\n`;
}

/** `{"diagnostics": [...]}`, the shape PRODUCT.md documents for `--format json`. */
export function formatJson(list: readonly Diagnostic[]): string {
  const diagnostics = list.map(({ severity, code, message, file, line, column, field, hint }) => ({ severity, code, message, file, line, column, field: field ?? null, hint }));
  return `${JSON.stringify({ diagnostics }, null, 2)}\n`;
}

/** Escaping of workflow command data and properties (as @actions/core does it). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub workflow commands (`::error file=…,line=…::…`), one per diagnostic. */
export function formatGithub(list: readonly Diagnostic[]): string {
  return list
    .map(
      (d) =>
        `::${d.severity} file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(`pinops ${d.code}`)}::${escapeData(`${d.message}. Fix: ${d.hint}`)}\n`,
    )
    .join('');
}
