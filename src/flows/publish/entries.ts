import { type Ledger, type LedgerEntry, leaseLive } from '../../ledger/format.js';
import type { ApiPin } from '../../pinterest/types.js';
import { dict, own } from '../../util/dict.js';

/**
 * What the run's results do to the ledger, as pure functions `(ledger, results) → ledger`: the
 * executor hands them to the store, which applies them again to a newer ledger after a lost push
 * race, so each one looks at what is there rather than at what the plan saw. None changes its input.
 */

/** What became of one create: the pin, or the error; `unknown` when it may have happened, `lost` when another run took it over. */
export interface Created {
  pin?: ApiPin;
  error?: unknown;
  unknown?: boolean;
  lost?: boolean;
}

/** The ledger with some entries replaced (undefined: removed). */
function edit(ledger: Ledger, changes: Iterable<readonly [string, LedgerEntry | undefined]>): Ledger {
  const pins = dict(Object.entries(ledger.pins));
  for (const [key, entry] of changes) {
    if (entry) pins[key] = entry;
    else delete pins[key];
  }
  return { ...ledger, pins };
}

/** New intents, except where the ledger has an entry already (another run holds or made that pin): those are `taken`. */
export function withIntents(ledger: Ledger, intents: ReadonlyMap<string, LedgerEntry>): { ledger: Ledger; taken: Set<string> } {
  const taken = new Set([...intents.keys()].filter((k) => own(ledger.pins, k)));
  return {
    ledger: edit(
      ledger,
      [...intents].filter(([k]) => !taken.has(k)),
    ),
    taken,
  };
}

/**
 * A batch's creates recorded, on this run's own intents only: a made pin is published, a create
 * that may have happened is released (the next run looks for it at once), a failed one withdrawn;
 * one another run took over is left to it. `withdraw` names further intents of this run to take
 * back (a halted run's batches that were never reached).
 */
export function withCreates(ledger: Ledger, runId: string, results: ReadonlyMap<string, Created>, now: string, withdraw: (key: string) => boolean = () => false): Ledger {
  const changes: [string, LedgerEntry | undefined][] = [];
  for (const [key, r] of results) {
    const e = own(ledger.pins, key);
    if (e?.state !== 'intent' || e.run !== runId) continue;
    const { lease_until: _, ...rest } = e;
    if (r.pin) changes.push([key, { ...rest, state: 'published', pin_id: r.pin.id, board_id: r.pin.board_id ?? e.board_id, published_at: r.pin.created_at ?? now }]);
    else if (r.unknown) changes.push([key, { ...e, lease_until: now }]);
    else if (!r.lost) changes.push([key, undefined]);
  }
  for (const [key, e] of Object.entries(ledger.pins)) if (e.state === 'intent' && e.run === runId && !results.has(key) && withdraw(key)) changes.push([key, undefined]);
  return edit(ledger, changes);
}

/**
 * Intents an earlier run left, resolved: adopted as the pin found on the board, or cleared. Only
 * the very intent this run looked into (same run, same time), and only while its lease is still
 * out: a run that renewed it, or another that resolved it and took it since, keeps it.
 */
export function withResolved(ledger: Ledger, seen: ReadonlyMap<string, LedgerEntry>, found: ReadonlyMap<string, ApiPin | undefined>, at: Date, runId: string): Ledger {
  const changes: [string, LedgerEntry | undefined][] = [];
  for (const [key, pin] of found) {
    const e = own(ledger.pins, key);
    const saw = seen.get(key);
    if (e?.state !== 'intent' || !saw || e.run !== saw.run || e.intent_at !== saw.intent_at || leaseLive(e.lease_until, at)) continue;
    const { lease_until: _, ...rest } = e;
    changes.push([key, pin ? { ...rest, state: 'published', pin_id: pin.id, published_at: pin.created_at ?? at.toISOString(), run: runId } : undefined]);
  }
  return edit(ledger, changes);
}

