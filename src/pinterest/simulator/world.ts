import type { IncomingMessage } from 'node:http';
import type { Exchange, Fault, SimState, SimulatorOptions } from './types.js';

/** One simulator's everything: the account (tests read it as `state`) and the server's own bookkeeping. */
export interface World {
  readonly opts: SimulatorOptions;
  readonly state: SimState;
  readonly app: { id: string; secret: string };
  /** The account's clock: creation dates, analytics' today and the rate limits' windows. Token lifetimes keep the real clock. */
  readonly clock: () => number;
  /** The scopes of a token issued without scopes of its own. */
  readonly granted: string[];
  readonly exchanges: Exchange[];
  /** Faults waiting for their request, in the order injected. */
  readonly faults: Fault[];
  /** The current rate-limit window of each category. */
  readonly windows: Map<string, { start: number; used: number }>;
  nextId: bigint;
  /** The last refresh-token expiry handed out: they strictly increase. */
  lastExpiry: number;
  /** The server's URL with `/v5`, known once it listens (upload URLs point at it). */
  baseUrl: string;
}

/** What a route's handler is given. */
export interface SimRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingMessage['headers'];
}

/** A status and a JSON body (none for 204). */
export interface Answer {
  status: number;
  body?: unknown;
}

export type Handler = (world: World, req: SimRequest) => Answer;

/** An API v5 route: its method, the spec's path template (no `/v5`), and its handler. */
export type Route = [method: string, route: string, handler: Handler];

const ALL_SCOPES = ['boards:read', 'boards:write', 'pins:read', 'pins:write', 'user_accounts:read', 'boards:read_secret', 'boards:write_secret', 'pins:write_secret'];

export function createWorld(opts: SimulatorOptions): World {
  return {
    opts,
    state: {
      boards: new Map(),
      sections: new Map(),
      pins: new Map(),
      media: new Map(),
      accessTokens: new Set(opts.accessTokens ?? []),
      refreshTokens: new Set(opts.refreshTokens ?? []),
      scopes: new Map(),
      codes: new Map(),
      revoked: new Set(),
      creates: 0,
      rateLimitedRequests: 0,
      files: new Map(),
      fileReads: 0,
    },
    app: opts.app ?? { id: 'sim-app', secret: 'sim-secret' },
    clock: opts.now ?? Date.now,
    granted: opts.scopes ?? ALL_SCOPES,
    exchanges: [],
    faults: [],
    windows: new Map(),
    nextId: 4_800_000_000_000_000_000n,
    lastExpiry: 0,
    baseUrl: '',
  };
}

/** A new id for a board, section, pin or video: numeric, as Pinterest's are. */
export function newId(world: World): string {
  return String(++world.nextId);
}

export function scopesOf(world: World, token: string): string[] {
  return world.state.scopes.get(token) ?? world.granted;
}

/** Whether the request's bearer token has the scope (secret boards' scopes are checked by their handlers, which see the board). */
export function mayUse(world: World, headers: IncomingMessage['headers'], scope: string): boolean {
  return scopesOf(world, String(headers.authorization ?? '').replace(/^Bearer /, '')).includes(scope);
}

/** A refusal for a scope the token lacks, as Pinterest words it. */
export const lacksScope = (scope: string): Answer => err(403, 29, `You are not permitted to access that resource: the token lacks the scope ${scope}.`);

/** An error answer as Pinterest words them. */
export function err(status: number, code: number, message: string): Answer {
  return { status, body: { code, message } };
}

/** One page of a list, paged as Pinterest does: `page_size` and an opaque `bookmark`. */
export function page<T>(items: T[], query: URLSearchParams, def = 25, max = 250): Answer {
  const size = Math.min(Number(query.get('page_size') ?? def) || def, max);
  const start = Number(Buffer.from(query.get('bookmark') ?? '', 'base64').toString() || 0);
  const slice = items.slice(start, start + size);
  const more = start + size < items.length;
  return { status: 200, body: { items: slice, bookmark: more ? Buffer.from(String(start + size)).toString('base64') : null } };
}
