export const id = 596;
export const ids = [596];
export const modules = {

/***/ 1917:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  eP: () => (/* binding */ SecretWriteError),
  e3: () => (/* binding */ deleteSecret),
  kz: () => (/* binding */ writeSecret)
});

// EXTERNAL MODULE: ./node_modules/libsodium-wrappers/dist/modules-esm/libsodium-wrappers.mjs + 1 modules
var libsodium_wrappers = __webpack_require__(4768);
;// CONCATENATED MODULE: ./src/github/rest.ts
/** A GitHub API failure, with the call and status. */
class GithubError extends Error {
    status;
    name = 'GithubError';
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}
/** One GitHub REST call (on `ctx.apiUrl`, so GitHub Enterprise Server works too); JSON in and out. */
async function githubRequest(ctx, token, method, path, body) {
    const res = await fetch(`${ctx.apiUrl.replace(/\/+$/, '')}${path}`, {
        method,
        headers: {
            Authorization: `Bearer ${token}`,
            Accept: 'application/vnd.github+json',
            'X-GitHub-Api-Version': '2022-11-28',
            ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok)
        throw new GithubError(res.status, `GitHub answered ${res.status} to ${method} ${path}`);
    return (res.status === 204 ? undefined : await res.json().catch(() => undefined));
}

;// CONCATENATED MODULE: ./src/github/secrets.ts


/** Writing a secret failed: the run goes on, with a warning that says what permission is missing. */
class SecretWriteError extends Error {
    status;
    name = 'SecretWriteError';
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
/** A call whose refusal becomes a SecretWriteError that names the permission to give. */
async function gh(ctx, token, method, path, body) {
    try {
        return await githubRequest(ctx, token, method, path, body);
    }
    catch (err) {
        if (!(err instanceof GithubError))
            throw err;
        const why = [401, 403, 404].includes(err.status)
            ? ': the token given as secrets-token may not write this repository\'s secrets (a fine-grained token needs "Secrets: read and write"; a GitHub App needs the "secrets" permission)'
            : '';
        throw new SecretWriteError(`${err.message}${why}`, err.status);
    }
}
const base = (ctx, environment) => environment ? `/repos/${ctx.owner}/${ctx.repo}/environments/${encodeURIComponent(environment)}/secrets` : `/repos/${ctx.owner}/${ctx.repo}/actions/secrets`;
/**
 * Encrypts `value` with the repository's (or environment's) public key in a sealed box and stores
 * it. `stillWanted` is asked right before the write (a newer value may have been chosen meanwhile);
 * returns whether the secret was written.
 */
async function writeSecret(ctx, token, name, value, environment, stillWanted = async () => true) {
    const key = await gh(ctx, token, 'GET', `${base(ctx, environment)}/public-key`);
    if (!(await stillWanted()))
        return false;
    await libsodium_wrappers/* default.ready */.Ay.ready;
    const sealed = libsodium_wrappers/* default */.Ay.crypto_box_seal(libsodium_wrappers/* default.from_string */.Ay.from_string(value), libsodium_wrappers/* default.from_base64 */.Ay.from_base64(key.key, libsodium_wrappers/* default.base64_variants */.Ay.base64_variants.ORIGINAL));
    await gh(ctx, token, 'PUT', `${base(ctx, environment)}/${name}`, { encrypted_value: libsodium_wrappers/* default.to_base64 */.Ay.to_base64(sealed, libsodium_wrappers/* default.base64_variants */.Ay.base64_variants.ORIGINAL), key_id: key.key_id });
    return true;
}
/** Deletes a secret; one that does not exist counts as deleted. */
async function deleteSecret(ctx, token, name, environment) {
    try {
        await gh(ctx, token, 'DELETE', `${base(ctx, environment)}/${name}`);
        return true;
    }
    catch (err) {
        if (err instanceof SecretWriteError && err.status === 404)
            return false;
        throw err;
    }
}


/***/ }),

/***/ 2493:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ git),
/* harmony export */   T: () => (/* binding */ gitOk)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);

