import { type Ledger, type LedgerEntry, leaseLive } from '../ledger/format.js';
import { isSandbox, SANDBOX_NO_ANALYTICS } from '../settings/sandbox.js';
import type { Settings } from '../settings/schema.js';
import { own } from '../util/dict.js';
import { durationMs } from '../util/duration.js';
import { unitHash } from '../util/hash.js';
import { Budget } from './budget.js';
import { type FieldChange, fieldChanges } from './changes.js';
import { type DesiredPin, identityFingerprint } from './desired.js';
import { PlanLint, type PlanWarning } from './lint.js';
import { type DayFigures, type RuleAction, ruleCandidates } from './rules.js';
import { nextInWindow } from './schedule.js';
import { SlotQueue } from './slots.js';

/** What the plan does with a pin (PRODUCT.md, "What happens on each event"). */
/** What can happen to a pin in a run, in the order a plan lists them. */
export const ACTION_KINDS = [
  'create',
  'update',
  'recreate',
  'delete',
  'unchanged',
  'scheduled',
  'draft',
  'invalid',
  'rate-capped',
  'unknown',
  /** Published before and gone now (its board deleted): publishing it again waits for a confirmation. */
  'held',
  /** Another run holds the pin's intent (its lease is live): that run is creating it now. */
  'in-progress',
  /** An edit Pinterest refused (PATCH /pins is not available to the app): not sent again until the content changes or a retry is asked for. */
  'update-unavailable',
] as const;

export type ActionKind = (typeof ACTION_KINDS)[number];

export interface PlanAction {
  key: string;
  kind: ActionKind;
  file?: string;
  line?: number;
  /** For `scheduled`: when the pin becomes due. */
  at?: Date;
  /** A queued pin's posting slot (`publish_at: next`): due at it, or now when it has just passed. */
  slot?: Date;
  /** Why: the cap that held a pin back, the error that made it invalid, a blocked recreate. */
  reason?: string;
  /** For `update`: which fields change. */
  changes?: string[];
  /** For `update`: the fields whose earlier values are known, with them and the new ones. */
  diff?: FieldChange[];
  /** The published pin, for update, recreate, delete and unchanged. */
  pinId?: string;
  /** For a renamed file: the ledger key the pin was published under. */
  renamedFrom?: string;
  /** `recreate` without `allow_recreate`: shown, not carried out. */
  blocked?: boolean;
  desired?: DesiredPin;
  entry?: LedgerEntry;
  /** Account-safety warnings that need the ledger (plan/lint.ts). */
  warnings?: PlanWarning[];
}

export interface Plan {
  now: Date;
  actions: PlanAction[];
  /** Published pins whose files are gone, with `prune` off: reported, never deleted. */
  removed: { key: string; pinId?: string }[];
  /** What rules (and interval pinning) do in this run or later. */
  rules: RuleAction[];
  /** What the run will not do at all, said with the plan (the sandbox's missing analytics). */
  notes: string[];
}

export interface PlanInput {
  desired: readonly DesiredPin[];
  ledger: Ledger;
  settings: Settings;
  now: Date;
  /** At most this many writes (creates, updates, deletes) in this run. */
  limit?: number;
  /** Only pins whose file this accepts are planned. */
  only?: (file: string) => boolean;
  /** Daily figures per pin key (analytics/), for rules with thresholds. */
  figures?: ReadonlyMap<string, readonly DayFigures[]>;
  /**
   * The wall-clock time intents' leases are judged at (default `now`): a plan may be made for a
   * chosen moment, but whether another run is alive is a question about the present.
   */
  leaseNow?: Date;
  /** Published pins that are not to be touched in this run, with the reason (a republish awaiting confirmation). */
  held?: ReadonlyMap<string, string>;
  /** Send again the edits Pinterest refused (`update-unavailable`), as updates (`--retry-updates`). */
  retryUpdates?: boolean;
}

const WRITES: ReadonlySet<ActionKind> = new Set(['create', 'update', 'recreate', 'delete']);

/**
 * The plan: the same pure computation for the PR comment, a dry run and a publish. It compares
 * what the repository wants with what the ledger says was published, and schedules creates by
 * `publish_at` (with deterministic jitter), posting windows, link spacing and the caps.
 */
