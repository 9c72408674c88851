import type { RepoContext } from './client.js';

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
