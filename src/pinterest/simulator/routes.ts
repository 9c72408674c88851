import { ACCOUNT_ROUTES } from './account.js';
import { ANALYTICS_ROUTES } from './analytics.js';
import { BOARD_ROUTES } from './boards.js';
import { MEDIA_ROUTES } from './media.js';
import { OAUTH_ROUTES } from './oauth.js';
import { PIN_ROUTES } from './pins.js';
import type { Handler } from './world.js';

/** A request's route: the spec's path template, its handler, and the path's parameters. */
export interface FoundRoute {
  route: string;
  handler: Handler;
  params: Record<string, string>;
}

const ROUTE_PARAM = /\{(\w+)\}/g;

/** Every API v5 route, its template compiled to a pattern of the full path (with `/v5`). */
const ROUTES = [...OAUTH_ROUTES, ...ACCOUNT_ROUTES, ...BOARD_ROUTES, ...PIN_ROUTES, ...ANALYTICS_ROUTES, ...MEDIA_ROUTES].map(([method, route, handler]) => ({
  method,
  route,
  handler,
  re: new RegExp(`^/v5${route.replace(ROUTE_PARAM, '(?<$1>[^/]+)')}$`),
}));

export function findRoute(method: string, path: string): FoundRoute | undefined {
  for (const r of ROUTES) {
    const match = r.method === method ? r.re.exec(path) : null;
    if (match) return { route: r.route, handler: r.handler, params: (match.groups ?? {}) as Record<string, string> };
  }
  return undefined;
}

/** Every route the simulator answers, as method and the spec's path template: the API pinops speaks. */
export const API_ROUTES: readonly { method: string; route: string }[] = ROUTES.map(({ method, route }) => ({ method, route }));