/** Runs git in `cwd` with `input` on stdin. Never throws for a non-zero exit: callers decide. */
function git(cwd, args, opts = {}) {
    return new Promise((resolve, reject) => {
        const stdin = opts.input === undefined ? 'ignore' : 'pipe';
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('git', args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...opts.env }, stdio: [stdin, 'pipe', 'pipe'] });
        const out = [];
        const err = [];
        child.stdout?.on('data', (d) => out.push(d));
        child.stderr?.on('data', (d) => err.push(d));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
        if (child.stdin) {
            child.stdin.on('error', () => { }); // a command that exits without reading its input
            child.stdin.end(opts.input);
        }
    });
}
/** Like `git`, but a non-zero exit is an error naming the command. */
async function gitOk(cwd, args, opts = {}) {
    const r = await git(cwd, args, opts);
    if (r.code !== 0)
        throw new Error(`git ${args.join(' ')} failed: ${r.stderr.trim() || r.stdout.trim()}`);
    return r.stdout;
}


/***/ }),

/***/ 492:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ gitLedgerStore)
/* harmony export */ });
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7486);
/* harmony import */ var _git_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2493);


const IDENTITY = {
    GIT_AUTHOR_NAME: 'pinops',
    GIT_AUTHOR_EMAIL: 'pinops@users.noreply.github.com',
    GIT_COMMITTER_NAME: 'pinops',
    GIT_COMMITTER_EMAIL: 'pinops@users.noreply.github.com',
};
const README = `# pinops ledger

This branch is written by pinops; do not merge it into your code.

- \`ledger.json\`: every pin pinops published (pin key → Pinterest pin id, board, fingerprints, time).
- \`log/YYYY-MM.jsonl\`: one line per API action (time, run, pin, action, result, pin id, x-pinterest-rid).
- \`analytics/YYYY-MM.csv\`: the daily metrics of every published pin, one row per pin per day.

Its commits are the audit trail of what was published, and when.
`;
/**
 * The ledger on an orphan branch of the repository's `origin`, written with git plumbing
 * (hash-object, mktree, commit-tree, push): the working tree and index are never touched.
 */
