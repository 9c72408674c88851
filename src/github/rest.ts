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
