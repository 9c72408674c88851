import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DAY_MS, utcDate, utcMidnight } from '../util/duration.js';
import { unitHash as unit } from '../util/hash.js';
import type { ApiBoard, ApiBoardSection, ApiPin } from './types.js';

/**
 * pinops' offline Pinterest: an HTTP server on 127.0.0.1 that speaks the part of API v5 pinops
 * uses, keeps its state in memory, and can be told to misbehave. `pinops demo` publishes to it
 * and the tests run against it (checking every exchange against Pinterest's spec).
 */

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
  /** Fixed-window rate limit per category (reads, writes). */
  rateLimit?: { limit: number; windowMs: number };
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
   * The account's clock, in ms: when boards and pins are created, and which day analytics call
   * today (the demo runs at a fixed moment). Token lifetimes keep the real clock.
   */
  now?: () => number;
  /** Whether POST /oauth/token/revoke works (Pinterest: system users only, so default false). */
  revokeAllowed?: boolean;
  onExchange?: (e: Exchange) => void;
}

interface SimPin extends ApiPin {
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
}

export interface Simulator {
  /** Base URL including `/v5`, for `api:` or PINTEREST_API_BASE. */
  url: string;
  state: SimState;
  exchanges: Exchange[];
  inject(fault: Fault): void;
  close(): Promise<void>;
}

type Handler = (req: { params: Record<string, string>; query: URLSearchParams; body: unknown; headers: IncomingMessage['headers'] }) => { status: number; body?: unknown };