function gitLedgerStore(root, branch, remote = 'origin') {
    const ref = 'refs/pinops/ledger';
    let pushes = 0;
    /** The branch head this process last saw or pushed: a commit is tried on it first, without a fetch. */
    let known;
    let knownValid = false;
    // One commit at a time from this process: git's ref locks do not queue.
    let queue = Promise.resolve();
    const serial = (fn) => {
        const next = queue.then(fn, fn);
        queue = next.catch(() => undefined);
        return next;
    };
    async function fetch() {
        let r = await (0,_git_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$)(root, ['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${branch}:${ref}`]);
        for (let i = 0; r.code !== 0 && /cannot lock ref|unable to update local ref/i.test(r.stderr) && i < 5; i++) {
            await new Promise((res) => setTimeout(res, 50 * (i + 1)));
            r = await (0,_git_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$)(root, ['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${branch}:${ref}`]);
        }
        if (r.code !== 0) {
            if (/couldn't find remote ref|does not appear to be a git repository|not found/i.test(r.stderr) && !/fatal: unable to access|Authentication|Permission/i.test(r.stderr)) {
                await (0,_git_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$)(root, ['update-ref', '-d', ref]);
                known = undefined;
                knownValid = true;
                return undefined;
            }
            throw new _format_js__WEBPACK_IMPORTED_MODULE_0__/* .LedgerError */ .oy(`cannot read the ledger branch "${branch}" from ${remote}: ${r.stderr.trim()}`);
        }
        known = (await (0,_git_js__WEBPACK_IMPORTED_MODULE_1__/* .gitOk */ .T)(root, ['rev-parse', ref])).trim();
        knownValid = true;
        return known;
    }
    async function read(head) {
        if (!head)
            return (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .emptyLedger */ .Hg)();
        const r = await (0,_git_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$)(root, ['cat-file', '-p', `${head}:ledger.json`]);
        if (r.code !== 0)
            return (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .emptyLedger */ .Hg)();
        return (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .parseLedger */ .h8)(r.stdout, `ledger.json on the ${branch} branch (commit ${head.slice(0, 8)})`);
    }
    async function blob(content) {
        return (await (0,_git_js__WEBPACK_IMPORTED_MODULE_1__/* .gitOk */ .T)(root, ['hash-object', '-w', '--stdin'], { input: content })).trim();
    }
    /** Entries of a tree as mktree lines, keyed by name. */
    async function entries(treeish) {
        const map = new Map();
        if (!treeish)
            return map;
        const r = await (0,_git_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$)(root, ['ls-tree', '-z', treeish]);
        if (r.code !== 0)
            return map;
        for (const line of r.stdout.split('\0')) {
            if (!line)
                continue;
            const name = line.slice(line.indexOf('\t') + 1);
            map.set(name, line);
        }
        return map;
    }
    async function readAt(head, path) {
        if (!head)
            return undefined;
        const r = await (0,_git_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$)(root, ['cat-file', '-p', `${head}:${path}`]);
        return r.code === 0 ? r.stdout : undefined;
    }
    async function write(head, ledger, lines, message, extra) {
        const top = await entries(head);
        const files = new Map(Object.entries(extra));
        const byMonth = new Map();
        for (const l of lines)
            byMonth.set(l.time.slice(0, 7), [...(byMonth.get(l.time.slice(0, 7)) ?? []), l]);
        for (const [month, list] of byMonth) {
            const path = `log/${month}.jsonl`;
            files.set(path, ((await readAt(head, path)) ?? '') + list.map((l) => `${JSON.stringify(l)}\n`).join(''));
        }
        // One level of folders (log/, analytics/): each changed folder gets a new tree.
        const folders = new Map();
        for (const [path, content] of files) {
            const [folder, name] = path.split('/');
            if (!folders.has(folder))
                folders.set(folder, await entries(head ? `${head}:${folder}` : undefined));
            folders.get(folder)?.set(name, `100644 blob ${await blob(content)}\t${name}`);
        }
        for (const [folder, list] of folders)
            top.set(folder, `040000 tree ${(await (0,_git_js__WEBPACK_IMPORTED_MODULE_1__/* .gitOk */ .T)(root, ['mktree', '-z'], { input: `${[...list.values()].join('\0')}\0` })).trim()}\t${folder}`);
        top.set('ledger.json', `100644 blob ${await blob((0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .serializeLedger */ .CE)(ledger))}\tledger.json`);
        if (!top.has('README.md'))
            top.set('README.md', `100644 blob ${await blob(README)}\tREADME.md`);
        const tree = (await (0,_git_js__WEBPACK_IMPORTED_MODULE_1__/* .gitOk */ .T)(root, ['mktree', '-z'], { input: `${[...top.values()].join('\0')}\0` })).trim();
        return (await (0,_git_js__WEBPACK_IMPORTED_MODULE_1__/* .gitOk */ .T)(root, ['commit-tree', tree, ...(head ? ['-p', head] : []), '-m', message], { env: IDENTITY })).trim();
    }
    return {
        get pushes() {
            return pushes;
        },
        load() {
            return serial(async () => read(await fetch()));
        },
        commit(message, change, log, files) {
            return serial(() => commitNow(message, change, log, files));
        },
        readFolder(folder) {
            return serial(async () => {
                // Read from the head this process just fetched or pushed (callers load the ledger first).
                const head = knownValid ? known : await fetch();
                const out = new Map();
                for (const name of (await entries(head ? `${head}:${folder}` : undefined)).keys())
                    out.set(name, (await readAt(head, `${folder}/${name}`)) ?? '');
                return out;
            });
        },
    };
    async function commitNow(message, change, log, files) {
        for (let attempt = 0; attempt < 20; attempt++) {
            // Try on the head this process knows; a rejected push fetches and re-applies.
            const head = attempt === 0 && knownValid ? known : await fetch();
            const ledger = await read(head);
            if (change(ledger) === false)
                return { ledger, applied: false };
            const extra = files ? await files((path) => readAt(head, path)) : {};
            const commit = await write(head, ledger, log(ledger), message, extra);
            const r = await (0,_git_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$)(root, ['push', '--quiet', remote, `${commit}:refs/heads/${branch}`]);
            pushes++;
            if (r.code === 0) {
                await (0,_git_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$)(root, ['update-ref', ref, commit]);
                // As a plain push would: `git log origin/pinops-ledger` shows the audit trail.
                await (0,_git_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$)(root, ['update-ref', `refs/remotes/${remote}/${branch}`, commit]);
                known = commit;
                knownValid = true;
                return { ledger, applied: true };
            }
            if (!/rejected|non-fast-forward|fetch first|failed to update ref|cannot lock ref/i.test(r.stderr)) {
                throw new _format_js__WEBPACK_IMPORTED_MODULE_0__/* .LedgerError */ .oy(`cannot push the ledger branch "${branch}" to ${remote}: ${r.stderr.trim()}. Give the workflow \`permissions: contents: write\`.`);
            }
            // Another run pushed first: take its ledger and apply this change again.
            await new Promise((res) => setTimeout(res, 20 + Math.random() * 80 * (attempt + 1)));
        }
        throw new _format_js__WEBPACK_IMPORTED_MODULE_0__/* .LedgerError */ .oy(`the ledger branch "${branch}" kept changing under this run; try again`);
    }
}


/***/ }),

/***/ 3187:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xr: () => (/* binding */ pinUrl),
/* harmony export */   av: () => (/* binding */ apiBase),
/* harmony export */   sU: () => (/* binding */ createPinterestClient)
/* harmony export */ });
/* unused harmony export API_BASES */
/* harmony import */ var openapi_fetch__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6000);
/* harmony import */ var _transport_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2671);


