import { EXIT, UserError } from '../util/user-error.js';
/** A GitHub API failure, with the call, the status and what GitHub said. */
export class GithubError extends UserError {
  override name = 'GithubError';
  readonly exitCode = EXIT.api;
  constructor(
    readonly status: number,
    message: string,
    /** GitHub's own words: its `message`, and the `errors` it listed (e.g. "body is too long (maximum is 65536 characters)"). */
    readonly answer = '',
    /** GitHub refused for a rate limit (a 403 or 429 that says so), which no permission cures. */
    readonly rateLimited = false,
  ) {
    super(message);
  }

  /** A refusal for want of permission (or of access: GitHub answers 404 for what a token may not see). */
  get forbidden(): boolean {
    return !this.rateLimited && (this.status === 401 || this.status === 403 || this.status === 404);
  }
}

type ErrorItem = string | { message?: unknown; field?: unknown; code?: unknown } | null;

/** One of GitHub's `errors`: its message, else its field and code. */
const detail = (e: ErrorItem): string => {
  if (typeof e === 'string') return e;
  if (typeof e?.message === 'string') return e.message;
  if (typeof e?.code === 'string') return `${typeof e.field === 'string' ? e.field : ''} ${e.code}`.trim();
  return '';
};

/** GitHub's error answer in a few words: `message: errors[].message`, cut short. */
export function answerOf(data: unknown): string {
  let said = '';
  if (typeof data === 'string')
    said = data; // Not JSON: a proxy's page. Its first words do.
  else if (data && typeof data === 'object') {
    const body = data as { message?: unknown; errors?: unknown };
    const details = ((Array.isArray(body.errors) ? body.errors : []) as ErrorItem[]).map(detail).filter(Boolean);
    said = [typeof body.message === 'string' ? body.message : '', details.join('; ')].filter(Boolean).join(': ');
  }
  said = said.replace(/\s+/g, ' ').trim();
  return said.length > 300 ? `${said.slice(0, 300)}…` : said;
}

/** What octokit throws: a status, and the answer when one came. */
interface OctokitFailure extends Error {
  status: number;
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> };
}

const isOctokitFailure = (err: unknown): err is OctokitFailure => err instanceof Error && typeof (err as { status?: unknown }).status === 'number';

/** A rate limit's answer, primary (no requests left) or secondary (GitHub's words say so). */
export function isRateLimit(status: number, headers: Record<string, string | number | undefined>, said: string): boolean {
  if (status === 429) return true;
  return status === 403 && (String(headers['x-ratelimit-remaining']) === '0' || /\brate limit/i.test(said));
}

/**
 * The error pinops reports for a failed call: a GithubError when GitHub answered, otherwise an
 * Error that names the call (no answer came: unreachable, timed out).
 */
export function callFailure(err: unknown, method: string, path: string): Error {
  const call = `${method} ${path.split('?')[0]}`;
  if (!isOctokitFailure(err)) return err instanceof Error ? err : new Error(String(err));
  if (err.response) {
    const answer = answerOf(err.response.data);
    const limited = isRateLimit(err.status, err.response.headers ?? {}, answer);
    return new GithubError(err.status, `GitHub answered ${err.status} to ${call}${answer ? ` (${answer})` : ''}`, answer, limited);
  }
  // octokit's message is already fetch's cause ("connect ECONNREFUSED …"), not "fetch failed".
  return new Error(`GitHub could not be reached for ${call}: ${err.message}`);
}
