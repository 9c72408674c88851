import { EXIT, UserError } from '../util/user-error.js';
import type { RepoContext } from './pr-comment.js';

/** A GitHub API failure, with the call, the status and what GitHub said. */
export class GithubError extends UserError {
  override name = 'GithubError';
  readonly exitCode = EXIT.api;
  constructor(
    readonly status: number,
    message: string,
    /** GitHub's own words: its `message`, and the `errors` it listed (e.g. "body is too long (maximum is 65536 characters)"). */
    readonly answer = '',
  ) {
    super(message);
  }

  /** A refusal for want of permission (or of access: GitHub answers 404 for what a token may not see). */
  get forbidden(): boolean {
    return this.status === 401 || this.status === 403 || this.status === 404;
  }
}

/**
 * One segment of an API path, encoded: a name taken from settings or an event (an owner, a
 * branch, a file) stays one segment. `.` and `..` (and their %2e spellings, which URLs resolve
 * too) cannot be encoded away, so they are refused.
 */
export function seg(s: string): string {
  if (s === '' || s === '.' || s === '..') throw new TypeError(`"${s}" cannot be a part of a GitHub API path`);
  return encodeURIComponent(s);
}

/** A path of segments (a branch such as `previews/pr`, a file path), each encoded, its slashes kept. */
export const segs = (path: string): string => path.split('/').map(seg).join('/');

/** `/repos/{owner}/{repo}`, encoded. */
export const repoPath = (ctx: RepoContext): string => `/repos/${seg(ctx.owner)}/${seg(ctx.repo)}`;

/** A query string of encoded values. */
export const query = (params: Record<string, string | number>): string =>
  Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');

/** GitHub's error answer in a few words: `message: errors[].message`, cut short. */
async function answerOf(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  let said = text;
  try {
    const body = JSON.parse(text) as { message?: unknown; errors?: unknown };
    const errors = (Array.isArray(body.errors) ? body.errors : []) as (string | { message?: unknown; field?: unknown; code?: unknown } | null)[];
    const details = errors
      .map((e) =>
        typeof e === 'string'
          ? e
          : typeof e?.message === 'string'
            ? e.message
            : typeof e?.code === 'string'
              ? `${typeof e.field === 'string' ? e.field : ''} ${e.code}`.trim()
              : '',
      )
      .filter(Boolean);
    said = [typeof body.message === 'string' ? body.message : '', details.join('; ')].filter(Boolean).join(': ');
  } catch {
    // Not JSON: a proxy's page. Its first words do.
  }
  said = said.replace(/\s+/g, ' ').trim();
  return said.length > 300 ? `${said.slice(0, 300)}…` : said;
}

/** One GitHub REST call (on `ctx.apiUrl`, so GitHub Enterprise Server works too); JSON in and out. */
export async function githubRequest<T>(ctx: RepoContext, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${ctx.apiUrl.replace(/\/+$/, '')}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': '2022-11-28',
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) {
    const answer = await answerOf(res);
    throw new GithubError(res.status, `GitHub answered ${res.status} to ${method} ${path.split('?')[0]}${answer ? ` (${answer})` : ''}`, answer);
  }
  return (res.status === 204 ? undefined : await res.json().catch(() => undefined)) as T;
}
