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
      // The moment the bucket was told of, not one read a moment later (on a busy machine the two differ by more than the rounding below).
      const t = clock.now();
      bucket.take(t);
      took.push(t - T0);
    }
    // Virtual time also moves with the real time the loop takes: a few ms at most.
    const gaps = took.slice(1).map((t, i) => t - (took[i] as number));
    expect(took[0]).toBeLessThan(20);
    // (each less a float rounding of the clock, whose times are 1.8e12 ms)
    expect(gaps[0]).toBeGreaterThanOrEqual(140 - 0.01);
    for (const g of gaps.slice(1)) expect(g).toBeGreaterThanOrEqual(100 - 0.01);
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

/** Answers of a coarse window: `remaining` left, its reset read as "0" (under a second), at `now`. */
const coarse = (remaining: number, now: number) => windowHeaders(headers(remaining, '0'), now);

/** Sends what the window allows at `now` (each answered `latency` later, `remaining` counting down from `left`); the moment of its answers. */
function spend(pace: CategoryPace, now: number, left: number, latency = 150): number {
  let n = 0;
  while ('go' in pace.turn(now)) n++;
  for (let i = 0; i < n; i++) pace.answered(now + latency, coarse(Math.max(0, left - 1 - i), now + latency));
  return now + latency;
}

/**
 * Three one-second windows of 10 with a reset read as "0", each begun by one request at the bound
 * of its reset and answered 150 ms later: the first answers of the second and third windows read
 * the same length, a second, so it is known. Returns the bound of the third window's end.
 */
function learntPhase(pace: CategoryPace): number {
  pace.turn(T0);
  pace.answered(T0 + 100, coarse(9, T0 + 100));
  let end = T0 + 1100;
  spend(pace, T0 + 100, 9);
  for (let i = 0; i < 2; i++) {
    expect(pace.turn(end)).toEqual({ go: true });
    expect(pace.turn(end)).toEqual({ answer: true });
    pace.answered(end + 150, coarse(9, end + 150));
    spend(pace, end + 150, 9);
    end = i === 0 ? end + 1150 : end + 1000;
  }
  return end;
}

describe('CategoryPace with coarse resets, once their phase is learnt', () => {
  it('a window ends at the latest a learnt length after the reset that began it, not a round trip later each window', () => {
    const pace = new CategoryPace(600);
    const end = learntPhase(pace);
    // The third window's first answer, at T0 + 2400, read "0": alone, T0 + 3400; a second after its reset's bound (T0 + 2250): T0 + 3250.
    expect(end).toBe(T0 + 3250);
    expect(pace.turn(T0 + 2600)).toEqual({ until: T0 + 3250 });
  });

  it('the first requests of a window go at its reset, as many as it holds, without one first to learn what is left', () => {
    const pace = new CategoryPace(600);
    const end = learntPhase(pace);
    const turns = Array.from({ length: 11 }, () => pace.turn(end));
    expect(turns.filter((t) => 'go' in t)).toHaveLength(10);
    // Their answers: the next window ends a second after this one's reset, whatever the answers read.
    spend(pace, end, 0);
    for (let i = 0; i < 10; i++) pace.answered(end + 150, coarse(9 - i, end + 150));
    expect(pace.turn(end + 150)).toEqual({ until: end + 1000 });
  });

  it('a first answer that came late in its window (it may have been counted in a window begun since) bounds the window alone', () => {
    const pace = new CategoryPace(600);
    const end = learntPhase(pace);
    pace.turn(end);
    pace.answered(end + 600, coarse(9, end + 600), undefined, end);
    spend(pace, end + 600, 9);
    expect(pace.turn(end + 750)).toEqual({ until: end + 1600 });
  });

  it('a 429 in a coarse window forgets the phase: after the next reset one request learns what is left', () => {
    const pace = new CategoryPace(600);
    const end = learntPhase(pace);
    pace.turn(end);
    pace.answered(end + 150, coarse(0, end + 150), { sentAt: end, retryAfterMs: undefined });
    // A 429 says the whole window was used: it is held a second, as a 429 of a window without a known reset.
    const held = pace.turn(end + 150);
    expect(held).toEqual({ until: end + 1150 });
    const next = end + 1150;
    expect(pace.turn(next)).toEqual({ go: true });
    expect(pace.turn(next)).toEqual({ answer: true });
    // Its answer begins the window anew; at that window's reset, one request again, until two windows' first answers agree.
    pace.answered(next + 150, coarse(9, next + 150));
    spend(pace, next + 150, 9);
    expect(pace.turn(next + 300)).toEqual({ until: next + 1150 });
    expect(pace.turn(next + 1150)).toEqual({ go: true });
    expect(pace.turn(next + 1150)).toEqual({ answer: true });
  });
});

/** A coarse window: 2 used by T0 + 250, its reset by T0 + 1100; two more sent then, answered out of order: 4 used, then 3. */
function outOfOrder(pace: CategoryPace): void {
  pace.turn(T0);
  pace.answered(T0 + 100, coarse(9, T0 + 100), undefined, T0);
  pace.turn(T0 + 100);
  pace.answered(T0 + 250, coarse(8, T0 + 250), undefined, T0 + 100);
  pace.turn(T0 + 250);
  pace.turn(T0 + 250);
  pace.answered(T0 + 350, coarse(6, T0 + 350), undefined, T0 + 250);
  // Sent before the answer that said 4, it may have been counted before it: the same window's.
  pace.answered(T0 + 400, coarse(7, T0 + 400), undefined, T0 + 250);
}

