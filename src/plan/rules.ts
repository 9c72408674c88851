import picomatch from 'picomatch';
import { type LedgerEntry, leaseLive } from '../ledger/format.js';
import { missingFields } from '../render/layout.js';
import type { EvergreenRuleT, SaveRuleT, Settings } from '../settings/schema.js';
import { own } from '../util/dict.js';
import { DAY_MS, durationMs, utcDate } from '../util/duration.js';
import { type DesiredPin, pinImage } from './desired.js';

/** A pin's figures for one day (from analytics/), for rules with thresholds. */
export interface DayFigures {
  date: string;
  impressions: number;
  saves: number;
  pin_clicks: number;
  outbound_clicks: number;
}

/** What a rule does to one published pin in this run, or when it will. */
/** Where a rule action stands. */
export const RULE_STATUSES = ['due', 'scheduled', 'rate-capped', 'unknown', 'in-progress', 'not-possible'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

export interface RuleAction {
  key: string;
  /** The rule's name; `interval` for the pin's own `boards:` list. */
  rule: string;
  kind: 'save' | 'republish';
  /** due: done in this run; unknown: an earlier run's attempt is looked for first; in-progress: another run is doing it now. */
  status: RuleStatus;
  /** save: the board (and section) saved to. */
  board?: string;
  section?: string;
  /** republish: the template of the fresh creative. */
  template?: string;
  at?: Date;
  reason: string;
  pinId?: string;
  desired?: DesiredPin;
  entry?: LedgerEntry;
}

/**
 * The rule actions that apply to the pins now, before caps: interval pinning of a pin's
 * `boards:` list, `save_to` rules whose thresholds are reached, evergreen republishing. Pure.
 */
export function ruleCandidates(input: {
  pins: readonly { d: DesiredPin; entry: LedgerEntry }[];
  settings: Settings;
  now: Date;
  /** The wall-clock time for pending actions' leases (default `now`). */
  leaseNow?: Date;
  figures?: ReadonlyMap<string, readonly DayFigures[]>;
}): RuleAction[] {
  const { settings, now } = input;
  const out: RuleAction[] = [];
  const saveRules = settings.rules.filter((r): r is SaveRuleT => 'save_to' in r).map(withMatcher);
  const evergreen = settings.rules.filter((r): r is EvergreenRuleT => 'republish_after' in r).map(withMatcher);
  for (const { d, entry } of input.pins) {
    if (entry.state !== 'published' || !entry.pin_id) continue;
    // Most pins have nothing begun, no boards to be saved to and no rule: nothing to work out for them.
    if (!entry.pending && d.saves.length === 0 && saveRules.length === 0 && evergreen.length === 0) continue;
    const pin: PinActions = { key: d.key, pinId: entry.pin_id, desired: d, entry };
    // An action an earlier run began is settled first: the pin gets no other action until then.
    if (entry.pending) {
      out.push(pendingAction(pin, entry.pending, input.leaseNow ?? now));
      continue;
    }
    const savedTo = new Set([entry.board.toLowerCase(), ...(entry.saves ?? []).map((s) => s.board.toLowerCase())]);
    const interval = intervalSave(pin, savedTo, now);
    if (interval) out.push(interval);
    for (const rule of saveRules) {
      if (!rule.only || rule.only(d.file)) out.push(...thresholdSaves(pin, rule.r, savedTo, input.figures, now));
    }
    for (const rule of evergreen) {
      if (!rule.only || rule.only(d.file)) out.push(republishing(pin, rule.r, settings, now));
    }
  }
  return out;
}

/** A rule with its `only:` glob compiled, once per run rather than once per pin. */
function withMatcher<R extends SaveRuleT | EvergreenRuleT>(r: R): { r: R; only: ((file: string) => boolean) | undefined } {
  return { r, only: r.only ? picomatch(r.only, { dot: true }) : undefined };
}

/** What every action on one published pin carries. */
type PinActions = { key: string; pinId: string; desired: DesiredPin; entry: LedgerEntry };

type Pending = NonNullable<LedgerEntry['pending']>;

/** The action an earlier run began and may not have finished: still under its lease, or to be looked for on the board. */
function pendingAction(pin: PinActions, p: Pending, leaseNow: Date): RuleAction {
  const live = leaseLive(p.lease_until, leaseNow);
  return {
    ...pin,
    rule: p.rule,
    kind: p.kind,
    status: live ? 'in-progress' : 'unknown',
    board: p.board,
    ...(p.section ? { section: p.section } : {}),
    ...(p.template ? { template: p.template } : {}),
    reason: live
      ? `run ${p.run} is doing this ${p.kind} now (its lease lasts until ${p.lease_until})`
      : `run ${p.run} started this ${p.kind} and did not record its outcome; the board is looked at first`,
  };
}

/** Interval pinning: the next board of the `boards:` list, one interval after the last such save (or the publish). */
function intervalSave(pin: PinActions, savedTo: ReadonlySet<string>, now: Date): RuleAction | undefined {
  const { desired: d, entry } = pin;
  const next = d.saves.find((s) => !savedTo.has(s.board.toLowerCase()));
  if (!next) return undefined;
  const intervalSaves = (entry.saves ?? []).filter((s) => s.rule === 'interval');
  const last = Math.max(Date.parse(entry.published_at ?? now.toISOString()), ...intervalSaves.map((s) => Date.parse(s.at)));
  const at = new Date(last + d.intervalMs);
  return {
    ...pin,
    rule: 'interval',
    kind: 'save',
    board: next.board,
    ...(next.section ? { section: next.section } : {}),
    status: at <= now ? 'due' : 'scheduled',
    at,
    reason: `boards: every ${formatDays(d.intervalMs)}`,
  };
}

/** A `save_to` rule's saves to the boards the pin is not on yet, due once its thresholds are reached. */
function thresholdSaves(pin: PinActions, r: SaveRuleT, savedTo: ReadonlySet<string>, figures: ReadonlyMap<string, readonly DayFigures[]> | undefined, now: Date): RuleAction[] {
  const targets = r.save_to.map((t) => (typeof t === 'string' ? { board: t } : { board: String(t.board), ...(t.section ? { section: t.section } : {}) }));
  const todo = targets.filter((t) => !savedTo.has(t.board.toLowerCase()));
  // The figures are only summed for a rule that still has somewhere to save to.
  if (todo.length === 0) return [];
  const reached = thresholdReached(r, figures?.get(pin.key) ?? [], now);
  if (!reached) return [];
  return todo.map((t) => ({ ...pin, rule: r.name, kind: 'save', ...t, status: 'due', reason: reached }));
}

/** An evergreen rule's republishing with the pin's next template, or why it cannot be done. */
function republishing(pin: PinActions, r: EvergreenRuleT, settings: Settings, now: Date): RuleAction {
  const { desired: d, entry } = pin;
  const image = pinImage(d);
  // Each republishing takes the next template in turn.
  const generation = (entry.earlier ?? []).length;
  const template = r.templates[generation % r.templates.length] as string;
  const gaps = unfilledFields(settings, template, d);
  const problem =
    !image || !('path' in image)
      ? 'a fresh creative needs a pin with an image file (not a carousel, video or image URL)'
      : gaps.length
        ? `template "${template}" prints ${gaps.join(', ')}, which the pin's fields do not have`
        : undefined;
  if (problem) return { ...pin, rule: r.name, kind: 'republish', status: 'not-possible', template, reason: problem };
  const at = new Date(Date.parse(entry.published_at ?? now.toISOString()) + durationMs(r.republish_after));
  return { ...pin, rule: r.name, kind: 'republish', template, status: at <= now ? 'due' : 'scheduled', at, reason: `republish_after: ${r.republish_after}` };
}

/** Why a save rule's thresholds are reached (for the plan), or undefined when they are not. */
function thresholdReached(r: SaveRuleT, days: readonly DayFigures[], now: Date): string | undefined {
  const { within, ...thresholds } = r.when;
  const from = utcDate(now.getTime() - durationMs(within));
  const sums = { impressions: 0, saves: 0, pin_clicks: 0, outbound_clicks: 0 };
  for (const f of days) if (f.date >= from) for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] += f[k];
  const parts: string[] = [];
  for (const [k, min] of Object.entries(thresholds) as [keyof typeof sums, number | undefined][]) {
    if (min === undefined) continue;
    if (sums[k] < min) return undefined;
    parts.push(`${sums[k]} ${k.replace('_', ' ')} ≥ ${min}`);
  }
  return `${parts.join(', ')} in ${within}`;
}

/** Fields a template prints that the pin lacks. */
function unfilledFields(settings: Settings, template: string, d: DesiredPin): string[] {
  const t = own(settings.templates, template);
  if (!t) return [`(no template "${template}")`];
  return missingFields({ title: d.title, description: d.description, board: d.board, fields: d.fields, ...(d.link ? { link: d.link } : {}) }, t);
}

function formatDays(ms: number): string {
  return ms % DAY_MS === 0 ? `${ms / DAY_MS}d` : `${Math.round(ms / 3_600_000)}h`;
}
