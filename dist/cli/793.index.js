export const id = 793;
export const ids = [793];
export const modules = {

/***/ 1793:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  draftCommand: () => (/* binding */ draftCommand)
});

// EXTERNAL MODULE: ./src/diagnostics/format.ts
var format = __webpack_require__(697);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/content/media.ts
var media = __webpack_require__(1681);
// EXTERNAL MODULE: ./src/content/parse-boards.ts
var parse_boards = __webpack_require__(3722);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/content/schema.ts
var schema = __webpack_require__(5374);
;// CONCATENATED MODULE: ./src/drafts/pin-file.ts


/** A pin id from a product title: `Merino Wool Sweater — Navy` → `merino-wool-sweater-navy`. */
function slugFor(title, url) {
    const base = (title ?? new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '')
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60)
        .replace(/-+$/, '');
    return base || `draft-${new URL(url).hostname.replace(/[^a-z0-9]+/gi, '-')}`;
}
/** Shortens text to `max` characters at a word boundary, saying so. */
function shorten(text, max, what, notes) {
    if (text.length <= max)
        return text;
    const cut = text.slice(0, max - 1);
    const at = cut.lastIndexOf(' ');
    notes.push(`the page's ${what} has ${text.length} characters, over Pinterest's ${max}: it was shortened; edit it`);
    return `${(at > max / 2 ? cut.slice(0, at) : cut).trimEnd()}…`;
}
/**
 * The draft pin file: `status: draft`, the page's title, description, link and image, and its
 * price and brand as template fields. Pure; what had to be shortened is returned as notes.
 */
function draftPinFile(page, choices) {
    const notes = [];
    const title = shorten(page.title ?? choices.id, schema/* LIMITS */.b1.title, 'title', notes);
    if (!page.title)
        notes.push('the page has no title: the pin is titled by its id; edit it');
    const fields = {};
    if (page.price)
        fields.price = page.price;
    if (page.brand)
        fields.brand = page.brand;
    const front = {
        id: choices.id,
        title,
        ...(choices.board ? { board: choices.board } : {}),
        link: page.url,
        image: choices.image,
        alt_text: shorten(title, schema/* LIMITS */.b1.altText, 'alt text', notes),
        status: 'draft',
        ...(choices.template ? { template: choices.template } : {}),
        ...(Object.keys(fields).length ? { fields } : {}),
    };
    const description = shorten(page.description ?? '', schema/* LIMITS */.b1.description, 'description', notes);
    if (!page.description)
        notes.push('the page has no description: write one under the front matter');
    const from = Object.entries(page.sources)
        .map(([k, v]) => `${k} from ${v}`)
        .join(', ');
    const header = `# Drafted by pinops from ${page.url} on ${choices.now.toISOString().slice(0, 10)}${from ? ` (${from})` : ''}.\n# Check the text, alt text and board, then set status: ready.\n`;
    return { text: `---\n${header}${(0,dist/* stringify */.As)(front, { lineWidth: 0 })}---\n${description}\n`, notes };
}

// EXTERNAL MODULE: ./node_modules/domutils/lib/esm/index.js + 16 modules
var esm = __webpack_require__(1755);
// EXTERNAL MODULE: ./node_modules/htmlparser2/dist/esm/index.js + 8 modules
var dist_esm = __webpack_require__(2169);
;// CONCATENATED MODULE: ./src/drafts/product.ts


