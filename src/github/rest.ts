import type { RepoContext } from './pr-comment.js';

/** A GitHub API failure, with the call and status. */
export class GithubError extends Error {
  override name = 'GithubError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
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
  if (!res.ok) throw new GithubError(res.status, `GitHub answered ${res.status} to ${method} ${path}`);
  return (res.status === 204 ? undefined : await res.json().catch(() => undefined)) as T;
}
