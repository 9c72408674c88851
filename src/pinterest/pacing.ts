/**
 * How one rate-limit category decides when its next request may leave: pure bookkeeping, with the
 * time passed in (the transport sleeps; tests pass a virtual clock's `now`).
 *
 * Three sources, best first: the window an answer's `x-ratelimit-*` headers describe; after a 429
 * without them, a token bucket at the documented rate, sending evenly (the server's windows are
 * evidently not the minute the burst assumed); and before any 429, the documented per-minute
 * limit as a sliding log, which lets a run that needs fewer requests send them at once.
 */

/** The last sends of one category: a send is allowed when fewer than `limit` were sent in the window (taken a sixtieth longer, so varying latency cannot move one into Pinterest's next window early). */
export class SendLog {
  private readonly times: number[] = [];
  private readonly spanMs: number;

  constructor(
    readonly limit: number,
    windowMs: number,
  ) {
    this.spanMs = windowMs + windowMs / 60;
  }

  /** When one more may be sent, from `now` (`now` itself when the window has room). */
  nextAt(now: number): number {
    const oldest = this.times.length >= this.limit ? (this.times[this.times.length - this.limit] as number) : undefined;
    return oldest === undefined ? now : Math.max(now, oldest + this.spanMs);
  }

  record(now: number): void {
    this.times.push(now);
    if (this.times.length > this.limit) this.times.splice(0, this.times.length - this.limit);
  }
}

/**
 * A token bucket: up to `capacity` tokens, one more every `intervalMs`. With a capacity of 1 it
 * spaces requests evenly; a token is taken at the moment of sending, so a sleeper that wakes late
 * does not shorten the gap to the next one.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly capacity: number,
    public intervalMs: number,
    now: number,
    tokens = capacity,
  ) {
    this.tokens = tokens;
    this.at = now;
  }

  private refill(now: number): void {
    if (now <= this.at) return;
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.at) / this.intervalMs);
    this.at = now;
  }

  /** When a token will be there, from `now`. */
  nextAt(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? now : now + (1 - this.tokens) * this.intervalMs;
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  /** Spent: the next token comes a full interval from `now`. */
  empty(now: number): void {
    this.refill(now);
    this.tokens = 0;
  }
}

/** What an answer's rate-limit headers say, or undefined when it carries none. */
export interface WindowHeaders {
  remaining: number;
  /** Until the window resets, in ms from the answer, margin for a coarse value included. */
  resetMs: number;
  /** `x-ratelimit-limit`: what a new window holds, when said. */
  limit?: number | undefined;
  /** The reset was given in whole seconds: it may be up to a second later than it reads. */
  coarse: boolean;
}

/** A whole-second reset may be rounded down, and "0" may mean most of a second: waiting a second more keeps a rounded value from sending into a spent window. */
export const COARSE_MARGIN_MS = 1000;

export function windowHeaders(h: Headers, now: number): WindowHeaders | undefined {
  const remaining = leadingNumber(h.get('x-ratelimit-remaining'));
  const reset = h.get('x-ratelimit-reset');
  const n = leadingNumber(reset);
  if (remaining === undefined || n === undefined) return undefined;
  const coarse = !String(reset).includes('.');
  const ms = n > 1e9 ? n * 1000 - now : n * 1000;
  return { remaining, resetMs: Math.max(0, ms) + (coarse ? COARSE_MARGIN_MS : 0), limit: leadingNumber(h.get('x-ratelimit-limit')), coarse };
}

/** The first number of a header: `100`, or `100, 100;w=60` as some servers write it. */
function leadingNumber(v: string | null): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)/.exec(v ?? '');
  return m ? Number(m[1]) : undefined;
}

/** The window the headers describe: what is left of it for this process, and when it resets (unknown just after a reset, until an answer of the new window says). */
interface Window {
  remaining: number;
  resetAt: number | undefined;
  limit: number | undefined;
  coarse: boolean;
  /** Since the last reset: no answer of the new window has come yet; how many were in flight at the reset, and sent since. */
  fresh: boolean;
  carried: number;
  sent: number;
  /** The reset that began this window, as bounded when it passed (a coarse window's phase, carried on). */
  began: number | undefined;
  /** Its answers in the order they came: when, and the most used any had said by then. */
  said: { at: number; used: number }[];
}

/**
 * The phase of windows whose reset comes in whole seconds. Read in a window's first second, a reset
 * of "k" (rounded down) says the window lasts k + 1 seconds (windows are taken to last whole
 * seconds); read later, it says less. Each first answer of a window comes a round trip after the
 * reset that began it, so its bound lies that much past the true reset: taken alone, the bound of
 * each window would move later by a round trip, and the sends with it, until they fell out of
 * their window. Once the first answers of two windows have read the same length, that length is
 * known, and a window ends at the latest that long after the bound of the reset that began it.
 */
export class CoarsePhase {
  periodMs = 0;
  private readings = 0;

