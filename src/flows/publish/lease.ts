import type { Ledger } from '../../ledger/format.js';
import type { LedgerStore } from '../../ledger/store.js';
import type { Clock } from '../../pinterest/transport.js';

/** A create or rule action this run may no longer send: another run took its intent over. */
export class LeaseLost extends Error {
  override name = 'LeaseLost';
}

/**
 * The run's hold on its intents. An intent is a lock while its run lives: the run writes it with a
 * lease, renews the lease (one push for all its intents) while it works or waits, and checks it
 * before every send. Another run resolves an intent only once its lease has run out, which is
 * what a crashed run's intents reach.
 */
export class Leases {
  /** Pin keys whose create intent this run holds, and keys whose rule intent (`pending`) it holds. */
  private readonly intents = new Set<string>();
  private readonly rules = new Set<string>();
  /** Keys another run took over after this run's lease had run out: never sent. */
  private readonly lost = new Set<string>();
  /** When the leases last written run out (all of this run's intents share one). */
  private expiresAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> | undefined;

  constructor(
    private readonly store: LedgerStore,
    private readonly runId: string,
    private readonly clock: Clock,
    private readonly leaseMs: number,
  ) {}

  /** The lease to write on a new intent; held from the moment the intent is pushed. */
  until(): string {
    const at = this.clock.now() + this.leaseMs;
    this.expiresAt = this.intents.size + this.rules.size === 0 ? at : Math.min(this.expiresAt, at);
    return new Date(at).toISOString();
  }

  hold(keys: Iterable<string>, kind: 'create' | 'rule' = 'create'): void {
    for (const k of keys) (kind === 'create' ? this.intents : this.rules).add(k);
    // A failed renewal is tried again on the next tick, and by the guard before a send.
    this.timer ??= setInterval(() => void this.renew().catch(() => undefined), Math.max(250, this.leaseMs / 4)).unref();
  }

  release(keys: Iterable<string>, kind: 'create' | 'rule' = 'create'): void {
    for (const k of keys) (kind === 'create' ? this.intents : this.rules).delete(k);
    if (this.intents.size + this.rules.size === 0) this.stop();
  }

  /**
   * Before each send: the key must still be this run's. With more than half the lease left, no
   * other run can have taken it; otherwise the lease is renewed first, which checks every intent
   * against the newest ledger.
   */
  guard(key: string): () => Promise<void> {
    return async () => {
      if (!this.lost.has(key) && this.expiresAt - this.clock.now() < this.leaseMs / 2) await this.renew();
      if (this.lost.has(key) || this.expiresAt <= this.clock.now())
        throw new LeaseLost(`not sent: this run's lease on ${key} ran out and another run took the pin over (it publishes it)`);
    };
  }

  /** Pushes a fresh lease for every intent this run holds; notes those another run has taken. */
  renew(): Promise<void> {
    this.renewing ??= this.renewNow().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async renewNow(): Promise<void> {
    if (this.intents.size + this.rules.size === 0) return;
    const at = this.clock.now() + this.leaseMs;
    const until = new Date(at).toISOString();
    await this.store.commit(
      `pinops: run ${this.runId} renews its lease`,
      (l: Ledger) => {
        // Entries are replaced, never edited: the store finds what a push changed by identity.
        for (const key of this.intents) {
          const e = l.pins[key];
          if (e?.state === 'intent' && e.run === this.runId) l.pins[key] = { ...e, lease_until: until };
          else this.loseIntent(key);
        }
        for (const key of this.rules) {
          const e = l.pins[key];
          if (e?.pending?.run === this.runId) l.pins[key] = { ...e, pending: { ...e.pending, lease_until: until } };
          else this.loseRule(key);
        }
        return this.intents.size + this.rules.size > 0;
      },
      () => [],
    );
    this.expiresAt = at;
  }

  private loseIntent(key: string): void {
    this.intents.delete(key);
    this.lost.add(key);
  }

  private loseRule(key: string): void {
    this.rules.delete(key);
    this.lost.add(key);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
