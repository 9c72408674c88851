export const id = 45;
export const ids = [45,500];
export const modules = {

/***/ 9045:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  demoCommand: () => (/* binding */ demoCommand)
});

// UNUSED EXPORTS: DEMO_NOW

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/analytics/summary.ts
var summary = __webpack_require__(1072);
// EXTERNAL MODULE: ./src/diagnostics/diagnostic.ts + 1 modules
var diagnostic = __webpack_require__(8966);
// EXTERNAL MODULE: ./src/diagnostics/format.ts
var format = __webpack_require__(697);
// EXTERNAL MODULE: ./src/flows/analytics.ts + 1 modules
var analytics = __webpack_require__(7372);
// EXTERNAL MODULE: ./src/flows/preview.ts
var preview = __webpack_require__(6541);
// EXTERNAL MODULE: ./src/flows/publish.ts + 4 modules
var publish = __webpack_require__(1063);
// EXTERNAL MODULE: ./src/flows/report.ts
var report = __webpack_require__(6891);
// EXTERNAL MODULE: ./src/flows/validate.ts
var validate = __webpack_require__(5431);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(6518);
// EXTERNAL MODULE: ./src/util/hash.ts
var hash = __webpack_require__(5138);
;// CONCATENATED MODULE: ./src/pinterest/simulator.ts




