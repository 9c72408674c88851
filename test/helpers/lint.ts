import { LINT_CODES } from '../../src/diagnostics/codes.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

const LINTS: ReadonlySet<string> = new Set(LINT_CODES);

/**
 * The diagnostics without the account-safety lints, for tests of other checks whose fixtures
 * repeat one title and description on purpose (mdPin's defaults): the lints have their own tests
 * (test/unit/lint.test.ts, test/plan/lint.test.ts).
 */
export const withoutLints = <D extends Pick<Diagnostic, 'code'>>(list: readonly D[]): D[] => list.filter((d) => !LINTS.has(d.code));
