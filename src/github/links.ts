import type { RepoContext } from './client.js';

/**
 * A part of a web address, encoded so that it stays one part wherever the address is written: in
 * a markdown link (whose destination `(`, `)` and spaces would end) and in an HTML attribute.
 */
function part(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The repository's pages on the server (`GITHUB_SERVER_URL`): `https://github.com/owner/repo`. */
export function repoWeb(serverUrl: string, repo: RepoContext): string {
  return `${serverUrl.replace(/\/+$/, '')}/${part(repo.owner)}/${part(repo.repo)}`;
}

/**
 * A file at a commit, at a line when there is one: `<web>/blob/<sha>/<path>#L<line>`. Nothing for a
 * commit that is not a SHA or a path with an empty, `.` or `..` part (it would lead elsewhere).
 */
export function fileUrl(web: string, sha: string, path: string, line?: number): string | undefined {
  if (!/^[0-9a-f]{7,40}$/.test(sha)) return undefined;
  const parts = path.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return undefined;
  return `${web}/blob/${sha}/${parts.map(part).join('/')}${line && Number.isInteger(line) && line > 0 ? `#L${line}` : ''}`;
}

/** A commit's page. */
export const commitUrl = (web: string, sha: string): string => `${web}/commit/${part(sha)}`;

/**
 * A workflow run's page, at its attempt when known (`GITHUB_RUN_ID`, `GITHUB_RUN_ATTEMPT`): where
 * its jobs' summaries are. Nothing when the id is not a number.
 */
export function runUrl(web: string, runId: string | number | undefined, attempt?: string | number): string | undefined {
  if (runId === undefined || !/^\d+$/.test(String(runId))) return undefined;
  const tries = attempt !== undefined && /^\d+$/.test(String(attempt)) ? `/attempts/${attempt}` : '';
  return `${web}/actions/runs/${runId}${tries}`;
}

/** A comment of a pull request. */
export const commentUrl = (web: string, pr: number, id: number): string => `${web}/pull/${pr}#issuecomment-${id}`;
