export const id = 586;
export const ids = [586,500];
export const modules = {

/***/ 4586:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   previewCommand: () => (/* binding */ previewCommand)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _flows_preview_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6541);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6675);



/** `pinops preview [FILE…] [--out DIR]`: PNG previews named after the pin ids. */
async function previewCommand(io, root, opts) {
    const out = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(io.cwd, opts.out ?? 'pinops-previews');
    const bar = (done, total) => {
        if (!io.color || total < 6)
            return;
        const width = 30;
        const filled = Math.round((done / total) * width);
        io.err(`\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
    };
    const r = await (0,_flows_preview_js__WEBPACK_IMPORTED_MODULE_1__/* .renderPreviews */ .e0)({ root, env: io.env, files: opts.files, out, onProgress: bar, ...(opts.config ? { config: opts.config } : {}) });
    for (const f of r.failed)
        io.err(`✖ ${f.key} (${f.file}): ${f.error}\n`);
    io.out(`Wrote ${r.written.length} preview(s) to ${(0,node_path__WEBPACK_IMPORTED_MODULE_0__.relative)(io.cwd, out) || '.'}/${r.failed.length ? `; ${r.failed.length} could not be drawn` : ''}\n`);
    return r.failed.length ? _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .EXIT */ .d.content : _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .EXIT */ .d.ok;
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
/* harmony import */ var _validate_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4486);









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
