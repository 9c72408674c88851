import { describe, expect, it } from 'vitest';
import { CategoryPace, TokenBucket, type Turn, windowHeaders } from '../../src/pinterest/pacing.js';
import { virtualClock } from '../helpers/virtual-clock.js';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const headers = (remaining: number, reset: string, limit = 10) =>
  new Headers({ 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': reset, 'x-ratelimit-limit': String(limit) });

/** Takes turns at the clock's time, sleeping (virtually) as told, until `n` have gone; the moments they went. */
async function sendTimes(pace: CategoryPace, clock: ReturnType<typeof virtualClock>, n: number, answer: (now: number) => void = () => {}): Promise<number[]> {
  const at: number[] = [];
  while (at.length < n) {
    const turn: Turn = pace.turn(clock.now());
    if ('go' in turn) {
      at.push(clock.now() - T0);
      answer(clock.now());
    } else if ('until' in turn) await clock.sleep(turn.until - clock.now());
    else throw new Error('waits for an answer while none is in flight');
  }
  return at;
}

describe('TokenBucket', () => {
  it('with a capacity of 1 spaces takes by its interval, and one taken late does not shorten the next gap', async () => {
    const clock = virtualClock(T0);
    const bucket = new TokenBucket(1, 100, clock.now());
    const took: number[] = [];
    for (let i = 0; i < 4; i++) {
      const at = bucket.nextAt(clock.now());
      await clock.sleep(at - clock.now() + (i === 1 ? 40 : 0));
      bucket.take(clock.now());
      took.push(clock.now() - T0);
    }
    // Virtual time also moves with the real time the loop takes: a few ms at most.
    const gaps = took.slice(1).map((t, i) => t - (took[i] as number));
    expect(took[0]).toBeLessThan(20);
    expect(gaps[0]).toBeGreaterThanOrEqual(140);
    for (const g of gaps.slice(1)) expect(g).toBeGreaterThanOrEqual(100);
  });

  it('fills up to its capacity and no further', () => {
    const bucket = new TokenBucket(3, 1000, 0, 0);
    expect(bucket.nextAt(0)).toBe(1000);
    expect(bucket.nextAt(10_000)).toBe(10_000);
    for (let i = 0; i < 3; i++) bucket.take(10_000);
    expect(bucket.nextAt(10_000)).toBe(11_000);
  });
});

describe('rate-limit headers', () => {
  it('a reset with a fraction is believed; whole seconds (and a Unix time) get a second of margin', () => {
    expect(windowHeaders(headers(4, '0.250'), T0)).toEqual({ remaining: 4, resetMs: 250, limit: 10, coarse: false });
    expect(windowHeaders(headers(4, '0'), T0)).toEqual({ remaining: 4, resetMs: 1000, limit: 10, coarse: true });
    expect(windowHeaders(headers(4, String(T0 / 1000 + 30)), T0)).toMatchObject({ resetMs: 31_000, coarse: true });
    expect(windowHeaders(new Headers({ 'x-ratelimit-remaining': '4', 'x-ratelimit-reset': '2', 'x-ratelimit-limit': '100, 100;w=60' }), T0)?.limit).toBe(100);
    expect(windowHeaders(new Headers({ 'x-ratelimit-remaining': '4' }), T0)).toBeUndefined();
  });
});

describe('CategoryPace with headers', () => {
  it('sends the first request alone; then counts requests in flight against what the window has left, and waits for its reset', () => {
    const pace = new CategoryPace(100);
    expect(pace.turn(T0)).toEqual({ go: true });
    expect(pace.turn(T0)).toEqual({ answer: true });
    pace.answered(T0 + 100, windowHeaders(headers(9, '0.900'), T0 + 100));
    // Four go at once (a run with concurrency).
    for (let i = 0; i < 4; i++) expect(pace.turn(T0 + 100)).toEqual({ go: true });
    // The first of them answers: 3 left, though 3 are still in flight (not yet counted by the server, perhaps).
    pace.answered(T0 + 150, windowHeaders(headers(3, '0.850'), T0 + 150));
    expect(pace.turn(T0 + 150)).toEqual({ until: T0 + 1000 });
    for (let i = 0; i < 3; i++) pace.answered(T0 + 160, windowHeaders(headers(0, '0.840'), T0 + 160));
    // The new window: its limit, all of it.
    const turns = Array.from({ length: 11 }, () => pace.turn(T0 + 1000));
    expect(turns.filter((t) => 'go' in t)).toHaveLength(10);
    expect(turns.at(-1)).toEqual({ answer: true });
  });

  it('after a coarse reset one request learns what is left; a late answer of the old window is not taken for the new one', () => {
    const pace = new CategoryPace(100);
    pace.turn(T0);
    pace.answered(T0 + 100, windowHeaders(headers(9, '0'), T0 + 100));
    pace.turn(T0 + 100);
    pace.turn(T0 + 100);
    // Others have used the window: none left. The reset is still the first answer's bound: "0" at T0 + 100 is before T0 + 1100.
    pace.answered(T0 + 150, windowHeaders(headers(0, '0'), T0 + 150));
    expect(pace.turn(T0 + 150)).toEqual({ until: T0 + 1100 });
    // At the reset, the other request of the old window is still in flight: nothing goes.
    expect(pace.turn(T0 + 1100)).toEqual({ answer: true });
    // Its answer says the whole window was used: the old one's, not taken for the new one.
    pace.answered(T0 + 1160, windowHeaders(headers(0, '0'), T0 + 1160));
    expect(pace.turn(T0 + 1160)).toEqual({ go: true });
    expect(pace.turn(T0 + 1160)).toEqual({ answer: true });
    // The one sent's answer: 9 left of the new window; 9 more may go.
    pace.answered(T0 + 1200, windowHeaders(headers(9, '0'), T0 + 1200));
    const turns = Array.from({ length: 10 }, () => pace.turn(T0 + 1200));
    expect(turns.filter((t) => 'go' in t)).toHaveLength(9);
  });

  it('coarse resets of one window: each answer bounds the reset, and the earliest bound is kept', () => {
    const pace = new CategoryPace(100);
    pace.turn(T0);
    pace.answered(T0 + 100, windowHeaders(headers(9, '0'), T0 + 100));
    for (let i = 0; i < 9; i++) pace.turn(T0 + 100 + i);
    // Read at T0 + 700, "0" would say T0 + 1700; the first answer already said T0 + 1100 at the latest.
    pace.answered(T0 + 700, windowHeaders(headers(1, '0'), T0 + 700));
    expect(pace.turn(T0 + 700)).toEqual({ until: T0 + 1100 });
  });

  it('a 429 with headers spends the window whatever its remaining said', () => {
    const pace = new CategoryPace(100);
    pace.turn(T0);
    pace.answered(T0 + 50, windowHeaders(headers(5, '0.500'), T0 + 50), { sentAt: T0, retryAfterMs: undefined });
    expect(pace.turn(T0 + 50)).toEqual({ until: T0 + 550 });
  });
});

describe('CategoryPace without headers', () => {
  it('bursts up to the documented limit; after a 429, one at a time through holds of 1, 4, 16 s; then evenly at the documented rate', async () => {
    const clock = virtualClock(T0);
    const pace = new CategoryPace(600);
    // The first alone, answered without headers; then six at once (a burst), all refused: the burst's refusals make one hold, not six.
    pace.turn(clock.now());
    pace.answered(clock.now(), undefined);
    for (let i = 0; i < 6; i++) expect(pace.turn(clock.now())).toEqual({ go: true });
    const sentAt = clock.now();
    for (let i = 0; i < 6; i++) pace.answered(sentAt + 150, undefined, { sentAt, retryAfterMs: undefined });
    const holds: number[] = [];
    let refusals = 2;
    const times = await sendTimes(pace, clock, 8, (now) => {
      holds.push(now - T0);
      // The first two probes are refused too; the rest are answered.
      if (refusals-- > 0) pace.answered(now, undefined, { sentAt: now, retryAfterMs: undefined });
      else pace.answered(now, undefined);
    });
    expect(times[0]).toBeGreaterThanOrEqual(1150);
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(4000);
    expect((times[2] as number) - (times[1] as number)).toBeGreaterThanOrEqual(16_000);
    // Evenly from then on: 600 a minute (and a sixtieth) is one every 101.7 ms.
    for (let i = 3; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(101);
    expect((times[7] as number) - (times[3] as number)).toBeLessThan(4 * 101.7 + 60);
  });

  it('while one request after a 429 is in flight, the others wait for its answer', () => {
    const pace = new CategoryPace(600);
    pace.turn(T0);
    pace.answered(T0 + 50, undefined);
    pace.turn(T0 + 50);
    pace.answered(T0 + 100, undefined, { sentAt: T0 + 50, retryAfterMs: 2000 });
    expect(pace.turn(T0 + 100)).toEqual({ until: T0 + 2100 });
    expect(pace.turn(T0 + 2100)).toEqual({ go: true });
    expect(pace.turn(T0 + 2100)).toEqual({ answer: true });
    pace.answered(T0 + 2200, undefined);
    // Its answer frees the next, at the even pace (600 a minute, and a sixtieth) from the probe.
    expect(pace.turn(T0 + 2200)).toEqual({ until: T0 + 2100 + 61_000 / 600 });
    expect(pace.turn(T0 + 2202)).toEqual({ go: true });
  });
});
