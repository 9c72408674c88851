import * as core from '@actions/core';
import { countBySeverity, type Diagnostic } from '../diagnostics/diagnostic.js';
import { type CheckAnnotation, postCheckRun } from '../github/checks.js';
import type { GithubClient } from '../github/client.js';
import { GithubError } from '../github/errors.js';
import { changedFiles } from '../github/previews.js';
import { mdCode, mdText } from '../util/md-escape.js';
import { redact } from '../util/redact.js';
import { InputError } from './inputs.js';

/** The runner shows at most 10 annotations of a kind per step (and 50 per job). */
export const ANNOTATIONS_PER_KIND = 10;
const SUMMARY_LIMIT = 1024 * 1024;
/** The check run's name, as the pull request's checks list shows it. */
export const CHECK_NAME = 'pinops';

type Props = { title: string; file: string; startLine: number; startColumn: number };

/** Where the step's own annotations and log lines go: the runner's workflow commands (a test records them). */
export interface Annotator {
  error(text: string, props: Props): void;
  warning(text: string, props: Props): void;
  notice(text: string): void;
  info(text: string): void;
}

const runner: Annotator = {
  error: (text, props) => core.error(text, props),
  warning: (text, props) => core.warning(text, props),
  notice: (text) => core.notice(redact(text)),
  info: (text) => core.info(redact(text)),
};

/**
 * The step failed for problems that are already annotated (on the check run, or by the step): the
 * step fails without one more error annotation, which would take one of the runner's ten.
 */
export class AnnotatedProblems extends InputError {
  override name = 'AnnotatedProblems';
}

/**
 * File/line annotations, within the runner's caps: errors before warnings, and of each kind the
 * files the pull request changes (`changed`) first. Returns how many were left out, which a notice says.
 */
export function annotate(list: readonly Diagnostic[], changed: ReadonlySet<string> = new Set(), out: Annotator = runner): number {
  let left = 0;
  for (const severity of ['error', 'warning'] as const) {
    const of = list.filter((d) => d.severity === severity);
    const ordered = [...of.filter((d) => changed.has(d.file)), ...of.filter((d) => !changed.has(d.file))];
    for (const d of ordered.slice(0, ANNOTATIONS_PER_KIND)) {
      const props = { title: `pinops ${d.code}`, file: d.file, startLine: d.line, startColumn: d.column };
      out[severity](redact(`${d.message}. Fix: ${d.hint}`), props);
    }
    left += Math.max(0, of.length - ANNOTATIONS_PER_KIND);
  }
  if (left > 0) out.notice(`${left} more problem(s) than the runner shows as annotations: the job summary lists them all.`);
  return left;
}

/** A diagnostic as a check run's annotation: at its line and column, a failure for an error. */
export function checkAnnotation(d: Diagnostic): CheckAnnotation {
  return {
    path: d.file,
    start_line: d.line,
    end_line: d.line,
    start_column: d.column,
    end_column: d.column,
    annotation_level: d.severity === 'error' ? 'failure' : 'warning',
    title: `pinops ${d.code}`,
    message: `${d.message}. Fix: ${d.hint}`,
  };
}

/** Where the problems are reported: the commit the check run goes on, the pull request, the run. */
export interface ProblemsAt {
  github?: GithubClient | undefined;
  headSha?: string | undefined;
  pr?: number | undefined;
  /** The workflow run's page, where the job summary is. */
  runUrl?: string | undefined;
  files: number;
}

/**
 * Every problem where the reviewer looks: a check run with all the annotations, errors first;
 * where the token cannot write checks (a fork's pull request) or there is no GitHub, the step's
 * own annotations (see `annotate`). Returns the check run's page when there is one.
 */
export async function reportProblems(list: readonly Diagnostic[], at: ProblemsAt, out: Annotator = runner): Promise<string | undefined> {
  if (list.length === 0) return undefined;
  const { github } = at;
  if (github && at.headSha) {
    const sorted = [...list.filter((d) => d.severity === 'error'), ...list.filter((d) => d.severity !== 'error')];
    try {
      const run = await postCheckRun(github, { name: CHECK_NAME, headSha: at.headSha, ...checkText(list, at), annotations: sorted.map(checkAnnotation) });
      out.info(`Every problem (${list.length}) is annotated on the check run ${run.url}.`);
      return run.url;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      out.info(
        err instanceof GithubError && err.forbidden
          ? `The token cannot write checks (${why}); as in a pull request from a fork, the step annotates at most ${ANNOTATIONS_PER_KIND} problems of each kind. Give the workflow \`permissions: checks: write\` for a check run with all of them.`
          : `The check run could not be created (${why}): the step annotates the problems instead.`,
      );
    }
  }
  annotate(list, new Set(github && at.pr ? await changedFiles(github, at.pr).catch(() => []) : []), out);
  return undefined;
}

/** The check run's title and summary: the counts, and the way to the job summary. */
function checkText(list: readonly Diagnostic[], at: ProblemsAt): { conclusion: 'success' | 'failure'; title: string; summary: string; detailsUrl?: string } {
  const { errors, warnings } = countBySeverity(list);
  const title = `${errors} error(s), ${warnings} warning(s) in ${at.files} file(s)`;
  const where = at.runUrl ? `[the job summary](${at.runUrl})` : "this workflow run's job summary";
  const summary = `pinops found ${title}; each is annotated at its file and line.\n\nThe table of every problem, and the plan, are in ${where}.`;
  return { conclusion: errors ? 'failure' : 'success', title, summary, ...(at.runUrl ? { detailsUrl: at.runUrl } : {}) };
}

/** The full diagnostics table for the job summary, kept under the summary's 1 MiB limit; each place linked to the file at its line when `fileUrl` can say where. */
export function diagnosticsMarkdown(list: readonly Diagnostic[], files: number, fileUrl?: (file: string, line?: number) => string | undefined): string {
  const { errors, warnings } = countBySeverity(list);
  const head = `## pinops: ${errors ? '❌' : '✅'} ${errors} error(s), ${warnings} warning(s) in ${files} file(s)\n\n`;
  if (list.length === 0) return `${head}Every pin is valid.\n`;
  let out = `${head}| | File | Problem | Fix | Code |\n|---|---|---|---|---|\n`;
  let shown = 0;
  for (const d of list) {
    const place = mdCode(`${d.file}:${d.line}:${d.column}`);
    const url = fileUrl?.(d.file, d.line);
    const row = `| ${d.severity === 'error' ? '❌' : '⚠️'} | ${url ? `[${place}](${url})` : place} | ${mdText(d.message)} | ${mdText(d.hint)} | \`${d.code}\` |\n`;
    if (out.length + row.length > SUMMARY_LIMIT - 200) break;
    out += row;
    shown++;
  }
  if (shown < list.length) out += `\n…and ${list.length - shown} more; run \`npx pinops validate\` locally for the full list.\n`;
  return out;
}
