/** Exit codes of the CLI (PRODUCT.md, "Errors"; the README lists them). */
export const EXIT = { ok: 0, content: 1, usage: 2, api: 3, io: 4, bug: 5 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Where a bug in pinops is reported (package.json `bugs.url`). */
export const ISSUES_URL = 'https://github.com/pinops/pinops/issues';

/**
 * A failure that is the user's to fix (a setting, a file, a secret, a refusal by Pinterest or
 * GitHub): reported as its message and fix, never with a stack trace. Both entry points know only
 * this class, so a new kind of user error is a subclass, never a new case in each of them; any
 * other error that reaches them is a bug in pinops.
 */
export abstract class UserError extends Error {
  /** The CLI's exit code for it. */
  abstract readonly exitCode: ExitCode;
  /** What to do about it, when the message does not say. */
  readonly fix?: string;
}

/** An error that reached an entry point, as it is told: a user's, or a bug to report. */
export type Failure = { bug: false; exitCode: ExitCode; message: string; fix?: string } | { bug: true; exitCode: typeof EXIT.bug; message: string; stack?: string };

/**
 * The one classification of a failure, for the CLI and the action alike. An operating system's
 * refusal (a file missing, a disk full) is the machine's trouble, not pinops': exit 4, the path
 * and the errno explained.
 */
export function failureOf(err: unknown): Failure {
  if (err instanceof UserError) return { bug: false, exitCode: err.exitCode, message: err.message, ...(err.fix ? { fix: err.fix } : {}) };
  const fsError = err as NodeJS.ErrnoException | undefined;
  if (fsError?.syscall && fsError.code && /^E[A-Z]+$/.test(fsError.code))
    return { bug: false, exitCode: EXIT.io, message: `could not ${fsError.syscall} ${fsError.path ?? ''}: ${fsError.code} (${ioAdvice(fsError.code)})` };
  const message = err instanceof Error ? err.message : String(err);
  return { bug: true, exitCode: EXIT.bug, message, ...(err instanceof Error && err.stack ? { stack: err.stack } : {}) };
}

/** The line under a bug's message: where to report it, and what to send. */
export const bugLine = (what: string) => `This is a bug in pinops: please report it at ${ISSUES_URL} with ${what} (PINOPS_DEBUG=1 adds the stack trace).`;

function ioAdvice(code: string): string {
  const advice: Record<string, string> = {
    ENOENT: 'it does not exist',
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'it is a folder, not a file',
    EEXIST: 'something is in the way',
    ENOSPC: 'the disk is full',
    EROFS: 'the file system is read-only',
  };
  return advice[code] ?? 'the operating system refused';
}
