import { afterEach, describe, expect, it } from 'vitest';
import { publish } from '../../src/flows/publish.js';
import { waitText } from '../../src/pinterest/limits.js';
import type { Simulator } from '../../src/pinterest/simulator.js';
import { runCli } from '../helpers/cli.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { contractSimulator, currentRefreshToken } from '../helpers/publish-env.js';
import { BASE, mdPin } from '../helpers/repo.js';
import { runAction } from '../helpers/runner.js';
import { virtualClock } from '../helpers/virtual-clock.js';

const repos = tempGitRepos();
const sims: Simulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

const NOW = Date.parse('2026-12-01T10:00:00Z');
const pins = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`content/pins/p${i}.md`, mdPin({ id: `p${i}`, title: `Pin ${i}`, board: 'Cozy Home' })]));
const occurrences = (text: string, part: string) => text.split(part).length - 1;

/**
 * The waits for the next minute (at least 30 s): a machine so busy that one push takes seconds may
 * add a short wait, as each write waits for the one it replaces, a minute before.
 */
const long = (notices: string[]) => notices.filter((n) => Number(/waiting (\d+) s/.exec(n)?.[1]) >= 30);

describe('publishing within the rate limits, as Pinterest documents them (no headers)', () => {
  /** Six pins at 3 writes a minute (pinops.yml's rate_limits, no headers), on a clock whose waits take no time. */
  async function paced(inFlight?: number) {
    const clock = virtualClock(NOW);
    const repo = await repos({ ...BASE, ...pins(6), 'pinops.yml': 'rate_limits:\n  org_write: { per_minute: 3 }\n' });
    const { sim, env, contract } = await contractSimulator({ now: clock.now, rateLimitHeaders: false, rateLimits: { org_write: { limit: 3, windowMs: 60_000 } } });
    sims.push(sim);
    const notices: string[] = [];
    const r = await publish({
      root: repo.root,
      env: { ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) },
      dryRun: false,
      now: new Date(NOW),
      clock,
      runId: 'r1',
      mask: () => {},
      log: () => {},
      // The waits the run says (one under a second, as a busy machine may add, goes unsaid).
      transport: {
        onWait: (w) => {
          const text = waitText(w);
          if (text) notices.push(text);
        },
      },
      ...(inFlight ? { inFlight } : {}),
    });
    // One board and six pins: seven writes, none refused.
    expect(r.outcomes.map((o) => `${o.key}:${o.result}`)).toEqual(['p0:ok', 'p1:ok', 'p2:ok', 'p3:ok', 'p4:ok', 'p5:ok']);
    expect(sim.state.rateLimitedRequests).toBe(0);
    expect(r.rateLimited).toBe(0);
    expect(clock.elapsed()).toBeGreaterThanOrEqual(2 * 60_000);
    expect(contract.violations).toEqual([]);
    return notices;
  }

  it('pinops.yml’s rate_limits pace the run: 7 writes at 3 a minute, no 429, and every wait says how far the run has come', async () => {
    // One create at a time, so that how far the run has come at each wait is one count (in flight, a create may or may not be answered when the next waits).
    const notices = await paced(1);
    for (const n of notices) expect(n).toMatch(/^rate-limited \(org_write\): waiting \d+ s, \d of 6 done$/);
    expect(long(notices)).toEqual([expect.stringMatching(/, 2 of 6 done$/), expect.stringMatching(/, 5 of 6 done$/)]);
  });

  it('with creates in flight, each waiting for its turn: still no 429, and the same two waits', async () => {
    const notices = await paced();
    expect(long(notices)).toHaveLength(2);
    expect(notices.every((n) => /^rate-limited \(org_write\): waiting \d+ s, \d of 6 done$/.test(n))).toBe(true);
  });
});

describe('each pin’s result is said once', () => {
  it('pinops publish: the plan first, then each created pin with its URL once, then the counts', async () => {
    const repo = await repos({ ...BASE, ...pins(2) });
    const { sim, env } = await contractSimulator();
    sims.push(sim);
    const r = await runCli(['publish'], repo.root, { ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) });
    expect(r.code).toBe(0);
    const urls = [...sim.state.pins.keys()].map((id) => `https://www.pinterest.com/pin/${id}/`);
    expect(urls).toHaveLength(2);
    for (const url of urls) expect(occurrences(r.out, url)).toBe(1);
    expect(occurrences(r.out, 'Plan: ')).toBe(1);
    expect(r.out.indexOf('Plan: 2 create')).toBeLessThan(r.out.indexOf('✔ created p0'));
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^Published 2, updated 0, failed 0, unknown 0, skipped 0 \(account \S+\)\.$/);
  });

  it('the action: each URL once in the log, and the waits for a rate limit said with how far the run has come', { timeout: 60_000 }, async () => {
    const repo = await repos({ ...BASE, ...pins(3) });
    // One write a window of 3 s, with headers: after each, the run waits for the next window (more than a second, unless a push takes 2 s).
    const { sim, env } = await contractSimulator({ rateLimits: { org_write: { limit: 1, windowMs: 3000 } } });
    sims.push(sim);
    const run = await runAction({ workspace: repo.root, event: 'schedule', env: { ...env, GITHUB_RUN_ID: '7' }, fromSource: true });
    expect(run.code).toBe(0);
    const urls = [...sim.state.pins.keys()].map((id) => `https://www.pinterest.com/pin/${id}/`);
    expect(urls).toHaveLength(3);
    for (const url of urls) expect(occurrences(run.stdout, url)).toBe(1);
    expect(run.stdout).toMatch(/^rate-limited \(org_write\): waiting \d+ s, \d of 3 done$/m);
  });
});
