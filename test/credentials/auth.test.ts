import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { gitLedgerStore } from '../../src/ledger/store.js';
import { type SimulatorOptions, startSimulator } from '../../src/pinterest/simulator.js';
import { fakeGithub } from '../helpers/fake-github.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { BASE } from '../helpers/repo.js';

const repos = tempGitRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

// `auth` listens on a port of its own choosing (--port 0): a port picked beforehand could be taken
// by another test in between. The simulator accepts any localhost redirect unless told otherwise.
async function world(simOpts: SimulatorOptions = { redirectUris: ['*'] }) {
  const port = 0;
  const sim = await startSimulator({ app: { id: 'app-1', secret: 'app-secret-XYZ' }, ...simOpts });
  const github = await fakeGithub();
  closers.push(
    () => sim.close(),
    () => github.close(),
  );
  const repo = await repos({ ...BASE });
  const env = { PINTEREST_API_BASE: sim.url, PINTEREST_APP_ID: 'app-1', PINTEREST_APP_SECRET: 'app-secret-XYZ', GITHUB_API_URL: github.url };
  /** Runs `pinops ARGS`; `browser` is handed the consent URL once it is printed. */
  const run = async (args: string[], browser?: (url: string) => Promise<void>, extraEnv: Record<string, string> = {}) => {
    let out = '';
    let err = '';
    let seen = false;
    const done = main([...args], {
      cwd: repo.root,
      env: { ...env, ...extraEnv },
      color: false,
      out: (s) => {
        out += s;
        const url = /(http:\/\/127\.0\.0\.1:\d+\/oauth\/\S+)/.exec(out)?.[1];
        if (url && browser && !seen) {
          seen = true;
          void browser(url);
        }
      },
      err: (s) => (err += s),
    });
    return { code: await done, out: () => out, err: () => err };
  };
  return { sim, github, repo, port, run };
}

const follow = async (url: string) => {
  await fetch(url, { redirect: 'follow' }).catch(() => undefined);
};