const ROUTE_PARAM = /\{(\w+)\}/g;
async function startSimulator(opts = {}) {
    let nextId = 4800000000000000000n;
    const newId = () => String(++nextId);
    const state = {
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
    const scopesOf = (token) => state.scopes.get(token) ?? granted;
    const exchanges = [];
    const faults = [];
    const windows = new Map();
    const app = opts.app ?? { id: 'sim-app', secret: 'sim-secret' };
    let baseUrl = '';
    const err = (status, code, message) => ({ status, body: { code, message } });
    const page = (items, query, def = 25, max = 250) => {
        const size = Math.min(Number(query.get('page_size') ?? def) || def, max);
        const start = Number(Buffer.from(query.get('bookmark') ?? '', 'base64').toString() || 0);
        const slice = items.slice(start, start + size);
        const more = start + size < items.length;
        return { status: 200, body: { items: slice, bookmark: more ? Buffer.from(String(start + size)).toString('base64') : null } };
    };
    const routes = [
        [
            'POST',
            '/oauth/token',
            ({ body, headers }) => {
                const basic = Buffer.from(String(headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
                if (basic !== `${app.id}:${app.secret}`)
                    return err(401, 1, 'Authentication failed: invalid client credentials.');
                const form = body;
                let scope;
                if (form.grant_type === 'refresh_token') {
                    // Continuous refresh: every refresh answers with a new refresh token; the old one stays
                    // valid until it expires, 60 days after it was issued.
                    if (!state.refreshTokens.has(form.refresh_token ?? '') || state.revoked.has(form.refresh_token ?? ''))
                        return err(400, 1, 'invalid_grant: the refresh token is invalid or expired.');
                    scope = scopesOf(form.refresh_token ?? '');
                }
                else if (form.grant_type === 'authorization_code') {
                    const code = state.codes.get(form.code ?? '');
                    if (!code)
                        return err(400, 1, 'invalid_grant: the authorization code is invalid or used.');
                    if (code.redirectUri !== form.redirect_uri)
                        return err(400, 1, 'invalid_request: redirect_uri does not match the one the code was issued for.');
                    state.codes.delete(form.code ?? '');
                    scope = code.scope;
                }
                else
                    return err(400, 1, 'unsupported_grant_type');
                const access = `pina_sim_${(0,external_node_crypto_.randomUUID)()}`;
                const refresh = `pinr_sim_${(0,external_node_crypto_.randomUUID)()}`;
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
                if (basic !== `${app.id}:${app.secret}`)
                    return err(401, 2, 'Authentication failed.');
                if (!opts.revokeAllowed)
                    return err(403, 29, 'You are not permitted to access that resource.');
                const token = body.token ?? '';
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
            'POST',
            '/boards',
            ({ body }) => {
                const b = body;
                if (!b.name)
                    return err(400, 1, 'Invalid parameters: name is required.');
                if ([...state.boards.values()].some((x) => x.name?.toLowerCase() === b.name?.toLowerCase()))
                    return err(409, 58, `A board named "${b.name}" already exists.`);
                const board = {
                    id: newId(),
                    name: b.name,
                    description: b.description ?? '',
                    privacy: (b.privacy ?? 'PUBLIC'),
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
                if (!state.boards.has(id))
                    return err(404, 40, 'Board not found.');
                const name = body.name ?? '';
                const list = state.sections.get(id) ?? [];
                if (list.some((s) => s.name.toLowerCase() === name.toLowerCase()))
                    return err(409, 58, `A section named "${name}" already exists.`);
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
                if (!state.boards.has(params.board_id ?? ''))
                    return err(404, 40, 'Board not found.');
                const pins = [...state.pins.values()].filter((p) => p.board_id === params.board_id).reverse();
                return page(pins, query);
            },
        ],
        ['POST', '/pins', ({ body }) => createPin(body)],
        ['GET', '/pins/{pin_id}', ({ params }) => (state.pins.has(params.pin_id ?? '') ? { status: 200, body: state.pins.get(params.pin_id ?? '') } : err(404, 50, 'Pin not found.'))],
        [
            'PATCH',
            '/pins/{pin_id}',
            ({ params, body }) => {
                const pin = state.pins.get(params.pin_id ?? '');
                if (!pin)
                    return err(404, 50, 'Pin not found.');
                const b = body;
                const problem = checkText(b);
                if (problem)
                    return err(400, 1, problem);
                if (b.board_id !== undefined && !state.boards.has(b.board_id))
                    return err(404, 40, 'Board not found.');
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
                if (!pin)
                    return err(404, 50, 'Pin not found.');
                const b = body;
                if (!b.board_id || !state.boards.has(b.board_id))
                    return err(404, 40, 'Board not found.');
                const saved = {
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
                if (!m)
                    return err(404, 50, 'Media not found.');
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
    function pinAnalytics(pinId, query) {
        const pin = state.pins.get(pinId);
        if (!pin)
            return err(404, 404, 'Pin not found.');
        const start = query.get('start_date') ?? '';
        const end = query.get('end_date') ?? '';
        const types = (query.get('metric_types') ?? '').split(',').filter(Boolean);
        const day = duration/* utcMidnight */.T1;
        const today = (0,duration/* utcMidnight */.T1)(clock());
        if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end) || types.length === 0)
            return err(400, 400, 'Invalid pins analytics parameters.');
        if (day(start) < today - 90 * duration/* DAY_MS */.sO)
            return err(400, 400, 'Invalid pins analytics parameters: start_date cannot be more than 90 days back from today.');
        if (day(end) < day(start) || day(end) - day(start) > 90 * duration/* DAY_MS */.sO)
            return err(400, 400, 'Invalid pins analytics parameters: end_date must be within 90 days after start_date.');
        const created = (0,duration/* utcMidnight */.T1)(pin.created_at ? Date.parse(pin.created_at) : clock());
        const video = pin.media?.media_type === 'video';
        // Some pins do well and some do not: a per-pin popularity, then per-day noise.
        const popularity = 0.1 + 2 * (0,hash/* unitHash */.lx)(`${pin.parent_pin_id ?? pinId}`);
        const daily = [];
        const summary = {};
        for (let t = day(start); t <= day(end); t += duration/* DAY_MS */.sO) {
            const date = (0,duration/* utcDate */.HB)(t);
            if (t < created) {
                daily.push({ date, data_status: 'BEFORE_PIN_CREATED', metrics: {} });
                continue;
            }
            const impressions = Math.round((40 + 400 * (0,hash/* unitHash */.lx)(`${pinId}:${date}:i`)) * popularity);
            const all = {
                IMPRESSION: impressions,
                SAVE: Math.round(impressions * 0.03 * (0,hash/* unitHash */.lx)(`${pinId}:${date}:s`)),
                PIN_CLICK: Math.round(impressions * 0.05 * (0,hash/* unitHash */.lx)(`${pinId}:${date}:p`)),
                OUTBOUND_CLICK: Math.round(impressions * 0.02 * (0,hash/* unitHash */.lx)(`${pinId}:${date}:o`)),
            };
            all.SAVE_RATE = impressions ? Math.round(((all.SAVE ?? 0) / impressions) * 1e4) / 1e4 : 0;
            if (video) {
                all.VIDEO_START = Math.round(impressions * 0.3 * (0,hash/* unitHash */.lx)(`${pinId}:${date}:vs`));
                all.VIDEO_MRC_VIEW = Math.round((all.VIDEO_START ?? 0) * 0.6);
                all.VIDEO_AVG_WATCH_TIME = Math.round(2000 + 6000 * (0,hash/* unitHash */.lx)(`${pinId}:${date}:vw`));
            }
            const metrics = Object.fromEntries(types.filter((k) => k in all).map((k) => [k, all[k]]));
            for (const [k, v] of Object.entries(metrics))
                summary[k] = (summary[k] ?? 0) + v;
            daily.push({ date, data_status: t >= today ? 'PROCESSING' : 'READY', metrics });
        }
        return { status: 200, body: { all: { daily_metrics: daily, summary_metrics: summary, lifetime_metrics: {} } } };
    }
    function checkText(b) {
        if ((b.title ?? '').length > 100)
            return 'Title must be at most 100 characters.';
        if ((b.description ?? '').length > 800)
            return 'Description must be at most 800 characters.';
        if ((b.link ?? '').length > 2048)
            return 'Link must be at most 2048 characters.';
        if ((b.alt_text ?? '').length > 500)
            return 'Alt text must be at most 500 characters.';
        return undefined;
    }
    function createPin(b) {
        const boardId = String(b.board_id ?? '');
        if (!state.boards.has(boardId))
            return err(404, 40, 'Board not found.');
        const sectionId = b.board_section_id;
        if (sectionId && !(state.sections.get(boardId) ?? []).some((s) => s.id === sectionId))
            return err(404, 40, 'Board section not found.');
        const problem = checkText(b);
        if (problem)
            return err(400, 1, problem);
        const source = b.media_source;
        let mediaType = 'image';
        switch (source?.source_type) {
            case 'image_base64':
                if (!isImage(source.data, source.content_type))
                    return err(400, 1, 'Invalid image: the data is not a JPEG or PNG of the content type given.');
                break;
            case 'multiple_image_base64':
                if (!source.items || source.items.length < 2 || source.items.length > 5)
                    return err(400, 1, 'A carousel takes 2 to 5 images.');
                if (!source.items.every((i) => isImage(i.data, i.content_type)))
                    return err(400, 1, 'Invalid image in the carousel.');
                mediaType = 'multiple_images';
                break;
            case 'image_url':
                if (!source.url?.startsWith('http'))
                    return err(400, 1, 'Invalid image URL.');
                break;
            case 'video_id': {
                const m = state.media.get(source.media_id ?? '');
                if (!m || !m.uploaded)
                    return err(400, 1, 'The video has not been uploaded or processed.');
                mediaType = 'video';
                break;
            }
            default:
                return err(400, 1, 'Invalid media_source.');
        }
        state.creates++;
        const pin = {
            id: newId(),
            created_at: new Date(clock() - (opts.backdateDays ?? 0) * duration/* DAY_MS */.sO).toISOString(),
            link: b.link ?? null,
            title: b.title ?? null,
            description: b.description ?? null,
            alt_text: b.alt_text ?? null,
            dominant_color: b.dominant_color ?? null,
            board_id: boardId,
            board_section_id: sectionId ?? null,
            board_owner: { username: 'pinops-simulator' },
            media: { media_type: mediaType },
            parent_pin_id: null,
            note: null,
            is_owner: true,
            is_standard: true,
            has_been_promoted: false,
        };
        state.pins.set(pin.id, pin);
        return { status: 201, body: pin };
    }
    const compiled = routes.map(([method, route, handler]) => ({
        method,
        route,
        handler,
        re: new RegExp(`^/v5${route.replace(ROUTE_PARAM, '(?<$1>[^/]+)')}$`),
    }));
    function limited(category, now) {
        const rl = opts.rateLimit;
        if (!rl)
            return { headers: {}, over: false };
        let w = windows.get(category);
        if (!w || now - w.start >= rl.windowMs) {
            w = { start: now, used: 0 };
            windows.set(category, w);
        }
        const over = w.used >= rl.limit;
        if (!over)
            w.used++;
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
    async function handle(req, res) {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const method = req.method ?? 'GET';
        const raw = await readBody(req);
        if (opts.latencyMs)
            await new Promise((r) => setTimeout(r, opts.latencyMs));
        const rid = (0,external_node_crypto_.randomUUID)().replace(/-/g, '').slice(0, 16);
        const send = (status, body, headers = {}) => {
            res.writeHead(status, { 'x-pinterest-rid': rid, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
            res.end(body === undefined ? undefined : JSON.stringify(body));
        };
        if (method === 'GET' && url.pathname === '/oauth/') {
            // The consent page: approves (or denies) at once and sends the browser back with a code.
            const redirect = url.searchParams.get('redirect_uri') ?? '';
            const st = url.searchParams.get('state') ?? '';
            if (url.searchParams.get('client_id') !== app.id)
                return send(400, { code: 1, message: 'Unknown client_id.' });
            const registered = opts.redirectUris ?? ['http://localhost:8085/'];
            if (!registered.includes(redirect) && !(registered.includes('*') && /^http:\/\/localhost:\d+\/$/.test(redirect))) {
                return send(400, { code: 1, message: 'The redirect_uri is not registered for this app.' });
            }
            const target = new URL(redirect);
            if (opts.consent === 'deny')
                target.searchParams.set('error', 'access_denied');
            else {
                const code = (0,external_node_crypto_.randomUUID)();
                const asked = (url.searchParams.get('scope') ?? '').split(/[,\s]+/).filter(Boolean);
                state.codes.set(code, { redirectUri: redirect, scope: asked.filter((x) => granted.includes(x)) });
                target.searchParams.set('code', code);
            }
            target.searchParams.set('state', st);
            res.writeHead(302, { location: target.href });
            res.end();
            return;
        }
        if (method === 'POST' && url.pathname.startsWith('/upload/')) {
            const m = state.media.get(url.pathname.slice('/upload/'.length));
            if (!m)
                return send(404, { code: 50, message: 'Upload not found.' });
            m.uploaded = true;
            return send(204, undefined);
        }
        const match = compiled.find((r) => r.method === method && r.re.test(url.pathname));
        if (!match)
            return send(404, { code: 404, message: `No route for ${method} ${url.pathname}` });
        const params = (match.re.exec(url.pathname)?.groups ?? {});
        const isForm = String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
        let body;
        try {
            body = raw.length === 0 ? undefined : isForm ? Object.fromEntries(new URLSearchParams(raw.toString())) : JSON.parse(raw.toString());
        }
        catch {
            return send(400, { code: 1, message: 'The request body is not valid JSON.' });
        }
        const record = (status, responseBody) => {
            const e = { method, route: match.route, path: url.pathname, query: Object.fromEntries(url.searchParams), status, requestBody: body, responseBody };
            exchanges.push(e);
            opts.onExchange?.(e);
        };
        const fault = takeFault(method, match.route);
        if (fault?.when === 'before' && (await misbehave(fault, res, record, send)))
            return;
        if (!match.route.startsWith('/oauth/')) {
            const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
            if (!state.accessTokens.has(token) && match.route !== '/oauth/token/revoke') {
                record(401, { code: 2, message: 'Authentication failed.' });
                return send(401, { code: 2, message: 'Authentication failed.' });
            }
            const needs = method === 'GET'
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
            await misbehave(fault, res, () => { }, send);
            return;
        }
        record(out.status, out.body);
        send(out.status, out.body, rl.headers);
    }
    function takeFault(method, route) {
        const i = faults.findIndex((f) => f.method === method && f.route === route);
        if (i < 0)
            return undefined;
        const f = faults[i];
        f.times = (f.times ?? 1) - 1;
        if (f.times <= 0)
            faults.splice(i, 1);
        return f;
    }
    async function misbehave(f, res, record, send) {
        f.onFire?.();
        if (f.action === 'hang')
            return true;
        if (f.action === 'reset') {
            res.socket?.destroy();
            return true;
        }
        const body = f.action.body ?? { code: f.action.status, message: `Simulated error ${f.action.status}` };
        record(f.action.status, body);
        send(f.action.status, body, f.action.headers);
        return true;
    }
    const server = (0,external_node_http_.createServer)((req, res) => {
        handle(req, res).catch((e) => {
            if (!res.headersSent)
                res.writeHead(500, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ code: 500, message: e instanceof Error ? e.message : String(e) }));
        });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${server.address().port}/v5`;
    return {
        url: baseUrl,
        state,
        exchanges,
        inject: (f) => faults.push(f),
        close: () => new Promise((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
        }),
    };
}
function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => resolve(Buffer.concat(chunks)));
        req.on('error', reject);
    });
}
function isImage(data, contentType) {
    if (!data || !/^[A-Za-z0-9+/=]+$/.test(data))
        return false;
    const head = Buffer.from(data.slice(0, 16), 'base64');
    if (contentType === 'image/png')
        return head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47;
    if (contentType === 'image/jpeg')
        return head[0] === 0xff && head[1] === 0xd8;
    return false;
}

// EXTERNAL MODULE: ./src/plan/render.ts
var render = __webpack_require__(31);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/util/local-repo.ts


const IDENTITY = {
    GIT_AUTHOR_NAME: 'pinops',
    GIT_AUTHOR_EMAIL: 'pinops@users.noreply.github.com',
    GIT_COMMITTER_NAME: 'pinops',
    GIT_COMMITTER_EMAIL: 'pinops@users.noreply.github.com',
};
/**
 * Turns the folder `root` into a git repository whose files are committed on `main` and pushed
 * to a bare `origin` at `originPath`, so the ledger's pushes are real pushes (the demo, the
 * benchmarks and the tests use it).
 */
function initWithLocalOrigin(root, originPath, message = 'content') {
    const git = (cwd, ...args) => (0,external_node_child_process_.execFileSync)('git', args, { cwd, env: { ...process.env, ...IDENTITY }, stdio: 'pipe' });
    git(root, 'init', '--quiet', '--bare', '--initial-branch=main', originPath);
    git(root, 'init', '--quiet', '--initial-branch=main');
    git(root, 'add', '-A');
    git(root, 'commit', '--quiet', '-m', message);
    git(root, 'remote', 'add', 'origin', originPath);
    git(root, 'push', '--quiet', 'origin', 'main');
}
/** `dir/origin.git`, beside a working repository in `dir/repo`. */
const originBeside = (dir) => (0,external_node_path_.join)(dir, 'origin.git');

// EXTERNAL MODULE: ./src/util/package-root.ts
var package_root = __webpack_require__(3469);
// EXTERNAL MODULE: ./src/cli/errors.ts
var errors = __webpack_require__(6675);
;// CONCATENATED MODULE: ./src/cli/demo.ts
















/** A copy of the bundled example in a fresh git repository whose `origin` is a local bare one. */
async function demoRepository() {
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'pinops-demo-'));
    const root = (0,external_node_path_.join)(dir, 'repo');
    const src = (0,package_root/* packageRoot */.Z)();
    await (0,promises_.cp)((0,external_node_path_.join)(src, 'content'), (0,external_node_path_.join)(root, 'content'), { recursive: true });
    await (0,promises_.cp)((0,external_node_path_.join)(src, 'pinops.yml'), (0,external_node_path_.join)(root, 'pinops.yml'));
    initWithLocalOrigin(root, originBeside(dir), 'example content');
    return root;
}
/**
 * The moment the demo plans at: the bundled example is written around it (one pin due the next
 * day, one the day after), so the demo shows the same plan on any day it is run.
 */
const DEMO_NOW = new Date('2026-11-28T12:00:00Z');
/**
 * `pinops demo`: the main job on the bundled example, offline and without credentials: validate,
 * plan, and publish to pinops' own Pinterest simulator, twice; the second run creates nothing
 * (the simulator dates pins four weeks back, so it does save a pin to its `boards:` list).
 */
async function demoCommand(io, now = DEMO_NOW) {
    const root = await demoRepository();
    // The simulator dates new pins four weeks back, so the analytics at the end have figures to show.
    const started = Date.now();
    const sim = await startSimulator({
        app: { id: 'demo-app', secret: 'demo-secret' },
        refreshTokens: ['demo-refresh'],
        videoPolls: 1,
        backdateDays: 28,
        now: () => now.getTime() + (Date.now() - started),
    });
    try {
        io.out(`pinops demo — the bundled example, copied to ${root}\nPinterest: pinops' offline simulator at ${sim.url}\n\n`);
        io.out('1. Validate\n');
        const v = await (0,validate/* validateRepository */.F)({ root, env: {} });
        io.out((0,format/* formatText */.Oi)(v.diagnostics, v.ok ? v.files : 0, io.color));
        if (!v.ok)
            return errors/* EXIT */.d.usage;
        const env = () => ({
            PINTEREST_API_BASE: sim.url,
            PINTEREST_APP_ID: 'demo-app',
            PINTEREST_APP_SECRET: 'demo-secret',
            PINTEREST_REFRESH_TOKEN: [...sim.state.refreshTokens].at(-1),
        });
        const options = { root, now, mask: () => { }, log: (l) => io.out(`   ${l}\n`), batchSize: 5 };
        io.out('\n2. Previews\n');
        const previews = await (0,preview/* renderPreviews */.e0)({ root, env: {}, out: (0,external_node_path_.join)(root, '..', 'previews') });
        io.out(`   ${previews.written.length} preview(s) in ${(0,external_node_path_.join)(root, '..', 'previews')}${previews.failed.length ? `; ${previews.failed.length} could not be drawn` : ''}\n`);
        io.out(`\n3. Plan, as of ${now.toISOString().replace('.000', '')} (the moment the example content is written for; --now ISO to change it)\n`);
        const dry = await (0,publish/* publish */.mk)({ ...options, env: env(), dryRun: true, runId: 'demo-plan', validated: v });
        io.out((0,render/* planText */.Pt)(dry.plan));
        for (const n of [1, 2]) {
            io.out(`\n${n + 3}. Publish, run ${n}\n`);
            const r = await (0,publish/* publish */.mk)({ ...options, env: env(), dryRun: false, runId: `demo-${n}` });
            const s = (0,report/* summarise */.f)(r);
            io.out(`   Run ${n}: ${s.published} published, ${s.updated} updated, ${s.ruled} by rules, ${s.failed} failed, ${s.unknown} unknown; the simulator now holds ${sim.state.pins.size} pin(s).\n`);
        }
        io.out('\n6. Analytics (the simulator makes up figures as if the pins had been up for four weeks)\n');
        const a = await (0,analytics/* runAnalytics */.Y2)({ ...options, env: env(), runId: 'demo-analytics' });
        io.out(`   Read ${a.fetched} day(s) of figures for ${a.asked} pin(s); stored in analytics/ on the ledger branch.\n\n`);
        io.out((0,summary/* summaryText */.g5)(a.summary).replace(/^(?=.)/gm, '   '));
        io.out(`\nThe ledger (what was published, the log of every API call, and the analytics) is on the pinops-ledger branch:\n   git -C ${root} log --oneline origin/pinops-ledger\n`);
        return (0,diagnostic/* countBySeverity */.Ot)(v.diagnostics).errors > 0 ? errors/* EXIT */.d.content : errors/* EXIT */.d.ok;
    }
    finally {
        await sim.close();
    }
}


/***/ }),

/***/ 6541:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e0: () => (/* binding */ renderPreviews)
/* harmony export */ });
/* unused harmony exports remoteImages, previewName */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _plan_desired_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1313);
/* harmony import */ var _render_preview_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2500);
/* harmony import */ var _settings_load_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4037);
/* harmony import */ var _util_concurrency_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3731);
/* harmony import */ var _util_safe_fetch_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4038);
/* harmony import */ var _validate_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5431);