/** Pinterest's API hosts (PRODUCT.md: `api` in pinops.yml). */
const API_BASES = { production: 'https://api.pinterest.com/v5', sandbox: 'https://api-sandbox.pinterest.com/v5' };
/** A pin's page on Pinterest. */
const pinUrl = (id) => `https://www.pinterest.com/pin/${id}/`;
/** The base URL for a settings `api` value: `production`, `sandbox` or a URL. */
function apiBase(api) {
    return API_BASES[api] ?? api.replace(/\/+$/, '');
}
/** A client for Pinterest API v5, typed from Pinterest's own spec. */
function createPinterestClient(opts) {
    const transport = new _transport_js__WEBPACK_IMPORTED_MODULE_0__/* .Transport */ .o(opts);
    const client = (0,openapi_fetch__WEBPACK_IMPORTED_MODULE_1__/* ["default"] */ .Ay)({ baseUrl: opts.base, fetch: transport.fetch, headers: { Authorization: `Bearer ${opts.accessToken}` } });
    /** openapi-fetch returns `{data, error}`; the transport already threw on every error status. */
    const must = (r) => r.data;
    /** Follows `bookmark` pagination. The spec types list items loosely (Paginated's `object[]`). */
    async function paged(get, max = Number.POSITIVE_INFINITY) {
        const out = [];
        let bookmark;
        do {
            const page = await get(bookmark);
            out.push(...page.items);
            bookmark = page.bookmark ?? undefined;
        } while (bookmark && out.length < max);
        return out.slice(0, max);
    }
    return {
        transport,
        userAccount: async () => must(await client.GET('/user_account')),
        listBoards: () => paged(async (bookmark) => must(await client.GET('/boards', { params: { query: { page_size: 250, ...(bookmark ? { bookmark } : {}) } } }))),
        createBoard: async (body) => must(await client.POST('/boards', { body })),
        listSections: (boardId) => paged(async (bookmark) => must(await client.GET('/boards/{board_id}/sections', { params: { path: { board_id: boardId }, query: { page_size: 250, ...(bookmark ? { bookmark } : {}) } } }))),
        createSection: async (boardId, name) => must(await client.POST('/boards/{board_id}/sections', { params: { path: { board_id: boardId } }, body: { name } })),
        listBoardPins: (boardId, max) => paged(async (bookmark) => must(await client.GET('/boards/{board_id}/pins', { params: { path: { board_id: boardId }, query: { page_size: 100, ...(bookmark ? { bookmark } : {}) } } })), max),
        getPin: async (pinId) => {
            try {
                return must(await client.GET('/pins/{pin_id}', { params: { path: { pin_id: pinId } } }));
            }
            catch (err) {
                if (err.kind === 'not-found')
                    return undefined;
                throw err;
            }
        },
        createPin: async (body) => must(await client.POST('/pins', { body })),
        updatePin: async (pinId, body) => must(await client.PATCH('/pins/{pin_id}', { params: { path: { pin_id: pinId } }, body })),
        deletePin: async (pinId) => {
            await client.DELETE('/pins/{pin_id}', { params: { path: { pin_id: pinId } } });
        },
        savePin: async (pinId, boardId, sectionId) => must(await client.POST('/pins/{pin_id}/save', { params: { path: { pin_id: pinId } }, body: { board_id: boardId, ...(sectionId ? { board_section_id: sectionId } : {}) } })),
        registerVideo: async () => must(await client.POST('/media', { body: { media_type: 'video' } })),
        uploadMedia: async (upload, bytes, fileName) => {
            // The upload goes to the URL Pinterest named, as a multipart form with its parameters.
            if (!upload.upload_url)
                throw new Error('Pinterest gave no upload URL for the video');
            const form = new FormData();
            for (const [k, v] of Object.entries(upload.upload_parameters ?? {}))
                if (typeof v === 'string')
                    form.append(k, v);
            form.append('file', new Blob([bytes]), fileName);
            await transport.fetch(new Request(upload.upload_url, { method: 'POST', body: form }));
        },
        getMedia: async (mediaId) => must(await client.GET('/media/{media_id}', { params: { path: { media_id: mediaId } } })),
        pinAnalytics: async (pinId, start, end, metrics) => must(await client.GET('/pins/{pin_id}/analytics', {
            params: { path: { pin_id: pinId }, query: { start_date: start, end_date: end, metric_types: [...metrics] } },
            // The spec's `explode: false`: metric_types=IMPRESSION,SAVE.
            querySerializer: { array: { style: 'form', explode: false } },
        })),
    };
}


