import { dict, own } from '../util/dict.js';
import { deepFreeze, type Ledger, type LedgerCredentials, type LedgerEntry, LedgerError, serializeShard, serializeTop } from './format.js';
import { PinTable } from './pin-table.js';
import { README, shardOf, TOP } from './shards.js';

/** A file or folder of the branch, as `git ls-tree` lists it. */
export interface TreeEntry {
  path: string;
  type: string;
  id: string;
}

/** What a read of the branch found at one head. */
export interface ReadState {
  /** ledger.json: none (no ledger yet), the single-file ledger of before, or the layout's own (pins in pins/). */
  top: { kind: 'none' } | { kind: 'legacy'; ledger: Ledger } | { kind: 'sharded'; credentials?: LedgerCredentials };
  /** The shards of pins/ read, by path (all of them, or those that changed). */
  shards: Map<string, Record<string, LedgerEntry>>;
  readme: boolean;
  /** The files of log/ at that head, when the read listed them. */
  logFiles?: readonly TreeEntry[];
}

/** What one commit writes. */
export interface Writes {
  /** Files by path: their new text, or null where a file goes. */
  files: Map<string, string | null>;
  /** pins/ is written whole, in place of whatever it held: the first write after the single-file ledger. */
  replacePins: boolean;
  /** Entries that changed (undefined: removed) and the keys of every shard written. */
  changed: Map<string, LedgerEntry | undefined>;
  placed: Map<string, Set<string>>;
}

/** The branch's README, written with the first commit of this layout. */
const README_TEXT = `# pinops ledger

This branch is written by pinops; do not merge it into your code.

- \`pins/\`: every pin pinops published (pin key → Pinterest pin id, board, fingerprints, time), spread
  over small files by a hash of the key. \`git grep '"KEY"' origin/pinops-ledger -- pins\` finds a pin.
- \`ledger.json\`: the layout's version, and what pinops knows of the credentials (never a secret).
- \`log/YYYY-MM/RUN.jsonl\`: one line per API action of each run (time, run, pin, action, result, pin id, x-pinterest-rid).
- \`analytics/\`: every pin's totals, and daily figures by month.
- \`schedule/schedule.ics\`: the schedule of the coming weeks, as iCalendar.
- \`notify/sent.json\`: what the webhooks were told of once (token expiry marks, analytics weeks).

Its commits are the audit trail of what was published, and when.
`;

/**
 * The ledger as of one head of the branch, kept in memory while that head is current: a commit
 * finds the entries its change replaced by identity (entries are frozen; a change puts new
 * objects in), writes only their shards, and the next commit starts from here without reading
 * the branch again. A newer head (another run pushed) is taken in shard by shard (`update`).
 */
export class Snapshot {
  private readonly pins = new PinTable();
  /**
   * Each shard's keys: a key stays in the file it was found in. Which file holds a key is asked
   * of its hash's shard first; `index` (every key's file) is only made for a key found elsewhere,
   * by hand or by an older layout, so a load does not pay for 50,000 entries of it.
   */
  private readonly members = new Map<string, readonly string[]>();
  private index: Map<string, string> | undefined;
  private credentials: LedgerCredentials | undefined;
  private topText: string | undefined;
  /** ledger.json is of this layout: a write rewrites only the shards that changed. */
  private sharded = false;
  private readme = false;
  /** Log files as of `head` that this process wrote or read, by path (a run appends to its own). */
  readonly logs = new Map<string, string>();
  /** The files of log/ as of `head`, when the read that made this snapshot listed them; a move to another head forgets them. */
  private listedLog: readonly TreeEntry[] | undefined;

  constructor(
    public head: string | undefined,
    state: ReadState = { top: { kind: 'none' }, shards: new Map(), readme: false },
    describe: (path: string) => string = (p) => p,
  ) {
    this.readme = state.readme;
    this.listedLog = state.logFiles;
    if (state.top.kind === 'legacy') {
      for (const [key, e] of Object.entries(state.top.ledger.pins)) this.pins.set(key, e);
      this.credentials = deepFreeze(state.top.ledger.credentials);
    } else if (state.top.kind === 'sharded') {
      this.sharded = true;
      this.setCredentials(state.top.credentials);
      this.takeShards(state.shards, describe);
    }
  }

  /** Whether a newer head can be taken in shard by shard (this was read in the layout of pins/). */
  get inShards(): boolean {
    return this.sharded;
  }

  get hasReadme(): boolean {
    return this.readme;
  }

  /** The files of log/ as of `head`, if they were listed with it. */
  get logFiles(): readonly TreeEntry[] | undefined {
    return this.listedLog;
  }

  /** The credentials record as of `head` (frozen). */
  get credentialsRecord(): LedgerCredentials | undefined {
    return this.credentials;
  }

  /** A ledger for a reader or a change to work on: its own record of pins (the entries shared, frozen) and credentials. */
  ledger(): Ledger {
    const pins = this.pins.copy();
    return this.credentials ? { version: 1, pins, credentials: structuredClone(this.credentials) } : { version: 1, pins };
  }

