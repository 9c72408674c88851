import * as core from '@actions/core';
import { countBySeverity, type Diagnostic } from '../diagnostics/diagnostic.js';
import { mdCode, mdText } from '../util/md-escape.js';
import { redact } from '../util/redact.js';

/** The runner shows at most 10 annotations of a kind per step (and 50 per job). */
export const ANNOTATIONS_PER_KIND = 10;
const SUMMARY_LIMIT = 1024 * 1024;

/** File/line annotations, errors first, within the runner's caps. Returns how many were left out. */
export function annotate(list: readonly Diagnostic[]): number {
  let left = 0;
  for (const severity of ['error', 'warning'] as const) {
    const of = list.filter((d) => d.severity === severity);
    for (const d of of.slice(0, ANNOTATIONS_PER_KIND)) {
      const props = { title: `pinops ${d.code}`, file: d.file, startLine: d.line, startColumn: d.column };
      const text = redact(`${d.message}. Fix: ${d.hint}`);
      if (severity === 'error') core.error(text, props);
      else core.warning(text, props);
    }
    left += Math.max(0, of.length - ANNOTATIONS_PER_KIND);
  }
  if (left > 0) core.notice(`${left} more problem(s) than the runner shows as annotations: the job summary lists them all.`);
  return left;
}

/** The full diagnostics table for the job summary, kept under the summary's 1 MiB limit. */
export function diagnosticsMarkdown(list: readonly Diagnostic[], files: number): string {
  const { errors, warnings } = countBySeverity(list);
  const head = `## pinops: ${errors ? '❌' : '✅'} ${errors} error(s), ${warnings} warning(s) in ${files} file(s)\n\n`;
  if (list.length === 0) return `${head}Every pin is valid.\n`;
  let out = `${head}| | File | Problem | Fix | Code |\n|---|---|---|---|---|\n`;
  let shown = 0;
  for (const d of list) {
    const row = `| ${d.severity === 'error' ? '❌' : '⚠️'} | ${mdCode(`${d.file}:${d.line}:${d.column}`)} | ${mdText(d.message)} | ${mdText(d.hint)} | \`${d.code}\` |\n`;
    if (out.length + row.length > SUMMARY_LIMIT - 200) break;
    out += row;
    shown++;
  }
  if (shown < list.length) out += `\n…and ${list.length - shown} more; run \`npx pinops validate\` locally for the full list.\n`;
  return out;
}
