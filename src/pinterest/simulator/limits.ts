import { categoryOf } from '../limits.js';
import { type Answer, err, lacksScope, scopesOf, type World } from './world.js';

/** What stands between a request and its handler: the token, its scopes, and the rate limit. */

/** Why the request's token may not call the route (401, 403), or `undefined`. */
export function refusal(world: World, method: string, route: string, authorization: string | undefined): Answer | undefined {
  // The OAuth endpoints authenticate the app itself (Basic), not a user's token.
  if (route.startsWith('/oauth/')) return undefined;
  const token = String(authorization ?? '').replace(/^Bearer /, '');
  if (!world.state.accessTokens.has(token)) return err(401, 2, 'Authentication failed.');
  const needs = scopeNeeded(method, route);
  if (!scopesOf(world, token).includes(needs)) return lacksScope(needs);
  return undefined;
}

/**
 * Counts a request in its category's fixed window (`rateLimits` of its category, else `rateLimit`):
 * whether it is over, and the rate-limit headers (none with `rateLimitHeaders: false`, Pinterest as
 * documented). Windows are aligned to the clock (every `windowMs` since 1970), as a server that
 * counts per window key does; they follow the account's clock, so a test's fake time moves them.
 * The reset is in seconds with a fraction, or whole seconds rounded down (`rateLimitReset:
 * 'whole-seconds'`, as coarse as some servers are); Retry-After is whole seconds, rounded up, as HTTP writes it.
 */
export function rateLimited(world: World, category: string, now: number): { headers: Record<string, string>; over: boolean; retryAfter?: string } {
  const rl = world.opts.rateLimits?.[category] ?? world.opts.rateLimit;
  if (!rl) return { headers: {}, over: false };
  const start = Math.floor(now / rl.windowMs) * rl.windowMs;
  let w = world.windows.get(category);
  if (!w || w.start !== start) {
    w = { start, used: 0 };
    world.windows.set(category, w);
  }
  const over = w.used >= rl.limit;
  if (!over) w.used++;
  world.state.rateLimitedRequests += over ? 1 : 0;
  if (world.opts.rateLimitHeaders === false) return { over, headers: {} };
  const resetS = Math.max(0, (w.start + rl.windowMs - now) / 1000);
  return {
    over,
    retryAfter: String(Math.ceil(resetS)),
    headers: {
      'x-ratelimit-limit': String(rl.limit),
      'x-ratelimit-remaining': String(Math.max(0, rl.limit - w.used)),
      'x-ratelimit-reset': world.opts.rateLimitReset === 'whole-seconds' ? String(Math.floor(resetS)) : resetS.toFixed(3),
      'x-ratelimit-category': category,
    },
  };
}

/** The scope a route needs: reading or writing, of the user account, boards, or pins. */
function scopeNeeded(method: string, route: string): string {
  if (method === 'GET') return route.startsWith('/user_account') ? 'user_accounts:read' : route.startsWith('/boards') ? 'boards:read' : 'pins:read';
  return route.startsWith('/boards') ? 'boards:write' : 'pins:write';
}

/** Pinterest's rate-limit category of a route: the same as pinops assumes (the spec's). */
export const rateCategory = categoryOf;