/** Fetches remote pin images for previews: 20 MB and 20 s at most, private networks only when allowed. */
function remoteImages(allowPrivate, env) {
    return async (url) => (await (0,_util_safe_fetch_js__WEBPACK_IMPORTED_MODULE_6__/* .safeFetch */ .aO)(url, { allowPrivate: (0,_util_safe_fetch_js__WEBPACK_IMPORTED_MODULE_6__/* .privateNetworkFrom */ .oE)(env, allowPrivate), maxBytes: 20 * 1024 * 1024, timeoutMs: 20_000 })).bytes;
}
/** A pin id as a file name: `winter/boots` → `winter__boots.png`. */
const previewName = (key) => `${key.replace(/[^A-Za-z0-9._-]+/g, '__')}.png`;
/**
 * Renders a preview card for every pin (drafts too) or for the pins of the files given, on as many
 * cores as there are. One pin that cannot be drawn (a corrupt image) never stops the others.
 */
async function renderPreviews(opts) {
    const v = await (0,_validate_js__WEBPACK_IMPORTED_MODULE_7__/* .validateRepository */ .F)({ root: opts.root, env: opts.env, ...(opts.config ? { config: opts.config } : {}) });
    if (!v.ok)
        throw new _settings_load_js__WEBPACK_IMPORTED_MODULE_5__/* .SettingsError */ .GN(v.diagnostics);
    const wanted = opts.files?.map((f) => f.replace(/\\/g, '/').replace(/^\.\//, ''));
    const desired = (0,_plan_desired_js__WEBPACK_IMPORTED_MODULE_3__/* .desiredPins */ .X)(v.pins, v.diagnostics, v.settings, new Map()).filter((d) => !wanted?.length || wanted.some((w) => d.file === w || d.file.startsWith(`${w.replace(/\/+$/, '')}/`)));
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(opts.out, { recursive: true });
    const result = { written: [], failed: [] };
    const { renderPreview } = await Promise.resolve(/* import() eager */).then(__webpack_require__.bind(__webpack_require__, 1961));
    let done = 0;
    await (0,_util_concurrency_js__WEBPACK_IMPORTED_MODULE_8__/* .mapLimit */ .s)(desired, Math.max(1, (0,node_os__WEBPACK_IMPORTED_MODULE_1__.cpus)().length), async (d) => {
        try {
            if (d.invalid)
                throw new Error(`the pin is invalid: ${d.invalid}`);
            const png = await renderPreview(opts.root, (0,_render_preview_js__WEBPACK_IMPORTED_MODULE_4__/* .previewCard */ .B)(d), remoteImages(v.settings.allow_private_network, opts.env));
            const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(opts.out, previewName(d.key));
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(file, png);
            result.written.push({ key: d.key, file });
        }
        catch (err) {
            result.failed.push({ key: d.key, file: d.file, error: err instanceof Error ? err.message : String(err) });
        }
        opts.onProgress?.(++done, desired.length);
    });
    result.written.sort((a, b) => (a.key < b.key ? -1 : 1));
    return result;
}


/***/ }),

