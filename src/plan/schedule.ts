import { DateTime } from 'luxon';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

interface Window {
  days: Set<number>;
  from: number;
  to: number;
}

/** `mon-fri 08:00-20:00` or `08:00-20:00` (the settings schema checked the form). Days are 1–7, Monday first. */
export function parseWindow(s: string): Window {
  const m = /^(?:(\w{3})(?:-(\w{3}))? )?(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(s);
  if (!m) throw new Error(`bad window "${s}"`);
  const first = m[1] ? DAYS.indexOf(m[1]) + 1 : 1;
  const last = m[2] ? DAYS.indexOf(m[2]) + 1 : m[1] ? first : 7;
  const days = new Set<number>();
  for (let d = first; ; d = (d % 7) + 1) {
    days.add(d);
    if (d === last) break;
  }
  return { days, from: Number(m[3]) * 60 + Number(m[4]), to: Number(m[5]) * 60 + Number(m[6]) };
}

/**
 * The earliest moment at or after `at` inside a posting window, in `zone`. No windows: `at` itself.
 */
export function nextInWindow(at: Date, windows: readonly string[], zone: string): Date {
  if (windows.length === 0) return at;
  // Most pins of a run ask about the same moment (now): answer each moment once.
  const key = `${at.getTime()}|${zone}|${windows.join(',')}`;
  const hit = windowMemo.get(key);
  if (hit) return hit;
  const found = computeNextInWindow(at, windows, zone);
  if (windowMemo.size > 10_000) windowMemo.clear();
  windowMemo.set(key, found);
  return found;
}

const windowMemo = new Map<string, Date>();

function computeNextInWindow(at: Date, windows: readonly string[], zone: string): Date {
  const parsed = windows.map(parseWindow);
  const start = DateTime.fromJSDate(at, { zone });
  let best: DateTime | undefined;
  for (let day = 0; day <= 7; day++) {
    const date = start.plus({ days: day }).startOf('day');
    for (const w of parsed) {
      if (!w.days.has(date.weekday)) continue;
      const open = date.plus({ minutes: w.from });
      const close = date.plus({ minutes: w.to });
      const candidate = day === 0 && start >= open && start < close ? start : open;
      if (candidate >= start && candidate < close && (!best || candidate < best)) best = candidate;
    }
    if (best) break;
  }
  return best ? best.toJSDate() : at;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of `at` in `zone`, as `YYYY-MM-DD` (for max_per_day). One formatter per zone. */
export function dayOf(at: Date, zone: string): string {
  let f = dayFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(zone, f);
  }
  return f.format(at);
}
