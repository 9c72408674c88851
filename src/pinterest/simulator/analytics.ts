import { DAY_MS, utcDate, utcMidnight } from '../../util/duration.js';
import { unitHash as unit } from '../../util/hash.js';
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
  const created = utcMidnight(pin.created_at ? Date.parse(pin.created_at) : world.clock());
  const video = (pin.media as { media_type?: string } | undefined)?.media_type === 'video';
  // Some pins do well and some do not: a per-pin popularity, then per-day noise.
  const popularity = 0.1 + 2 * unit(`${pin.parent_pin_id ?? pinId}`);
  const daily: DailyMetrics[] = [];
  const summary: Record<string, number> = {};
  for (let t = utcMidnight(start); t <= utcMidnight(end); t += DAY_MS) {
    const date = utcDate(t);
    if (t < created) {
      daily.push({ date, data_status: 'BEFORE_PIN_CREATED', metrics: {} });
      continue;
    }
    const all = metricsOfDay(pinId, date, video, popularity);
    const metrics = Object.fromEntries(types.filter((k) => k in all).map((k) => [k, all[k] as number]));
    for (const [k, v] of Object.entries(metrics)) summary[k] = (summary[k] ?? 0) + v;
    daily.push({ date, data_status: t >= today ? 'PROCESSING' : 'READY', metrics });
  }
  return { status: 200, body: { all: { daily_metrics: daily, summary_metrics: summary, lifetime_metrics: {} } } };
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
