/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

const UNIT: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

/** The UTC date of a time, YYYY-MM-DD (Pinterest's analytics days are UTC days). */
export const utcDate = (t: number | Date): string => new Date(t).toISOString().slice(0, 10);

/** The start (UTC midnight) of a day given as a time or as YYYY-MM-DD. */
export const utcMidnight = (t: number | Date | string): number => Date.parse(`${typeof t === 'string' ? t : utcDate(t)}T00:00:00Z`);

/** The longest duration there is: a century. Longer ones (`99999999999w`) mean the same and keep every date a valid one. */
const MAX_MS = 100 * 366 * DAY_MS;

/** `48h`, `1d12h`, `30m`, `2w`, `90s` → milliseconds (the settings schema has already checked the form), at most a century. */
export function durationMs(s: string): number {
  let ms = 0;
  for (const m of s.matchAll(/(\d+)([wdhms])/g)) ms += Number(m[1]) * (UNIT[m[2] as string] as number);
  return Math.min(ms, MAX_MS);
}