/***/ 6891:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ summarise)
/* harmony export */ });
/* unused harmony export publishMarkdown */
/* harmony import */ var _diagnostics_diagnostic_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8966);
/* harmony import */ var _plan_render_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(31);
/* harmony import */ var _execute_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5164);




/** What a publish run amounts to: counts, and whether it should fail. */
function summarise(r) {
    const count = (f) => r.outcomes.filter(f).length;
    const halted = r.outcomes.find((o) => o.result === 'skipped' && o.error?.startsWith('not attempted after'));
    return {
        published: count((o) => o.result === 'ok' && (o.action === 'create' || o.action === 'adopt')),
        updated: count((o) => o.result === 'ok' && o.action === 'update'),
        ruled: count((o) => o.result === 'ok' && (o.action === 'save' || o.action === 'republish')),
        failed: count((o) => o.result === 'error'),
        unknown: count((o) => o.result === 'unknown'),
        skipped: count((o) => o.result === 'skipped'),
        invalid: r.plan.actions.filter((a) => a.kind === 'invalid').length,
        ...(halted ? { halted } : {}),
    };
}
/** The publish report for the job summary and the merged PR's comment. */
function publishMarkdown(r, opts = {}) {
    const s = summarise(r);
    const { errors } = countBySeverity(r.diagnostics);
    let out = `## ${opts.title ?? 'pinops'}${r.dryRun ? ' (dry run: nothing was sent)' : ''}\n\n`;
    if (r.account)
        out += `Account: **${mdCell(r.account)}**${credentialLine(r)}\n\n`;
    if (!r.dryRun)
        out += `✅ ${s.published} published · ✏️ ${s.updated} updated${s.ruled ? ` · 📌 ${s.ruled} by rules` : ''} · ❌ ${s.failed} failed · ❓ ${s.unknown} unknown · ⏭️ ${s.skipped} skipped\n\n`;
    if (errors)
        out += `⚠️ ${errors} content error(s): the pins they belong to are not published. Run \`npx pinops validate\`.\n\n`;
    const done = r.outcomes.filter((o) => o.result !== 'skipped' || o.error);
    if (done.length) {
        out += '### Results\n\n| Pin | Action | Result |\n|---|---|---|\n';
        for (const o of done) {
            const result = o.result === 'ok' ? (o.pinId ? `[pin ${o.pinId}](${pinUrl(o.pinId)})` : 'ok') : `${o.result}: ${mdCell(o.error ?? '')}${o.advice ? ` — ${mdCell(o.advice)}` : ''}`;
            out += `| \`${mdCell(o.key)}\` | ${o.action}${o.detail ? ` (${mdCell(o.detail)})` : ''} | ${result} |\n`;
        }
        out += '\n';
    }
    const next = r.plan.actions.filter((a) => a.kind === 'scheduled' && a.at).sort((a, b) => a.at.getTime() - b.at.getTime())[0];
    if (next?.at)
        out += `Next due: \`${mdCell(next.key)}\` at ${isoTime(next.at)}\n\n`;
    for (const w of r.warnings)
        out += `> ⚠️ ${mdCell(w)}\n\n`;
    return out + planMarkdown(r.plan, r.dryRun ? 'Plan' : 'The plan this run carried out');
}
function credentialLine(r) {
    const c = r.credentials;
    if (!c)
        return '';
    if (c.rotated)
        return ` · credentials: renewed automatically${c.expiresAt ? `, valid until ${c.expiresAt.toISOString().slice(0, 10)}` : ''}`;
    if (c.renewBy)
        return ` · credentials: ${c.urgent ? '⚠️ ' : ''}the secret must be renewed by ${c.renewBy.toISOString().slice(0, 10)}`;
    return c.expiresAt ? ` · credentials: valid until ${c.expiresAt.toISOString().slice(0, 10)}` : '';
}


