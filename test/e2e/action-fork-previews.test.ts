import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MARKER } from '../../src/github/previews.js';
import { fakeGithub } from '../helpers/fake-github.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { BASE, mdPin } from '../helpers/repo.js';
import { runAction } from '../helpers/runner.js';

const repos = tempGitRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const HEAD = 'c'.repeat(40);

describe('pull requests from forks: the workflow pair', () => {
  it('the fork run saves the previews for the artifact; the workflow_run job posts them', async () => {
    const repo = await repos({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }) });
    // The pull_request run of a fork: a read-only token.
    const forkApi = await fakeGithub({ files: ['content/pins/a.md'], readOnly: true });
    closers.push(() => forkApi.close());
    const forkRun = await runAction({
      workspace: repo.root,
      event: 'pull_request',
      payload: { action: 'opened', number: 9, pull_request: { number: 9, head: { sha: HEAD } } },
      inputs: { token: 'ghs_read_only' },
      env: { GITHUB_API_URL: forkApi.url },
    });
    expect(forkRun.code).toBe(0);
    expect(forkRun.stdout).toContain('::warning::Previews were not posted: GitHub answered 403');
    const dir = forkRun.outputs['previews-dir'] as string;
    const saved = JSON.parse(await readFile(join(dir, 'previews.json'), 'utf8'));
    expect(saved.pins.map((p: { key: string; image: string }) => [p.key, p.image])).toEqual([['a', 'a.png']]);

    // The workflow_run job: the base repository's token, the PR found by the event's head SHA.
    const baseApi = await fakeGithub({ openPulls: [{ number: 9, head: { sha: HEAD } }] });
    closers.push(() => baseApi.close());
    const payload = { workflow_run: { event: 'pull_request', head_sha: HEAD, pull_requests: [] } };
    const postRun = () =>
      runAction({ workspace: repo.root, event: 'workflow_run', payload, inputs: { token: 'ghs_base', 'previews-from': dir }, env: { GITHUB_API_URL: baseApi.url } });
    const post = await postRun();
    expect(post.stderr).toBe('');
    expect(post.code).toBe(0);
    expect([...baseApi.git.filesOn('pinops-previews').keys()]).toEqual(['pr-9/a.png']);
    const comment = [...baseApi.comments.values()][0];
    expect(comment?.issue).toBe(9);
    expect(comment?.body.startsWith(MARKER)).toBe(true);

    // A tampered artifact: another head is refused; a file that is not a PNG is not posted.
    await writeFile(join(dir, 'a.png'), 'not a png');
    const again = await postRun();
    expect(again.code).toBe(0);
    expect([...baseApi.git.filesOn('pinops-previews').keys()]).toEqual([]);
    expect([...baseApi.comments.values()][0]?.body).toContain('Preview not drawn');
    await writeFile(join(dir, 'previews.json'), JSON.stringify({ ...saved, headSha: 'd'.repeat(40) }));
    const forged = await postRun();
    expect(forged.code).toBe(1);
    expect(forged.outputs['failure-reason']).toMatch(/the previews artifact is for ddddddd, not for the run's head ccccccc: refusing to post it/);
  });
});
