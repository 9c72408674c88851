import { redact } from '../util/redact.js';
import type { GithubClient } from './client.js';
import { GithubError } from './errors.js';
import { branchHead, commitChanges, type TreeChange } from './git-data.js';
import { query, repoPath, seg, segs } from './paths.js';

export { GithubError };

/**
 * Replaces the folder `dir` on `branch` with `files` through the Git Data API (blobs, a tree over
 * the previous one, a commit, the ref): no checkout. An empty `files` removes the folder. Returns
 * the commit, whose SHA the comment's image links use (GitHub drops data URLs).
 */
export async function replaceFolder(gh: GithubClient, branch: string, dir: string, files: { name: string; data: Buffer }[], message: string): Promise<string | undefined> {
  const repo = repoPath(gh.repo);
  for (let attempt = 0; attempt < 5; attempt++) {
    let parent: string | undefined;
    let baseTree: string | undefined;
    try {
      ({ commit: parent, tree: baseTree } = await branchHead(gh, branch));
    } catch (err) {
      if (!(err instanceof GithubError && err.status === 404)) throw err;
    }
    const old = baseTree
      ? (await gh.request<{ tree: { path: string; type: string }[] }>('GET', `${repo}/git/trees/${seg(baseTree)}?recursive=1`)).tree.filter(
          (e) => e.type === 'blob' && e.path.startsWith(`${dir}/`),
        )
      : [];
    const changes: TreeChange[] = files.map((f) => ({ path: `${dir}/${f.name}`, data: f.data }));
    for (const e of old) if (!files.some((f) => `${dir}/${f.name}` === e.path)) changes.push({ path: e.path, data: null });
    if (changes.length === 0) return parent;
    const commit = { sha: await commitChanges(gh, { ...(parent ? { parent } : {}), ...(baseTree ? { baseTree } : {}), changes, message }) };
    try {
      if (parent) await gh.request('PATCH', `${repo}/git/refs/heads/${segs(branch)}`, { sha: commit.sha, force: false });
      else await gh.request('POST', `${repo}/git/refs`, { ref: `refs/heads/${branch}`, sha: commit.sha });
      return commit.sha;
    } catch (err) {
      // Another run moved the branch: build on its commit and try again.
      if (!(err instanceof GithubError && (err.status === 422 || err.status === 409))) throw err;
    }
  }
  throw new GithubError(409, `the ${branch} branch kept changing; try again`);
}

/** The hidden marker that identifies pinops' one comment on a pull request. */
export const MARKER = '<!-- pinops:previews -->';

/** The identity of the workflow's own token (GITHUB_TOKEN), which cannot ask GitHub who it is. */
export const WORKFLOW_BOT = 'github-actions[bot]';

/**
 * Who the client's token comments as: the user a personal or user token belongs to (GET /user), else the
 * workflow's bot (an installation token is answered 403 there).
 */
export async function commenter(gh: GithubClient): Promise<string> {
  try {
    return (await gh.request<{ login: string }>('GET', '/user')).login;
  } catch (err) {
    // A rate limit's 403 says nothing of who the token is: that error stands.
    if (err instanceof GithubError && err.forbidden) return WORKFLOW_BOT;
    throw err;
  }
}

/**
 * pinops' own comments on a pull request, by marker: a comment is pinops' when it starts with the
 * marker and this token's identity wrote it. Anybody can paste a marker into a comment, and
 * pinops never edits theirs; text pinops quotes inside its own comments cannot start one.
 */
export async function ownComments(gh: GithubClient, pr: number, markers: readonly string[]): Promise<Map<string, { id: number; body: string }>> {
  const repo = repoPath(gh.repo);
  const me = await commenter(gh);
  const found = new Map<string, { id: number; body: string }>();
  for (let page = 1; page < 50; page++) {
    const comments = await gh.request<{ id: number; body?: string; user?: { login?: string } | null }[]>(
      'GET',
      `${repo}/issues/${seg(String(pr))}/comments?${query({ per_page: 100, page })}`,
    );
    for (const c of comments) {
      const marker = markers.find((m) => c.body?.startsWith(m));
      if (marker && c.user?.login === me && !found.has(marker)) found.set(marker, { id: c.id, body: c.body ?? '' });
    }
    if (found.size === markers.length || comments.length < 100) break;
  }
  return found;
}

/** Comments on a pull request; returns the comment's id. */
export async function createComment(gh: GithubClient, pr: number, text: string): Promise<number> {
  return (await gh.request<{ id: number }>('POST', `${repoPath(gh.repo)}/issues/${seg(String(pr))}/comments`, { body: redact(text) })).id;
}

/** Replaces the body of a comment pinops wrote. */
export async function updateComment(gh: GithubClient, id: number, text: string): Promise<void> {
  await gh.request('PATCH', `${repoPath(gh.repo)}/issues/comments/${seg(String(id))}`, { body: redact(text) });
}

/** The files a pull request changes (repository paths), for "added or changed pins". */
export async function changedFiles(gh: GithubClient, pr: number): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; page < 31; page++) {
    const files = await gh.request<{ filename: string; status: string }[]>('GET', `${repoPath(gh.repo)}/pulls/${seg(String(pr))}/files?${query({ per_page: 100, page })}`);
    out.push(...files.filter((f) => f.status !== 'removed').map((f) => f.filename));
    if (files.length < 100) break;
  }
  return out;
}

/** The open pull request whose head is `sha` (for workflow_run from a fork, whose event lists none). */
export async function findPullByHead(gh: GithubClient, sha: string): Promise<number | undefined> {
  for (let page = 1; page < 11; page++) {
    const pulls = await gh.request<{ number: number; head: { sha: string } }[]>('GET', `${repoPath(gh.repo)}/pulls?${query({ state: 'open', per_page: 100, page })}`);
    const found = pulls.find((p) => p.head.sha === sha);
    if (found) return found.number;
    if (pulls.length < 100) return undefined;
  }
  return undefined;
}