/** Reads a page's product data. Pure: the HTML and the page's final URL in, facts out. */
function readProductPage(html, pageUrl) {
    const doc = (0,dist_esm/* parseDocument */.Tp)(html, { decodeEntities: true });
    const metas = new Map();
    for (const m of (0,esm/* findAll */.JW)((e) => e.name === 'meta', doc.children)) {
        const key = ((0,esm/* getAttributeValue */.ul)(m, 'property') ?? (0,esm/* getAttributeValue */.ul)(m, 'name') ?? '').trim().toLowerCase();
        const content = (0,esm/* getAttributeValue */.ul)(m, 'content');
        if (key && content !== undefined && !metas.has(key))
            metas.set(key, clean(content));
    }
    const product = findProduct((0,esm/* findAll */.JW)((e) => e.name === 'script' && ((0,esm/* getAttributeValue */.ul)(e, 'type') ?? '').toLowerCase() === 'application/ld+json', doc.children).map((s) => (0,esm/* textContent */.P_)(s)));
    const titleTag = (0,esm/* findAll */.JW)((e) => e.name === 'title', doc.children)[0];
    const abs = (u) => {
        if (!u)
            return undefined;
        try {
            const r = new URL(u.trim(), pageUrl);
            return r.protocol === 'http:' || r.protocol === 'https:' ? r.href : undefined;
        }
        catch {
            return undefined;
        }
    };
    const sources = {};
    const pick = (field, ...options) => {
        for (const [from, v] of options) {
            if (v?.trim()) {
                sources[field] = from;
                return v.trim();
            }
        }
        return undefined;
    };
    const offer = firstOf(product?.offers);
    const offerPrice = str(offer?.price) ?? str(firstOf(offer?.priceSpecification)?.price);
    const amount = offerPrice ?? metas.get('product:price:amount') ?? metas.get('og:price:amount');
    const currency = str(offer?.priceCurrency) ?? metas.get('product:price:currency') ?? metas.get('og:price:currency');
    const brandValue = firstOf(product?.brand);
    const page = { url: pageUrl, images: [], sources };
    const title = pick('title', ['og:title', metas.get('og:title')], ['schema.org Product name', str(product?.name)], ['<title>', titleTag ? clean((0,esm/* textContent */.P_)(titleTag)) : undefined]);
    if (title)
        page.title = title;
    const description = pick('description', ['og:description', metas.get('og:description')], ['schema.org Product description', str(product?.description)], ['meta description', metas.get('description')]);
    if (description)
        page.description = clean(description);
    const price = pick('price', [offerPrice ? 'schema.org Product offer' : 'product:price meta', amount ? `${amount}${currency ? ` ${currency}` : ''}` : undefined]);
    if (price)
        page.price = price;
    const brand = pick('brand', ['schema.org Product brand', typeof brandValue === 'string' ? brandValue : str(brandValue?.name)], ['product:brand', metas.get('product:brand') ?? metas.get('og:brand')]);
    if (brand)
        page.brand = brand;
    const site = metas.get('og:site_name');
    if (site)
        page.siteName = site;
    const seen = new Set();
    const add = (u, from, width, height) => {
        const url = abs(u);
        if (!url || seen.has(url))
            return;
        seen.add(url);
        page.images.push({ url, from, ...(width ? { width } : {}), ...(height ? { height } : {}) });
    };
    add(metas.get('og:image:secure_url') ?? metas.get('og:image') ?? metas.get('og:image:url'), 'og', product_int(metas.get('og:image:width')), product_int(metas.get('og:image:height')));
    for (const img of [product?.image].flat())
        add(typeof img === 'string' ? img : str(img?.url), 'product');
    // No declared image: the page's pictures, largest first by their declared size.
    const imgs = (0,esm/* findAll */.JW)((e) => e.name === 'img', doc.children)
        .map((e) => ({ src: (0,esm/* getAttributeValue */.ul)(e, 'src') ?? (0,esm/* getAttributeValue */.ul)(e, 'data-src'), w: product_int((0,esm/* getAttributeValue */.ul)(e, 'width')), h: product_int((0,esm/* getAttributeValue */.ul)(e, 'height')) }))
        .filter((i) => i.src && !i.src.startsWith('data:'))
        .sort((a, b) => (b.w ?? 0) * (b.h ?? 0) - (a.w ?? 0) * (a.h ?? 0));
    for (const i of imgs)
        add(i.src, 'img', i.w, i.h);
    return page;
}
/** The first schema.org Product in the page's JSON-LD blocks (also inside `@graph` and lists). */
function findProduct(blocks) {
    const visit = (node) => {
        if (Array.isArray(node)) {
            for (const n of node) {
                const found = visit(n);
                if (found)
                    return found;
            }
            return undefined;
        }
        if (!node || typeof node !== 'object')
            return undefined;
        const o = node;
        const type = [o['@type']].flat().map(String);
        if (type.some((t) => t === 'Product' || t.endsWith('/Product') || t === 'ProductGroup'))
            return o;
        return visit(o['@graph']) ?? visit(o.mainEntity) ?? visit(o.itemOffered);
    };
    for (const b of blocks) {
        try {
            const found = visit(JSON.parse(b));
            if (found)
                return found;
        }
        catch {
            // A broken JSON-LD block is common on real pages: the other sources still count.
        }
    }
    return undefined;
}
const firstOf = (v) => (Array.isArray(v) ? v[0] : v);
const str = (v) => (typeof v === 'string' && v.trim() ? clean(v) : typeof v === 'number' ? String(v) : undefined);
const product_int = (v) => {
    const n = Number.parseInt(v ?? '', 10);
    return Number.isFinite(n) && n > 0 ? n : undefined;
};
/** Collapses whitespace; text from HTML may hold newlines and runs of spaces. */
const clean = (s) => s.replace(/\s+/g, ' ').trim();