/***/ }),

/***/ 31:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pt: () => (/* binding */ planText),
/* harmony export */   iY: () => (/* binding */ planJson)
/* harmony export */ });
/* unused harmony exports isoTime, planCounts, planMarkdown */

const ICON = {
    create: '➕',
    update: '✏️',
    recreate: '♻️',
    delete: '🗑️',
    unchanged: '✔️',
    scheduled: '🕒',
    draft: '📝',
    invalid: '❌',
    'rate-capped': '⏸️',
    unknown: '❓',
};
/** A time as people read it in reports: ISO 8601 to the second. */
const isoTime = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
/** Counts per kind, in a fixed order. */
function planCounts(plan) {
    const out = {};
    for (const a of plan.actions)
        out[a.kind] = (out[a.kind] ?? 0) + 1;
    return out;
}
function detail(a) {
    const parts = [];
    if (a.at)
        parts.push(isoTime(a.at));
    if (a.changes?.length)
        parts.push(`changes: ${a.changes.join(', ')}`);
    if (a.renamedFrom)
        parts.push(`renamed from ${a.renamedFrom}`);
    if (a.pinId && a.kind !== 'unchanged')
        parts.push(`pin ${a.pinId}`);
    if (a.reason)
        parts.push(a.reason);
    return parts.join('; ');
}
/** What a rule action does, in words: `save to Gift Ideas / Boots`, `republish with template fresh`. */
function ruleWhat(r) {
    return r.kind === 'save' ? `save to ${r.board}${r.section ? ` / ${r.section}` : ''}` : `republish with template ${r.template}`;
}
function ruleDetail(r) {
    return [r.status === 'due' ? 'in this run' : r.status, r.at && r.status === 'scheduled' ? isoTime(r.at) : '', r.reason].filter(Boolean).join('; ');
}
/** The plan for a terminal: one line per pin that something happens to, then the counts. */
function planText(plan, verbose = false) {
    const lines = [];
    for (const a of plan.actions) {
        if (!verbose && a.kind === 'unchanged' && !a.renamedFrom)
            continue;
        lines.push(`  ${a.kind.padEnd(11)} ${a.key}${detail(a) ? `  (${detail(a)})` : ''}`);
    }
    for (const r of plan.removed)
        lines.push(`  removed     ${r.key}  (file removed; prune is off, so pin ${r.pinId ?? '?'} stays on Pinterest)`);
    for (const r of plan.rules)
        lines.push(`  rule        ${r.key}: ${ruleWhat(r)}  (${r.rule}: ${ruleDetail(r)})`);
    const counts = Object.entries(planCounts(plan))
        .map(([k, n]) => `${n} ${k}`)
        .join(', ');
    return `${lines.join('\n')}${lines.length ? '\n' : ''}Plan: ${counts || 'nothing to do'}\n`;
}
/** The plan as JSON for `pinops plan --json`. */
function planJson(plan) {
    const actions = plan.actions.map((a) => ({
        key: a.key,
        action: a.kind,
        file: a.file ?? null,
        line: a.line ?? null,
        at: a.at?.toISOString() ?? null,
        pin_id: a.pinId ?? null,
        reason: a.reason ?? null,
        changes: a.changes ?? null,
        renamed_from: a.renamedFrom ?? null,
    }));
    const rules = plan.rules.map((r) => ({
        key: r.key,
        rule: r.rule,
        action: r.kind,
        status: r.status,
        board: r.board ?? null,
        section: r.section ?? null,
        template: r.template ?? null,
        at: r.at?.toISOString() ?? null,
        reason: r.reason,
    }));
    return `${JSON.stringify({ now: plan.now.toISOString(), actions, removed: plan.removed, rules, counts: planCounts(plan) }, null, 2)}\n`;
}
/** The plan as a markdown table (job summary, PR comment). */
function planMarkdown(plan, title = 'Plan') {
    const rows = plan.actions.filter((a) => a.kind !== 'unchanged' || a.renamedFrom);
    const counts = Object.entries(planCounts(plan))
        .map(([k, n]) => `${ICON[k]} ${n} ${k}`)
        .join(' · ');
    let out = `### ${title}\n\n${counts || 'Nothing to do.'}\n\n`;
    if (rows.length) {
        out += '| | Pin | Action | Details |\n|---|---|---|---|\n';
        for (const a of rows)
            out += `| ${ICON[a.kind]} | \`${mdCell(a.key)}\`${a.file ? ` (${mdCell(a.file)})` : ''} | ${a.kind} | ${mdCell(detail(a))} |\n`;
    }
    for (const r of plan.removed)
        out += `\n- \`${mdCell(r.key)}\`: file removed; \`prune\` is off, so the pin stays on Pinterest.`;
    if (plan.rules.length) {
        out += `\n\n#### Rules\n\n| Pin | Rule | Action | When |\n|---|---|---|---|\n`;
        for (const r of plan.rules)
            out += `| \`${mdCell(r.key)}\` | ${mdCell(r.rule)} | ${mdCell(ruleWhat(r))} | ${mdCell(ruleDetail(r))} |\n`;
    }
    return out;
}