export function plan(input: PlanInput): Plan {
  const { ledger, settings, now } = input;
  const wanted = new Set(input.desired.map((d) => d.key));
  const orphans = orphansOf(ledger, wanted);
  const actions: PlanAction[] = [];
  const candidates: { action: PlanAction; due: Date }[] = [];
  const published: { d: DesiredPin; entry: LedgerEntry }[] = [];
  const lint = new PlanLint(ledger, settings);
  const queued: PlanAction[] = [];
  for (const d of input.desired.filter((x) => !input.only || input.only(x.file))) {
    const a = lint.check(pinAction(d, input, orphans));
    if (a.kind === 'create' && d.queued) {
      queued.push(a);
      continue;
    }
    if (a.kind === 'create') {
      const due = dueAt(d, settings, now);
      if (due.at > now) actions.push({ ...a, kind: 'scheduled', at: due.at, reason: scheduledReason(due, now) });
      else candidates.push({ action: a, due: due.wanted });
      continue;
    }
    actions.push(a);
    if ((a.kind === 'update' || a.kind === 'unchanged') && a.entry) published.push({ d, entry: a.entry });
  }
  // One queue of posting slots: queued pins take theirs first, then the rules' actions.
  const slots = Object.keys(settings.schedule.slots).length ? new SlotQueue(settings.schedule.slots, settings.timezone ?? 'UTC', ledger, now) : undefined;
  for (const q of slotted(queued, input, slots)) {
    if (!q.action.slot) actions.push(q.action);
    else if (q.action.slot > now) actions.push({ ...q.action, kind: 'scheduled', at: q.action.slot, reason: 'queue: its posting slot' });
    else candidates.push(q);
  }
  const budget = new Budget(ledger, settings, now, input.limit);
  actions.push(...dueCreates(candidates, budget));
  const removed = orphanActions(orphans.entries, input, actions);
  actions.sort(byKindThenKey);
  // `limit` counts every write, in the order they would be carried out.
  if (input.limit !== undefined) {
    for (const a of actions) {
      const over = WRITES.has(a.kind) && !a.blocked ? budget.overLimit() : undefined;
      if (over) Object.assign(a, { kind: 'rate-capped', reason: over });
    }
    actions.sort(byKindThenKey);
  }
  const rules = ruleCandidates({ pins: published, settings, now, leaseNow: input.leaseNow ?? now, ...(input.figures ? { figures: input.figures } : {}) });
  scheduleRules(rules, budget, settings, now, slots);
  return { now, actions, removed, rules, notes: isSandbox(settings) ? [SANDBOX_NO_ANALYTICS] : [] };
}

/** One pin against the ledger: what it needs, before the schedule and the caps (`create` means wanted now or later). */
function pinAction(d: DesiredPin, input: PlanInput, orphans: Orphans): PlanAction {
  const base = { key: d.key, file: d.file, line: d.line, desired: d };
  if (d.invalid) return { ...base, kind: 'invalid', reason: d.invalid };
  if (d.status === 'draft') return { ...base, kind: 'draft' };
  const found = ledgerEntry(d, input.ledger, orphans);
  const heldFor = input.held?.get(d.key);
  if (heldFor) return { ...base, kind: 'held', reason: heldFor, ...(found?.entry.pin_id ? { pinId: found.entry.pin_id } : {}) };
  if (!found) return { ...base, kind: 'create' };
  const { entry, renamedFrom } = found;
  // Most pins are unchanged: theirs is this very action, made without a copy (the others copy it).
  const withEntry: PlanAction = { key: d.key, kind: 'unchanged', file: d.file, line: d.line, desired: d, entry };
  if (entry.pin_id) withEntry.pinId = entry.pin_id;
  if (renamedFrom) withEntry.renamedFrom = renamedFrom;
  if (entry.state === 'intent' && leaseLive(entry.lease_until, input.leaseNow ?? input.now))
    return { ...withEntry, kind: 'in-progress', reason: `run ${entry.run} is creating it now (its lease lasts until ${entry.lease_until}); this run leaves it alone` };
  if (entry.state === 'intent')
    return {
      ...withEntry,
      kind: 'unknown',
      reason: `an earlier run (${entry.run}) sent or was about to send a create; it is looked for on the board before anything is sent again`,
    };
  if (entry.media !== d.mediaFingerprint)
    return {
      ...withEntry,
      kind: 'recreate',
      ...(input.settings.allow_recreate
        ? {}
        : { blocked: true, reason: 'the media changed, which the API cannot edit; set allow_recreate: true to delete and create the pin again' }),
    };
  if (entry.content !== d.contentFingerprint || entry.board !== d.board) return editAction({ ...withEntry, kind: 'update', ...fieldChanges(d, entry, undefined) }, entry, input);
  return withEntry;
}