// EXTERNAL MODULE: ./src/files/media-probe.ts + 26 modules
var media_probe = __webpack_require__(662);
// EXTERNAL MODULE: ./src/files/repo.ts
var repo = __webpack_require__(8683);
// EXTERNAL MODULE: ./src/render/layout.ts
var layout = __webpack_require__(216);
// EXTERNAL MODULE: ./src/settings/load.ts
var load = __webpack_require__(4037);
// EXTERNAL MODULE: ./src/util/safe-fetch.ts
var safe_fetch = __webpack_require__(4038);
// EXTERNAL MODULE: ./src/flows/draft-error.ts
var draft_error = __webpack_require__(4661);
// EXTERNAL MODULE: ./src/flows/validate.ts
var validate = __webpack_require__(5431);
;// CONCATENATED MODULE: ./src/flows/draft.ts















/** Limits for what is fetched: a product page is HTML of a few hundred KB, an image a few MB. */
const DRAFT_LIMITS = { pageBytes: 5 * 1024 * 1024, imageBytes: media/* MEDIA_LIMITS */.U.imageBytes, timeoutMs: 20_000, redirects: 5, imagesTried: 5 };
/**
 * `pinops draft URL`: reads the product page (safely), downloads its image, and writes a
 * `status: draft` pin that names the default creative template, with the price and brand as
 * the template's fields. The draft is validated like every pin.
 */