/***/ }),

/***/ 2500:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ previewCard),
/* harmony export */   CARD: () => (/* binding */ CARD)
/* harmony export */ });
/* unused harmony export excerpt */
/* harmony import */ var _layout_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(216);

/** The card's size: a 2:3 image (720×1080) over a text panel, as a pin shows on Pinterest. */
const CARD = { width: 720, image: 1080, panel: 300 };
/** Shortens text at a word boundary, with an ellipsis. */
function excerpt(text, max) {
    const flat = text.replace(/\s+/g, ' ').trim();
    if (flat.length <= max)
        return flat;
    const cut = flat.slice(0, max - 1);
    const space = cut.lastIndexOf(' ');
    return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
function firstImage(src) {
    if (!src)
        return { missing: 'no image' };
    return 'url' in src ? { url: src.url } : { path: src.path };
}
/** A desired pin → its preview card. */
function previewCard(d) {
    const m = d.media;
    let picture = { missing: 'no media' };
    let badge;
    if (m?.kind === 'template') {
        picture = {
            creative: (0,_layout_js__WEBPACK_IMPORTED_MODULE_0__.creativeLayout)({
                title: d.title,
                description: d.description,
                board: d.board,
                ...(d.link ? { link: d.link } : {}),
                fields: m.fields,
                ...(m.image && 'path' in m.image ? { image: m.image.path } : {}),
            }, m.spec),
        };
    }
    else if (m?.kind === 'image')
        picture = firstImage(m.image);
    else if (m?.kind === 'carousel') {
        picture = firstImage(m.images[0]);
        badge = { slides: m.images.length };
    }
    else if (m?.kind === 'video') {
        picture = firstImage(m.cover);
        badge = 'video';
    }
    let domain = '';
    try {
        domain = d.link ? new URL(d.link).hostname.replace(/^www\./, '') : '';
    }
    catch {
        domain = '';
    }
    return { picture, ...(badge ? { badge } : {}), title: d.title, excerpt: excerpt(d.description, 160), footer: [domain, d.board].filter(Boolean).join(' · ') };
}


/***/ }),