/**
 * An edit of a published pin: an update, unless Pinterest refused this very edit before (PATCH
 * /pins is in beta, not available to every app). Then it waits as `update-unavailable` until the
 * content changes again or a retry is asked for, or, with `allow_recreate`, is published as a new pin.
 */
function editAction(update: PlanAction, entry: LedgerEntry, input: PlanInput): PlanAction {
  const refused = entry.update_refused;
  if (!refused || refused.content !== update.desired?.contentFingerprint || input.retryUpdates) return update;
  const when = `Pinterest refused this edit on ${refused.at.slice(0, 10)} (PATCH /pins is in beta and not available to this app)`;
  if (input.settings.allow_recreate) return { ...update, kind: 'recreate', reason: `${when}: allow_recreate publishes it as a new pin` };
  return {
    ...update,
    kind: 'update-unavailable',
    reason: `${when}: ask Pinterest for access to it, set allow_recreate: true to publish the edit as a new pin, or retry (--retry-updates, or the action's retry-updates input)`,
  };
}

/** Ledger entries under keys the repository no longer uses (files removed or renamed), and the published ones by media. */
interface Orphans {
  entries: Map<string, LedgerEntry>;
  /** A renamed pin keeps its media: a new pin looks only at the entries of its own (a scan of all was new pins × orphans). */
  byMedia: Map<string, string[]>;
}

function orphansOf(ledger: Ledger, wanted: ReadonlySet<string>): Orphans {
  const entries = new Map<string, LedgerEntry>();
  for (const key of Object.keys(ledger.pins)) if (!wanted.has(key)) entries.set(key, ledger.pins[key] as LedgerEntry);
  const byMedia = new Map<string, string[]>();
  for (const [key, e] of entries) {
    if (e.state !== 'published') continue;
    const list = byMedia.get(e.media);
    if (list) list.push(key);
    else byMedia.set(e.media, [key]);
  }
  return { entries, byMedia };
}

/**
 * The pin's ledger entry: under its key, or, for a file renamed (or an id changed), the entry of
 * the same content and media under a key the repository no longer uses — the same pin, not a new one.
 */
function ledgerEntry(d: DesiredPin, ledger: Ledger, orphans: Orphans): { entry: LedgerEntry; renamedFrom?: string } | undefined {
  const entry = own(ledger.pins, d.key);
  if (entry) return { entry };
  const sameMedia = orphans.byMedia.get(d.mediaFingerprint);
  if (!sameMedia) return undefined;
  const identity = identityFingerprint(d);
  for (const key of sameMedia) {
    const e = orphans.entries.get(key);
    // Gone: an earlier pin was found to be it.
    if (!e) continue;
    const same = e.identity ? e.identity === identity : e.content === d.contentFingerprint;
    if (same) {
      orphans.entries.delete(key);
      return { entry: e, renamedFrom: key };
    }
  }
  return undefined;
}

/** Why a new pin waits: its `publish_at`, the posting windows, or both (a Saturday's publish_at kept for Monday's window). */
function scheduledReason(due: { wanted: Date; at: Date }, now: Date): string {
  if (due.wanted <= now) return 'outside the posting windows';
  return due.at > due.wanted ? 'publish_at, then the next posting window' : 'publish_at';
}

/** When a new pin is wanted (`publish_at` plus its jitter, or now) and when it is due (the next posting window from then). */
function dueAt(d: DesiredPin, settings: Settings, now: Date): { wanted: Date; at: Date } {
  const jitter = durationMs(settings.schedule.jitter);
  const wanted = d.publishAt ? new Date(d.publishAt.getTime() + Math.floor(unitHash(d.key) * jitter)) : now;
  return { wanted, at: nextInWindow(new Date(Math.max(wanted.getTime(), now.getTime())), settings.schedule.windows, settings.timezone ?? 'UTC') };
}

/**
 * Queued pins in the free posting slots, in the order the user controls: higher `priority` first,
 * then by file path, so that the same content and ledger always give the same schedule.
 */
