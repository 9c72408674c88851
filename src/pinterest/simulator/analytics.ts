import { DAY_MS, utcDate, utcMidnight } from '../../util/duration.js';
import { unitHash as unit } from '../../util/hash.js';
import type { SimPin } from './types.js';
import { type Answer, err, type Route, type SimRequest, type World } from './world.js';

type DailyMetrics = { date: string; data_status: string; metrics: Record<string, number> };

/**
 * GET /pins/{pin_id}/analytics: daily metrics as Pinterest reports them: made up, but deterministic
 * per pin and day, none before the pin was created, today's still PROCESSING; and the API's own
 * 90-day window enforced.
 */
function pinAnalytics(world: World, { params, query }: SimRequest): Answer {
  if (world.opts.sandbox) return err(403, 3, 'This endpoint is not available in the API Sandbox.');
  const pinId = params.pin_id ?? '';
  const pin = world.state.pins.get(pinId);
  if (!pin) return err(404, 404, 'Pin not found.');
  const start = query.get('start_date') ?? '';
  const end = query.get('end_date') ?? '';
  const types = (query.get('metric_types') ?? '').split(',').filter(Boolean);
  const today = utcMidnight(world.clock());
  const invalid = windowProblem(start, end, types, today);
  if (invalid) return err(400, 400, invalid);
  const daily: DailyMetrics[] = [];
  const summary: Record<string, number> = {};
  for (let t = utcMidnight(start); t <= utcMidnight(end); t += DAY_MS) {
    const date = utcDate(t);
    const all = figuresOfDay(world, pin, t);
    if (!all) {
      daily.push({ date, data_status: 'BEFORE_PIN_CREATED', metrics: {} });
      continue;
    }
    const metrics = Object.fromEntries(types.filter((k) => k in all).map((k) => [k, all[k] as number]));
    for (const [k, v] of Object.entries(metrics)) summary[k] = (summary[k] ?? 0) + v;
    daily.push({ date, data_status: t >= today ? 'PROCESSING' : 'READY', metrics });
  }
  return { status: 200, body: { all: { daily_metrics: daily, summary_metrics: summary, lifetime_metrics: {} } } };
}

/** Every metric of a pin on the day starting at `t`; undefined before the pin was created. */
function figuresOfDay(world: World, pin: SimPin, t: number): Record<string, number> | undefined {
  if (t < createdDay(world, pin)) return undefined;
  const video = (pin.media as { media_type?: string } | undefined)?.media_type === 'video';
  // Some pins do well and some do not: a per-pin popularity, then per-day noise.
  const popularity = 0.1 + 2 * unit(`${pin.parent_pin_id ?? pin.id}`);
  return metricsOfDay(pin.id, utcDate(t), video, popularity);
}

const createdDay = (world: World, pin: SimPin) => utcMidnight(pin.created_at ? Date.parse(pin.created_at) : world.clock());

/**
 * A pin's `pin_metrics` (`GET /pins?pin_metrics=true`, `GET /boards/{id}/pins?pin_metrics=true`):
 * the totals of the same daily figures, over the 90 days before today and over the pin's life,
 * under the names of the spec's example (`impression`, `pin_click`, `clickthrough`; lifetime also
 * `reaction` and `comment`, which this account never gets).
 */
export function pinMetrics(world: World, pin: SimPin): { '90d': Record<string, number>; lifetime_metrics: Record<string, number> } {
  const today = utcMidnight(world.clock());
  const recent = { pin_click: 0, impression: 0, clickthrough: 0 };
  const lifetime = { pin_click: 0, impression: 0, clickthrough: 0 };
  for (let t = Math.max(createdDay(world, pin), today - 3650 * DAY_MS); t < today; t += DAY_MS) {
    const m = figuresOfDay(world, pin, t) ?? {};
    for (const into of t >= today - 90 * DAY_MS ? [recent, lifetime] : [lifetime]) {
      into.impression += m.IMPRESSION ?? 0;
      into.pin_click += m.PIN_CLICK ?? 0;
      into.clickthrough += m.OUTBOUND_CLICK ?? 0;
    }
  }
  return { '90d': recent, lifetime_metrics: { ...lifetime, reaction: 0, comment: 0 } };
}

/** The pins of a listing, with their `pin_metrics` when the request asked for them (`pin_metrics=true`). */
export function withPinMetrics(world: World, pins: SimPin[], query: URLSearchParams): object[] {
  // The generated type of `pin_metrics` is an empty object (the spec gives only an example).
  return query.get('pin_metrics') === 'true' ? pins.map((p) => ({ ...p, pin_metrics: pinMetrics(world, p) })) : pins;
}

/** What is wrong with the parameters, as the API words it, or `undefined`. */
function windowProblem(start: string, end: string, types: string[], today: number): string | undefined {
  const day = utcMidnight;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end) || types.length === 0) return 'Invalid pins analytics parameters.';
  if (day(start) < today - 90 * DAY_MS) return 'Invalid pins analytics parameters: start_date cannot be more than 90 days back from today.';
  if (day(end) < day(start) || day(end) - day(start) > 90 * DAY_MS) return 'Invalid pins analytics parameters: end_date must be within 90 days after start_date.';
  return undefined;
}

/** Every metric of a pin on a day (videos have more), from which a request picks its `metric_types`. */
function metricsOfDay(pinId: string, date: string, video: boolean, popularity: number): Record<string, number> {
  const impressions = Math.round((40 + 400 * unit(`${pinId}:${date}:i`)) * popularity);
  const all: Record<string, number> = {
    IMPRESSION: impressions,
    SAVE: Math.round(impressions * 0.03 * unit(`${pinId}:${date}:s`)),
    PIN_CLICK: Math.round(impressions * 0.05 * unit(`${pinId}:${date}:p`)),
    OUTBOUND_CLICK: Math.round(impressions * 0.02 * unit(`${pinId}:${date}:o`)),
  };
  all.SAVE_RATE = impressions ? Math.round(((all.SAVE ?? 0) / impressions) * 1e4) / 1e4 : 0;
  if (video) {
    all.VIDEO_START = Math.round(impressions * 0.3 * unit(`${pinId}:${date}:vs`));
    all.VIDEO_MRC_VIEW = Math.round((all.VIDEO_START ?? 0) * 0.6);
    all.VIDEO_AVG_WATCH_TIME = Math.round(2000 + 6000 * unit(`${pinId}:${date}:vw`));
  }
  return all;
}

export const ANALYTICS_ROUTES: Route[] = [['GET', '/pins/{pin_id}/analytics', pinAnalytics]];
