import type { ApiBoard, ApiBoardSection, ApiPin } from '../types.js';
import type { SeedAccount } from './seed.js';

/* The shapes the simulator shows outside: its options, faults, the account tests read, the exchanges. */

/** One request and its answer, for contract checks and assertions. */
export interface Exchange {
  method: string;
  /** The spec's path template, e.g. `/pins/{pin_id}` (no `/v5`). */
  route: string;
  path: string;
  /** The query string's parameters (contract checks read them). */
  query: Record<string, string>;
  status: number;
  requestBody: unknown;
  responseBody: unknown;
}

/** A misbehaviour for the next matching request. */
export interface Fault {
  method: string;
  route: string;
  /** `before`: instead of handling the request; `after`: handle it, then misbehave. */
  when: 'before' | 'after';
  /** An error answer, no answer at all (the socket stays open), or a reset connection. */
  action: { status: number; body?: unknown; headers?: Record<string, string> } | 'hang' | 'reset';
  /** How many requests it applies to (default 1). */
  times?: number;
  /** Called when the fault fires (tests use it to kill a process at that moment). */
  onFire?: () => void;
}

export interface SimulatorOptions {
  /** Delay before every answer. */
  latencyMs?: number;
  /** Fixed-window rate limit, the same for each category (`org_read`, `org_write`, `org_analytics`). */
  rateLimit?: { limit: number; windowMs: number };
  /** Fixed-window rate limits per category, e.g. `{ org_write: { limit: 100, windowMs: 60_000 } }`; they win over `rateLimit`. */
  rateLimits?: Record<string, { limit: number; windowMs: number }>;
  /**
   * Whether answers carry `x-ratelimit-*` headers (and a 429 its Retry-After): default true.
   * Pinterest documents none, so `false` is Pinterest as documented, where a 429 is the only sign.
   */
  rateLimitHeaders?: boolean;
  /** How `x-ratelimit-reset` is written: seconds with a fraction (default), or whole seconds rounded down, as coarse as some servers are. */
  rateLimitReset?: 'fraction' | 'whole-seconds';
  app?: { id: string; secret: string };
  /** Tokens the server accepts from the start. */
  accessTokens?: string[];
  refreshTokens?: string[];
  /** Polls of GET /media/{id} before a video reports `succeeded`. */
  videoPolls?: number;
  /** Scopes granted to tokens (default: all that pinops needs). */
  scopes?: string[];
  /** Redirect URIs registered for the app (the authorization-code flow checks them); `*` accepts any localhost port. */
  redirectUris?: string[];
  /** What the consent page does: approve (default) or deny. */
  consent?: 'approve' | 'deny';
  /**
   * New pins are dated this many days back: an account whose pins have been up a while, so
   * analytics have history (the demo and the analytics tests).
   */
  backdateDays?: number;
  /**
   * The account's clock, in ms: when boards and pins are created, which day analytics call today
   * (the demo runs at a fixed moment), and the rate limits' windows. Token lifetimes keep the real clock.
   */
  now?: () => number;
  /**
   * An app created before 2025-09-25: POST /oauth/token hands out continuous refresh tokens only
   * when asked with `continuous_refresh=true` (a refresh without it answers no new refresh token).
   */
  legacyApp?: boolean;
  /**
   * The app has Trial access and this is the production API: creating a pin (or saving one to a
   * board) is refused with 403, code 29, "use API Sandbox".
   */
  trialApp?: boolean;
  /**
   * PATCH /pins/{pin_id} is in beta and "not available to all apps": refused with 403 to this one,
   * as Pinterest refuses an app without access to a beta endpoint.
   */
  updatesRefused?: boolean;
  /**
   * Pinterest's API Sandbox: it creates no video pins, and every analytics endpoint is disabled
   * there (the spec's `x-sandbox: disabled`).
   */
  sandbox?: boolean;
  /** Whether POST /oauth/token/revoke works (Pinterest: system users only, so default false). */
  revokeAllowed?: boolean;
  onExchange?: (e: Exchange) => void;
  /** An account that has boards, sections and pins already (`pinops import --account`). */
  seed?: SeedAccount;
}

export interface SimPin extends ApiPin {
  id: string;
}

/** The simulated account, readable by tests. */
export interface SimState {
  boards: Map<string, ApiBoard & { id: string }>;
  sections: Map<string, (ApiBoardSection & { id: string })[]>;
  pins: Map<string, SimPin>;
  /** Registered videos: how often each was polled, and the bytes of its uploaded file once uploaded. */
  media: Map<string, { polls: number; uploaded?: boolean; bytes?: number }>;
  accessTokens: Set<string>;
  refreshTokens: Set<string>;
  /** Scopes of every token; a token not listed has all of them. */
  scopes: Map<string, string[]>;
  /** Authorization codes handed out by the consent page. */
  codes: Map<string, { redirectUri: string; scope: string[] }>;
  revoked: Set<string>;
  creates: number;
  /** Requests refused with 429 by the rate limits (not by injected faults). */
  rateLimitedRequests: number;
  /** Pictures of seeded pins, served at /files/{name}, and how many times one was downloaded. */
  files: Map<string, { type: string; bytes: Uint8Array }>;
  fileReads: number;
}

export interface Simulator {
  /** Base URL including `/v5`, for `api:` or PINTEREST_API_BASE. */
  url: string;
  state: SimState;
  exchanges: Exchange[];
  inject(fault: Fault): void;
  close(): Promise<void>;
}