describe('CategoryPace with coarse resets, a count that started over', () => {
  it('an answer out of order, sent before the answers that said more used, belongs to the same window', () => {
    const pace = new CategoryPace(600);
    outOfOrder(pace);
    // What is left is the lowest estimate so far (6 left said while one was in flight), and the reset is still the first answer's bound.
    const turns = Array.from({ length: 8 }, () => pace.turn(T0 + 400));
    expect(turns.filter((t) => 'go' in t)).toHaveLength(5);
    expect(turns.at(-1)).toEqual({ until: T0 + 1100 });
  });

  it('an answer with no more used than an answer before it was sent said begins a new window at that answer', () => {
    const pace = new CategoryPace(600);
    outOfOrder(pace);
    expect(pace.turn(T0 + 400)).toEqual({ go: true });
    // 4 used where 4 were said before it left: the window reset before this answer, at T0 + 900; it ends by T0 + 1900, and 6 are left.
    pace.answered(T0 + 900, coarse(6, T0 + 900), undefined, T0 + 400);
    const turns = Array.from({ length: 8 }, () => pace.turn(T0 + 900));
    expect(turns.filter((t) => 'go' in t)).toHaveLength(6);
    expect(turns.at(-1)).toEqual({ until: T0 + 1900 });
  });

  it('a refused request was not counted: its answer does not begin a new window', () => {
    const pace = new CategoryPace(600);
    outOfOrder(pace);
    pace.turn(T0 + 400);
    // No more used than said before (the window is spent): a 429 of the same window, which waits for the first answer's bound.
    pace.answered(T0 + 500, coarse(0, T0 + 500), { sentAt: T0 + 400, retryAfterMs: undefined }, T0 + 400);
    pace.turn(T0 + 500);
    pace.answered(T0 + 600, coarse(0, T0 + 600), { sentAt: T0 + 500, retryAfterMs: undefined }, T0 + 500);
    expect(pace.turn(T0 + 600)).toEqual({ until: T0 + 1100 });
  });
});

/**
 * Requests paced by a `CategoryPace` against a server's fixed one-second windows of `limit`, in
 * virtual time (an event queue: nothing waits in real time): `workers` at once, each answered
 * `latency` ms after it leaves and counted as it is answered (as the simulator counts), the reset
 * read in whole seconds rounded down; the windows begin `phase` ms after T0. A refused request is
 * sent again. Returns the accepted requests a second (first to last) against the limit, and the 429s.
 */
function coarseRun(o: { limit: number; workers: number; latency: number; requests: number; phase: number }): { ratio: number; refused: number } {
  const pace = new CategoryPace(o.limit * 60);
  const events: { at: number; run: (now: number) => void }[] = [];
  // Sorted by time; a stable sort keeps events of one moment in the order they were made.
  const at = (t: number, run: (now: number) => void) => events.push({ at: t, run }) && events.sort((a, b) => a.at - b.at);
  const waiting: ((now: number) => void)[] = [];
  const used = new Map<number, number>();
  const accepted: number[] = [];
  let refused = 0;
  let jobs = o.requests;
  const answer = (sentAt: number, now: number): boolean => {
    const w = Math.floor((now - T0 - o.phase) / 1000);
    const n = used.get(w) ?? 0;
    const over = n >= o.limit;
    if (!over) used.set(w, n + 1);
    const reset = Math.floor((T0 + o.phase + (w + 1) * 1000 - now) / 1000);
    pace.answered(now, windowHeaders(headers(over ? 0 : o.limit - n - 1, String(reset), o.limit), now), over ? { sentAt, retryAfterMs: undefined } : undefined, sentAt);
    if (over) refused++;
    else accepted.push(now);
    for (const wake of waiting.splice(0)) at(now, wake);
    return !over;
  };
  const step = (now: number): void => {
    const turn = pace.turn(now);
    if ('go' in turn) at(now + o.latency, (t) => (answer(now, t) ? next(t) : step(t)));
    else if ('until' in turn) at(turn.until, step);
    else waiting.push(step);
  };
  const next = (now: number) => jobs-- > 0 && step(now);
  for (let i = 0; i < o.workers; i++) at(T0, next);
  for (let e = events.shift(); e; e = events.shift()) e.run(e.at);
  const span = ((accepted.at(-1) as number) - (accepted[0] as number)) / 1000;
  return { ratio: (accepted.length - 1) / span / o.limit, refused };
}

describe('CategoryPace with coarse resets, a long run', () => {
  // Whatever the windows' phase against the first request, and with a round trip that leaves room for only two in a window after one alone.
  it.each([
    [150, 0],
    [150, 370],
    [150, 880],
    [300, 120],
    [300, 640],
  ])('at %i ms a request, windows begun %i ms after the first request: 10 a window are kept (≥ 0.97 of the rate), no 429', (latency, phase) => {
    const r = coarseRun({ limit: 10, workers: 6, latency, requests: 600, phase });
    expect(r.refused).toBe(0);
    expect(r.ratio).toBeGreaterThanOrEqual(0.97);
  });
});
