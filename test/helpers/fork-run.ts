import { fakeGithub } from './fake-github.js';
import { runAction } from './runner.js';

/** The head commit of the fork's pull request in these tests. */
export const FORK_HEAD = 'c'.repeat(40);

/**
 * The `pull_request` run of a fork's pull request #9 on `workspace`: a read-only token, so the
 * previews cannot be posted and are saved for the artifact. `closers` gets the fake GitHub's close.
 */
export async function forkPullRequestRun(workspace: string, files: string[], closers: (() => Promise<void>)[]): Promise<Awaited<ReturnType<typeof runAction>>> {
  const forkApi = await fakeGithub({ files, readOnly: true });
  closers.push(() => forkApi.close());
  return runAction({
    workspace,
    event: 'pull_request',
    payload: { action: 'opened', number: 9, pull_request: { number: 9, head: { sha: FORK_HEAD } } },
    inputs: { token: 'ghs_read_only' },
    env: { GITHUB_API_URL: forkApi.url },
  });
}