/***/ 4038:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aO: () => (/* binding */ safeFetch),
/* harmony export */   fk: () => (/* binding */ FetchError),
/* harmony export */   oE: () => (/* binding */ privateNetworkFrom)
/* harmony export */ });
/* unused harmony export isPrivateAddress */
/* harmony import */ var node_dns_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1553);
/* harmony import */ var node_dns_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_dns_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_1__);


/** A remote fetch that was refused or failed: the message names the URL and the reason. */
class FetchError extends Error {
    name = 'FetchError';
}
/** Loopback, private (RFC 1918, unique local), link-local, CGNAT and unspecified addresses. */
function isPrivateAddress(ip) {
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_1__.isIP)(ip) === 4) {
        const [a = 0, b = 0] = ip.split('.').map(Number);
        return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
    }
    const v6 = ip.toLowerCase();
    if (v6.startsWith('::ffff:'))
        return isPrivateAddress(v6.slice(7));
    return v6 === '::1' || v6 === '::' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}
/** The private-network allowance from the environment: `1` for all, or a comma list of `host:port`. */
function privateNetworkFrom(env, settingsAllow = false) {
    const v = env.PINOPS_ALLOW_PRIVATE_NETWORK?.trim();
    if (settingsAllow || v === '1' || v === 'true')
        return true;
    return v
        ? v
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : false;
}
async function checkHost(url, allowPrivate) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new FetchError(`${url.href}: only http and https are fetched`);
    if (allowPrivate === true || (Array.isArray(allowPrivate) && allowPrivate.includes(url.host)))
        return;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const addresses = (0,node_net__WEBPACK_IMPORTED_MODULE_1__.isIP)(host) ? [host] : (await (0,node_dns_promises__WEBPACK_IMPORTED_MODULE_0__.lookup)(host, { all: true }).catch(() => [])).map((a) => a.address);
    if (addresses.length === 0)
        throw new FetchError(`${url.href}: the host ${host} does not resolve`);
    const bad = addresses.find(isPrivateAddress);
    if (bad)
        throw new FetchError(`${url.href}: ${host} is a private, loopback or link-local address (${bad}); set allow_private_network: true in pinops.yml to allow it`);
}
/**
 * Fetches a remote file with the care anything user-named deserves: http(s) only, every hop's
 * address checked (no private networks unless allowed), redirects followed by hand and capped,
 * the body cut off at `maxBytes`, the whole within `timeoutMs`.
 */
