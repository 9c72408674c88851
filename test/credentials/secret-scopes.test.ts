import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { type SimulatorOptions, startSimulator } from '../../src/pinterest/simulator.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { publishWorlds } from '../helpers/publish-world.js';
import { BASE } from '../helpers/repo.js';

/*
 * Secret boards need three scopes of their own: boards:read_secret (without it a secret board is
 * missing from the listing, and would be created again), boards:write_secret and pins:write_secret.
 * `pinops auth` asks for them when boards.yml has a secret board, and the check before a run names
 * the one the token lacks. The simulator enforces them as Pinterest does.
 */

const BASE_SCOPES = ['boards:read', 'boards:write', 'pins:read', 'pins:write', 'user_accounts:read'];
const WITH_SECRET = {
  'content/boards.yml': 'boards:\n  - name: Winter Looks\n  - name: Gift Ideas\n    privacy: secret\n',
  'content/pins/a.md': { id: 'a', board: 'Gift Ideas' },
};

const world = publishWorlds();

describe('the check before a run', () => {
  it('names every secret scope the token lacks, and why, before anything is sent', async () => {
    const w = await world(WITH_SECRET, { scopes: BASE_SCOPES });
    await expect(w.run()).rejects.toThrow(
      'the Pinterest token lacks the scope(s) boards:read_secret, boards:write_secret, pins:write_secret (content/boards.yml has the secret board "Gift Ideas", which needs boards:read_secret, boards:write_secret, pins:write_secret), so nothing was sent. Run `npx pinops auth`',
    );
    expect(w.sim.exchanges.map((e) => e.route)).toEqual(['/oauth/token']);
  });

  it('names only the one missing', async () => {
    const w = await world(WITH_SECRET, { scopes: [...BASE_SCOPES, 'boards:read_secret', 'boards:write_secret'] });
    await expect(w.run()).rejects.toThrow(/lacks the scope\(s\) pins:write_secret \(content\/boards\.yml has the secret board "Gift Ideas"/);
  });

  it('with the three scopes, the secret board is created secret and the pin is published to it', async () => {
    const w = await world(WITH_SECRET, { scopes: [...BASE_SCOPES, 'boards:read_secret', 'boards:write_secret', 'pins:write_secret'] });
    const r = await w.run();
    expect(r.outcomes.map((o) => `${o.action} ${o.key} ${o.result}`)).toEqual(['create a ok']);
    expect([...w.sim.state.boards.values()].map((b) => `${b.name} ${b.privacy}`)).toEqual(['Gift Ideas SECRET']);
    expect(w.contract.violations).toEqual([]);
  });

  it('a repository without secret boards needs none of them', async () => {
    const w = await world({ 'content/pins/a.md': { id: 'a' } }, { scopes: BASE_SCOPES });
    expect((await w.run()).outcomes.map((o) => o.result)).toEqual(['ok']);
  });
});

const repos = tempGitRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

/** `pinops auth` in a repository with a secret board, the browser following the consent page at once. */
async function auth(simOpts: SimulatorOptions) {
  const sim = await startSimulator({ app: { id: 'app-1', secret: 'app-secret-1' }, redirectUris: ['*'], ...simOpts });
  closers.push(() => sim.close());
  const repo = await repos({ ...BASE, 'content/boards.yml': WITH_SECRET['content/boards.yml'] });
  let out = '';
  let err = '';
  let followed = false;
  const code = await main(['auth', '--no-open', '--port', '0', '--timeout', '10'], {
    cwd: repo.root,
    env: { PINTEREST_API_BASE: sim.url, PINTEREST_APP_ID: 'app-1', PINTEREST_APP_SECRET: 'app-secret-1' },
    color: false,
    out: (s) => {
      out += s;
      const url = /(http:\/\/127\.0\.0\.1:\d+\/oauth\/\S+)/.exec(out)?.[1];
      if (url && !followed) {
        followed = true;
        void fetch(url).catch(() => undefined);
      }
    },
    err: (s) => (err += s),
  });
  const consent = new URL(/(http:\/\/127\.0\.0\.1:\d+\/oauth\/\S+)/.exec(out)?.[1] ?? 'http://x/');
  return { code, out, err, asked: (consent.searchParams.get('scope') ?? '').split(',') };
}

describe('pinops auth', () => {
  it('asks for the secret boards’ scopes when boards.yml has a secret board', async () => {
    const r = await auth({});
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.asked).toEqual([...BASE_SCOPES, 'boards:read_secret', 'boards:write_secret', 'pins:write_secret']);
  });

  it('says which one Pinterest did not grant, and why it is needed', async () => {
    const r = await auth({ scopes: [...BASE_SCOPES, 'boards:read_secret', 'boards:write_secret'] });
    expect(r.code).toBe(3);
    expect(r.err).toContain('without pins:write_secret (content/boards.yml has the secret board "Gift Ideas"');
  });
});