async function draftFromUrl(opts) {
    const parsed = await (0,repo/* loadSettings */.M5)(opts.root, opts.config, opts.env);
    if (!parsed.ok)
        throw new load/* SettingsError */.GN(parsed.diagnostics);
    const settings = parsed.settings;
    const allowPrivate = (0,safe_fetch/* privateNetworkFrom */.oE)(opts.env, settings.allow_private_network);
    let url;
    try {
        url = new URL(opts.url);
    }
    catch {
        throw new draft_error/* DraftError */.O(`"${opts.url}" is not a URL: give the product page's address, such as https://shop.example.com/boots`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new draft_error/* DraftError */.O(`${opts.url}: only http and https pages are read`);
    const fetched = await fetchPage(url.href, allowPrivate);
    const type = fetched.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    const text = decode(fetched.bytes, fetched.contentType);
    if (type ? !/^(text\/html|application\/xhtml\+xml)$/.test(type) : !/^\s*</.test(text)) {
        throw new draft_error/* DraftError */.O(`${fetched.url} is not an HTML page (it is ${type || 'of no declared type'}): give the address of the product's page`);
    }
    const page = readProductPage(text, fetched.url);
    opts.log(`· read ${fetched.url}: ${page.title ? `"${page.title}"` : 'no title'}${page.price ? `, ${page.price}` : ''}${page.brand ? `, ${page.brand}` : ''}`);
    const image = await pickImage(page, allowPrivate, opts.log);
    // A new id when its pin file (unless --out names one) or its image file exists: nothing is overwritten.
    const taken = (id) => (!opts.out && (0,external_node_fs_.existsSync)((0,external_node_path_.join)(opts.root, repo/* LAYOUT */.rs.pins, `${id}.md`))) || (0,external_node_fs_.existsSync)((0,external_node_path_.join)(opts.root, 'content/media', `${id}.${image.format}`));
    const base = slugFor(page.title, fetched.url);
    let id = base;
    for (let n = 2; taken(id); n++)
        id = `${base}-${n}`;
    const pinFile = opts.out ?? `${repo/* LAYOUT */.rs.pins}/${id}.md`;
    if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(opts.root, pinFile)))
        throw new draft_error/* DraftError */.O(`${pinFile} exists already: give another --out, or move it first`);
    const imageFile = `content/media/${id}.${image.format}`;
    const boards = await declaredBoards(opts.root);
    // What a creative of the draft has to show: the page's text, price and brand, and its board.
    const board = settings.defaults.board === undefined ? boards[0] : String(settings.defaults.board);
    const fields = { ...(page.price ? { price: page.price } : {}), ...(page.brand ? { brand: page.brand } : {}) };
    const creative = { title: page.title ?? id, description: page.description ?? '', board: board ?? '', link: page.url, fields };
    const { text: pinText, notes } = draftPinFile(page, {
        id,
        image: external_node_path_.posix.relative(external_node_path_.posix.dirname(pinFile), imageFile),
        ...(settings.defaults.board === undefined && boards[0] ? { board: boards[0] } : {}),
        ...templateChoice(settings, creative),
        now: opts.now ?? new Date(),
    });
    const missing = templateGaps(settings, creative);
    if (missing)
        notes.push(missing);
    if (settings.defaults.board === undefined && boards.length === 0)
        notes.push('no board is declared in content/boards.yml and pinops.yml has no default board: add `board:`');
    else if (settings.defaults.board === undefined)
        notes.push(`the board is the first in content/boards.yml (${boards[0]}): change it if another fits`);
    const files = [
        { path: imageFile, data: image.bytes },
        { path: pinFile, data: Buffer.from(pinText) },
    ];
    for (const f of files) {
        await (0,promises_.mkdir)((0,external_node_path_.dirname)((0,external_node_path_.join)(opts.root, f.path)), { recursive: true });
        await (0,promises_.writeFile)((0,external_node_path_.join)(opts.root, f.path), f.data);
    }
    const v = await (0,validate/* validateRepository */.F)({ root: opts.root, env: opts.env, ...(opts.config ? { config: opts.config } : {}) });
    const diagnostics = v.diagnostics.filter((d) => d.file === pinFile || d.file === imageFile);
    return { id, pinFile, imageFile, page, notes, diagnostics, files };
}
/** A fetch within the draft's limits (time, redirects, `maxBytes`). */
function fetchWithin(href, maxBytes, allowPrivate) {
    return (0,safe_fetch/* safeFetch */.aO)(href, { allowPrivate, maxBytes, timeoutMs: DRAFT_LIMITS.timeoutMs, maxRedirects: DRAFT_LIMITS.redirects });
}
async function fetchPage(href, allowPrivate) {
    try {
        return await fetchWithin(href, DRAFT_LIMITS.pageBytes, allowPrivate);
    }
    catch (err) {
        if (err instanceof safe_fetch/* FetchError */.fk)
            throw new draft_error/* DraftError */.O(`the page could not be read: ${err.message}`);
        throw err;
    }
}
/** The page's charset when it declares one TextDecoder knows; UTF-8 otherwise. */
function decode(bytes, contentType) {
    const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(bytes.subarray(0, 2048).toString('latin1'))?.[1];
    try {
        return new TextDecoder(charset ?? 'utf-8').decode(bytes);
    }
    catch {
        return new TextDecoder('utf-8').decode(bytes);
    }
}
/**
 * The first declared image that is a picture Pinterest takes; without a declared one, the largest
 * of the page's pictures. Each is checked by its header only: an SVG (which can be a decompression
 * bomb) or an image over the pixel limit is never decoded.
 */