describe('pinops auth', () => {
  it('takes the consent round trip, checks state and scopes, and prints the refresh token (never the app secret)', async () => {
    const w = await world();
    const r = await w.run(['auth', '--no-open', '--port', String(w.port), '--timeout', '10'], follow);
    expect(r.err()).toBe('');
    expect(r.code).toBe(0);
    const token = [...w.sim.state.refreshTokens].at(-1) as string;
    expect(r.out()).toContain(`PINTEREST_REFRESH_TOKEN  ${token}`);
    expect(r.out()).toContain('scope=boards%3Aread%2Cboards%3Awrite%2Cpins%3Aread%2Cpins%3Awrite%2Cuser_accounts%3Aread');
    expect(r.out()).not.toContain('app-secret-XYZ');
  });

  it('asks for continuous refresh in the code exchange: an app created before 2025-09-25 gets a renewable 60-day token, not a legacy one', async () => {
    const w = await world({ legacyApp: true, redirectUris: ['*'] });
    const r = await w.run(['auth', '--no-open', '--port', String(w.port), '--timeout', '10'], follow);
    expect(r.code).toBe(0);
    expect(w.sim.exchanges.find((e) => e.route === '/oauth/token')?.requestBody).toMatchObject({ grant_type: 'authorization_code', continuous_refresh: 'true' });
    const expires = Date.parse(/It expires on (\d{4}-\d\d-\d\d)/.exec(r.out())?.[1] ?? '');
    expect(expires).toBeGreaterThan(Date.now() + 58 * 86_400_000);
    expect(expires).toBeLessThan(Date.now() + 62 * 86_400_000);
  });

  it('sets the three secrets with a GitHub token, printing none of them', async () => {
    const w = await world();
    const r = await w.run(['auth', '--no-open', '--port', String(w.port), '--repo', 'acme/pins', '--github-token', 'ghs_auth_token'], follow);
    expect(r.code).toBe(0);
    expect([...w.github.secrets.keys()].sort()).toEqual(['PINTEREST_APP_ID', 'PINTEREST_APP_SECRET', 'PINTEREST_REFRESH_TOKEN']);
    expect(w.github.secrets.get('PINTEREST_APP_SECRET')).toBe('app-secret-XYZ');
    const token = w.github.secrets.get('PINTEREST_REFRESH_TOKEN') as string;
    expect(w.sim.state.refreshTokens.has(token)).toBe(true);
    expect(r.out()).not.toContain(token);
    expect(r.out()).toContain('Set PINTEREST_APP_ID, PINTEREST_APP_SECRET and PINTEREST_REFRESH_TOKEN on acme/pins');
  });

  it('ignores callbacks without the state it sent, answering 400, and finishes on the real one', async () => {
    const w = await world();
    const forged: number[] = [];
    const r = await w.run(['auth', '--no-open', '--port', String(w.port), '--timeout', '10'], async (url) => {
      const redirect = new URL(url).searchParams.get('redirect_uri') as string;
      for (const q of ['?code=stolen&state=not-the-one', '?code=stolen', '?error=access_denied&state=forged', '?error=access_denied', '?state=']) {
        forged.push((await fetch(`${redirect}${q}`)).status);
      }
      await follow(url);
    });
    expect(forged).toEqual([400, 400, 400, 400, 400]);
    expect(r.err()).toBe('');
    expect(r.code).toBe(0);
    expect(r.out()).toContain(`PINTEREST_REFRESH_TOKEN  ${[...w.sim.state.refreshTokens].at(-1)}`);
  });

  it('times out on forged callbacks alone, saying they were ignored', async () => {
    const w = await world();
    const r = await w.run(['auth', '--no-open', '--port', String(w.port), '--timeout', '1'], async (url) => {
      const redirect = new URL(url).searchParams.get('redirect_uri') as string;
      await fetch(`${redirect}?code=stolen&state=not-the-one`);
    });
    expect(r.code).toBe(3);
    expect(r.err()).toContain('no answer from the browser within 1 s (1 request(s) without the state pinops sent were ignored)');
  });

  it('says so when consent is denied', async () => {
    const w = await world({ consent: 'deny', redirectUris: ['*'] });
    const r = await w.run(['auth', '--no-open', '--port', String(w.port)], follow);
    expect(r.code).toBe(3);
    expect(r.err()).toContain('consent was denied on Pinterest');
  });

  it('names a missing scope', async () => {
    const w = await world({ scopes: ['boards:read', 'pins:read', 'user_accounts:read'], redirectUris: ['*'] });
    const r = await w.run(['auth', '--no-open', '--port', String(w.port)], follow);
    expect(r.code).toBe(3);
    expect(r.err()).toContain('without boards:write, pins:write');
  });

  it('times out with advice when the page is closed or the redirect URI is not registered', async () => {
    const w = await world({ redirectUris: ['http://localhost:1/'] });
    const r = await w.run(['auth', '--no-open', '--port', String(w.port), '--timeout', '1'], follow);
    expect(r.code).toBe(3);
    expect(r.err()).toMatch(/no answer from the browser within 1 s: was the consent page closed.*add http:\/\/localhost:\d+\/ to your app's redirect URIs/);
  });
});

describe('pinops disconnect', () => {
  it('explains the 403 on revoke, deletes the secrets, and stops every run', async () => {
    const w = await world();
    for (const name of ['PINTEREST_APP_ID', 'PINTEREST_APP_SECRET', 'PINTEREST_REFRESH_TOKEN']) w.github.secrets.set(name, 'x');
    w.sim.state.refreshTokens.add('refresh-live');
    const r = await w.run(['disconnect', '--repo', 'acme/pins', '--github-token', 'ghs_t'], undefined, { PINTEREST_REFRESH_TOKEN: 'refresh-live' });
    expect(r.code).toBe(0);
    expect(r.out()).toContain("Pinterest revokes only system users' tokens so far: remove pinops' access in your Pinterest account");
    expect(r.out()).toContain('Deleted the secrets PINTEREST_REFRESH_TOKEN, PINTEREST_APP_SECRET, PINTEREST_APP_ID on acme/pins');
    expect(w.github.secrets.size).toBe(0);
    expect((await gitLedgerStore(w.repo.root, 'pinops-ledger').load()).credentials?.disconnected?.by).toBe('pinops disconnect');
    const publish = await w.run(['publish'], undefined, { PINTEREST_REFRESH_TOKEN: 'refresh-live' });
    expect(publish.code).toBe(3);
    expect(publish.err()).toContain('the Pinterest account was disconnected on');
    // auth connects it again.
    const again = await w.run(['auth', '--no-open', '--port', String(w.port)], follow);
    expect(again.out()).toContain('marked as connected again');
    expect((await gitLedgerStore(w.repo.root, 'pinops-ledger').load()).credentials?.disconnected).toBeUndefined();
  });

  it('revokes where Pinterest allows it', async () => {
    const w = await world({ revokeAllowed: true, redirectUris: ['*'] });
    w.sim.state.refreshTokens.add('refresh-live');
    const r = await w.run(['disconnect'], undefined, { PINTEREST_REFRESH_TOKEN: 'refresh-live' });
    expect(r.out()).toContain('Revoked 1 token(s) on Pinterest');
    expect(w.sim.state.revoked.has('refresh-live')).toBe(true);
  });
});
