import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitLedgerStore } from '../../src/ledger/store.js';
import type { Simulator, SimulatorOptions } from '../../src/pinterest/simulator.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { contractSimulator, currentRefreshToken } from '../helpers/publish-env.js';
import { BASE, mdPin } from '../helpers/repo.js';
import { expectExactlyOnce, killingHook, numberedPins, numberedTitles, runCli } from './helpers.js';

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

/** Short, so that a killed run's intents run out within the test (users keep the default 10m), yet long enough for a loaded machine to start the next run within it. */
const LEASE_MS = 5000;
const leaseRunsOut = () => new Promise((r) => setTimeout(r, LEASE_MS + 200));

/** Until the leases of the intents on the ledger branch have run out (the killed run's, as pushed), and a moment more. */
async function intentsRunOut(root: string): Promise<void> {
  const { pins } = await gitLedgerStore(root, 'pinops-ledger').load();
  const leases = Object.values(pins).flatMap((e) => (e.state === 'intent' && e.lease_until ? [Date.parse(e.lease_until)] : []));
  expect(leases.length).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, Math.max(0, Math.max(...leases) + 200 - Date.now())));
}

async function world(pins: Record<string, string> = PINS, simOpts: SimulatorOptions = {}) {
  const repo = await repos({ ...BASE, 'pinops.yml': `intent_lease: ${LEASE_MS / 1000}s\n`, ...pins });
  const { sim, contract, env } = await contractSimulator(simOpts);
  sims.push(sim);
  const secrets = () => ({ ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) });
  const publish = (onSpawn?: Parameters<typeof runCli>[2]) => runCli(['publish', '--cwd', repo.root], secrets(), onSpawn);
  /** The killed run's intents are still leased: a run now leaves them alone; once they run out, it recovers them. */
  const publishAfterCrash = async () => {
    const creates = sim.state.creates;
    const early = await publish();
    expect(early.out).toMatch(/in-progress/);
    expect(sim.state.creates).toBe(creates);
    await intentsRunOut(repo.root);
    return publish();
  };
  return { repo, sim, contract, publish, publishAfterCrash };
}

/**
 * `n` pins, and `arm` called with the simulator once the first create is answered (the next are
 * sent together then), and a kill of the run that `killWith` is given.
 */
async function flightWorld(n: number, arm: (sim: Simulator, kill: () => void) => void) {
  let kill = () => {};
  let first = true;
  const w = await world(numberedPins(n), {
    onExchange: (e) => {
      if (!first || e.method !== 'POST' || e.route !== '/pins' || e.status !== 201) return;
      first = false;
      arm(w.sim, () => kill());
    },
  });
  return {
    ...w,
    killWith: (k: () => void) => {
      kill = k;
    },
  };
}