function slotted(queued: PlanAction[], input: PlanInput, slots: SlotQueue | undefined): { action: PlanAction; due: Date }[] {
  if (queued.length === 0) return [];
  const order = (a: PlanAction) => a.desired?.queued?.priority ?? 0;
  queued.sort((a, b) => order(b) - order(a) || ((a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : a.key < b.key ? -1 : 1));
  // A slot that has passed goes out now only while a posting window is open (the slot itself was inside one).
  const zone = input.settings.timezone ?? 'UTC';
  const closed = nextInWindow(input.now, input.settings.schedule.windows, zone) > input.now;
  return queued.map((a) => {
    let slot = slots?.take();
    while (slot && closed && slot <= input.now) slot = slots?.take();
    // Past a year of slots: the queue is far too long; the pin waits, said so.
    if (!slot) return { action: { ...a, kind: 'rate-capped', reason: 'queue: no free posting slot within a year' }, due: input.now };
    return { action: { ...a, slot }, due: slot };
  });
}

/**
 * With posting slots, a rule's action (an interval save, a republish) goes out in a free slot like a
 * queued pin: now when the slot just passed is free, else scheduled at the next one. True when it
 * may go now.
 */
function inSlot(slots: SlotQueue | undefined, now: Date, held: (status: RuleAction['status'], reason: string, at?: Date) => void): boolean {
  if (!slots) return true;
  const slot = slots.take();
  if (!slot) held('rate-capped', 'queue: no free posting slot within a year');
  else if (slot > now) held('scheduled', 'queue: its posting slot', slot);
  return slot !== undefined && slot <= now;
}

/** Creates that are due, earliest first: link spacing and the caps hold some back. */
function dueCreates(candidates: { action: PlanAction; due: Date }[], budget: Budget): PlanAction[] {
  candidates.sort((a, b) => a.due.getTime() - b.due.getTime() || (a.action.key < b.action.key ? -1 : 1));
  const out: PlanAction[] = [];
  for (const { action } of candidates) {
    const link = action.desired?.link;
    const spaced = budget.spacingHold(link);
    const cap = spaced ? undefined : budget.capReached();
    if (spaced) out.push({ ...action, kind: 'scheduled', at: spaced.at, reason: spaced.reason });
    else if (cap) out.push({ ...action, kind: 'rate-capped', reason: cap });
    else {
      out.push(action);
      budget.take(link);
    }
  }
  return out;
}

/** Published pins whose files are gone: deleted with `prune` (as actions), otherwise only reported. */
function orphanActions(orphans: Map<string, LedgerEntry>, input: PlanInput, actions: PlanAction[]): Plan['removed'] {
  const removed: Plan['removed'] = [];
  for (const [key, e] of orphans) {
    if (input.only && !input.only(key)) continue;
    if (input.settings.prune && e.pin_id) actions.push({ key, kind: 'delete', pinId: e.pin_id, entry: e, reason: 'its file was removed and prune is on' });
    else removed.push({ key, ...(e.pin_id ? { pinId: e.pin_id } : {}) });
  }
  return removed;
}

/** Rules come after the pins' own actions and draw on the same budget: windows, link spacing, caps, limit. */
function scheduleRules(rules: RuleAction[], budget: Budget, settings: Settings, now: Date, slots: SlotQueue | undefined): void {
  const touched = new Set<string>();
  const windowOpen = nextInWindow(now, settings.schedule.windows, settings.timezone ?? 'UTC');
  for (const r of rules.filter((x) => x.status === 'due').sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const link = r.kind === 'republish' ? r.desired?.link : undefined;
    const held = (status: RuleAction['status'], reason: string, at?: Date) => Object.assign(r, { status, reason, ...(at ? { at } : {}) });
    const spaced = budget.spacingHold(link);
    if (touched.has(r.key)) held('rate-capped', 'one rule action per pin per run: the next run does this one');
    else if (windowOpen > now) held('scheduled', 'outside the posting windows', windowOpen);
    else if (spaced) held('scheduled', spaced.reason, spaced.at);
    else if (inSlot(slots, now, held)) {
      const over = budget.capReached() ?? budget.overLimit();
      if (over) held('rate-capped', over);
      else {
        touched.add(r.key);
        budget.take(link);
      }
    }
  }
  const RULE_ORDER: RuleAction['status'][] = ['unknown', 'in-progress', 'due', 'rate-capped', 'scheduled', 'not-possible'];
  rules.sort((a, b) => RULE_ORDER.indexOf(a.status) - RULE_ORDER.indexOf(b.status) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || (a.rule < b.rule ? -1 : 1));
}

const ORDER: ActionKind[] = [
  'unknown',
  'in-progress',
  'held',
  'create',
  'update',
  'recreate',
  'delete',
  'update-unavailable',
  'rate-capped',
  'scheduled',
  'unchanged',
  'draft',
  'invalid',
];

function byKindThenKey(a: PlanAction, b: PlanAction): number {
  return ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || (a.at && b.at ? a.at.getTime() - b.at.getTime() : 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
