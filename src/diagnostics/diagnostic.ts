import { CODES, type Code } from './codes.js';
import { redactSecrets, safeMessage } from './redact.js';

export type Severity = 'error' | 'warning';

/** One problem found in the user's files. Lines and columns are 1-based. */
export interface Diagnostic {
  severity: Severity;
  code: Code;
  message: string;
  /** Path relative to the repository root, with `/` separators. */
  file: string;
  line: number;
  column: number;
  /** Dotted path of the offending field, e.g. `pins[2].title`. */
  field?: string;
  /** What to do about it. */
  hint: string;
  /** The key of the pin it belongs to, when it belongs to one (the plan marks that pin invalid). */
  pin?: string;
}

/** A position in a file, 1-based. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Builds a diagnostic with the catalog's severity and fix (an explicit hint wins). What the message
 * quotes of the file is cut to a short excerpt and scanned for secrets (diagnostics/redact.ts).
 */
export function diagnostic(code: Code, message: string, file: string, pos: Position, extra: { field?: string; hint?: string; pin?: string } = {}): Diagnostic {
  const entry = CODES[code];
  const hint = extra.hint === undefined ? entry.fix : redactSecrets(extra.hint);
  const d: Diagnostic = { severity: entry.severity, code, message: safeMessage(message), file, line: pos.line, column: pos.column, hint };
  if (extra.field !== undefined) d.field = extra.field;
  if (extra.pin !== undefined) d.pin = extra.pin;
  return d;
}

/** Sorts by file, then line, then column, so output is stable whatever order files were read in. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

export function countBySeverity(list: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of list) if (d.severity === 'error') errors++;
  return { errors, warnings: list.length - errors };
}
