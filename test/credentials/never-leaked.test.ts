import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/pinterest/simulator.js';
import { runCli } from '../faults/helpers.js';
import { fakeGithub } from '../helpers/fake-github.js';
import { sh, tempGitRepos } from '../helpers/git-repo.js';
import { contractSimulator } from '../helpers/publish-env.js';
import { BASE, mdPin } from '../helpers/repo.js';
import { runAction } from '../helpers/runner.js';

const repos = tempGitRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const APP_SECRET = 'sekret-app-3f9a1d';
const REFRESH = 'sekret-refresh-7c21e4';
const WORKFLOW_TOKEN = 'ghs_sekret_workflow_91b2';
const SECRETS_TOKEN = 'ghs_sekret_secrets_55c0';

describe('secrets never appear', () => {
  it('in stdout, stderr, summaries, comments or any file of the ledger branch, for every event and command', { timeout: 120_000 }, async () => {
    const repo = await repos({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }), 'content/pins/b.md': mdPin({ id: 'b', title: 'B', publish_at: '2020-01-01T00:00:00Z' }) });
    const { sim } = await contractSimulator({ app: { id: 'app-1', secret: APP_SECRET }, refreshTokens: [REFRESH] });
    const github = await fakeGithub({ pulls: [{ number: 3, merged_at: '2026-12-01T00:00:00Z' }] });
    closers.push(
      () => sim.close(),
      () => github.close(),
    );
    const secretsEnv = (s: Simulator) => ({
      PINTEREST_API_BASE: s.url,
      PINTEREST_APP_ID: 'app-1',
      PINTEREST_APP_SECRET: APP_SECRET,
      PINTEREST_REFRESH_TOKEN: REFRESH,
      GITHUB_API_URL: github.url,
    });
    const texts: string[] = [];
    const masked: string[] = [];
    const keep = (s: string) => {
      for (const line of s.split('\n')) {
        if (line.startsWith('::add-mask::')) masked.push(line.slice('::add-mask::'.length));
        else texts.push(line);
      }
    };
    const sha = sh(repo.root, 'rev-parse', 'HEAD').trim();
    const inputs = { token: WORKFLOW_TOKEN, 'secrets-token': SECRETS_TOKEN };
    for (const [event, payload, extra] of [
      ['pull_request', { number: 3 }, {}],
      ['push', { ref: 'refs/heads/main', after: sha, repository: { default_branch: 'main' } }, {}],
      ['schedule', {}, {}],
      ['workflow_dispatch', {}, {}],
      ['workflow_dispatch', {}, { 'dry-run': 'false' }],
    ] as const) {
      const run = await runAction({ workspace: repo.root, event, payload, inputs: { ...inputs, ...extra }, env: secretsEnv(sim) });
      expect(run.code, `${event}: ${run.stdout}`).toBe(0);
      keep(run.stdout);
      keep(run.stderr);
      keep(run.summary);
      keep(JSON.stringify(run.outputs));
    }
    // The simulator runs in this process: the CLI must run asynchronously, or it would wait on us.
    // The push run rotated the refresh token through the secrets-token (sealed; only its PUT is seen).
    expect(github.calls.some((c) => c.method === 'PUT' && c.path === '/repos/acme/pins/actions/secrets/PINTEREST_REFRESH_TOKEN')).toBe(true);
    const cli = async (args: string[]) => {
      const r = await runCli([...args, '--cwd', repo.root], { ...secretsEnv(sim), GITHUB_TOKEN: WORKFLOW_TOKEN });
      keep(r.out);
      return r.code;
    };
    for (const args of [
      ['validate'],
      ['plan'],
      ['plan', '--json'],
      ['publish', '--dry-run'],
      ['publish'],
      ['boards'],
      ['analytics', '--days', '7'],
      ['disconnect', '--repo', 'acme/pins'],
    ]) {
      const status = await cli(args);
      expect(status, `${args.join(' ')}: ${texts.slice(-15).join('\n')}`).toBe(0);
    }
    for (const call of github.calls) keep(JSON.stringify(call.body ?? ''));
    const ledgerHistory = execFileSync('git', ['log', '-p', '--all', '--format=%H %an %s'], { cwd: repo.origin, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    keep(ledgerHistory);

    const issued = [...sim.state.accessTokens, ...sim.state.refreshTokens];
    expect(issued.length).toBeGreaterThan(5);
    const all = texts.join('\n');
    for (const secret of [APP_SECRET, REFRESH, WORKFLOW_TOKEN, SECRETS_TOKEN, ...issued]) expect(all.includes(secret), `a secret leaked: ${secret.slice(0, 12)}…`).toBe(false);
    // The runner was told to mask each secret it saw.
    for (const secret of [APP_SECRET, REFRESH, WORKFLOW_TOKEN, SECRETS_TOKEN]) expect(masked).toContain(secret);
    expect(ledgerHistory).toContain('pinops: publish');
    expect(github.secrets.size).toBe(0);
  });
});
