import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createPinterestClient } from '../../src/pinterest/client.js';
import { PinterestError } from '../../src/pinterest/errors.js';
import { categoryOf, limitsFrom } from '../../src/pinterest/limits.js';
import { SendLog } from '../../src/pinterest/pacing.js';
import { API_ROUTES } from '../../src/pinterest/simulator/routes.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/pinterest/simulator.js';
import type { WaitInfo } from '../../src/pinterest/transport.js';
import { parseSettings } from '../../src/settings/load.js';
import { mapLimit } from '../../src/util/concurrency.js';
import { ContractChecker } from '../helpers/contract.js';
import { SPEC_PATH } from '../helpers/spec-path.js';
import { virtualClock } from '../helpers/virtual-clock.js';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const sims: Simulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

/** A simulator and a client that share one virtual clock: waits take no real time. */
async function world(sim: SimulatorOptions, limits?: Parameters<typeof createPinterestClient>[0]['limits']) {
  const clock = virtualClock(T0);
  const contract = new ContractChecker();
  const at: number[] = [];
  const s = await startSimulator({
    accessTokens: ['t'],
    now: clock.now,
    ...sim,
    onExchange: (e) => {
      contract.check(e);
      if (e.method === 'POST') at.push(clock.now());
    },
  });
  sims.push(s);
  const waits: WaitInfo[] = [];
  const api = createPinterestClient({ base: s.url, accessToken: 't', clock, onWait: (w) => waits.push(w), ...(limits ? { limits } : {}) });
  return { sim: s, api, clock, waits, contract, writesAt: at };
}

const boards = async (api: ReturnType<typeof createPinterestClient>, n: number) => {
  for (let i = 0; i < n; i++) await api.createBoard({ name: `Board ${i}` });
};

/** The most requests in any `windowMs` of the times given. */
function busiest(times: number[], windowMs: number): number {
  let most = 0;
  for (let i = 0; i < times.length; i++) most = Math.max(most, times.filter((t) => t >= (times[i] as number) && t < (times[i] as number) + windowMs).length);
  return most;
}

describe('rate-limit categories', () => {
  it('are those of the spec for every endpoint pinops calls', () => {
    const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { paths: Record<string, Record<string, { 'x-ratelimit-category'?: string }>> };
    const wrong = API_ROUTES.flatMap(({ method, route }) => {
      const expected = spec.paths[route]?.[method.toLowerCase()]?.['x-ratelimit-category'];
      const got = categoryOf(method, `/v5${route.replace(/\{\w+\}/g, '4800000000000000001')}`);
      return expected === got ? [] : [`${method} ${route}: ${got}, the spec says ${expected}`];
    });
    expect(API_ROUTES.length).toBeGreaterThan(15);
    expect(wrong).toEqual([]);
  });
});

