import { afterEach, describe, expect, it } from 'vitest';
import type { Fault, Simulator } from '../../src/pinterest/simulator.js';
import { runCli } from '../faults/helpers.js';
import { fakeGithub } from '../helpers/fake-github.js';
import { sh, tempGitRepos } from '../helpers/git-repo.js';
import { logAt } from '../helpers/ledger-branch.js';
import { contractSimulator } from '../helpers/publish-env.js';
import { BASE, mdPin } from '../helpers/repo.js';
import { runAction } from '../helpers/runner.js';

const repos = tempGitRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const APP_SECRET = 'sekret-app-8d2e41';
/** A token never registered anywhere: only its shape gives it away. */
const STRAY = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Pinterest (or a proxy before it) answers the create with an error that echoes the request: the
 * access token the run got moments ago, the app secret, and a token of somebody else's.
 */
function echoingFault(sim: Simulator): Fault {
  const fault: Fault = {
    method: 'POST',
    route: '/pins',
    when: 'before',
    action: { status: 400 },
    onFire: () => {
      const access = [...sim.state.accessTokens].at(-1);
      fault.action = { status: 400, body: { code: 1, message: `Invalid request. Echo: Authorization: Bearer ${access}; client_secret=${APP_SECRET}; X-Forwarded: ${STRAY}` } };
    },
  };
  return fault;
}

const withoutMasks = (s: string) =>
  s
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');

describe('secrets echoed by an API', () => {
  it('never reach the pushed ledger log, the summary, the annotations or the merged pull request comment', async () => {
    const repo = await repos({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }) });
    const { sim, env } = await contractSimulator({ app: { id: 'app-1', secret: APP_SECRET } });
    const github = await fakeGithub({ pulls: [{ number: 7, merged_at: '2026-12-02T10:00:00Z' }] });
    closers.push(
      () => sim.close(),
      () => github.close(),
    );
    sim.inject(echoingFault(sim));
    const sha = sh(repo.root, 'rev-parse', 'HEAD').trim();
    const run = await runAction({
      workspace: repo.root,
      event: 'push',
      payload: { ref: 'refs/heads/main', after: sha, repository: { default_branch: 'main' } },
      inputs: { token: 'ghs_workflow_token_1' },
      env: { ...env, PINTEREST_APP_SECRET: APP_SECRET, GITHUB_API_URL: github.url },
    });
    expect(run.code).toBe(1);
    const access = [...sim.state.accessTokens].at(-1) as string;
    expect(access.length).toBeGreaterThan(10);

    const log = (await logAt(repo.root)).map((l) => JSON.stringify(l)).join('\n');
    const comment = (github.calls.find((c) => c.method === 'POST' && c.path.endsWith('/issues/7/comments'))?.body as { body?: string } | undefined)?.body ?? '';
    expect(comment).toContain('pinops published this pull request');
    const texts = { log, summary: run.summary, comment, stdout: withoutMasks(run.stdout), outputs: JSON.stringify(run.outputs) };
    for (const [where, text] of Object.entries(texts)) {
      for (const secret of [access, APP_SECRET, STRAY]) expect(text.includes(secret), `${where} holds ${secret.slice(0, 8)}…`).toBe(false);
    }
    // What Pinterest said is still there, the secrets cut out of it.
    const line = log
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { result: string; error?: string })
      .find((l) => l.result === 'error');
    expect(line?.error).toContain('Invalid request. Echo: Authorization: Bearer [redacted]; client_secret=[redacted]; X-Forwarded: [redacted]');
    expect(run.summary).toContain('Authorization: Bearer [redacted]');
    expect(comment).toContain('Authorization: Bearer [redacted]');
  });

  it('never reach the CLI output', async () => {
    const repo = await repos({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }) });
    const { sim, env } = await contractSimulator({ app: { id: 'app-1', secret: APP_SECRET } });
    closers.push(() => sim.close());
    sim.inject(echoingFault(sim));
    const r = await runCli(['publish', '--cwd', repo.root], { ...env, PINTEREST_APP_SECRET: APP_SECRET });
    expect(r.code).toBe(3);
    const access = [...sim.state.accessTokens].at(-1) as string;
    for (const secret of [access, APP_SECRET, STRAY]) expect(r.out.includes(secret), `the CLI printed ${secret.slice(0, 8)}…`).toBe(false);
    expect(r.out).toContain('Authorization: Bearer [redacted]');

    // A refresh refused with an answer that echoes the app's credentials: the error says so, without them.
    const basic = Buffer.from(`app-1:${APP_SECRET}`).toString('base64');
    sim.inject({ method: 'POST', route: '/oauth/token', when: 'before', action: { status: 400, body: { code: 1, message: `invalid_grant (Authorization: Basic ${basic})` } } });
    const refused = await runCli(['publish', '--cwd', repo.root], { ...env, PINTEREST_APP_SECRET: APP_SECRET });
    expect(refused.code).toBe(3);
    expect(refused.out).toContain('PINTEREST_REFRESH_TOKEN is invalid, expired or revoked: HTTP 400: invalid_grant (Authorization: Basic [redacted])');
    expect(refused.out.includes(basic)).toBe(false);
  });
});
