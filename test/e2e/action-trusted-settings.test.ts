import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeGithub } from '../helpers/fake-github.js';
import { FORK_HEAD, forkPullRequestRun } from '../helpers/fork-run.js';
import { sh, tempGitRepos } from '../helpers/git-repo.js';
import { BASE, mdPin } from '../helpers/repo.js';
import { runAction } from '../helpers/runner.js';

const repos = tempGitRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const HEAD = FORK_HEAD;

/**
 * A server on a private address (loopback) for a pin's https image, counting the connections made
 * to it: with private networks allowed, pinops would connect (and fail at TLS); refused, it never does.
 */
async function privateImageServer(): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((_req, res) => res.end());
  server.on('connection', () => requests++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(
    () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/boots.jpg`, requests: () => requests };
}

/** What the pull request's pinops.yml would like: previews onto main, the ledger read from main, private networks open. */
const HOSTILE = 'preview_branch: main\nledger_branch: main\nallow_private_network: true\n';

describe("a pull request's pinops.yml does not steer the job that checks it", () => {
  it('pull_request: where previews go, which ledger is read and what may be fetched come from the base commit', async () => {
    const images = await privateImageServer();
    // The base branch on origin; the pull request's head on its own branch.
    const repo = await repos({ ...BASE, 'pinops.yml': 'preview_branch: pr-previews\n' });
    const base = sh(repo.root, 'rev-parse', 'HEAD').trim();
    sh(repo.root, 'checkout', '--quiet', '-b', 'feature');
    await writeFile(join(repo.root, 'pinops.yml'), HOSTILE);
    await mkdir(join(repo.root, 'content/pins'), { recursive: true });
    await writeFile(join(repo.root, 'content/pins/a.md'), mdPin({ id: 'a' }));
    await writeFile(join(repo.root, 'content/pins/remote.md'), mdPin({ id: 'remote', image: images.url }));
    sh(repo.root, 'add', '-A');
    sh(repo.root, 'commit', '--quiet', '-m', 'a pull request');
    sh(repo.root, 'push', '--quiet', 'origin', 'feature');
    // The runner's checkout: shallow, without the base commit.
    const dir = await mkdtemp(join(tmpdir(), 'pinops-checkout-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));
    const workspace = join(dir, 'ws');
    sh(dir, 'clone', '--quiet', '--depth', '1', '--branch', 'feature', `file://${repo.origin}`, workspace);
    expect(() => sh(workspace, 'cat-file', '-e', base)).toThrow();

    const github = await fakeGithub({ files: ['pinops.yml', 'content/pins/a.md', 'content/pins/remote.md'], branches: { main: { 'README.md': 'the default branch' } } });
    closers.push(() => github.close());
    const mainHead = github.git.refs.get('main');
    const payload = { action: 'synchronize', number: 7, pull_request: { number: 7, head: { sha: HEAD }, base: { sha: base, ref: 'main' } } };
    const env = { GITHUB_API_URL: github.url };
    const run = await runAction({ workspace, event: 'pull_request', payload, inputs: { token: 'ghs_pr' }, env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    // main is untouched; the previews are on the base's branch; the private image was never asked for.
    expect(github.git.refs.get('main')).toBe(mainHead);
    expect([...github.git.filesOn('pr-previews').keys()]).toEqual(['pr-7/a.jpg']);
    expect(images.requests()).toBe(0);
    const body = [...github.comments.values()][0]?.body ?? '';
    expect(body).toMatch(/Preview not drawn: .*127\.0\.0\.1 is a private, loopback or link-local address/);
    expect(github.calls.filter((c) => c.method !== 'GET').every((c) => !c.path.includes('/refs/heads/main'))).toBe(true);
    expect(github.calls.some((c) => c.method === 'POST' && c.path.endsWith('/git/refs') && (c.body as { ref: string }).ref === 'refs/heads/pr-previews')).toBe(true);
    // Each change is named, to take effect after merge.
    const notices = run.stdout.split('\n').filter((l) => l.startsWith('::notice::'));
    const short = base.slice(0, 7);
    expect(notices).toEqual([
      `::notice::pinops.yml in this pull request sets \`allow_private_network\` to true; this job keeps false, from the base branch's pinops.yml (${short}). The change takes effect after merge.`,
      `::notice::pinops.yml in this pull request sets \`ledger_branch\` to "main"; this job keeps "pinops-ledger", from the base branch's pinops.yml (${short}). The change takes effect after merge.`,
      `::notice::pinops.yml in this pull request sets \`preview_branch\` to "main"; this job keeps "pr-previews", from the base branch's pinops.yml (${short}). The change takes effect after merge.`,
    ]);

    // Closed: its previews leave the base's preview branch, not the pull request's.
    const closed = await runAction({ workspace, event: 'pull_request', payload: { ...payload, action: 'closed' }, inputs: { token: 'ghs_pr' }, env });
    expect(closed.code).toBe(0);
    expect(closed.stdout).toContain('Removed the previews of #7.');
    expect([...github.git.filesOn('pr-previews').keys()]).toEqual([]);
    expect(github.git.refs.get('main')).toBe(mainHead);
  });

  it("a fork's pull_request run: no private fetch for its content, with the base read through the API when git cannot", async () => {
    const images = await privateImageServer();
    const repo = await repos({ ...BASE, 'pinops.yml': HOSTILE, 'content/pins/remote.md': mdPin({ id: 'remote', image: images.url }) });
    // The fork's checkout cannot reach the base repository: only the API can read the base.
    sh(repo.root, 'remote', 'remove', 'origin');
    const forkApi = await fakeGithub({ files: ['content/pins/remote.md'], readOnly: true, branches: { main: { 'pinops.yml': 'schedule: { max_per_run: 5 }\n' } } });
    closers.push(() => forkApi.close());
    const baseSha = forkApi.git.refs.get('main') as string;
    const run = await runAction({
      workspace: repo.root,
      event: 'pull_request',
      payload: { action: 'opened', number: 9, pull_request: { number: 9, head: { sha: HEAD }, base: { sha: baseSha, ref: 'main' } } },
      inputs: { token: 'ghs_read_only' },
      env: { GITHUB_API_URL: forkApi.url },
    });
    expect(run.code).toBe(0);
    expect(images.requests()).toBe(0);
    expect(forkApi.calls.some((c) => c.path === '/repos/acme/pins/contents/pinops.yml')).toBe(true);
    expect(run.stdout).toContain(
      `::notice::pinops.yml in this pull request sets \`allow_private_network\` to true; this job keeps false, from the base branch's pinops.yml (${baseSha.slice(0, 7)}).`,
    );
    const saved = JSON.parse(await readFile(join(run.outputs['previews-dir'] as string, 'previews.json'), 'utf8'));
    expect(saved.pins).toHaveLength(1);
    expect(saved.pins[0].image).toBeUndefined();
    expect(saved.pins[0].error).toMatch(/127\.0\.0\.1 is a private, loopback or link-local address/);
  });

  it("workflow_run: the previews go to the default branch's preview_branch", async () => {
    const repo = await repos({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }) });
    const forkRun = await forkPullRequestRun(repo.root, ['content/pins/a.md'], closers);
    expect(forkRun.code).toBe(0);
    const baseApi = await fakeGithub({ openPulls: [{ number: 9, head: { sha: HEAD } }], branches: { main: { 'pinops.yml': 'preview_branch: fork-previews\n' } } });
    closers.push(() => baseApi.close());
    const empty = await mkdtemp(join(tmpdir(), 'pinops-nocheckout-'));
    closers.push(() => rm(empty, { recursive: true, force: true }));
    const post = await runAction({
      workspace: empty,
      event: 'workflow_run',
      payload: { workflow_run: { id: 5, event: 'pull_request', head_sha: HEAD, pull_requests: [] }, repository: { default_branch: 'main' } },
      inputs: { token: 'ghs_base', 'previews-from': forkRun.outputs['previews-dir'] as string },
      env: { GITHUB_API_URL: baseApi.url, GITHUB_SHA: baseApi.git.refs.get('main') as string },
    });
    expect(post.stderr).toBe('');
    expect(post.code).toBe(0);
    expect([...baseApi.git.filesOn('fork-previews').keys()]).toEqual(['pr-9/a.jpg']);
    expect(baseApi.git.refs.has('pinops-previews')).toBe(false);
  });
});