  /** Whether the windows' length is known: the first requests of a window may then go at its reset, without a request first to learn what is left. */
  get known(): boolean {
    return this.readings >= 2;
  }

  /** The first answer of a window read `spanMs` until its reset, the second of rounding included. */
  first(spanMs: number): void {
    const whole = Math.ceil(spanMs / 1000) * 1000;
    if (whole > this.periodMs) Object.assign(this, { periodMs: whole, readings: 1 });
    else if (whole === this.periodMs) this.readings++;
  }

  /**
   * The end of a window begun at `began` (a bound of that reset), given the bound `resetAt` of an
   * answer at `now`: the earlier of the two once the length is known, if the answer came early
   * in the window (one that came later may have been counted in a window begun since).
   */
  bound(began: number | undefined, resetAt: number, now: number): number {
    return this.known && began !== undefined && now - began < this.periodMs / 2 ? Math.min(resetAt, began + this.periodMs) : resetAt;
  }

  forget(): void {
    this.readings = 0;
  }
}

/** How many of a window's answers are kept to tell a count that started over: enough for the answers of a round trip. */
const SAID_KEPT = 100;

/** The most used that answers which came by `t` said (0 when none, or none kept). */
function usedBy(said: { at: number; used: number }[], t: number): number {
  for (let i = said.length - 1; i >= 0; i--) if ((said[i] as { at: number }).at <= t) return (said[i] as { used: number }).used;
  return 0;
}

/** What the transport does next for a request of the category: send now, sleep until a moment, or wait for an answer in flight. */
export type Turn = { go: true } | { until: number } | { answer: true };

/** The longest wait after a 429 that says nothing of when to come back: a minute, Pinterest's documented window. */
export const WINDOW_MS = 60_000;
/** The first wait after such a 429; it grows fourfold while the request sent after each wait is refused too (1, 4, 16, 60 s: a minute's window is waited out within four). */
const FIRST_HOLD_MS = 1000;
const HOLD_GROWTH = 4;
/** Another 429 while sending evenly: the rate given was too high, so it is cut by a quarter. */
const SLOWER = 4 / 3;

/** One category's pacing: see the file's comment. */
export class CategoryPace {
  private readonly log: SendLog | undefined;
  private bucket: TokenBucket | undefined;
  private window: Window | undefined;
  private holdUntil = 0;
  private heldAt = -1;
  private refusals = 0;
  /**
   * One request at a time: before the category's first answer (which says whether the server tells
   * its window: a burst before it could overrun one it would have told), and after a 429 until an
   * answer that is not one (a spent window meets one request, not all of them).
   */
  private probing = true;
  private inFlight = 0;
  private waiters: (() => void)[] = [];
  /** Coarse resets: the phase of the windows, learnt from their first answers (see `CoarsePhase`). */
  private readonly phase = new CoarsePhase();

  constructor(readonly perMinute: number | undefined) {
    this.log = perMinute ? new SendLog(perMinute, WINDOW_MS) : undefined;
  }

  /** Whether a request may leave at `now`; when it may, it is counted as sent. */
  turn(now: number): Turn {
    if (now < this.holdUntil) return { until: this.holdUntil };
    if (this.probing && this.inFlight > 0) return { answer: true };
    const w = this.window;
    if (w) {
      if (w.resetAt !== undefined && now >= w.resetAt) this.roll(w);
      if (w.remaining <= 0 && w.resetAt !== undefined) return { until: w.resetAt };
      // Spent, and no reset known: the answers in flight will say; with none in flight, one request asks.
      if (w.remaining <= 0 && this.inFlight > 0) return { answer: true };
      w.remaining = Math.max(0, w.remaining - 1);
      w.sent++;
      return this.sent();
    }
    const source = this.bucket ?? this.log;
    const at = source?.nextAt(now) ?? now;
    if (at > now) return { until: at };
    this.bucket ? this.bucket.take(now) : this.log?.record(now);
    return this.sent();
  }

  /**
   * A new window: its limit, less what is still in flight (it may be counted in it). Without a
   * limit, or when the reset was coarse and its phase not yet learnt (the window may have begun up
   * to a second ago, and answers in between have used it), one request learns what is left.
   */
  private roll(w: Window): void {
    Object.assign(w, { resetAt: undefined, began: w.resetAt, fresh: true, carried: this.inFlight, sent: 0 });
    w.remaining = (w.limit !== undefined && (!w.coarse || this.phase.known) ? w.limit : 1) - this.inFlight;
  }

  private sent(): Turn {
    this.inFlight++;
    return { go: true };
  }

  /**
   * A request's answer came (`h`: its rate-limit headers; `refusal` when it was a 429): its place
   * in flight is free, and what the answer taught is learnt before any request waiting for it
   * looks again.
   */
  answered(now: number, h: WindowHeaders | undefined, refusal?: { sentAt: number; retryAfterMs: number | undefined }, sentAt?: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    // A refused request was not counted: only a counted one's `sentAt` tells when its count was taken.
    if (h) this.learn(now, h, refusal ? undefined : sentAt);
    if (refusal) this.refused(now, refusal.sentAt, refusal.retryAfterMs);
    else {
      this.probing = false;
      this.refusals = 0;
    }
    this.wake();
  }