/** Edits carried out: each entry takes the new fields and this run's id (an edit refused before is forgotten). */
export function withUpdates(ledger: Ledger, runId: string, changes: ReadonlyMap<string, Partial<LedgerEntry>>): Ledger {
  return edit(
    ledger,
    [...changes].flatMap(([key, c]) => {
      const e = own(ledger.pins, key);
      if (!e) return [];
      const { update_refused: _, ...rest } = e;
      return [[key, { ...rest, ...c, run: runId }] as const];
    }),
  );
}

/** Edits Pinterest refused (PATCH /pins not available to the app): each entry remembers the content it refused, for the plan. */
export function withRefusedUpdates(ledger: Ledger, refused: ReadonlyMap<string, NonNullable<LedgerEntry['update_refused']>>): Ledger {
  return edit(
    ledger,
    [...refused].flatMap(([key, r]) => {
      const e = own(ledger.pins, key);
      return e ? [[key, { ...e, update_refused: r }] as const] : [];
    }),
  );
}

/** Pins gone from Pinterest (deleted, or to be created again): their entries removed. */
export function without(ledger: Ledger, keys: Iterable<string>): Ledger {
  return edit(
    ledger,
    [...keys].map((k) => [k, undefined] as const),
  );
}

/** Renamed files: each entry moves to its new key, unless something is there already. */
export function withRenames(ledger: Ledger, moves: Iterable<readonly [from: string, to: string]>): Ledger {
  const changes: [string, LedgerEntry | undefined][] = [];
  for (const [from, to] of moves) {
    const e = own(ledger.pins, from);
    if (!e || own(ledger.pins, to)) continue;
    changes.push([to, e], [from, undefined]);
  }
  return edit(ledger, changes);
}

/** A rule action's intent on a published pin; undefined when it cannot be taken (another run has one, or the pin changed). */
export function withPending(ledger: Ledger, key: string, pinId: string, pending: NonNullable<LedgerEntry['pending']>): Ledger | undefined {
  const e = own(ledger.pins, key);
  if (!e || e.pending || e.pin_id !== pinId) return undefined;
  return edit(ledger, [[key, { ...e, pending }]]);
}

/** This run's rule action failed: its intent withdrawn, or, when it may have happened, released for the next run to look into. */
export function withRuleFailed(ledger: Ledger, key: string, runId: string, unknown: boolean, now: string): Ledger {
  const e = own(ledger.pins, key);
  if (!e?.pending || e.pending.run !== runId) return ledger;
  const { pending, ...rest } = e;
  return edit(ledger, [[key, unknown ? { ...e, pending: { ...pending, lease_until: now } } : rest]]);
}

/** An earlier run's rule action that did not happen: cleared, if it is still the one looked into and still abandoned. */
export function withRuleCleared(ledger: Ledger, key: string, seen: NonNullable<LedgerEntry['pending']> | undefined, at: Date): Ledger {
  const e = own(ledger.pins, key);
  const p = e?.pending;
  if (!e || !p || !seen || p.run !== seen.run || p.at !== seen.at || leaseLive(p.lease_until, at)) return ledger;
  const { pending: _, ...rest } = e;
  return edit(ledger, [[key, rest]]);
}

/** A rule action done: a save joins the pin's saves; a republish makes the new pin the pin, the old one earlier. Undefined when the entry is gone. */
export function withRuleDone(
  ledger: Ledger,
  key: string,
  rule: { kind: 'save' | 'republish'; rule: string; board?: string; section?: string },
  pin: ApiPin,
  at: string,
  runId: string,
): Ledger | undefined {
  const e = own(ledger.pins, key);
  if (!e) return undefined;
  const { pending: _, ...rest } = e;
  if (rule.kind === 'save')
    return edit(ledger, [
      [key, { ...rest, saves: [...(e.saves ?? []), { board: rule.board as string, ...(rule.section ? { section: rule.section } : {}), pin_id: pin.id, at, rule: rule.rule }] }],
    ]);
  const earlier = [...(e.earlier ?? []), { pin_id: e.pin_id as string, at: e.published_at ?? at, rule: rule.rule }];
  return edit(ledger, [[key, { ...rest, earlier, pin_id: pin.id, published_at: at, ...(pin.board_id ? { board_id: pin.board_id } : {}), run: runId }]]);
}