describe('pacing without rate-limit headers (Pinterest as documented)', () => {
  const perMinute5 = { rateLimits: { org_write: { limit: 5, windowMs: 60_000 } }, rateLimitHeaders: false };

  it('the simulator enforces a per-minute limit per category without sending headers', async () => {
    const w = await world(perMinute5, { org_write: {} });
    await boards(w.api, 5);
    const res = await fetch(`${w.sim.url}/boards`, { method: 'POST', headers: { Authorization: 'Bearer t', 'content-type': 'application/json' }, body: '{"name":"one too many"}' });
    expect(res.status).toBe(429);
    expect([...res.headers.keys()].filter((h) => h.startsWith('x-ratelimit') || h === 'retry-after')).toEqual([]);
    expect(w.sim.state.rateLimitedRequests).toBe(1);
    expect(w.sim.state.boards.size).toBe(5);
    // Reads are another category, not limited here.
    expect(await w.api.listBoards()).toHaveLength(5);
    expect(w.contract.violations).toEqual([]);
  });

  it('pinops paces by the per-minute limit it is given: 12 writes at 5 a minute, no 429, in 2 minutes of virtual time', async () => {
    const w = await world(perMinute5, { org_write: { perMinute: 5 } });
    await boards(w.api, 12);
    expect(w.sim.state.boards.size).toBe(12);
    expect(w.sim.state.rateLimitedRequests).toBe(0);
    expect(w.api.transport.stats.rateLimited).toBe(0);
    expect(busiest(w.writesAt, 60_000)).toBeLessThanOrEqual(5);
    // Two waits of about a minute: after the 5th and after the 10th write.
    const longWaits = w.clock.slept.filter((ms) => ms > 30_000);
    expect(longWaits).toHaveLength(2);
    expect(w.clock.elapsed()).toBeGreaterThanOrEqual(2 * 61_000);
    expect(w.waits.map((x) => `${x.reason} ${x.category}`)).toEqual(['rate-limit org_write', 'rate-limit org_write']);
  });

  it('a 429 without headers (limits set too high): waits of 1, 4, 16 then 60 s find the next minute, then writes go evenly; every write goes through', async () => {
    const w = await world(perMinute5, { org_write: { perMinute: 10 } });
    await boards(w.api, 8);
    expect(w.sim.state.boards.size).toBe(8);
    // The 6th write meets the spent minute; its retries after 1, 4 and 16 s do too; the one after 60 s is in the next minute.
    expect(w.api.transport.stats.rateLimited).toBe(4);
    // After the 4 s hold, the rest of the even pace's 6.1 s (10 a minute) since the probe before; the last two writes 6.1 s apart.
    expect(w.clock.slept.filter((ms) => ms > 900).map((ms) => Math.round(ms / 1000))).toEqual([1, 4, 2, 16, 60, 6, 6]);
    expect(busiest(w.writesAt, 60_000)).toBeLessThanOrEqual(10);
  });

  it('a request let go just before another’s 429 began a hold is of the same burst: its own 429, a moment later, does not lengthen the hold', async () => {
    const w = await world({ rateLimit: { limit: 1, windowMs: 60_000 }, rateLimitHeaders: false }, { org_write: { perMinute: 600 } });
    w.sim.state.boards.set('1', { id: '1', name: 'B' } as never);
    const pin = (title: string) => ({ board_id: '1', title, media_source: { source_type: 'image_url' as const, url: 'https://example.com/a.jpg' } });
    await w.api.createPin(pin('first'));
    // a and b get their turns at once; b reaches the wire only after a's 429 has begun the hold.
    let refused = () => {};
    const aRefused = new Promise<void>((r) => (refused = r));
    const watch = setInterval(() => w.sim.exchanges.some((e) => e.status === 429) && refused(), 1);
    const later = () => aRefused.then(() => new Promise<void>((r) => setTimeout(r, 20)));
    // The minute stays spent: the retries give up in the end, which is not what this is about.
    await Promise.allSettled([w.api.createPin(pin('a')), w.api.createPin(pin('b'), later)]).finally(() => clearInterval(watch));
    // b's 429 leaves the hold at 1 s: the first retries go after it (a request counted as after the hold would make it 4 s).
    expect(w.clock.slept.slice(0, 2).map((ms) => Math.round(ms / 1000))).toEqual([1, 1]);
    expect(w.sim.exchanges.filter((e) => e.status === 429).length).toBeGreaterThanOrEqual(3);
  });

  it('by default, Standard access: 100 writes a minute', async () => {
    const w = await world({ rateLimits: { org_write: { limit: 100, windowMs: 60_000 } }, rateLimitHeaders: false });
    await boards(w.api, 101);
    expect(w.sim.state.rateLimitedRequests).toBe(0);
    expect(w.clock.slept.filter((ms) => ms > 30_000)).toHaveLength(1);
  });

  it('headers, when they come, win over the values given', async () => {
    // Pinterest says 100 a minute in its headers; the settings' 5 a minute are not waited for.
    const w = await world({ rateLimits: { org_write: { limit: 100, windowMs: 60_000 } } }, { org_write: { perMinute: 5 } });
    await boards(w.api, 12);
    expect(w.sim.state.rateLimitedRequests).toBe(0);
    expect(w.clock.slept).toEqual([]);
  });

  it('a daily cap is not waited out: the request past it fails as a rate limit, unsent', async () => {
    const w = await world({}, { org_write: { perMinute: 100, perDay: 3 } });
    await boards(w.api, 3);
    const err = await w.api.createBoard({ name: 'fourth' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PinterestError);
    expect(err).toMatchObject({ kind: 'rate-limit' });
    expect((err as Error).message).toContain('3 org_write requests a day');
    expect(w.sim.state.boards.size).toBe(3);
    expect(w.clock.slept).toEqual([]);
  });

  it('concurrent requests that wait for the same window are announced once, with how far the work has come', async () => {
    const w = await world({}, { org_read: { perMinute: 2 } });
    w.api.transport.progress = () => ({ done: 3, total: 10 });
    await Promise.all(Array.from({ length: 6 }, () => w.api.listBoards()));
    expect(w.waits).toEqual([
      { category: 'org_read', ms: expect.any(Number), reason: 'rate-limit', done: 3, total: 10 },
      { category: 'org_read', ms: expect.any(Number), reason: 'rate-limit', done: 3, total: 10 },
    ]);
  });
});

/** Waits until a clock-aligned window of `ms` has just begun (within its first tenth). */
async function startOfWindow(ms: number): Promise<void> {
  while (Date.now() % ms > ms / 10) await new Promise((r) => setTimeout(r, Math.max(1, ms - (Date.now() % ms))));
}

describe('pacing requests sent several at once', () => {
  // Real time (the virtual clock's sleepers would move it for each other): windows of 400 ms keep it short.
  const fivePerWindow = { latencyMs: 20, rateLimits: { org_read: { limit: 5, windowMs: 400 } } };
  /** 30 reads, 6 at a time (as analytics sends them), on the simulator's clock-aligned windows. */
  const run = async (sim: SimulatorOptions, limits?: Parameters<typeof createPinterestClient>[0]['limits']) => {
    const contract = new ContractChecker();
    const s = await startSimulator({ accessTokens: ['t'], ...sim, onExchange: (e) => contract.check(e) });
    sims.push(s);
    const api = createPinterestClient({ base: s.url, accessToken: 't', ...(limits ? { limits } : {}) });
    // The simulator's windows start every 400 ms since 1970: the first burst starts just after one
    // begins, so that it falls in one window (a burst across two would meet no 429 at all).
    await startOfWindow(400);
    await mapLimit(Array.from({ length: 30 }), 6, () => api.listBoards());
    return { sim: s, contract };
  };

  it('with headers (the reset to the millisecond, or in whole seconds rounded down): no 429', async () => {
    for (const reset of ['fraction', 'whole-seconds'] as const) {
      const w = await run({ ...fivePerWindow, rateLimitReset: reset });
      expect(
        w.sim.exchanges.map((e) => e.status).filter((s) => s !== 200),
        reset,
      ).toEqual([]);
      expect(w.sim.exchanges).toHaveLength(30);
      expect(w.contract.violations).toEqual([]);
    }
  });

  it('without headers, at the rate given: the first burst meets 429s, then requests go evenly, with none more', async () => {
    // 750 a minute is the windows' 5 in 400 ms.
    const w = await run({ ...fivePerWindow, rateLimitHeaders: false }, { org_read: { perMinute: 750 } });
    const statuses = w.sim.exchanges.map((e) => e.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    // At most the burst in flight when the first window was spent: nothing like a storm.
    const refused = statuses.filter((s) => s === 429).length;
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThanOrEqual(6);
    expect(statuses.lastIndexOf(429)).toBeLessThan(12);
  });
});

describe('SendLog', () => {
  it('lets the limit through at once, then each one more a window (and a sixtieth) after the one it replaces', () => {
    const log = new SendLog(3, 60_000);
    const sent: number[] = [];
    for (let i = 0; i < 7; i++) {
      const at = log.nextAt(1000);
      log.record(at);
      sent.push(at);
    }
    expect(sent).toEqual([1000, 1000, 1000, 62_000, 62_000, 62_000, 123_000]);
  });
});

describe('rate_limits in pinops.yml', () => {
  const settings = (text: string) => parseSettings('pinops.yml', new TextEncoder().encode(text));

  it('defaults to the documented values of Standard access; trial adds the daily caps; values given replace them', () => {
    const none = settings('');
    if (!none.ok) throw new Error('defaults did not parse');
    expect(limitsFrom(none.settings.rate_limits)).toEqual({ org_write: { perMinute: 100 }, org_read: { perMinute: 1000 }, org_analytics: { perMinute: 60 } });
    const trial = settings('rate_limits:\n  access: trial\n  org_write: { per_minute: 50 }\n');
    if (!trial.ok) throw new Error('trial did not parse');
    expect(limitsFrom(trial.settings.rate_limits)).toEqual({
      org_write: { perMinute: 50, perDay: 300 },
      org_read: { perMinute: 1000 },
      org_analytics: { perMinute: 60, perDay: 1000 },
    });
  });

  it('a bad value is an invalid-setting naming the field, and nothing else is assumed', () => {
    for (const [text, field, words] of [
      ['rate_limits:\n  org_write: { per_minute: 0 }\n', 'rate_limits.org_write.per_minute', />= ?1|at least 1|too small/i],
      ['rate_limits:\n  access: premium\n', 'rate_limits.access', /standard|trial/],
      ['rate_limits:\n  org_writes: { per_minute: 5 }\n', 'rate_limits', /org_writes/],
      ['analytics:\n  daily_series_per_run: -1\n', 'analytics.daily_series_per_run', />= ?0|too small/i],
    ] as const) {
      const r = settings(text);
      expect(r.ok, text).toBe(false);
      if (r.ok) continue;
      expect(r.diagnostics[0]).toMatchObject({ code: 'invalid-setting', file: 'pinops.yml' });
      expect(`${r.diagnostics[0]?.field} ${r.diagnostics[0]?.message}`).toMatch(words);
      expect(r.diagnostics[0]?.field ?? '').toContain(field);
    }
  });
});
