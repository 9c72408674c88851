import { redact } from '../util/redact.js';
import { EXIT, UserError } from '../util/user-error.js';
import type { GithubClient } from './client.js';
import { GithubError } from './errors.js';
import { branchHead, commitChanges, type TreeChange } from './git-data.js';
import { query, repoPath, seg, segs } from './paths.js';

export { GithubError };

/** The folder of the previews branch that holds the schedule's calendar, for the scheduled job's summary. */
export const SCHEDULE_FOLDER = 'schedule';
/** A folder of the previews branch: one pull request's previews, or the schedule's calendar. */
const PINOPS_FOLDER = /^(pr-\d+|schedule)$/;

/** The previews branch holds something pinops did not write: rewriting it would lose that. */
export class PreviewBranchError extends UserError {
  override name = 'PreviewBranchError';
  readonly exitCode = EXIT.api;
  override readonly fix: string;
  constructor(branch: string, path: string) {
    super(`the ${branch} branch holds ${path}, which pinops did not write: pinops replaces that branch's whole history on every update`);
    this.fix = `set preview_branch to a branch of its own (the default is pinops-previews), or delete ${branch} if it only ever held previews`;
  }
}

/** The open pull requests' numbers (GET pulls, state open). */
export async function openPulls(gh: GithubClient): Promise<Set<number>> {
  const open = new Set<number>();
  for (let page = 1; page < 31; page++) {
    const pulls = await gh.request<{ number: number }[]>('GET', `${repoPath(gh.repo)}/pulls?${query({ state: 'open', per_page: 100, page })}`);
    for (const p of pulls) open.add(p.number);
    if (pulls.length < 100) break;
  }
  return open;
}

/** The branch's head and its folders (none when the branch does not exist); anything else on it is refused. */
async function previewFolders(gh: GithubClient, branch: string): Promise<{ head?: string; folders: { path: string; sha: string }[] }> {
  let head: { commit: string; tree: string };
  try {
    head = await branchHead(gh, branch);
  } catch (err) {
    if (err instanceof GithubError && err.status === 404) return { folders: [] };
    throw err;
  }
  const top = (await gh.request<{ tree: { path: string; type: string; sha: string }[] }>('GET', `${repoPath(gh.repo)}/git/trees/${seg(head.tree)}`)).tree;
  const foreign = top.find((e) => !(e.type === 'tree' && PINOPS_FOLDER.test(e.path)));
  if (foreign) throw new PreviewBranchError(branch, foreign.path);
  return { head: head.commit, folders: top.map((e) => ({ path: e.path, sha: e.sha })) };
}

/**
 * Replaces the folder `dir` on `branch` with `files` through the Git Data API (blobs, a tree, a
 * commit, the ref): no checkout. An empty `files` removes the folder. Every update is a new root
 * commit holding only this folder and the other folders `keep` accepts (the open pull requests'),
 * carried over as trees: nothing else stays reachable, so the branch's history (what a clone
 * fetches) is one commit's worth, and GitHub's gc may collect the rest. Returns the commit, whose
 * SHA the comment's image links use (GitHub drops data URLs); none when nothing is left, for then
 * the branch is deleted.
 */
export async function replaceFolder(
  gh: GithubClient,
  branch: string,
  dir: string,
  files: { name: string; data: Buffer }[],
  message: string,
  keep: (folder: string) => boolean = () => true,
): Promise<string | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { head, folders } = await previewFolders(gh, branch);
    const carried = folders.filter((f) => f.path !== dir && keep(f.path));
    if (files.length === 0 && carried.length === folders.length) return head;
    const changes: TreeChange[] = files.map((f) => ({ path: `${dir}/${f.name}`, data: f.data }));
    const commit = changes.length || carried.length ? await commitChanges(gh, { folders: carried, changes, message }) : undefined;
    if (await moveBranch(gh, branch, head, commit)) return commit;
  }
  throw new GithubError(409, `the ${branch} branch kept changing; try again`);
}

/**
 * Moves `branch` from `head` to `commit` (creates it, moves it, or deletes it for none); false when
 * another run moved it first. A parentless commit is no fast-forward, so the move must be forced,
 * and REST's forced update has no compare-and-swap: GraphQL's updateRefs, which has (the move is
 * made only while the branch is still at `head`), does it. Where that is not to be had, the head
 * is read again just before a forced REST update, which narrows the window in which another run's
 * update could be overwritten to one request.
 */
async function moveBranch(gh: GithubClient, branch: string, head: string | undefined, commit: string | undefined): Promise<boolean> {
  const repo = repoPath(gh.repo);
  const ref = `${repo}/git/refs/heads/${segs(branch)}`;
  try {
    if (!head) {
      if (commit) await gh.request('POST', `${repo}/git/refs`, { ref: `refs/heads/${branch}`, sha: commit });
      return true;
    }
    if (await swapRef(gh, branch, head, commit)) return true;
    // Not moved by GraphQL: lost to another run (the head moved), or the REST way is the one to be had.
    if ((await branchHead(gh, branch)).commit !== head) return false;
    if (commit) await gh.request('PATCH', ref, { sha: commit, force: true });
    else await gh.request('DELETE', ref);
    return true;
  } catch (err) {
    // Another run made or deleted the branch meanwhile: start again from what it did.
    if (err instanceof GithubError && (err.status === 422 || err.status === 409 || err.status === 404)) return false;
    throw err;
  }
}

/** Git's "no object": updateRefs deletes a ref moved to it. */
const NO_OBJECT = '0'.repeat(40);

const UPDATE_REFS = `mutation($repositoryId: ID!, $refUpdates: [RefUpdate!]!) {
  updateRefs(input: { repositoryId: $repositoryId, refUpdates: $refUpdates }) { clientMutationId }
}`;

/** GitHub's GraphQL endpoint beside its REST API (GitHub Enterprise Server: /api/graphql beside /api/v3). */
export function graphqlUrl(apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, '');
  return base.endsWith('/api/v3') ? `${base.slice(0, -'v3'.length)}graphql` : `${base}/graphql`;
}

/**
 * updateRefs from `head` to `commit` (none: delete), forced, only while the branch is at `head`.
 * False when it did not move the branch: another run moved it first, or GraphQL cannot do it
 * here (a GitHub without it, a token it refuses); the caller's REST path tells the two apart.
 */
async function swapRef(gh: GithubClient, branch: string, head: string, commit: string | undefined): Promise<boolean> {
  try {
    const { node_id: repositoryId } = await gh.request<{ node_id: string }>('GET', repoPath(gh.repo));
    const refUpdates = [{ name: `refs/heads/${branch}`, beforeOid: head, afterOid: commit ?? NO_OBJECT, force: true }];
    const answer = await gh.request<{ data?: { updateRefs?: unknown } | null; errors?: unknown[] }>('POST', graphqlUrl(gh.repo.apiUrl), {
      query: UPDATE_REFS,
      variables: { repositoryId, refUpdates },
    });
    return Boolean(answer?.data?.updateRefs) && !answer.errors?.length;
  } catch (err) {
    if (err instanceof GithubError && err.status >= 400 && err.status < 500) return false;
    throw err;
  }
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