async function safeFetch(href, opts) {
    const signal = AbortSignal.timeout(opts.timeoutMs);
    let url = new URL(href);
    try {
        for (let hop = 0;; hop++) {
            await checkHost(url, opts.allowPrivate);
            const res = await fetch(url, { redirect: 'manual', signal });
            if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
                if (hop >= (opts.maxRedirects ?? 5))
                    throw new FetchError(`${href}: more than ${opts.maxRedirects ?? 5} redirects`);
                await res.body?.cancel();
                url = new URL(res.headers.get('location'), url);
                continue;
            }
            if (!res.ok)
                throw new FetchError(`${url.href}: HTTP ${res.status}`);
            const declared = Number(res.headers.get('content-length') ?? 0);
            if (declared > opts.maxBytes)
                throw new FetchError(`${url.href}: ${declared} bytes, over the limit of ${opts.maxBytes}`);
            const chunks = [];
            let size = 0;
            for await (const chunk of res.body ?? []) {
                size += chunk.length;
                if (size > opts.maxBytes)
                    throw new FetchError(`${url.href}: more than ${opts.maxBytes} bytes`);
                chunks.push(Buffer.from(chunk));
            }
            return { bytes: Buffer.concat(chunks), contentType: res.headers.get('content-type') ?? '', url: url.href };
        }
    }
    catch (err) {
        if (err instanceof FetchError)
            throw err;
        const e = err;
        if (e.name === 'TimeoutError' || e.name === 'AbortError')
            throw new FetchError(`${href}: no complete answer within ${Math.round(opts.timeoutMs / 1000)} s`);
        throw new FetchError(`${href}: ${e.message ?? String(err)}`);
    }
}


/***/ })

};
