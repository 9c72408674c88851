import { type Ledger, type LedgerEntry, leaseLive } from '../ledger/format.js';
import type { Settings } from '../settings/schema.js';
import { own } from '../util/dict.js';
import { durationMs } from '../util/duration.js';
import { unitHash } from '../util/hash.js';
import type { DesiredPin } from './desired.js';
import { type DayFigures, type RuleAction, ruleCandidates } from './rules.js';
import { dayOf, nextInWindow } from './schedule.js';

/** What the plan does with a pin (PRODUCT.md, "What happens on each event"). */
export type ActionKind =
  | 'create'
  | 'update'
  | 'recreate'
  | 'delete'
  | 'unchanged'
  | 'scheduled'
  | 'draft'
  | 'invalid'
  | 'rate-capped'
  | 'unknown'
  /** Published before and gone now (its board deleted): publishing it again waits for a confirmation. */
  | 'held'
  /** Another run holds the pin's intent (its lease is live): that run is creating it now. */
  | 'in-progress';

export interface PlanAction {
  key: string;
  kind: ActionKind;
  file?: string;
  line?: number;
  /** For `scheduled`: when the pin becomes due. */
  at?: Date;
  /** Why: the cap that held a pin back, the error that made it invalid, a blocked recreate. */
  reason?: string;
  /** For `update`: which fields change. */
  changes?: string[];
  /** The published pin, for update, recreate, delete and unchanged. */
  pinId?: string;
  /** For a renamed file: the ledger key the pin was published under. */
  renamedFrom?: string;
  /** `recreate` without `allow_recreate`: shown, not carried out. */
  blocked?: boolean;
  desired?: DesiredPin;
  entry?: LedgerEntry;
}

export interface Plan {
  now: Date;
  actions: PlanAction[];
  /** Published pins whose files are gone, with `prune` off: reported, never deleted. */
  removed: { key: string; pinId?: string }[];
  /** What rules (and interval pinning) do in this run or later. */
  rules: RuleAction[];
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
}

const WRITES: ReadonlySet<ActionKind> = new Set(['create', 'update', 'recreate', 'delete']);

/**
 * The plan: the same pure computation for the PR comment, a dry run and a publish. It compares
 * what the repository wants with what the ledger says was published, and schedules creates by
 * `publish_at` (with deterministic jitter), posting windows, link spacing and the caps.
 */
