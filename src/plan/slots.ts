import { DateTime } from 'luxon';
import type { Ledger } from '../ledger/format.js';
import { parseWindow } from './schedule.js';

/**
 * The posting queue: weekly slots (`schedule.slots`, in the settings' time zone) that queued pins
 * (`publish_at: next`, or none with `schedule.queue: true`) fill in a stable order. A slot is used
 * once a pin went out in it, whichever pin: the ledger's publish times say which slots are taken,
 * so nothing of the queue is kept anywhere but in the files and the ledger.
 */

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** How far ahead the queue looks for free slots: a queue longer than a year is a mistake worth an error. */
const HORIZON_DAYS = 366;
/**
 * A pin counts for a slot from this long before it: its time is Pinterest's `created_at`, and
 * Pinterest's clock may be behind the runner's, so a pin a run sent just after 09:00 can be dated
 * 08:59:58. Counted for the slot before, it would leave 09:00 looking free for the next run.
 */
export const SLOT_SKEW_MS = 5 * 60_000;

/** `mon-fri` → {1..5}, `sat` → {6}, `daily` → all; Monday is 1. */
export function slotDays(spec: string): Set<number> {
  if (spec === 'daily') return new Set([1, 2, 3, 4, 5, 6, 7]);
  const [first, last = first] = spec.split('-').map((d) => DAYS.indexOf(d) + 1) as [number, number?];
  const days = new Set<number>();
  for (let d = first; ; d = (d % 7) + 1) {
    days.add(d);
    if (d === last) break;
  }
  return days;
}

/** Each weekday's slot times, as minutes of the day, sorted and without repeats. */
function weekly(slots: Readonly<Record<string, readonly string[]>>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const [spec, times] of Object.entries(slots)) {
    for (const day of slotDays(spec)) {
      const list = out.get(day) ?? [];
      for (const t of times) list.push(Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)));
      out.set(
        day,
        [...new Set(list)].sort((a, b) => a - b),
      );
    }
  }
  return out;
}

/**
 * The slot instants from the last slot at or before `from` onwards, up to `until`. A slot is a
 * wall-clock time in `zone`: 09:00 stays 09:00 across a DST change. A time the change skips
 * (02:30 on the spring-forward night) moves on by the hour skipped (03:30), and a slot that then
 * meets another counts once; a time the change repeats is the one after the change (luxon's choice).
 */
export function slotInstants(slots: Readonly<Record<string, readonly string[]>>, zone: string, from: Date, until: Date): Date[] {
  const byDay = weekly(slots);
  if (byDay.size === 0) return [];
  const start = DateTime.fromJSDate(from, { zone }).startOf('day').minus({ days: 7 });
  const all: Date[] = [];
  for (let day = start; day.toMillis() <= until.getTime(); day = day.plus({ days: 1 })) {
    for (const minute of byDay.get(day.weekday) ?? []) {
      const at = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: Math.floor(minute / 60), minute: minute % 60 }, { zone }).toJSDate();
      if (at <= until) all.push(at);
    }
  }
  all.sort((a, b) => a.getTime() - b.getTime());
  // Two slots can fall on one instant when a DST change skips one of them (02:30 and 03:30).
  for (let i = all.length - 1; i > 0; i--) if (all[i]?.getTime() === all[i - 1]?.getTime()) all.splice(i, 1);
  const last = all.findLastIndex((t) => t <= from);
  return all.slice(Math.max(0, last));
}

/** Slot times (per day spec) that no posting window allows, as `mon 07:00`: validation reports them. */
export function slotsOutsideWindows(slots: Readonly<Record<string, readonly string[]>>, windows: readonly string[]): string[] {
  if (windows.length === 0) return [];
  const parsed = windows.map(parseWindow);
  const out: string[] = [];
  for (const [day, minutes] of weekly(slots)) {
    for (const m of minutes) if (!parsed.some((w) => w.days.has(day) && m >= w.from && m < w.to)) out.push(`${DAYS[day - 1]} ${hhmm(m)}`);
  }
  return out;
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * The free slots, in order, from the slot just passed (a run shortly after a slot fills it) to a
 * year ahead. A slot is taken when the ledger has a pin (or a save, or an earlier pin of a
 * republished one) published from that slot until the next (each from SLOT_SKEW_MS before).
 */
export class SlotQueue {
  private readonly free: Date[];
  private next = 0;

  constructor(slots: Readonly<Record<string, readonly string[]>>, zone: string, ledger: Ledger, now: Date) {
    const all = slotInstants(slots, zone, now, new Date(now.getTime() + HORIZON_DAYS * 86_400_000));
    const first = (all[0]?.getTime() ?? Number.POSITIVE_INFINITY) - SLOT_SKEW_MS;
    const published = publishTimes(ledger).filter((t) => t >= first);
    this.free = all.filter((slot, i) => {
      const end = (all[i + 1]?.getTime() ?? Number.POSITIVE_INFINITY) - SLOT_SKEW_MS;
      return !published.some((t) => t >= slot.getTime() - SLOT_SKEW_MS && t < end);
    });
  }

  /** The next free slot, taken; undefined past the horizon. */
  take(): Date | undefined {
    return this.free[this.next++];
  }
}

/** Every moment the ledger says pinops put a pin on Pinterest. */
function publishTimes(ledger: Ledger): number[] {
  const out: number[] = [];
  for (const e of Object.values(ledger.pins)) {
    if (e.published_at) out.push(Date.parse(e.published_at));
    for (const s of e.saves ?? []) out.push(Date.parse(s.at));
    for (const p of e.earlier ?? []) out.push(Date.parse(p.at));
  }
  return out;
}