  /** What a commit of `next` (a ledger from `ledger()`, changed) writes on this head. */
  writes(next: Ledger): Writes {
    const changed = new Map<string, LedgerEntry | undefined>();
    let kept = 0;
    for (const key of Object.keys(next.pins)) {
      const was = this.pins.get(key);
      if (was !== undefined) kept++;
      if (next.pins[key] !== was) changed.set(key, next.pins[key]);
    }
    if (kept < this.pins.size) for (const key of this.pins.keys()) if (!Object.hasOwn(next.pins, key)) changed.set(key, undefined);
    const placed = this.sharded ? this.touched(changed.keys()) : byShard(Object.keys(next.pins));
    const files = new Map<string, string | null>();
    for (const [path, keys] of placed) {
      const entries = dict<LedgerEntry>();
      for (const key of keys) if (own(next.pins, key)) entries[key] = next.pins[key] as LedgerEntry;
      files.set(path, Object.keys(entries).length ? serializeShard(entries) : null);
    }
    const top = serializeTop(next.credentials);
    if (!this.sharded || top !== this.topText) files.set(TOP, top);
    if (!this.sharded || !this.readme) files.set(README, README_TEXT);
    return { files, replacePins: !this.sharded, changed, placed };
  }

  /** After `writes` was pushed as `head`: this is the ledger as of it. */
  apply(head: string, next: Ledger, w: Writes): void {
    if (w.replacePins) {
      this.pins.clear();
      this.index = undefined;
      this.members.clear();
    }
    const entries: Iterable<[string, LedgerEntry | undefined]> = w.replacePins ? Object.entries(next.pins) : w.changed;
    for (const [key, e] of entries) {
      // The store's own copy: the change's objects stay the caller's to keep or edit.
      if (e) this.pins.set(key, Object.isFrozen(e) ? e : deepFreeze(structuredClone(e)));
      else this.drop(key);
    }
    for (const [path, keys] of w.placed)
      this.place(
        path,
        [...keys].filter((k) => this.pins.get(k) !== undefined),
      );
    this.setCredentials(next.credentials);
    this.sharded = true;
    this.readme = true;
    this.listedLog = undefined;
    this.head = head;
  }

  /**
   * Takes in a newer head: the shards that changed there (undefined: removed) and its
   * credentials. Everything is checked before anything changes, so a broken shard leaves this
   * snapshot as it was.
   */
  update(
    head: string,
    shards: Map<string, Record<string, LedgerEntry> | undefined>,
    credentials: LedgerCredentials | undefined,
    readme: boolean,
    describe: (path: string) => string,
  ): void {
    const found = new Map<string, string>();
    for (const [path, entries] of shards) {
      for (const key of Object.keys(entries ?? {})) {
        const other = found.get(key) ?? this.locate(key);
        if (other !== undefined && other !== path && (found.has(key) || !shards.has(other))) throw twice(key, other, path, describe);
        found.set(key, path);
      }
    }
    for (const path of shards.keys()) {
      for (const key of this.members.get(path) ?? []) this.drop(key);
      this.members.delete(path);
    }
    this.takeShards(shards, describe);
    this.setCredentials(credentials);
    this.readme = readme;
    this.listedLog = undefined;
    this.head = head;
  }

  /** The shards that the changed keys are in (or go to, for new keys), with the keys they hold now. */
  private touched(keys: Iterable<string>): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const key of keys) {
      const path = this.locate(key) ?? shardOf(key);
      out.set(path, (out.get(path) ?? new Set(this.members.get(path) ?? [])).add(key));
    }
    return out;
  }

  private takeShards(shards: Map<string, Record<string, LedgerEntry> | undefined>, describe: (path: string) => string): void {
    for (const [path, entries] of shards) {
      if (!entries) continue;
      const keys = Object.keys(entries);
      for (const key of keys) {
        // Known already: in a shard other than this one (whose keys `update` dropped first).
        if (this.pins.get(key) !== undefined) throw twice(key, this.locate(key) ?? path, path, describe);
        this.pins.set(key, entries[key] as LedgerEntry);
      }
      this.place(path, keys);
    }
  }

  private place(path: string, keys: readonly string[]): void {
    if (keys.length === 0) this.members.delete(path);
    else this.members.set(path, keys);
    if (this.index) for (const key of keys) this.index.set(key, path);
  }

  private drop(key: string): void {
    this.pins.delete(key);
    this.index?.delete(key);
  }

  /** The shard that holds `key`, or undefined when none does. */
  private locate(key: string): string | undefined {
    if (this.pins.get(key) === undefined) return undefined;
    const path = shardOf(key);
    if (this.members.get(path)?.includes(key)) return path;
    if (!this.index) {
      this.index = new Map();
      for (const [p, keys] of this.members) for (const k of keys) this.index.set(k, p);
    }
    return this.index.get(key);
  }

  private setCredentials(credentials: LedgerCredentials | undefined): void {
    this.credentials = credentials ? deepFreeze(structuredClone(credentials)) : undefined;
    this.topText = serializeTop(this.credentials);
  }
}

/** Keys by the shard their hash puts them in. */
function byShard(keys: Iterable<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const key of keys) {
    const path = shardOf(key);
    out.set(path, (out.get(path) ?? new Set<string>()).add(key));
  }
  return out;
}

function twice(key: string, a: string, b: string, describe: (path: string) => string): LedgerError {
  const [first, second] = [a, b].sort();
  return new LedgerError(
    `${describe(second as string)} does not have the ledger's shape (the pin "${key}" is in ${first} too). Nothing was published. Keep it in one file: repair or revert the branch.`,
  );
}
