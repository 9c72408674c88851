import { DAY_MS, utcDate } from '../util/duration.js';

/**
 * Which pins have their daily figures read in a run. Every pin's totals come on every run from the
 * cheap listing (`pin_metrics`, 250 pins a request); a daily series costs one org_analytics
 * request a pin (60 a minute), so a run reads at most `perRun` of them, in this order:
 *
 * 1. pins published (or saved) within `recentDays`, the newest first: their figures change most;
 * 2. pins the listings did not show: a daily read tells whether they were deleted on Pinterest;
 * 3. the others.
 *
 * Within 2 and 3, the longest unread first (never read before all), then by pin id.
 *
 * The order depends only on the ledger and the stored figures, so runs take turns through the
 * older pins without keeping a cursor: each run's reads make those pins the most recently read.
 */
export interface SeriesCandidate {
  pinId: string;
  /** The UTC day it was published (or saved). */
  since: string;
  /** The last day of figures stored for it, if any. */
  lastStored: string | undefined;
  /** Whether the listing with totals showed it. */
  listed: boolean;
}

export function chooseSeries<T extends SeriesCandidate>(all: readonly T[], opts: { perRun: number; recentDays: number; today: number }): { chosen: T[]; deferred: T[] } {
  const recentFrom = utcDate(opts.today - opts.recentDays * DAY_MS);
  const rank = (c: T) => (c.since >= recentFrom ? 0 : c.listed ? 2 : 1);
  const byId = (a: T, b: T) => a.pinId.length - b.pinId.length || (a.pinId < b.pinId ? -1 : a.pinId > b.pinId ? 1 : 0);
  const ordered = [...all].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra - rb;
    if (ra === 0 && a.since !== b.since) return a.since < b.since ? 1 : -1;
    const la = a.lastStored ?? '';
    const lb = b.lastStored ?? '';
    if (la !== lb) return la < lb ? -1 : 1;
    return byId(a, b);
  });
  return { chosen: ordered.slice(0, opts.perRun), deferred: ordered.slice(opts.perRun) };
}

/** The default of `analytics.daily_series_per_run`: two minutes at 60 a minute, or a 24th of a daily cap (hourly runs). */
export function defaultSeriesPerRun(analyticsPerDay: number | undefined): number {
  return analyticsPerDay === undefined ? 120 : Math.max(1, Math.floor(analyticsPerDay / 24));
}
