import { afterEach, describe, expect, it } from 'vitest';
import { publish } from '../../src/flows/publish.js';
import { publishWarnings } from '../../src/flows/report.js';
import { githubClient } from '../../src/github/client.js';
import { gitLedgerStore } from '../../src/ledger/store.js';
import type { Simulator, SimulatorOptions } from '../../src/pinterest/simulator.js';
import { type FakeGithubOptions, fakeGithub } from '../helpers/fake-github.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { contractSimulator, currentRefreshToken } from '../helpers/publish-env.js';
import { BASE, mdPin } from '../helpers/repo.js';

const repos = tempGitRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function world(simOpts: SimulatorOptions = {}, ghOpts: FakeGithubOptions = {}) {
  const repo = await repos({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }) });
  const { sim, env } = await contractSimulator(simOpts);
  const github = await fakeGithub(ghOpts);
  closers.push(
    () => sim.close(),
    () => github.close(),
  );
  const secrets = githubClient({ owner: 'acme', repo: 'pins', apiUrl: github.url }, 'ghs_secrets', { secondMs: 1 });
  const logs: string[] = [];
  const run = (o: { secrets?: boolean; environment?: string; refresh?: string; env?: Record<string, string> } = {}) =>
    publish({
      root: repo.root,
      env: { ...env, PINTEREST_REFRESH_TOKEN: o.refresh ?? currentRefreshToken(sim), ...o.env },
      dryRun: false,
      runId: `r${Math.random().toString(36).slice(2, 7)}`,
      mask: () => {},
      log: (l) => logs.push(l),
      ...(o.secrets ? { secrets: { github: secrets, ...(o.environment ? { environment: o.environment } : {}) } } : {}),
    });
  return { repo, sim, github, run, logs };
}

const newest = (sim: Simulator) => currentRefreshToken(sim);

describe('rotation of the refresh token', () => {
  it('stores the new refresh token as the repository secret, and the next run uses it', async () => {
    const w = await world();
    const r = await w.run({ secrets: true });
    expect(r.credentials?.rotated).toBe(true);
    expect(w.github.secrets.get('PINTEREST_REFRESH_TOKEN')).toBe(newest(w.sim));
    expect(w.logs.some((l) => l.includes('stored the new refresh token as the repository secret PINTEREST_REFRESH_TOKEN'))).toBe(true);
    const again = await w.run({ secrets: true, refresh: w.github.secrets.get('PINTEREST_REFRESH_TOKEN') as string });
    expect(again.credentials?.rotated).toBe(true);
    const ledger = await gitLedgerStore(w.repo.root, 'pinops-ledger').load();
    expect(ledger.credentials?.stored?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(ledger)).not.toContain(newest(w.sim));
  });

  it('stores it as an environment secret when the workflow uses an environment', async () => {
    const w = await world();
    await w.run({ secrets: true, environment: 'production' });
    expect([...w.github.secrets.keys()]).toEqual(['production/PINTEREST_REFRESH_TOKEN']);
    expect(w.github.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /repos/acme/pins/environments/production/secrets/public-key',
      'PUT /repos/acme/pins/environments/production/secrets/PINTEREST_REFRESH_TOKEN',
    ]);
  });

  it('without a secrets-token: says the date to renew by, an error in the last 3 days', async () => {
    const w = await world();
    const first = await w.run();
    expect(first.credentials?.rotated).toBe(false);
    expect(first.warnings.map((w) => w.text).join('\n')).toMatch(/The secret PINTEREST_REFRESH_TOKEN \(first seen \d{4}-\d\d-\d\d\) stops working by \d{4}-\d\d-\d\d/);
    expect(first.credentials?.urgent).toBe(false);
    // The same secret, first seen 58 days ago: 2 days left.
    const store = gitLedgerStore(w.repo.root, 'pinops-ledger');
    const token = 'refresh-0';
    const { tokenFingerprint } = await import('../../src/flows/credentials.js');
    await store.commit(
      'age the token',
      (l) => {
        l.credentials = { seen: { [tokenFingerprint(token)]: new Date(Date.now() - 58 * 86_400_000).toISOString() } };
        return true;
      },
      () => [],
    );
    const late = await w.run({ refresh: token });
    expect(late.credentials?.urgent).toBe(true);
    expect(late.credentials?.renewBy?.getTime()).toBeLessThan(Date.now() + 3 * 86_400_000);
    // Its level is the credential report's: an info line with weeks left, an error in the last 3 days.
    expect(publishWarnings(first)).toEqual([{ level: 'info', text: expect.stringMatching(/stops working by/) }]);
    expect(publishWarnings(late)).toEqual([{ level: 'error', text: expect.stringMatching(/^The secret PINTEREST_REFRESH_TOKEN .* stops working by/) }]);
  });

  it('a secrets-token without permission to write secrets: a warning, and the run still publishes', async () => {
    const w = await world({}, { secretsForbidden: true });
    const r = await w.run({ secrets: true });
    expect(r.outcomes.map((o) => o.result)).toEqual(['ok']);
    expect(r.credentials?.rotated).toBe(false);
    expect(r.warnings.map((w) => w.text).join('\n')).toMatch(/Could not store the new refresh token: GitHub answered 403 .*Secrets: read and write/);
    expect(r.warnings.map((w) => w.text).join('\n')).toMatch(/stops working by/);
    expect(publishWarnings(r).map((w) => w.level)).toEqual(['warning', 'info']);
  });

  it('two runs rotating at once: the newest token ends up in the secret', async () => {
    const w = await world({}, { delayFirstKeyMs: 1500 });
    w.sim.state.refreshTokens.add('refresh-b');
    const slow = w.run({ secrets: true, refresh: 'refresh-0' });
    await new Promise((r) => setTimeout(r, 300));
    const fast = w.run({ secrets: true, refresh: 'refresh-b' });
    await Promise.all([slow, fast]);
    const puts = w.github.calls.filter((c) => c.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(w.github.secrets.get('PINTEREST_REFRESH_TOKEN')).toBe(newest(w.sim));
    expect(w.logs).toContain('· another run stored a newer refresh token; this one is not written');
  });
});

