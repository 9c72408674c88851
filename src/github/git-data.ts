import { mapLimit } from '../util/concurrency.js';
import { type GithubClient, WRITES_AT_ONCE } from './client.js';
import { repoPath, seg, segs } from './paths.js';

/** A tree entry to write: a file's bytes, or `null` to remove the path. */
export interface TreeChange {
  path: string;
  data: Buffer | null;
}

/**
 * Writes `changes` over `baseTree` as one commit on `parent` through the Git Data API (blobs, a
 * tree, a commit); no checkout. Moving a branch to it is the caller's business. The blobs go a few
 * at a time: a big preview has hundreds, and one by one they take minutes.
 */
export async function commitChanges(
  gh: GithubClient,
  opts: {
    parent?: string;
    baseTree?: string;
    changes: TreeChange[];
    message: string /** Existing folders placed as they are (path → tree SHA). */;
    folders?: { path: string; sha: string }[];
  },
): Promise<string> {
  const repo = repoPath(gh.repo);
  const entries = await mapLimit(opts.changes, WRITES_AT_ONCE, async (c) => {
    const sha = c.data ? (await gh.request<{ sha: string }>('POST', `${repo}/git/blobs`, { content: c.data.toString('base64'), encoding: 'base64' })).sha : null;
    return { path: c.path, mode: '100644' as const, type: 'blob' as const, sha };
  });
  const folders = (opts.folders ?? []).map((f) => ({ path: f.path, mode: '040000' as const, type: 'tree' as const, sha: f.sha }));
  const tree = await gh.request<{ sha: string }>('POST', `${repo}/git/trees`, { ...(opts.baseTree ? { base_tree: opts.baseTree } : {}), tree: [...folders, ...entries] });
  return (await gh.request<{ sha: string }>('POST', `${repo}/git/commits`, { message: opts.message, tree: tree.sha, parents: opts.parent ? [opts.parent] : [] })).sha;
}

/** A branch's head commit and its tree (a GithubError with status 404 when the branch does not exist). */
export async function branchHead(gh: GithubClient, branch: string): Promise<{ commit: string; tree: string }> {
  const repo = repoPath(gh.repo);
  const commit = (await gh.request<{ object: { sha: string } }>('GET', `${repo}/git/ref/heads/${segs(branch)}`)).object.sha;
  const tree = (await gh.request<{ tree: { sha: string } }>('GET', `${repo}/git/commits/${seg(commit)}`)).tree.sha;
  return { commit, tree };
}
