import { dict } from '../util/dict.js';
import type { LedgerEntry } from './format.js';

/**
 * The pins of a snapshot by key, handed out in the order of their keys (as the single
 * ledger.json gave them: what reads the ledger in turn, such as the plan's list of pins whose
 * files are gone, or which pins analytics read first, stays the same from run to run). The order is
 * kept as a sorted list, and keys added since are merged into it when it is next asked for.
 */
export class PinTable {
  /** No prototype: a key it lacks reads as undefined, `__proto__` included. */
  private pins = dict<LedgerEntry>();
  private count = 0;
  private order: string[] = [];
  /** Keys added since `order` was made (a key removed and added again may be in both). */
  private added: string[] = [];
  private removed = false;

  get size(): number {
    return this.count;
  }

  get(key: string): LedgerEntry | undefined {
    return this.pins[key];
  }

  set(key: string, entry: LedgerEntry): void {
    if (this.pins[key] === undefined) {
      this.count++;
      this.added.push(key);
    }
    this.pins[key] = entry;
  }

  delete(key: string): void {
    if (this.pins[key] === undefined) return;
    this.count--;
    this.removed = true;
    delete this.pins[key];
  }

  clear(): void {
    this.pins = dict();
    this.count = 0;
    this.order = [];
    this.added = [];
    this.removed = false;
  }

  /** The keys, sorted. */
  keys(): readonly string[] {
    if (this.added.length === 0 && !this.removed) return this.order;
    // The first time (a load): `added` holds every key once (nothing was removed), so it is
    // sorted itself rather than listed again from the record.
    if (this.order.length === 0 && !this.removed) this.order = this.added.sort();
    else this.order = this.added.length > this.order.length ? Object.keys(this.pins).sort() : this.merged();
    this.added = [];
    this.removed = false;
    return this.order;
  }

  /** `order` without the keys gone, with the few keys added since merged in. */
  private merged(): string[] {
    const fresh = new Set(this.added.filter((k) => this.pins[k] !== undefined));
    const added = [...fresh].sort();
    const out: string[] = [];
    let i = 0;
    for (const key of this.order) {
      // Gone, or gone and back (then it comes from `added`).
      if (this.pins[key] === undefined || fresh.has(key)) continue;
      while (i < added.length && (added[i] as string) < key) out.push(added[i++] as string);
      out.push(key);
    }
    out.push(...added.slice(i));
    return out;
  }

  /** A record of the pins in key order, without a prototype: the entries are shared. */
  copy(): Record<string, LedgerEntry> {
    const out = dict<LedgerEntry>();
    for (const key of this.keys()) out[key] = this.pins[key] as LedgerEntry;
    return out;
  }
}
