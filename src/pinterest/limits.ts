import type { WaitInfo } from './transport.js';

/**
 * Pinterest's rate limits: per category (the spec's `x-ratelimit-category` of each operation), per
 * user per app. Pinterest documents no rate-limit headers, so pinops paces by the documented
 * values unless answers carry `x-ratelimit-*` headers, which are then believed instead; a
 * pinops.yml `rate_limits:` overrides the values.
 */

/** How many requests of one category may be sent: a minute's worth, and (trial access) a day's. */
export interface CategoryLimit {
  perMinute?: number | undefined;
  perDay?: number | undefined;
}

export type RateLimits = Readonly<Record<string, CategoryLimit>>;

/** The documented values for apps with Standard access. */
export const STANDARD_LIMITS: RateLimits = {
  org_write: { perMinute: 100 },
  org_read: { perMinute: 1000 },
  org_analytics: { perMinute: 60 },
};

/** Trial access adds daily caps: 300 writes and 1,000 analytics requests a day. */
export const TRIAL_LIMITS: RateLimits = {
  org_write: { perMinute: 100, perDay: 300 },
  org_read: { perMinute: 1000 },
  org_analytics: { perMinute: 60, perDay: 1000 },
};

/**
 * The category of a request to Pinterest's API, by its method and path (the spec's
 * `x-ratelimit-category` for every operation pinops calls; test/pinterest/limits.test.ts checks it).
 */
export function categoryOf(method: string, path: string): string {
  if (/\/analytics$/.test(path)) return 'org_analytics';
  if (method === 'GET' || method === 'HEAD' || /\/oauth\/token$/.test(path)) return 'org_read';
  return 'org_write';
}

/** `rate_limits:` of pinops.yml as it is written: an access level, and per-category values that replace its own. */
export interface RateLimitSettings {
  access: 'standard' | 'trial';
  org_write?: { per_minute?: number | undefined; per_day?: number | undefined } | undefined;
  org_read?: { per_minute?: number | undefined; per_day?: number | undefined } | undefined;
  org_analytics?: { per_minute?: number | undefined; per_day?: number | undefined } | undefined;
}

/** The limits a run keeps to: the access level's documented values, with those the settings give instead. */
export function limitsFrom(settings: RateLimitSettings): RateLimits {
  const base = settings.access === 'trial' ? TRIAL_LIMITS : STANDARD_LIMITS;
  const out: Record<string, CategoryLimit> = {};
  for (const category of ['org_write', 'org_read', 'org_analytics'] as const) {
    const given = settings[category];
    out[category] = { ...base[category], ...(given?.per_minute ? { perMinute: given.per_minute } : {}), ...(given?.per_day ? { perDay: given.per_day } : {}) };
  }
  return out;
}

/**
 * What a wait says, in the CLI's and the action's log: "rate-limited (org_write): waiting 15 s,
 * 142 of 300 done". A wait shorter than a second is not worth a line (undefined).
 */
export function waitText(w: WaitInfo): string | undefined {
  if (w.ms < 1000) return undefined;
  const done = w.total ? `, ${w.done ?? 0} of ${w.total} done` : '';
  return `${w.reason === 'rate-limit' ? 'rate-limited' : 'retrying'} (${w.category}): waiting ${Math.ceil(w.ms / 1000)} s${done}`;
}