  /** A request that got no answer: its place in flight is free, nothing is learnt. */
  lost(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.wake();
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves when the next request in flight is answered. */
  nextAnswer(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * An answer's rate-limit headers. The requests still in flight may not be counted in its
   * `remaining` yet, so they are taken off it; answers come out of order, so within one window
   * the lowest estimate is the truest. After a reset, the first answer of the new window says what
   * is left of it; a late answer of the window before is told apart by how much it says was used.
   */
  private learn(now: number, h: WindowHeaders, sentAt: number | undefined): void {
    const resetAt = now + h.resetMs;
    const estimate = h.remaining - this.inFlight;
    const w = this.window;
    const used = (h.limit ?? w?.limit ?? h.remaining) - h.remaining;
    // A window first seen in this answer: what it says was used, and what is in flight, came before.
    const seen = { remaining: estimate, resetAt, fresh: false, carried: used + this.inFlight, sent: 0, began: undefined, said: [{ at: now, used }] };
    if (!w) {
      this.window = { ...seen, limit: h.limit, coarse: h.coarse };
      return;
    }
    w.limit = h.limit ?? w.limit;
    w.coarse = h.coarse;
    // More used than this process can have sent into the window since its reset: the answer is the old one's.
    const old = w.limit !== undefined && used > w.carried + w.sent;
    if (w.fresh) {
      if (old) return;
      if (h.coarse) this.phase.first(h.resetMs);
      Object.assign(w, { remaining: estimate, resetAt: this.phase.bound(w.began, resetAt, now), fresh: false, said: [{ at: now, used }] });
      return;
    }
    // A request sent after an answer of its window is counted after it: with no more used than that answer said, the count started over, so the window reset before this answer.
    if (h.coarse && sentAt !== undefined && w.limit !== undefined && used <= usedBy(w.said, sentAt)) {
      Object.assign(w, seen, { began: now, resetAt: this.phase.bound(now, resetAt, now) });
      return;
    }
    w.said.push({ at: now, used: Math.max(used, w.said.at(-1)?.used ?? 0) });
    if (w.said.length > SAID_KEPT) w.said.shift();
    const slack = h.coarse ? 1500 : 250;
    if (w.resetAt !== undefined && Math.abs(resetAt - w.resetAt) < slack) {
      w.remaining = Math.min(w.remaining, estimate);
      // A precise reset: the latest, against jitter. A coarse one: each answer bounds the reset from
      // above (its value rounded down, and a second), so the earliest bound of this window's answers is the truest.
      w.resetAt = !h.coarse ? Math.max(w.resetAt, resetAt) : old ? w.resetAt : Math.min(w.resetAt, resetAt);
    } else if (w.resetAt === undefined || resetAt > w.resetAt) Object.assign(w, seen);
  }

  /**
   * A 429 for a request sent at `sentAt`: one request at a time until an answer that is not one.
   * With headers, their window is spent until it resets; with Retry-After the category holds that
   * long. Without headers, the limit is not the burst the documented values allowed: the category
   * sends evenly from now on, at the documented rate (a quarter slower each time that too is
   * refused), and without Retry-After after a hold that starts at a second and grows fourfold
   * while the first request after each hold is refused too, up to a minute.
   */
  private refused(now: number, sentAt: number, retryAfterMs: number | undefined): void {
    this.probing = true;
    // Refusals of requests sent before the last hold began are the same burst's, not a failed probe.
    const probe = sentAt >= this.heldAt;
    const fresh = this.refusals === 0;
    if (probe) this.refusals++;
    // A coarse window refused: perhaps its phase was wrong, so it is learnt again (one request after each reset meanwhile).
    if (this.window?.coarse) this.phase.forget();
    if (this.window) this.window.remaining = 0;
    else this.evenly(now, fresh && probe);
    if (retryAfterMs !== undefined) this.hold(now, retryAfterMs);
    // A window with a reset says when; one without (a 429 that carried no headers) is no better than none.
    else if (this.window?.resetAt === undefined) this.hold(now, Math.min(WINDOW_MS, FIRST_HOLD_MS * HOLD_GROWTH ** Math.max(0, this.refusals - 1)));
  }

  /** From now on one request every (window + a sixtieth) / limit; slower when even that met a 429. The hold, not the bucket, says when the next may go. */
  private evenly(now: number, slower: boolean): void {
    if (!this.perMinute) return;
    if (this.bucket && slower) this.bucket.intervalMs *= SLOWER;
    this.bucket ??= new TokenBucket(1, (WINDOW_MS + WINDOW_MS / 60) / this.perMinute, now);
  }

  private hold(now: number, ms: number): void {
    if (now + ms <= this.holdUntil) return;
    this.holdUntil = now + ms;
    this.heldAt = now;
  }
}
