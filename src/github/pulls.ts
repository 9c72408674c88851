import { redact } from '../util/redact.js';
import type { GithubClient } from './client.js';
import { GithubError } from './errors.js';
import { branchHead, commitChanges } from './git-data.js';
import { repoPath } from './paths.js';

/**
 * Opens a pull request that adds `files` to `base`: a new branch `branch` (made unique when taken)
 * with one commit, written through the Git Data API; nothing is checked out or pushed from disk.
 */
export async function openPullWithFiles(
  gh: GithubClient,
  opts: { base: string; branch: string; files: { path: string; data: Buffer }[]; message: string; title: string; body: string },
): Promise<{ number: number; url: string; branch: string }> {
  const repo = repoPath(gh.repo);
  const head = await branchHead(gh, opts.base);
  const commit = await commitChanges(gh, { parent: head.commit, baseTree: head.tree, changes: opts.files, message: redact(opts.message) });
  let branch = opts.branch;
  for (let n = 2; ; n++) {
    try {
      await gh.request('POST', `${repo}/git/refs`, { ref: `refs/heads/${branch}`, sha: commit });
      break;
    } catch (err) {
      // The branch exists (an earlier draft of the same page): take the next name.
      if (!(err instanceof GithubError && err.status === 422) || n > 20) throw err;
      branch = `${opts.branch}-${n}`;
    }
  }
  const pr = await gh.request<{ number: number; html_url: string }>('POST', `${repo}/pulls`, {
    title: redact(opts.title),
    head: branch,
    base: opts.base,
    body: redact(opts.body),
  });
  return { number: pr.number, url: pr.html_url, branch };
}
