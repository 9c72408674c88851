import { DateTime } from 'luxon';
import type { Ledger } from '../ledger/format.js';
import type { DesiredPin } from './desired.js';
import type { Plan } from './plan.js';
import { slotDays } from './slots.js';

/**
 * The schedule as a calendar: weeks of seven days (Monday first, in the settings' time zone), a
 * row per posting time (the slots, and any other time a pin is due at), and in each cell the pins
 * of that day and time. Pure: the same plan, ledger and `now` give the same calendar.
 */
export interface CalendarModel {
  zone: string;
  /** The first day shown: Monday of `now`'s week. */
  from: string;
  weeks: CalendarWeek[];
  /** Posting times, `HH:mm`, sorted. */
  rows: string[];
}

export interface CalendarWeek {
  /**
   * Each day: its posting slots (`HH:mm`), shown as empty boxes where no pin takes them; today's
   * from the one just passed (a run may still fill it), none of the days gone by.
   */
  days: { date: string; label: string; past: boolean; slots: string[] }[];
}

export interface CalendarItem {
  key: string;
  title: string;
  board: string;
  /** When it goes (or went) out. */
  at: Date;
  /** `HH:mm` local: its row. */
  time: string;
  /** `yyyy-LL-dd` local: its column. */
  date: string;
  state: 'published' | 'due' | 'scheduled';
  /** The pin's file as it is now, for its thumbnail (a published pin whose file is gone has none). */
  desired?: DesiredPin;
  /** Shown highlighted: the pull request adds or moves it. */
  highlight?: boolean;
}

export interface CalendarInput {
  plan: Plan;
  ledger: Ledger;
  desired: readonly DesiredPin[];
  now: Date;
  zone: string;
  weeks: number;
  slots: Readonly<Record<string, readonly string[]>>;
  /** Keys to highlight (a PR's added or moved pins). */
  highlight?: ReadonlySet<string>;
}

export function calendarModel(input: CalendarInput): { model: CalendarModel; items: CalendarItem[] } {
  const start = DateTime.fromJSDate(input.now, { zone: input.zone }).startOf('week');
  const end = start.plus({ weeks: input.weeks });
  const inRange = (d: Date) => d >= start.toJSDate() && d < end.toJSDate();
  const items = [...plannedItems(input, start.toJSDate()), ...publishedItems(input, start.toJSDate())].filter((i) => inRange(i.at));
  items.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.key < b.key ? -1 : 1));
  const local = DateTime.fromJSDate(input.now, { zone: input.zone });
  const today = local.toISODate() as string;
  const weeks: CalendarWeek[] = [];
  for (let w = 0; w < input.weeks; w++) {
    const days = Array.from({ length: 7 }, (_, i) => {
      const day = start.plus({ weeks: w, days: i });
      const date = day.toISODate() as string;
      const slots = date < today ? [] : slotsOn(input.slots, day.weekday);
      return { date, label: day.toFormat('ccc d LLL'), past: date < today, slots: date === today ? fromLastPassed(slots, local.toFormat('HH:mm')) : slots };
    });
    weeks.push({ days });
  }
  const rows = new Set(Object.values(input.slots).flat());
  for (const i of items) rows.add(i.time);
  return { model: { zone: input.zone, from: start.toISODate() as string, weeks, rows: [...rows].sort() }, items };
}

/** Today's slot times from the last at or before `now` (`HH:mm`): those before it can no longer be filled. */
function fromLastPassed(times: string[], now: string): string[] {
  const passed = times.filter((t) => t <= now).length;
  return times.slice(Math.max(0, passed - 1));
}

/** The slot times of a weekday (1 = Monday), sorted. */
function slotsOn(slots: CalendarInput['slots'], weekday: number): string[] {
  return [...new Set(Object.entries(slots).flatMap(([spec, times]) => (slotDays(spec).has(weekday) ? times : [])))].sort();
}

function item(input: CalendarInput, base: Omit<CalendarItem, 'time' | 'date'>): CalendarItem {
  const local = DateTime.fromJSDate(base.at, { zone: input.zone });
  return { ...base, time: local.toFormat('HH:mm'), date: local.toISODate() as string, ...(input.highlight?.has(base.key) ? { highlight: true } : {}) };
}

/**
 * Pins this run creates (due now, or at their slot just passed; at now when that slot is before
 * the first day shown, as on a Monday morning after Saturday's slot) and pins scheduled later.
 */
function plannedItems(input: CalendarInput, from: Date): CalendarItem[] {
  const out: CalendarItem[] = [];
  for (const a of input.plan.actions) {
    if (!a.desired || (a.kind !== 'create' && a.kind !== 'scheduled')) continue;
    const at = a.kind === 'scheduled' ? a.at : a.slot && a.slot >= from ? a.slot : input.now;
    if (!at) continue;
    out.push(item(input, { key: a.key, title: a.desired.title, board: a.desired.board, at, state: a.kind === 'create' ? 'due' : 'scheduled', desired: a.desired }));
  }
  return out;
}

/** Pins the ledger says went out since the first day shown: greyed. */
function publishedItems(input: CalendarInput, from: Date): CalendarItem[] {
  const byKey = new Map(input.desired.map((d) => [d.key, d]));
  const out: CalendarItem[] = [];
  for (const [key, e] of Object.entries(input.ledger.pins)) {
    if (e.state !== 'published' || !e.published_at) continue;
    const at = new Date(e.published_at);
    if (at < from || at > input.now) continue;
    const d = byKey.get(key);
    out.push(item(input, { key, title: e.title, board: e.board, at, state: 'published', ...(d ? { desired: d } : {}) }));
  }
  return out;
}
