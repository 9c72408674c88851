import { rm } from 'node:fs/promises';
import { buildCalendar } from '../src/flows/calendar.js';
import { benchRepository } from './bench-repo.js';

export const CALENDAR_PINS = 60;
export const CALENDAR_WEEKS = [2, 8] as const;
const RUNS = 3;
/** Tuesday 1 December 2026, 10:30 in Berlin. */
const NOW = new Date('2026-12-01T09:30:00Z');

export interface CalendarFigure {
  weeks: number;
  /** Median of RUNS, the whole `pinops calendar` work in process: validate, plan, previews, the PNG. */
  ms: number;
  /** The same plan and previews without the calendar: what the calendar itself adds is the difference. */
  baselineMs: number;
  bytes: number;
  pinsShown: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * `pinops calendar` of 60 queued pins over the bench photographs (three weekday slots and one on
 * Saturday, so 60 pins fill about four weeks), for 2 and for 8 weeks, each beside the ICS-only run
 * of the same repository (validation and plan, no previews and no PNG).
 */
export async function calendarBench(): Promise<CalendarFigure[]> {
  const settings = 'timezone: Europe/Berlin\nschedule:\n  slots:\n    mon-fri: ["09:00", "13:30", "20:00"]\n    sat: ["10:00"]\n  queue: true\n  max_per_day: 100\n';
  const { dir, root } = await benchRepository(CALENDAR_PINS, settings);
  try {
    const out: CalendarFigure[] = [];
    for (const weeks of CALENDAR_WEEKS) {
      const times: number[] = [];
      const bases: number[] = [];
      let bytes = 0;
      let pinsShown = 0;
      for (let i = 0; i < RUNS; i++) {
        let t = performance.now();
        await buildCalendar({ root, env: {}, now: NOW, weeks, png: false });
        bases.push(performance.now() - t);
        t = performance.now();
        const r = await buildCalendar({ root, env: {}, now: NOW, weeks, png: true });
        times.push(performance.now() - t);
        bytes = r.png?.length ?? 0;
        pinsShown = r.items.length;
      }
      out.push({ weeks, ms: median(times), baselineMs: median(bases), bytes, pinsShown });
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