describe('checks before anything is written', () => {
  it('a token missing pins:write fails the run with one message, nothing sent but the refresh', async () => {
    const w = await world({ scopes: ['boards:read', 'boards:write', 'pins:read', 'user_accounts:read'] });
    await expect(w.run()).rejects.toThrow(/the Pinterest token lacks the scope\(s\) pins:write, so nothing was sent/);
    expect(w.sim.exchanges.map((e) => e.route)).toEqual(['/oauth/token']);
  });

  it('a refresh token Pinterest answers with invalid_grant', async () => {
    const w = await world();
    await expect(w.run({ refresh: 'pinr_revoked_or_made_up' })).rejects.toThrow(/PINTEREST_REFRESH_TOKEN is invalid, expired or revoked: HTTP 400: invalid_grant/);
  });

  it('a disconnected account stops every run before anything is sent', async () => {
    const w = await world();
    await gitLedgerStore(w.repo.root, 'pinops-ledger').commit(
      'disconnect',
      (l) => {
        l.credentials = { disconnected: { at: '2026-12-01T10:00:00.000Z', by: 'pinops disconnect' } };
        return true;
      },
      () => [],
    );
    await expect(w.run()).rejects.toThrow(/the Pinterest account was disconnected on 2026-12-01 .* Run `npx pinops auth` to connect it again/);
    expect(w.sim.exchanges).toEqual([]);
  });
});

describe('what credentials cost a run', () => {
  it('one refresh and one account check, plus two GitHub calls when rotating', async () => {
    const w = await world();
    await w.run({ secrets: true });
    const credentialCalls = w.sim.exchanges.filter((e) => e.route === '/oauth/token' || e.route === '/user_account').map((e) => e.route);
    expect(credentialCalls).toEqual(['/oauth/token', '/user_account']);
    expect(w.github.calls.map((c) => c.method)).toEqual(['GET', 'PUT']);
  });
});
