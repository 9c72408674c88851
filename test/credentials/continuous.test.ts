import { afterEach, describe, expect, it } from 'vitest';
import { publish } from '../../src/flows/publish.js';
import { githubClient } from '../../src/github/client.js';
import { fakeGithub } from '../helpers/fake-github.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { contractSimulator } from '../helpers/publish-env.js';
import { BASE, mdPin } from '../helpers/repo.js';

/*
 * An app created before 2025-09-25 (the simulator's `legacyApp`) gets a new refresh token from a
 * refresh only when the request sends `continuous_refresh=true`: pinops sends it on every refresh,
 * so such an app's token keeps rotating, and the secret with it.
 */

const repos = tempGitRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const basic = `Basic ${Buffer.from('app-1:app-secret-1').toString('base64')}`;

/** One raw refresh, as an app that does (or does not) ask for continuous refresh would send it. */
async function refresh(base: string, token: string, continuous: boolean): Promise<Record<string, unknown>> {
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, ...(continuous ? { continuous_refresh: 'true' } : {}) });
  const res = await fetch(`${base}/oauth/token`, { method: 'POST', headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() });
  return (await res.json()) as Record<string, unknown>;
}

describe('continuous refresh for apps created before 2025-09-25', () => {
  it('the refresh token keeps rotating for a legacy app, run after run, and each new one is stored as the secret', async () => {
    const repo = await repos({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }) });
    const { sim, contract, env } = await contractSimulator({ legacyApp: true });
    const github = await fakeGithub();
    closers.push(
      () => sim.close(),
      () => github.close(),
    );
    const secrets = { github: githubClient({ owner: 'acme', repo: 'pins', apiUrl: github.url }, 'ghs_secrets', { secondMs: 1 }) };
    let secret = env.PINTEREST_REFRESH_TOKEN as string;
    const seen = [secret];
    for (let i = 0; i < 3; i++) {
      const r = await publish({ root: repo.root, env: { ...env, PINTEREST_REFRESH_TOKEN: secret }, dryRun: false, runId: `run-${i}`, mask: () => {}, log: () => {}, secrets });
      expect(r.credentials?.rotated).toBe(true);
      secret = github.secrets.get('PINTEREST_REFRESH_TOKEN') as string;
      expect(seen).not.toContain(secret);
      expect(sim.state.refreshTokens.has(secret)).toBe(true);
      seen.push(secret);
    }
    const refreshes = sim.exchanges.filter((e) => e.route === '/oauth/token');
    expect(refreshes).toHaveLength(3);
    for (const e of refreshes) expect(e.requestBody).toMatchObject({ grant_type: 'refresh_token', continuous_refresh: 'true' });
    expect(contract.violations).toEqual([]);
  });

  it('without the flag, the same legacy app answers a refresh with no new refresh token (the token would lapse)', async () => {
    const { sim, contract } = await contractSimulator({ legacyApp: true });
    closers.push(() => sim.close());
    const without = await refresh(sim.url, 'refresh-0', false);
    expect(without.access_token).toEqual(expect.any(String));
    expect(without).not.toHaveProperty('refresh_token');
    const withFlag = await refresh(sim.url, 'refresh-0', true);
    expect(withFlag.refresh_token).toEqual(expect.stringMatching(/^pinr_sim_/));
    expect(withFlag.refresh_token_expires_in).toBe(5_184_000);
    expect(contract.violations).toEqual([]);
  });

  it('an app created later rotates either way (the flag changes nothing for it)', async () => {
    const { sim } = await contractSimulator();
    closers.push(() => sim.close());
    expect(await refresh(sim.url, 'refresh-0', false)).toHaveProperty('refresh_token');
  });
});
