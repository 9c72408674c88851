import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/pinterest/simulator.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { contractSimulator, currentRefreshToken } from '../helpers/publish-env.js';
import { BASE, mdPin } from '../helpers/repo.js';
import { expectExactlyOnce, killingHook, runCli } from './helpers.js';

const repos = tempGitRepos();
const sims: Simulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

const PINS = {
  'content/pins/a.md': mdPin({ id: 'a', title: 'Pin A' }),
  'content/pins/b.md': mdPin({ id: 'b', title: 'Pin B' }),
  'content/pins/c.md': mdPin({ id: 'c', title: 'Pin C' }),
};
const TITLES = ['Pin A', 'Pin B', 'Pin C'];

async function world(pins: Record<string, string> = PINS, latencyMs = 0) {
  const repo = await repos({ ...BASE, ...pins });
  const { sim, contract, env } = await contractSimulator({ latencyMs });
  sims.push(sim);
  const secrets = () => ({ ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) });
  const publish = (onSpawn?: Parameters<typeof runCli>[2]) => runCli(['publish', '--cwd', repo.root], secrets(), onSpawn);
  return { repo, sim, contract, publish };
}

describe('a run killed with SIGKILL, then run again: every pin exactly once', () => {
  it('killed right after the intent push', async () => {
    const w = await world();
    const pidFile = join(w.repo.root, '..', 'pinops.pid');
    await killingHook(w.repo.origin, 'post-receive', /^pinops: intend to create/, pidFile);
    const killed = await w.publish((_kill, pid) => void writeFile(pidFile, String(pid)));
    expect(killed.signal).toBe('SIGKILL');
    expect(w.sim.state.creates).toBe(0);
    const again = await w.publish();
    expect(again.out).toContain('is not on its board: the earlier create did not happen; creating it');
    expect(again.code).toBe(0);
    await expectExactlyOnce(w.repo.root, w.sim, TITLES);
    expect(w.contract.violations).toEqual([]);
  });

  it('killed after a create was sent, before its reply', async () => {
    const w = await world();
    let kill = () => {};
    w.sim.inject({ method: 'POST', route: '/pins', when: 'after', action: 'hang', onFire: () => kill() });
    const killed = await w.publish((k) => {
      kill = k;
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(w.sim.state.creates).toBe(1);
    const again = await w.publish();
    expect(again.out).toMatch(/found a on its board \(pin \d+\); recorded it/);
    expect(again.code).toBe(0);
    await expectExactlyOnce(w.repo.root, w.sim, TITLES);
  });

  it('killed during a video upload', async () => {
    const w = await world({
      'content/pins/v.yml': 'id: v\ntitle: Video pin\nboard: Cozy Home\nvideo: ../media/cocoa.mp4\ncover: ../media/cover.jpg\nalt_text: cocoa\n',
      'content/pins/a.md': mdPin({ id: 'a', title: 'Pin A' }),
    });
    let kill = () => {};
    w.sim.inject({ method: 'GET', route: '/media/{media_id}', when: 'before', action: 'hang', onFire: () => kill() });
    const killed = await w.publish((k) => {
      kill = k;
    });
    expect(killed.signal).toBe('SIGKILL');
    const again = await w.publish();
    expect(again.code).toBe(0);
    await expectExactlyOnce(w.repo.root, w.sim, ['Pin A', 'Video pin']);
  });

  it('killed during the ledger push of the results', async () => {
    const w = await world();
    const pidFile = join(w.repo.root, '..', 'pinops.pid');
    await killingHook(w.repo.origin, 'pre-receive', /^pinops: publish/, pidFile);
    const killed = await w.publish((_kill, pid) => void writeFile(pidFile, String(pid)));
    expect(killed.signal).toBe('SIGKILL');
    expect(w.sim.state.creates).toBe(3);
    const again = await w.publish();
    expect(again.out.match(/found \w on its board/g)).toHaveLength(3);
    expect(again.code).toBe(0);
    await expectExactlyOnce(w.repo.root, w.sim, TITLES);
  });
});

describe('runs that overlap or repeat', () => {
  it('two runs at once publish every pin once', async () => {
    const w = await world(PINS, 30);
    const other = await w.repo.clone();
    // Each run refreshes its own token: give the simulator a second refresh token.
    const first = currentRefreshToken(w.sim);
    w.sim.state.refreshTokens.add('refresh-second');
    const base = { PINTEREST_API_BASE: w.sim.url, PINTEREST_APP_ID: 'app-1', PINTEREST_APP_SECRET: 'app-secret-1' };
    const [one, two] = await Promise.all([
      runCli(['publish', '--cwd', w.repo.root], { ...base, PINTEREST_REFRESH_TOKEN: first }),
      runCli(['publish', '--cwd', other], { ...base, PINTEREST_REFRESH_TOKEN: 'refresh-second' }),
    ]);
    expect([one.code, two.code], `${one.out}\n-----\n${two.out}`).toEqual([0, 0]);
    await expectExactlyOnce(w.repo.root, w.sim, TITLES);
    expect(w.sim.state.creates).toBe(3);
    expect(`${one.out}${two.out}`).toMatch(/another run took it|Plan: 3 unchanged/);
  });
});