describe('a run killed with SIGKILL, then run again: every pin exactly once', () => {
  it('killed right after the intent push', async () => {
    const w = await world();
    const pidFile = join(w.repo.root, '..', 'pinops.pid');
    await killingHook(w.repo.origin, 'post-receive', /^pinops: intend to create/, pidFile);
    const killed = await w.publish((_kill, pid) => void writeFile(pidFile, String(pid)));
    expect(killed.signal).toBe('SIGKILL');
    expect(w.sim.state.creates).toBe(0);
    const again = await w.publishAfterCrash();
    expect(again.out).toContain('is not on its board: the earlier create did not happen; creating it');
    expect(again.code).toBe(0);
    await expectExactlyOnce(w.repo.root, w.sim, TITLES);
    expect(w.contract.violations).toEqual([]);
  });

  it('killed with three creates in flight, each carried out and none answered: the next run finds each on its board', async () => {
    // The first create is answered (until one is, creates go one at a time); the three sent at once after it hang, and the third kills the run.
    let fired = 0;
    const w = await flightWorld(4, (sim, kill) => sim.inject({ method: 'POST', route: '/pins', when: 'after', action: 'hang', times: 3, onFire: () => ++fired === 3 && kill() }));
    const killed = await w.publish((k) => w.killWith(k));
    expect(killed.signal).toBe('SIGKILL');
    expect(w.sim.state.creates).toBe(4);
    const again = await w.publishAfterCrash();
    // The first create's result rode with a later push that never came: its intent is resolved as the others are.
    expect(again.out.match(/found p\d on its board \(pin \d+\); recorded it/g)).toHaveLength(4);
    expect(again.out).not.toMatch(/✔ created p\d:/);
    expect(again.code).toBe(0);
    expect(w.sim.state.creates).toBe(4);
    await expectExactlyOnce(w.repo.root, w.sim, numberedTitles(4));
  });

  it('killed with creates in flight, some carried out and one not, and more pins waiting: each pin once', async () => {
    // After the first create: two carried out and one not, none answered; the other four were not sent, their intents pushed.
    const w = await flightWorld(8, (sim, kill) => {
      sim.inject({ method: 'POST', route: '/pins', when: 'after', action: 'hang', times: 2 });
      sim.inject({ method: 'POST', route: '/pins', when: 'before', action: 'hang', onFire: kill });
    });
    const killed = await w.publish((k) => w.killWith(k));
    expect(killed.signal).toBe('SIGKILL');
    expect(w.sim.state.creates).toBe(3);
    const entries = Object.values((await gitLedgerStore(w.repo.root, 'pinops-ledger').load({ fresh: true })).pins);
    expect(entries.map((e) => e.state)).toEqual(Array(8).fill('intent'));
    const again = await w.publishAfterCrash();
    expect(again.out.match(/found p\d on its board/g)).toHaveLength(3);
    expect(again.out.match(/is not on its board: the earlier create did not happen; creating it/g)).toHaveLength(5);
    expect(again.code).toBe(0);
    expect(w.sim.state.creates).toBe(8);
    await expectExactlyOnce(w.repo.root, w.sim, numberedTitles(8));
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
    const again = await w.publishAfterCrash();
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
    const again = await w.publishAfterCrash();
    expect(again.out.match(/found \w on its board/g)).toHaveLength(3);
    expect(again.code).toBe(0);
    await expectExactlyOnce(w.repo.root, w.sim, TITLES);
  });
});

describe('runs that overlap or repeat', () => {
  it('a run that starts while another waits out a 429 leaves its pins alone: 12 pins, each once', async () => {
    const pins = numberedPins(12);
    const titles = numberedTitles(12);
    const w = await world({ ...pins, 'pinops.yml': `intent_lease: ${LEASE_MS / 1000}s\nschedule:\n  max_per_run: 50\n  max_per_day: 100\n` });
    const other = await w.repo.clone();
    w.sim.state.refreshTokens.add('refresh-second');
    const base = { PINTEREST_API_BASE: w.sim.url, PINTEREST_APP_ID: 'app-1', PINTEREST_APP_SECRET: 'app-secret-1' };
    // Run A's first create is answered 429, Retry-After 12 s: over twice its lease, which it must renew while it waits.
    let waiting = () => {};
    const aWaits = new Promise<void>((r) => (waiting = r));
    w.sim.inject({
      method: 'POST',
      route: '/pins',
      when: 'before',
      action: { status: 429, body: { code: 8, message: 'Too many requests' }, headers: { 'retry-after': '12' } },
      onFire: () => waiting(),
    });
    const a = runCli(['publish', '--cwd', w.repo.root], { ...base, PINTEREST_REFRESH_TOKEN: currentRefreshToken(w.sim) });
    await aWaits;
    await leaseRunsOut();
    const b = await runCli(['publish', '--cwd', other], { ...base, PINTEREST_REFRESH_TOKEN: 'refresh-second' });
    expect(b.code, b.out).toBe(0);
    expect(b.out).toMatch(/Plan: 12 in-progress/);
    const one = await a;
    expect(one.code, one.out).toBe(0);
    expect(w.sim.state.creates).toBe(12);
    await expectExactlyOnce(w.repo.root, w.sim, titles);
    // Every entry carries the run that made the pin: A's results were not dropped.
    const runs = new Set(Object.values((await gitLedgerStore(w.repo.root, 'pinops-ledger').load()).pins).map((e) => e.run));
    expect(runs.size).toBe(1);
  }, 60_000);

  it('two runs at once publish every pin once', async () => {
    const w = await world(PINS, { latencyMs: 30 });
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
    // One run saw the other's work: it lost the race for the intents, or planned after them (each
    // pin in progress) or after the results (unchanged), whichever the timing gave.
    expect(`${one.out}${two.out}`).toMatch(/another run took it|Plan: 3 in-progress|Plan: 3 unchanged/);
  });
});