export function plan(input: PlanInput): Plan {
  const { ledger, settings, now } = input;
  const zone = settings.timezone ?? 'UTC';
  const desired = input.desired.filter((d) => !input.only || input.only(d.file));
  const wanted = new Set(input.desired.map((d) => d.key));
  const orphans = new Map(Object.entries(ledger.pins).filter(([key]) => !wanted.has(key)));
  const actions: PlanAction[] = [];
  const candidates: { action: PlanAction; due: Date }[] = [];
  const published: { d: DesiredPin; entry: LedgerEntry }[] = [];

  for (const d of desired) {
    const base = { key: d.key, file: d.file, line: d.line, desired: d };
    if (d.invalid) {
      actions.push({ ...base, kind: 'invalid', reason: d.invalid });
      continue;
    }
    if (d.status === 'draft') {
      actions.push({ ...base, kind: 'draft' });
      continue;
    }
    let entry = own(ledger.pins, d.key);
    let renamedFrom: string | undefined;
    if (!entry) {
      // A file renamed (or an id changed): the same content and media under a key the ledger has
      // but the repository no longer uses is the same pin, not a new one.
      for (const [key, e] of orphans) {
        const same = e.identity ? e.identity === d.identityFingerprint : e.content === d.contentFingerprint;
        if (e.state === 'published' && same && e.media === d.mediaFingerprint) {
          entry = e;
          renamedFrom = key;
          orphans.delete(key);
          break;
        }
      }
    }
    const heldFor = input.held?.get(d.key);
    if (heldFor) {
      actions.push({ ...base, kind: 'held', reason: heldFor, ...(entry?.pin_id ? { pinId: entry.pin_id } : {}) });
      continue;
    }
    const withEntry = entry ? { ...base, entry, ...(entry.pin_id ? { pinId: entry.pin_id } : {}), ...(renamedFrom ? { renamedFrom } : {}) } : base;
    if (entry?.state === 'intent' && leaseLive(entry.lease_until, input.leaseNow ?? now)) {
      actions.push({
        ...withEntry,
        kind: 'in-progress',
        reason: `run ${entry.run} is creating it now (its lease lasts until ${entry.lease_until}); this run leaves it alone`,
      });
      continue;
    }
    if (entry?.state === 'intent') {
      actions.push({
        ...withEntry,
        kind: 'unknown',
        reason: `an earlier run (${entry.run}) sent or was about to send a create; it is looked for on the board before anything is sent again`,
      });
      continue;
    }
    if (entry) {
      if (entry.media !== d.mediaFingerprint) {
        actions.push({
          ...withEntry,
          kind: 'recreate',
          ...(settings.allow_recreate
            ? {}
            : { blocked: true, reason: 'the media changed, which the API cannot edit; set allow_recreate: true to delete and create the pin again' }),
        });
      } else if (entry.content !== d.contentFingerprint || entry.board !== d.board) {
        actions.push({ ...withEntry, kind: 'update', changes: changedFields(entry, d) });
        published.push({ d, entry });
      } else {
        actions.push({ ...withEntry, kind: 'unchanged' });
        published.push({ d, entry });
      }
      continue;
    }
    const jitter = durationMs(settings.schedule.jitter);
    const wantedAt = d.publishAt ? new Date(d.publishAt.getTime() + Math.floor(unitHash(d.key) * jitter)) : now;
    const due = nextInWindow(new Date(Math.max(wantedAt.getTime(), now.getTime())), settings.schedule.windows, zone);
    const action: PlanAction = { ...base, kind: 'create' };
    if (due > now) actions.push({ ...action, kind: 'scheduled', at: due, reason: wantedAt > now ? 'publish_at' : 'outside the posting windows' });
    else candidates.push({ action, due: wantedAt });
  }

  // Creates that are due: earliest first; caps and link spacing hold some back.
  candidates.sort((a, b) => a.due.getTime() - b.due.getTime() || (a.action.key < b.action.key ? -1 : 1));
  const spacing = durationMs(settings.schedule.min_link_spacing);
  const lastForLink = new Map<string, number>();
  const today = dayOf(now, zone);
  let createdToday = 0;
  const nowMs = now.getTime();
  for (const e of Object.values(ledger.pins)) {
    if (!e.published_at) continue;
    const t = Date.parse(e.published_at);
    // Only recent pins can be today's or inside the spacing: skip the calendar and URL work for the rest.
    if (e.link && spacing > 0 && nowMs - t < spacing) lastForLink.set(linkKey(e.link), Math.max(lastForLink.get(linkKey(e.link)) ?? 0, t));
    if (Math.abs(nowMs - t) < 2 * 86_400_000 && dayOf(new Date(t), zone) === today) createdToday++;
    // Saves to other boards are new pins on Pinterest too: they count against the day's cap.
    for (const s of e.saves ?? []) if (Math.abs(nowMs - Date.parse(s.at)) < 2 * 86_400_000 && dayOf(new Date(s.at), zone) === today) createdToday++;
  }
  let createdThisRun = 0;
  for (const { action } of candidates) {
    const link = action.desired?.link;
    const last = link ? lastForLink.get(linkKey(link)) : undefined;
    if (spacing > 0 && last !== undefined && now.getTime() - last < spacing) {
      actions.push({
        ...action,
        kind: 'scheduled',
        at: new Date(last + spacing),
        reason: `min_link_spacing: ${link} was pinned less than ${settings.schedule.min_link_spacing} ago`,
      });
      continue;
    }
    const cap =
      createdThisRun >= settings.schedule.max_per_run
        ? `max_per_run: ${settings.schedule.max_per_run}`
        : createdToday >= settings.schedule.max_per_day
          ? `max_per_day: ${settings.schedule.max_per_day}`
          : undefined;
    if (cap) {
      actions.push({ ...action, kind: 'rate-capped', reason: cap });
      continue;
    }
    actions.push(action);
    createdThisRun++;
    createdToday++;
    if (link) lastForLink.set(linkKey(link), now.getTime());
  }
  const removed: Plan['removed'] = [];
  for (const [key, e] of orphans) {
    if (input.only && !input.only(key)) continue;
    if (settings.prune && e.pin_id) actions.push({ key, kind: 'delete', pinId: e.pin_id, entry: e, reason: 'its file was removed and prune is on' });
    else removed.push({ key, ...(e.pin_id ? { pinId: e.pin_id } : {}) });
  }
  actions.sort(byKindThenKey);
  // `limit` counts every write, in the order they would be carried out.
  let writes = 0;
  if (input.limit !== undefined) {
    for (const a of actions)
      if (WRITES.has(a.kind) && !a.blocked && ++writes > input.limit) Object.assign(a, { kind: 'rate-capped', reason: `limit: ${input.limit} write(s) in this run` });
    actions.sort(byKindThenKey);
  }

  // Rules come after the pins' own actions and obey the same limits: windows, link spacing, caps.
  const rules = ruleCandidates({ pins: published, settings, now, leaseNow: input.leaseNow ?? now, ...(input.figures ? { figures: input.figures } : {}) });
  const touched = new Set<string>();
  const windowOpen = nextInWindow(now, settings.schedule.windows, zone);
  for (const r of rules.filter((x) => x.status === 'due').sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const link = r.kind === 'republish' ? r.desired?.link : undefined;
    const last = link ? lastForLink.get(linkKey(link)) : undefined;
    const held = (status: RuleAction['status'], reason: string, at?: Date) => Object.assign(r, { status, reason, ...(at ? { at } : {}) });
    if (touched.has(r.key)) held('rate-capped', 'one rule action per pin per run: the next run does this one');
    else if (windowOpen > now) held('scheduled', 'outside the posting windows', windowOpen);
    else if (spacing > 0 && last !== undefined && nowMs - last < spacing)
      held('scheduled', `min_link_spacing: ${link} was pinned less than ${settings.schedule.min_link_spacing} ago`, new Date(last + spacing));
    else if (createdThisRun >= settings.schedule.max_per_run) held('rate-capped', `max_per_run: ${settings.schedule.max_per_run}`);
    else if (createdToday >= settings.schedule.max_per_day) held('rate-capped', `max_per_day: ${settings.schedule.max_per_day}`);
    else if (input.limit !== undefined && ++writes > input.limit) held('rate-capped', `limit: ${input.limit} write(s) in this run`);
    else {
      touched.add(r.key);
      createdThisRun++;
      createdToday++;
      if (link) lastForLink.set(linkKey(link), nowMs);
    }
  }
  const RULE_ORDER: RuleAction['status'][] = ['unknown', 'in-progress', 'due', 'rate-capped', 'scheduled', 'not-possible'];
  rules.sort((a, b) => RULE_ORDER.indexOf(a.status) - RULE_ORDER.indexOf(b.status) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || (a.rule < b.rule ? -1 : 1));
  return { now, actions, removed, rules };
}

const ORDER: ActionKind[] = ['unknown', 'in-progress', 'held', 'create', 'update', 'recreate', 'delete', 'rate-capped', 'scheduled', 'unchanged', 'draft', 'invalid'];

function byKindThenKey(a: PlanAction, b: PlanAction): number {
  return ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || (a.at && b.at ? a.at.getTime() - b.at.getTime() : 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Links compare without their UTM parameters: the destination is what spacing is about. */
function linkKey(link: string): string {
  if (!link.includes('utm_')) return link;
  try {
    const u = new URL(link);
    for (const k of [...u.searchParams.keys()]) if (k.startsWith('utm_')) u.searchParams.delete(k);
    return u.href;
  } catch {
    return link;
  }
}

/** Which fields an update changes (the ledger keeps a fingerprint, plus board and title). */
function changedFields(entry: LedgerEntry, d: DesiredPin): string[] {
  const out: string[] = [];
  if (entry.board !== d.board) out.push('board');
  if (entry.title !== d.title) out.push('title');
  if ((entry.link ?? undefined) !== d.link) out.push('link');
  if (out.length === 0) out.push('description, alt text, section or colour');
  return out;
}