async function pickImage(page, allowPrivate, log) {
    const problems = [];
    let best;
    for (const candidate of page.images.slice(0, DRAFT_LIMITS.imagesTried)) {
        // A declared image that works is the one; page pictures compete by size.
        if (best && best.from !== 'img')
            break;
        let got;
        try {
            got = await fetchWithin(candidate.url, DRAFT_LIMITS.imageBytes, allowPrivate);
        }
        catch (err) {
            problems.push(err instanceof Error ? err.message : String(err));
            continue;
        }
        const why = imageProblem(got.bytes);
        if (typeof why === 'string') {
            problems.push(`${candidate.url}: ${why}`);
            continue;
        }
        if (!best || why.pixels > best.pixels)
            best = { bytes: got.bytes, format: why.format, url: candidate.url, pixels: why.pixels, from: candidate.from };
    }
    if (!best) {
        throw new draft_error/* DraftError */.O(page.images.length === 0
            ? `${page.url} names no image (no og:image, no schema.org Product image, no <img>): download one into content/media/ and write the pin by hand`
            : `no usable image on ${page.url}: ${problems.join('; ')}`);
    }
    for (const p of problems)
        log(`· skipped an image: ${p}`);
    log(`· image: ${best.url}`);
    return best;
}
/** Why these bytes are not an image to use, or its format and pixel count (header only, as validation reads media). */
function imageProblem(bytes) {
    if (bytes.length === 0)
        return 'an empty file';
    const info = (0,media_probe/* probeHeader */.I)(bytes, bytes.length);
    if (info === 'need-more')
        return 'an image whose header cannot be read';
    if (!info.ok) {
        if (info.problem === 'unsupported' && info.format === 'svg')
            return 'an SVG image: Pinterest does not take SVG, and pinops does not render SVG from the web (one can be a decompression bomb)';
        return info.problem === 'unsupported' ? `${info.detail}, which Pinterest does not take` : info.detail;
    }
    if (info.kind !== 'image')
        return `a ${info.format.toUpperCase()} video, not an image`;
    const pixels = info.width * info.height;
    if (pixels > media/* MEDIA_LIMITS */.U.imagePixels)
        return `${info.width}×${info.height} pixels, over the limit of ${media/* MEDIA_LIMITS */.U.imagePixels.toLocaleString('en-US')}`;
    return { format: info.format, pixels };
}
/**
 * The creative template to name: none when the default one can be filled from the page; else the
 * first template the page fills.
 */
function templateChoice(settings, creative) {
    const def = settings.defaults.template ? settings.templates[settings.defaults.template] : undefined;
    if (def && (0,layout/* missingFields */.S)(creative, def).length === 0)
        return {};
    const fits = Object.entries(settings.templates).find(([, t]) => (0,layout/* missingFields */.S)(creative, t).length === 0)?.[0];
    return fits ? { template: fits } : {};
}
/** A note when no template can be filled from the page. */
function templateGaps(settings, creative) {
    const names = Object.keys(settings.templates);
    if (names.length === 0 || Object.values(settings.templates).some((t) => (0,layout/* missingFields */.S)(creative, t).length === 0))
        return undefined;
    const first = (settings.defaults.template ?? names[0]);
    const gaps = (0,layout/* missingFields */.S)(creative, settings.templates[first]);
    return `the page gives no ${gaps.join(' or ')} for the template "${first}": ${settings.defaults.template ? `add \`fields: { ${gaps.map((g) => `${g}: …`).join(', ')} }\`` : 'no template is named; add one with the fields it prints, or use the photo as it is'}`;
}
/** Board names from content/boards.yml, in order (nothing when it is missing or broken: validation says so). */
async function declaredBoards(root) {
    for (const file of repo/* LAYOUT */.rs.boards) {
        const bytes = await (0,promises_.readFile)((0,external_node_path_.join)(root, file)).catch(() => undefined);
        if (bytes)
            return ((0,parse_boards/* parseBoards */.f)(file, bytes).model.boards ?? []).map((b) => b.name);
    }
    return [];
}

// EXTERNAL MODULE: ./src/cli/errors.ts
var errors = __webpack_require__(6675);
;// CONCATENATED MODULE: ./src/cli/draft.ts



/** `pinops draft URL [--out FILE]`: a draft pin from a product page. */
async function draftCommand(io, root, opts) {
    if (opts.urls.length !== 1)
        throw new errors/* UsageError */.e('`pinops draft` takes one product page URL, e.g. `pinops draft https://shop.example.com/boots`');
    const r = await draftFromUrl({
        root,
        env: io.env,
        url: opts.urls[0],
        log: (l) => io.out(`${l}\n`),
        ...(opts.out ? { out: opts.out } : {}),
        ...(opts.config ? { config: opts.config } : {}),
    });
    io.out(`Wrote ${r.pinFile} (status: draft) and ${r.imageFile}.\n`);
    for (const n of r.notes)
        io.out(`  note: ${n}\n`);
    if (r.diagnostics.length)
        io.out((0,format/* formatText */.Oi)(r.diagnostics, 1, io.color));
    io.out(`Edit it, preview it with \`pinops preview ${r.pinFile}\`, and set \`status: ready\` to publish it.\n`);
    return r.diagnostics.some((d) => d.severity === 'error') ? errors/* EXIT */.d.content : errors/* EXIT */.d.ok;
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