/***/ }),

/***/ 2671:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ realClock),
/* harmony export */   o: () => (/* binding */ Transport)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3899);

const realClock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE']);
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);
/**
 * Sends requests to Pinterest: honours Retry-After and the rate-limit headers (pacing requests so a
 * limit, once seen, is not hit again), retries what is safe to retry with backoff, and never
 * repeats a request that may have taken effect (a create whose answer was lost): that one fails
 * as `unknown-outcome`, for the caller to resolve by looking.
 */
class Transport {
    opts;
    clock;
    nextAt = new Map();
    /** Per rate-limit category: requests left in the current window (an estimate) and when it resets. */
    budget = new Map();
    inFlight = new Map();
    /** Pinterest's rate-limit category per endpoint, learned from `x-ratelimit-category`. */
    categories = new Map();
    /** Requests sent, 429s received, time spent waiting (pacing, backoff) and in requests. */
    stats = { requests: 0, rateLimited: 0, waitedMs: 0, requestMs: 0 };
    constructor(opts = {}) {
        this.opts = opts;
        this.clock = opts.clock ?? realClock;
    }
    /** The `fetch` that openapi-fetch calls. */
    fetch = async (input) => {
        const method = input.method.toUpperCase();
        const path = new URL(input.url).pathname;
        const endpoint = `${method} ${path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
        const category = () => this.categories.get(endpoint) ?? (method === 'GET' ? 'read' : 'write');
        const retries = this.opts.maxRetries ?? 5;
        const body = method === 'GET' || method === 'HEAD' ? undefined : await input.arrayBuffer();
        for (let attempt = 0;; attempt++) {
            const sentAs = category();
            await this.pace(sentAs);
            let res;
            const started = performance.now();
            this.inFlight.set(sentAs, (this.inFlight.get(sentAs) ?? 0) + 1);
            try {
                this.stats.requests++;
                res = await fetch(input.url, {
                    method,
                    headers: input.headers,
                    ...(body !== undefined ? { body } : {}),
                    signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
                });
            }
            catch (err) {
                this.inFlight.set(sentAs, (this.inFlight.get(sentAs) ?? 1) - 1);
                const code = errorCode(err);
                const sent = !NOT_SENT.has(code);
                if (attempt < retries && (IDEMPOTENT.has(method) || !sent)) {
                    await this.backoff(attempt);
                    continue;
                }
                if (sent && !IDEMPOTENT.has(method))
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PinterestError */ .t('unknown-outcome', undefined, `no answer to ${method} ${path} (${code})`, undefined, undefined);
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PinterestError */ .t('network', undefined, `cannot reach Pinterest for ${method} ${path} (${code})`, undefined, undefined);
            }
            this.inFlight.set(sentAs, (this.inFlight.get(sentAs) ?? 1) - 1);
            this.stats.requestMs += performance.now() - started;
            this.opts.onResponse?.({ method, path, status: res.status, attempt });
            const learned = res.headers.get('x-ratelimit-category');
            if (learned)
                this.categories.set(endpoint, learned);
            this.observe(category(), res.headers);
            if (res.ok)
                return res;
            const rid = res.headers.get('x-pinterest-rid') ?? undefined;
            const { code, message } = await errorBody(res);
            const kind = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .classify */ .L)(res.status, message);
            if (res.status === 429) {
                this.stats.rateLimited++;
                const wait = retryAfterMs(res.headers, this.clock.now()) ?? this.backoffMs(attempt);
                // A 429 means the request was not carried out, so even a create may be sent again;
                // the spam kind is not waited out: more requests would make it worse.
                if (kind === 'rate-limit' && attempt < retries) {
                    this.hold(category(), wait);
                    continue;
                }
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PinterestError */ .t(kind, 429, message, rid, code, wait);
            }
            if (res.status >= 500) {
                if (IDEMPOTENT.has(method) && attempt < retries) {
                    await this.backoff(attempt);
                    continue;
                }
                if (!IDEMPOTENT.has(method))
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PinterestError */ .t('unknown-outcome', res.status, message, rid, code);
            }
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PinterestError */ .t(kind, res.status, message, rid, code);
        }
    };
    /**
     * Waits for the category's turn: after a Retry-After or backoff hold, and while the window's
     * estimated budget is spent, until the window resets. Then takes one request from the budget.
     */
    async pace(category) {
        const at = this.nextAt.get(category) ?? 0;
        const wait = at - this.clock.now();
        if (wait > 0) {
            this.stats.waitedMs += wait;
            await this.clock.sleep(wait);
        }
        const b = this.budget.get(category);
        if (b && b.remaining <= 0) {
            const until = b.resetAt + 10 - this.clock.now();
            if (until > 0) {
                this.stats.waitedMs += until;
                await this.clock.sleep(until);
            }
            // A new window: its size is learned again from the next answer.
            if (this.budget.get(category) === b)
                this.budget.delete(category);
            return this.pace(category);
        }
        if (b)
            b.remaining--;
    }
    hold(category, ms) {
        this.nextAt.set(category, Math.max(this.nextAt.get(category) ?? 0, this.clock.now() + ms));
    }
    /**
     * Uses the window while it has room, and once it is spent waits for its reset: spreading the
     * remaining requests evenly would add each request's own latency to every gap and leave part of
     * the allowance unused. Requests still in flight may not be counted in the answer's
     * `remaining` yet, so they are taken off it: nothing is sent into a spent window, and no 429
     * follows, even with several requests at once.
     */
    observe(category, h) {
        const remaining = num(h.get('x-ratelimit-remaining'));
        const resetMs = resetDelayMs(h.get('x-ratelimit-reset'), this.clock.now());
        if (remaining === undefined || resetMs === undefined)
            return;
        const estimate = { remaining: remaining - (this.inFlight.get(category) ?? 0), resetAt: this.clock.now() + resetMs };
        // Answers arrive out of order: within one window, the lowest count is the truest.
        const b = this.budget.get(category);
        if (b && Math.abs(b.resetAt - estimate.resetAt) < 250)
            estimate.remaining = Math.min(estimate.remaining, b.remaining);
        this.budget.set(category, estimate);
    }
    backoffMs(attempt) {
        const base = this.opts.backoffMs ?? 500;
        return Math.min(30_000, base * 2 ** attempt * (0.75 + Math.random() * 0.5));
    }
    async backoff(attempt) {
        const ms = this.backoffMs(attempt);
        this.stats.waitedMs += ms;
        await this.clock.sleep(ms);
    }
}
function num(v) {
    if (v === null || v.trim() === '')
        return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
}
/** `x-ratelimit-reset` as a delay: seconds from now, or a Unix time in seconds. */
function resetDelayMs(v, now) {
    const n = num(v);
    if (n === undefined)
        return undefined;
    return n > 1e9 ? Math.max(0, n * 1000 - now) : Math.max(0, n * 1000);
}
function retryAfterMs(h, now) {
    const v = h.get('retry-after');
    if (v) {
        const secs = num(v);
        if (secs !== undefined)
            return secs * 1000;
        const date = Date.parse(v);
        if (!Number.isNaN(date))
            return Math.max(0, date - now);
    }
    return resetDelayMs(h.get('x-ratelimit-reset'), now);
}
async function errorBody(res) {
    const text = await res.text().catch(() => '');
    try {
        const j = JSON.parse(text);
        return { ...(typeof j.code === 'number' ? { code: j.code } : {}), message: typeof j.message === 'string' ? j.message : text.slice(0, 200) || res.statusText };
    }
    catch {
        return { message: text.slice(0, 200) || res.statusText };
    }
}
function errorCode(err) {
    const e = err;
    if (e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError')
        return 'TIMEOUT';
    return e?.cause?.code ?? e?.code ?? e?.name ?? 'ERROR';
}


/***/ })

};
