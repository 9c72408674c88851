import type { PlanAction } from '../../plan/plan.js';
import type { Created } from './entries.js';
import type { Run } from './run.js';

/**
 * Creates sent at once at most. At Pinterest's latencies (about 150 ms) one create at a time
 * reaches about 6 a second; three fill a limit of 10 a second with room for slower answers. More
 * would not go faster: the transport paces every send within the category's limit.
 */
export const MAX_IN_FLIGHT = 3;
/** The least batch of intents a push writes (`batchSize` sets it). */
export const LEAST_BATCH = 10;
/** The most intents one push writes (a lock held by one run, and what a crash leaves to look for). */
export const MAX_BATCH = 100;
/**
 * Guesses until the run has measured its own: GitHub's pushes take 0.5–1.5 s (the slowest is
 * guessed: too high costs a larger first batch, too low leaves the API idle through the second
 * push), Pinterest answers in about 150 ms.
 */
const GUESS = { pushMs: 1500, createMs: 200 };
/** Batches cover this much more than one push's worth of creates, for a push slower than the last. */
const HEADROOM = 1.5;

/** What the flight does with the ledger and with Pinterest (creates.ts). */
export interface FlightOps {
  /** One push: `results` recorded, then `intents` written; resolves to the keys another run holds. `last` is the run's final push. */
  push(intents: PlanAction[], results: Map<string, Created>, last: boolean): Promise<Set<string>>;
  /** One create, its intent pushed (after a halt: the pin skipped, and what stopped the run as its error). */
  create(a: PlanAction): Promise<Created>;
}

/**
 * The creates of a run kept in flight. One loop pushes, one at a time (pushes are serial): each
 * push records the results so far and writes the next batch's intents, while up to `inFlight`
 * creates go on from the intents already pushed, so neither the API nor the ledger waits for the
 * other. A create is only ever taken from intents whose push has succeeded (exactly once: the
 * next run finds every sent create's intent). Batches are sized from the measured push time and
 * create rate, so that the intents pushed ahead last through the next push.
 */
export class Flight {
  private next = 0;
  private readonly ready: PlanAction[] = [];
  private done = new Map<string, Created>();
  private active = 0;
  /** Whether a create has succeeded: until then one goes at a time, so that a refusal every create would meet (a Trial app, a token without the scope) is met once. */
  private opened = false;
  private pushingIntents = false;
  private ended = false;
  private waiters: (() => void)[] = [];
  private pushMs = GUESS.pushMs;
  private createMs = GUESS.createMs;
  private readonly inFlight: number;
  private readonly least: number;

  constructor(
    private readonly run: Run,
    private readonly todo: readonly PlanAction[],
    private readonly ops: FlightOps,
  ) {
    this.inFlight = Math.max(1, run.deps.inFlight ?? MAX_IN_FLIGHT);
    this.least = Math.max(1, run.deps.batchSize ?? LEAST_BATCH);
  }

  async fly(): Promise<void> {
    await Promise.all([this.pusher(), ...Array.from({ length: this.inFlight }, () => this.worker())]);
    // Pins whose intents were never pushed (the run halted first) are reported as not attempted.
    for (const a of this.todo.slice(this.next)) this.run.skip(a.key, 'create');
  }

  /** The intents to push next: none while enough are pushed ahead, or once the run has halted. */
  private nextIntents(): PlanAction[] {
    if (this.run.halted || this.next >= this.todo.length || this.ready.length >= this.batch()) return [];
    const n = this.batch();
    const slice = this.todo.slice(this.next, this.next + n);
    this.next += slice.length;
    return slice;
  }

  /** Enough intents to keep the creates going through one push, at the rate measured (pacing waits included). */
  private batch(): number {
    const perMs = this.inFlight / this.createMs;
    return Math.min(MAX_BATCH, Math.max(this.least, Math.ceil(perMs * this.pushMs * HEADROOM)));
  }

  /**
   * A batch's worth of results waits, and recording them now does not hold up the run's end: once
   * every intent is pushed, creates that finish within about a push (with headroom, as the
   * estimate is rough) have their results in the final push, which a push of results started now
   * would only delay (by up to a whole push).
   */
  private resultsDue(): boolean {
    if (this.done.size < this.batch()) return false;
    const left = ((this.ready.length + this.active) * this.createMs) / this.inFlight;
    const ending = this.next >= this.todo.length && left < this.pushMs * HEADROOM;
    return !ending;
  }

  private noMoreIntents(): boolean {
    return this.ended || (!this.pushingIntents && (this.next >= this.todo.length || this.run.halted !== undefined));
  }

  private createsOver(): boolean {
    return this.noMoreIntents() && this.ready.length === 0 && this.active === 0;
  }

  /**
   * Pushes while there is something to push: intents when they are due (with the results so far),
   * results alone when a batch's worth is waiting (unless the last creates end sooner than a push
   * would) or the creates are over.
   */
  private async pusher(): Promise<void> {
    try {
      for (;;) {
        const intents = this.nextIntents();
        const over = intents.length === 0 && this.createsOver();
        if (intents.length > 0 || (this.done.size > 0 && (over || this.resultsDue()))) await this.push(intents, over);
        else if (over) return;
        else await this.changed();
      }
    } finally {
      this.ended = true;
      this.notify();
    }
  }

  private async push(intents: PlanAction[], last: boolean): Promise<void> {
    const results = this.done;
    this.done = new Map();
    this.pushingIntents = intents.length > 0;
    const started = performance.now();
    const taken = await this.run.background(this.ops.push(intents, results, last));
    this.pushMs = followingUp(this.pushMs, performance.now() - started);
    this.pushingIntents = false;
    if (taken === undefined) {
      // Not pushed (the run halts): those creates are never sent.
      for (const a of intents) this.run.skip(a.key, 'create');
    } else {
      for (const key of taken) {
        this.run.outcomes.push({ key, action: 'create', result: 'skipped', error: 'another run is publishing or has published this pin' });
        this.run.deps.log(`· ${key}: another run took it`);
      }
      const mine = intents.filter((a) => !taken.has(a.key));
      this.run.leases.hold(mine.map((a) => a.key));
      this.ready.push(...mine);
    }
    this.run.leases.release(results.keys());
    this.notify();
  }

  /** Takes the next create whose intent is pushed, until there will be no more. */
  private async worker(): Promise<void> {
    for (;;) {
      const a = this.opened || this.active === 0 ? this.ready.shift() : undefined;
      if (a) await this.send(a);
      else if (this.noMoreIntents() && this.ready.length === 0) return;
      else await this.changed();
    }
  }

  private async send(a: PlanAction): Promise<void> {
    this.active++;
    try {
      const started = performance.now();
      const created = await this.ops.create(a);
      if (created.pin) this.opened = true;
      // Into the results not yet pushed as of now (a push may have taken the earlier ones meanwhile).
      this.done.set(a.key, created);
      this.createMs = ema(this.createMs, performance.now() - started);
    } finally {
      this.active--;
      this.notify();
    }
  }

  private changed(): Promise<void> {
    return new Promise((r) => this.waiters.push(r));
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

/** A running mean of the latest measurements. */
function ema(mean: number, x: number): number {
  return mean * 0.7 + x * 0.3;
}

/** The same, except that a push slower than the mean counts at once: the batch after it must last through one as slow. */
function followingUp(mean: number, x: number): number {
  return x > mean ? x : ema(mean, x);
}