const ROUTE_PARAM = /\{(\w+)\}/g;

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  let nextId = 4_800_000_000_000_000_000n;
  const newId = () => String(++nextId);
  const state: SimState = {
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
  };
  let lastExpiry = 0;
  const clock = opts.now ?? Date.now;
  const ALL_SCOPES = ['boards:read', 'boards:write', 'pins:read', 'pins:write', 'user_accounts:read'];
  const granted = opts.scopes ?? ALL_SCOPES;
  const scopesOf = (token: string) => state.scopes.get(token) ?? granted;
  const exchanges: Exchange[] = [];
  const faults: Fault[] = [];
  const windows = new Map<string, { start: number; used: number }>();
  const app = opts.app ?? { id: 'sim-app', secret: 'sim-secret' };
  let baseUrl = '';

  const err = (status: number, code: number, message: string) => ({ status, body: { code, message } });
  const page = <T>(items: T[], query: URLSearchParams, def = 25, max = 250) => {
    const size = Math.min(Number(query.get('page_size') ?? def) || def, max);
    const start = Number(Buffer.from(query.get('bookmark') ?? '', 'base64').toString() || 0);
    const slice = items.slice(start, start + size);
    const more = start + size < items.length;
    return { status: 200, body: { items: slice, bookmark: more ? Buffer.from(String(start + size)).toString('base64') : null } };
  };

  const routes: [string, string, Handler][] = [
    [
      'POST',
      '/oauth/token',
      ({ body, headers }) => {
        const basic = Buffer.from(String(headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
        if (basic !== `${app.id}:${app.secret}`) return err(401, 1, 'Authentication failed: invalid client credentials.');
        const form = body as Record<string, string>;
        let scope: string[];
        if (form.grant_type === 'refresh_token') {
          // Continuous refresh: every refresh answers with a new refresh token; the old one stays
          // valid until it expires, 60 days after it was issued.
          if (!state.refreshTokens.has(form.refresh_token ?? '') || state.revoked.has(form.refresh_token ?? ''))
            return err(400, 1, 'invalid_grant: the refresh token is invalid or expired.');
          scope = scopesOf(form.refresh_token ?? '');
        } else if (form.grant_type === 'authorization_code') {
          const code = state.codes.get(form.code ?? '');
          if (!code) return err(400, 1, 'invalid_grant: the authorization code is invalid or used.');
          if (code.redirectUri !== form.redirect_uri) return err(400, 1, 'invalid_request: redirect_uri does not match the one the code was issued for.');
          state.codes.delete(form.code ?? '');
          scope = code.scope;
        } else return err(400, 1, 'unsupported_grant_type');
        const access = `pina_sim_${randomUUID()}`;
        const refresh = `pinr_sim_${randomUUID()}`;
        state.accessTokens.add(access);
        state.refreshTokens.add(refresh);
        state.scopes.set(access, scope);
        state.scopes.set(refresh, scope);
        // Strictly increasing expiries, so "the newest token" is always well defined.
        lastExpiry = Math.max(Math.floor(Date.now() / 1000) + 5_184_000, lastExpiry + 1);
        return {
          status: 200,
          body: {
            access_token: access,
            token_type: 'bearer',
            expires_in: 2_592_000,
            scope: scope.join(','),
            response_type: form.grant_type,
            refresh_token: refresh,
            refresh_token_expires_in: 5_184_000,
            refresh_token_expires_at: lastExpiry,
          },
        };
      },
    ],
    [
      'POST',
      '/oauth/token/revoke',
      ({ body, headers }) => {
        const basic = Buffer.from(String(headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
        if (basic !== `${app.id}:${app.secret}`) return err(401, 2, 'Authentication failed.');
        if (!opts.revokeAllowed) return err(403, 29, 'You are not permitted to access that resource.');
        const token = (body as Record<string, string>).token ?? '';
        state.revoked.add(token);
        state.accessTokens.delete(token);
        return { status: 200 };
      },
    ],
    [
      'GET',
      '/user_account',
      () => ({ status: 200, body: { account_type: 'BUSINESS', id: '1000000000000000001', username: 'pinops-simulator', business_name: 'pinops simulator' } }),
    ],
    ['GET', '/boards', ({ query }) => page([...state.boards.values()], query)],
    [
      'GET',
      '/boards/{board_id}',
      ({ params }) => (state.boards.has(params.board_id ?? '') ? { status: 200, body: state.boards.get(params.board_id ?? '') } : err(404, 40, 'Board not found.')),
    ],
    [
      'POST',
      '/boards',
      ({ body }) => {
        const b = body as { name?: string; description?: string; privacy?: string };
        if (!b.name) return err(400, 1, 'Invalid parameters: name is required.');
        if ([...state.boards.values()].some((x) => x.name?.toLowerCase() === b.name?.toLowerCase())) return err(409, 58, `A board named "${b.name}" already exists.`);
        const board = {
          id: newId(),
          name: b.name,
          description: b.description ?? '',
          privacy: (b.privacy ?? 'PUBLIC') as 'PUBLIC',
          created_at: new Date(clock()).toISOString(),
          pin_count: 0,
        };
        state.boards.set(board.id, board);
        return { status: 201, body: board };
      },
    ],
    [
      'GET',
      '/boards/{board_id}/sections',
      ({ params, query }) => (state.boards.has(params.board_id ?? '') ? page(state.sections.get(params.board_id ?? '') ?? [], query) : err(404, 40, 'Board not found.')),
    ],
    [
      'POST',
      '/boards/{board_id}/sections',
      ({ params, body }) => {
        const id = params.board_id ?? '';
        if (!state.boards.has(id)) return err(404, 40, 'Board not found.');
        const name = (body as { name?: string }).name ?? '';
        const list = state.sections.get(id) ?? [];
        if (list.some((s) => s.name.toLowerCase() === name.toLowerCase())) return err(409, 58, `A section named "${name}" already exists.`);
        const section = { id: newId(), name };
        list.push(section);
        state.sections.set(id, list);
        return { status: 201, body: section };
      },
    ],
    [
      'GET',
      '/boards/{board_id}/pins',
      ({ params, query }) => {
        if (!state.boards.has(params.board_id ?? '')) return err(404, 40, 'Board not found.');
        const pins = [...state.pins.values()].filter((p) => p.board_id === params.board_id).reverse();
        return page(pins, query);
      },
    ],
    ['POST', '/pins', ({ body }) => createPin(body as Record<string, unknown>)],
    ['GET', '/pins/{pin_id}', ({ params }) => (state.pins.has(params.pin_id ?? '') ? { status: 200, body: state.pins.get(params.pin_id ?? '') } : err(404, 50, 'Pin not found.'))],
    [
      'PATCH',
      '/pins/{pin_id}',
      ({ params, body }) => {
        const pin = state.pins.get(params.pin_id ?? '');
        if (!pin) return err(404, 50, 'Pin not found.');
        const b = body as Partial<ApiPin>;
        const problem = checkText(b);
        if (problem) return err(400, 1, problem);
        if (b.board_id !== undefined && !state.boards.has(b.board_id)) return err(404, 40, 'Board not found.');
        Object.assign(pin, b);
        return { status: 200, body: pin };
      },
    ],
    ['GET', '/pins/{pin_id}/analytics', ({ params, query }) => pinAnalytics(params.pin_id ?? '', query)],
    ['DELETE', '/pins/{pin_id}', ({ params }) => (state.pins.delete(params.pin_id ?? '') ? { status: 204 } : err(404, 50, 'Pin not found.'))],
    [
      'POST',
      '/pins/{pin_id}/save',
      ({ params, body }) => {
        const pin = state.pins.get(params.pin_id ?? '');
        if (!pin) return err(404, 50, 'Pin not found.');
        const b = body as { board_id?: string; board_section_id?: string };
        if (!b.board_id || !state.boards.has(b.board_id)) return err(404, 40, 'Board not found.');
        const saved: SimPin = {
          ...pin,
          id: newId(),
          board_id: b.board_id,
          board_section_id: b.board_section_id ?? null,
          parent_pin_id: pin.id,
          created_at: new Date(clock()).toISOString(),
        };
        state.pins.set(saved.id, saved);
        return { status: 201, body: saved };
      },
    ],
    [
      'POST',
      '/media',
      () => {
        const id = newId().slice(-12);
        state.media.set(id, { polls: 0 });
        return {
          status: 201,
          body: { media_id: id, media_type: 'video', upload_url: `${baseUrl.replace(/\/v5$/, '')}/upload/${id}`, upload_parameters: { key: `uploads/${id}`, policy: 'sim' } },
        };
      },
    ],
    [
      'GET',
      '/media/{media_id}',
      ({ params }) => {
        const m = state.media.get(params.media_id ?? '');
        if (!m) return err(404, 50, 'Media not found.');
        m.polls++;
        const status = m.uploaded ? (m.polls > (opts.videoPolls ?? 2) ? 'succeeded' : 'processing') : 'registered';
        return { status: 200, body: { media_id: params.media_id, media_type: 'video', status } };
      },
    ],
  ];

  /**
   * Daily metrics as Pinterest reports them: made up, but deterministic per pin and day, none
   * before the pin was created, today's still PROCESSING; and the API's own 90-day window enforced.
   */
  function pinAnalytics(pinId: string, query: URLSearchParams) {
    const pin = state.pins.get(pinId);
    if (!pin) return err(404, 404, 'Pin not found.');
    const start = query.get('start_date') ?? '';
    const end = query.get('end_date') ?? '';
    const types = (query.get('metric_types') ?? '').split(',').filter(Boolean);
    const day = utcMidnight;
    const today = utcMidnight(clock());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end) || types.length === 0) return err(400, 400, 'Invalid pins analytics parameters.');
    if (day(start) < today - 90 * DAY_MS) return err(400, 400, 'Invalid pins analytics parameters: start_date cannot be more than 90 days back from today.');
    if (day(end) < day(start) || day(end) - day(start) > 90 * DAY_MS) return err(400, 400, 'Invalid pins analytics parameters: end_date must be within 90 days after start_date.');
    const created = utcMidnight(pin.created_at ? Date.parse(pin.created_at) : clock());
    const video = (pin.media as { media_type?: string } | undefined)?.media_type === 'video';
    // Some pins do well and some do not: a per-pin popularity, then per-day noise.
    const popularity = 0.1 + 2 * unit(`${pin.parent_pin_id ?? pinId}`);
    const daily: { date: string; data_status: string; metrics: Record<string, number> }[] = [];
    const summary: Record<string, number> = {};
    for (let t = day(start); t <= day(end); t += DAY_MS) {
      const date = utcDate(t);
      if (t < created) {
        daily.push({ date, data_status: 'BEFORE_PIN_CREATED', metrics: {} });
        continue;
      }
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
      const metrics = Object.fromEntries(types.filter((k) => k in all).map((k) => [k, all[k] as number]));
      for (const [k, v] of Object.entries(metrics)) summary[k] = (summary[k] ?? 0) + v;
      daily.push({ date, data_status: t >= today ? 'PROCESSING' : 'READY', metrics });
    }
    return { status: 200, body: { all: { daily_metrics: daily, summary_metrics: summary, lifetime_metrics: {} } } };
  }

  function checkText(b: Partial<ApiPin>): string | undefined {
    if ((b.title ?? '').length > 100) return 'Title must be at most 100 characters.';
    if ((b.description ?? '').length > 800) return 'Description must be at most 800 characters.';
    if ((b.link ?? '').length > 2048) return 'Link must be at most 2048 characters.';
    if ((b.alt_text ?? '').length > 500) return 'Alt text must be at most 500 characters.';
    return undefined;
  }

  function createPin(b: Record<string, unknown>) {
    const boardId = String(b.board_id ?? '');
    if (!state.boards.has(boardId)) return err(404, 40, 'Board not found.');
    const sectionId = b.board_section_id as string | undefined;
    if (sectionId && !(state.sections.get(boardId) ?? []).some((s) => s.id === sectionId)) return err(404, 40, 'Board section not found.');
    const problem = checkText(b as Partial<ApiPin>);
    if (problem) return err(400, 1, problem);
    const source = b.media_source as
      | { source_type?: string; data?: string; content_type?: string; items?: { data?: string; content_type?: string }[]; media_id?: string; url?: string }
      | undefined;
    let mediaType = 'image';
    switch (source?.source_type) {
      case 'image_base64':
        if (!isImage(source.data, source.content_type)) return err(400, 1, 'Invalid image: the data is not a JPEG or PNG of the content type given.');
        break;
      case 'multiple_image_base64':
        if (!source.items || source.items.length < 2 || source.items.length > 5) return err(400, 1, 'A carousel takes 2 to 5 images.');
        if (!source.items.every((i) => isImage(i.data, i.content_type))) return err(400, 1, 'Invalid image in the carousel.');
        mediaType = 'multiple_images';
        break;
      case 'image_url':
        if (!source.url?.startsWith('http')) return err(400, 1, 'Invalid image URL.');
        break;
      case 'video_id': {
        const m = state.media.get(source.media_id ?? '');
        if (!m?.uploaded) return err(400, 1, 'The video has not been uploaded or processed.');
        mediaType = 'video';
        break;
      }
      default:
        return err(400, 1, 'Invalid media_source.');
    }
    state.creates++;
    const pin: SimPin = {
      id: newId(),
      created_at: new Date(clock() - (opts.backdateDays ?? 0) * DAY_MS).toISOString(),
      link: (b.link as string | undefined) ?? null,
      title: (b.title as string | undefined) ?? null,
      description: (b.description as string | undefined) ?? null,
      alt_text: (b.alt_text as string | undefined) ?? null,
      dominant_color: (b.dominant_color as string | undefined) ?? null,
      board_id: boardId,
      board_section_id: sectionId ?? null,
      board_owner: { username: 'pinops-simulator' },
      media: { media_type: mediaType },
      parent_pin_id: null,
      note: null,
      is_owner: true,
      is_standard: true,
      has_been_promoted: false,
    } as SimPin;
    state.pins.set(pin.id, pin);
    return { status: 201, body: pin };
  }

  const compiled = routes.map(([method, route, handler]) => ({
    method,
    route,
    handler,
    re: new RegExp(`^/v5${route.replace(ROUTE_PARAM, '(?<$1>[^/]+)')}$`),
  }));

  function limited(category: string, now: number): { headers: Record<string, string>; over: boolean } {
    const rl = opts.rateLimit;
    if (!rl) return { headers: {}, over: false };
    let w = windows.get(category);
    if (!w || now - w.start >= rl.windowMs) {
      w = { start: now, used: 0 };
      windows.set(category, w);
    }
    const over = w.used >= rl.limit;
    if (!over) w.used++;
    const resetS = Math.max(0, (w.start + rl.windowMs - now) / 1000);
    return {
      over,
      headers: {
        'x-ratelimit-limit': String(rl.limit),
        'x-ratelimit-remaining': String(Math.max(0, rl.limit - w.used)),
        'x-ratelimit-reset': resetS.toFixed(3),
        'x-ratelimit-category': category,
      },
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (method === 'POST' && url.pathname.startsWith('/upload/')) {
      // The upload URL (S3 in production): a multipart form with the upload parameters and the file
      // last, of a declared length. Read as a stream, as S3 does: a video is never held in memory.
      const id = url.pathname.slice('/upload/'.length);
      const m = state.media.get(id);
      if (!m) {
        req.resume();
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Upload not found.');
        return;
      }
      const problem = await receiveUpload(req, m, id);
      if (problem) res.writeHead(400, { 'content-type': 'text/plain' }).end(problem);
      else res.writeHead(204).end();
      return;
    }
    const raw = await readBody(req);
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    const rid = randomUUID().replace(/-/g, '').slice(0, 16);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'x-pinterest-rid': rid, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };

    if (method === 'GET' && url.pathname === '/oauth/') {
      // The consent page: approves (or denies) at once and sends the browser back with a code.
      const redirect = url.searchParams.get('redirect_uri') ?? '';
      const st = url.searchParams.get('state') ?? '';
      if (url.searchParams.get('client_id') !== app.id) return send(400, { code: 1, message: 'Unknown client_id.' });
      const registered = opts.redirectUris ?? ['http://localhost:8085/'];
      if (!registered.includes(redirect) && !(registered.includes('*') && /^http:\/\/localhost:\d+\/$/.test(redirect))) {
        return send(400, { code: 1, message: 'The redirect_uri is not registered for this app.' });
      }
      const target = new URL(redirect);
      if (opts.consent === 'deny') target.searchParams.set('error', 'access_denied');
      else {
        const code = randomUUID();
        const asked = (url.searchParams.get('scope') ?? '').split(/[,\s]+/).filter(Boolean);
        state.codes.set(code, { redirectUri: redirect, scope: asked.filter((x) => granted.includes(x)) });
        target.searchParams.set('code', code);
      }
      target.searchParams.set('state', st);
      res.writeHead(302, { location: target.href });
      res.end();
      return;
    }
    const match = compiled.find((r) => r.method === method && r.re.test(url.pathname));
    if (!match) return send(404, { code: 404, message: `No route for ${method} ${url.pathname}` });
    const params = (match.re.exec(url.pathname)?.groups ?? {}) as Record<string, string>;
    const isForm = String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
    let body: unknown;
    try {
      body = raw.length === 0 ? undefined : isForm ? Object.fromEntries(new URLSearchParams(raw.toString())) : JSON.parse(raw.toString());
    } catch {
      return send(400, { code: 1, message: 'The request body is not valid JSON.' });
    }
    const record = (status: number, responseBody: unknown) => {
      const e = { method, route: match.route, path: url.pathname, query: Object.fromEntries(url.searchParams), status, requestBody: body, responseBody };
      exchanges.push(e);
      opts.onExchange?.(e);
    };

    const fault = takeFault(method, match.route);
    if (fault?.when === 'before' && (await misbehave(fault, res, record, send))) return;

    if (!match.route.startsWith('/oauth/')) {
      const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!state.accessTokens.has(token) && match.route !== '/oauth/token/revoke') {
        record(401, { code: 2, message: 'Authentication failed.' });
        return send(401, { code: 2, message: 'Authentication failed.' });
      }
      const needs =
        method === 'GET'
          ? match.route.startsWith('/user_account')
            ? 'user_accounts:read'
            : match.route.startsWith('/boards')
              ? 'boards:read'
              : 'pins:read'
          : match.route.startsWith('/boards')
            ? 'boards:write'
            : 'pins:write';
      if (match.route !== '/oauth/token/revoke' && !scopesOf(token).includes(needs)) {
        const b = { code: 29, message: `You are not permitted to access that resource: the token lacks the scope ${needs}.` };
        record(403, b);
        return send(403, b);
      }
    }
    const rl = limited(match.route.endsWith('/analytics') ? 'org_analytics' : method === 'GET' ? 'org_read' : 'org_write', Date.now());
    if (rl.over) {
      const reset = rl.headers['x-ratelimit-reset'] ?? '1';
      const b = { code: 29, message: 'You have exceeded your rate limit. Try again later.' };
      record(429, b);
      return send(429, b, { ...rl.headers, 'retry-after': reset });
    }
    const out = match.handler({ params, query: url.searchParams, body, headers: req.headers });
    if (fault?.when === 'after') {
      record(out.status, out.body);
      await misbehave(fault, res, () => {}, send);
      return;
    }
    record(out.status, out.body);
    send(out.status, out.body, rl.headers);
  }

  function takeFault(method: string, route: string): Fault | undefined {
    const i = faults.findIndex((f) => f.method === method && f.route === route);
    if (i < 0) return undefined;
    const f = faults[i] as Fault;
    f.times = (f.times ?? 1) - 1;
    if (f.times <= 0) faults.splice(i, 1);
    return f;
  }

  async function misbehave(
    f: Fault,
    res: ServerResponse,
    record: (s: number, b: unknown) => void,
    send: (s: number, b: unknown, h?: Record<string, string>) => void,
  ): Promise<boolean> {
    f.onFire?.();
    if (f.action === 'hang') return true;
    if (f.action === 'reset') {
      res.socket?.destroy();
      return true;
    }
    const body = f.action.body ?? { code: f.action.status, message: `Simulated error ${f.action.status}` };
    record(f.action.status, body);
    send(f.action.status, body, f.action.headers);
    return true;
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 500, message: e instanceof Error ? e.message : String(e) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v5`;
  return {
    url: baseUrl,
    state,
    exchanges,
    inject: (f) => faults.push(f),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Receives a video upload as S3 does: a declared Content-Length (no chunked body), multipart
 * form-data with the upload parameters as fields and the file as the last part. Only the start and
 * the end are kept; the file's bytes are counted. Returns what is wrong, or `undefined`.
 */
async function receiveUpload(req: IncomingMessage, m: { uploaded?: boolean; bytes?: number }, id: string): Promise<string | undefined> {
  const boundary = /^multipart\/form-data;\s*boundary=(.+)$/i.exec(String(req.headers['content-type'] ?? ''))?.[1]?.replace(/^"|"$/g, '');
  const declared = req.headers['content-length'];
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (head.length < 64 * 1024) head = Buffer.concat([head, chunk.subarray(0, 64 * 1024 - head.length)]);
    tail = Buffer.concat([tail, chunk.subarray(-1024)]).subarray(-1024);
  }
  if (!boundary) return 'The body is not multipart/form-data.';
  if (declared === undefined || Number(declared) !== total) return 'A Content-Length must be declared, and match the body (chunked uploads are refused).';
  const text = head.toString('latin1');
  const fileAt = text.indexOf(`--${boundary}\r\nContent-Disposition: form-data; name="file"`);
  if (fileAt < 0) return 'The form has no `file` part.';
  const fields = text.slice(0, fileAt);
  for (const [k, v] of Object.entries({ key: `uploads/${id}`, policy: 'sim' })) {
    if (!fields.includes(`Content-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)) return `The form lacks the upload parameter ${k}, before the file.`;
  }
  const dataAt = text.indexOf('\r\n\r\n', fileAt) + 4;
  const end = Buffer.from(`\r\n--${boundary}--\r\n`);
  if (dataAt < 4 || !tail.subarray(-end.length).equals(end)) return 'The form does not end with its closing boundary after the file.';
  m.uploaded = true;
  m.bytes = total - dataAt - end.length;
  return undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function isImage(data: string | undefined, contentType: string | undefined): boolean {
  if (!data || !/^[A-Za-z0-9+/=]+$/.test(data)) return false;
  const head = Buffer.from(data.slice(0, 16), 'base64');
  if (contentType === 'image/png') return head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47;
  if (contentType === 'image/jpeg') return head[0] === 0xff && head[1] === 0xd8;
  return false;
}
