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

/***/ 1313:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ desiredPins),
/* harmony export */   n: () => (/* binding */ pinImage)
/* harmony export */ });
/* harmony import */ var _content_dates_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8840);
/* harmony import */ var _content_media_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1681);
/* harmony import */ var _content_parse_pins_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9482);
/* harmony import */ var _content_utm_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5393);
/* harmony import */ var _content_yaml_source_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8472);
/* harmony import */ var _util_duration_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6518);
/* harmony import */ var _util_hash_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5138);







/** The pin's one picture (an image pin's, or a template pin's photo); none for carousels and videos. */
function pinImage(d) {
    return d.media?.kind === 'image' ? d.media.image : d.media?.kind === 'template' ? d.media.image : undefined;
}
/**
 * Turns validated pins into desired state. `digests` maps repository media paths to their
 * SHA-256; `diagnostics` marks the pins that cannot be published.
 */
function desiredPins(pins, diagnostics, settings, digests) {
    const broken = new Map();
    for (const d of diagnostics)
        if (d.severity === 'error' && d.pin && !broken.has(d.pin))
            broken.set(d.pin, `${d.message} (${d.file}:${d.line})`);
    const fileErrors = new Map();
    for (const d of diagnostics)
        if (d.severity === 'error' && !d.pin && !fileErrors.has(d.file))
            fileErrors.set(d.file, `${d.message} (${d.file}:${d.line})`);
    return pins.map((pin) => {
        const f = pin.fields;
        const line = (0,_content_yaml_source_js__WEBPACK_IMPORTED_MODULE_2__/* .locate */ .x5)(pin.source, pin.base).line;
        const invalid = !f ? (fileErrors.get(pin.file) ?? 'the pin has errors (see validation)') : (broken.get(pin.key) ?? fileErrors.get(pin.file));
        if (!f) {
            return {
                key: pin.key,
                file: pin.file,
                line,
                status: 'ready',
                invalid,
                board: '',
                title: '',
                description: '',
                contentFingerprint: '',
                mediaFingerprint: '',
                identityFingerprint: '',
                saves: [],
                fields: {},
                intervalMs: 0,
            };
        }
        const source = (ref) => {
            const r = (0,_content_media_js__WEBPACK_IMPORTED_MODULE_0__/* .resolveMediaRef */ .c)(pin.file, ref);
            if (r.kind === 'url')
                return { url: r.url };
            const path = r.kind === 'file' ? r.path : ref;
            return { path, digest: digests.get(path) ?? '' };
        };
        const template = f.template ?? settings.defaults.template;
        const spec = template ? settings.templates[template] : undefined;
        const media = template && spec
            ? { kind: 'template', template, spec, ...(f.image ? { image: source(f.image) } : {}), fields: f.fields ?? {} }
            : f.video && f.cover
                ? { kind: 'video', video: source(f.video), cover: source(f.cover) }
                : f.images
                    ? { kind: 'carousel', images: f.images.map(source) }
                    : f.image
                        ? { kind: 'image', image: source(f.image) }
                        : undefined;
        const board = String(f.board ?? settings.defaults.board ?? '');
        const link = f.link ? (0,_content_utm_js__WEBPACK_IMPORTED_MODULE_5__/* .tagLink */ .N)(f.link, pin.key, f.utm, settings.defaults.utm) : undefined;
        const publish = f.publish_at ? (0,_content_dates_js__WEBPACK_IMPORTED_MODULE_6__/* .parsePublishAt */ .S)(f.publish_at, settings.timezone) : undefined;
        const d = {
            key: pin.key,
            file: pin.file,
            line,
            status: f.status,
            board,
            title: f.title,
            description: (0,_content_parse_pins_js__WEBPACK_IMPORTED_MODULE_1__/* .descriptionText */ .ij)(pin),
            saves: (f.boards ?? []).map((b) => (typeof b === 'string' ? { board: b } : { board: String(b.board), ...(b.section ? { section: b.section } : {}) })),
            intervalMs: (0,_util_duration_js__WEBPACK_IMPORTED_MODULE_3__/* .durationMs */ .pc)(f.interval ?? '7d'),
            fields: f.fields ?? {},
            contentFingerprint: '',
            mediaFingerprint: '',
            identityFingerprint: '',
        };
        if (invalid)
            d.invalid = invalid;
        if (f.section)
            d.section = f.section;
        if (link)
            d.link = link;
        if (f.alt_text)
            d.altText = f.alt_text;
        if (f.dominant_color)
            d.dominantColor = f.dominant_color;
        if (media)
            d.media = media;
        if (publish?.ok)
            d.publishAt = publish.date;
        d.contentFingerprint = (0,_util_hash_js__WEBPACK_IMPORTED_MODULE_4__/* .fingerprint */ .Rj)({ t: d.title, d: d.description, l: d.link ?? null, a: d.altText ?? null, b: d.board, s: d.section ?? null, c: d.dominantColor ?? null });
        d.mediaFingerprint = (0,_util_hash_js__WEBPACK_IMPORTED_MODULE_4__/* .fingerprint */ .Rj)({ media: d.media ?? null, template: template ? (settings.templates[template] ?? null) : null });
        // The tagged link carries the pin id (utm_campaign), which a rename changes: identity uses the link as written.
        d.identityFingerprint = (0,_util_hash_js__WEBPACK_IMPORTED_MODULE_4__/* .fingerprint */ .Rj)({ t: d.title, d: d.description, l: f.link ?? null, b: d.board, s: d.section ?? null });
        return d;
    });
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

/***/ 1961:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  renderCreative: () => (/* binding */ renderCreative),
  renderPreview: () => (/* binding */ renderPreview)
});

// UNUSED EXPORTS: text

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/sharp/dist/index.mjs + 13 modules
var dist = __webpack_require__(5849);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(8995);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/render/fonts.ts



/** The fonts pinops ships (Inter, SIL Open Font License), by weight. */
const FONT_FILES = { regular: 'Inter_400Regular.ttf', bold: 'Inter_700Bold.ttf' };
const PACKAGE_DIRS = { regular: '400Regular', bold: '700Bold' };
/**
 * Fonts for what Inter lacks, all SIL Open Font License: Noto Sans Arabic and Hebrew (right-to-left
 * scripts), Noto Sans SC and KR (Chinese, Japanese kana and kanji, Korean) and Noto Emoji
 * (monochrome), in both weights. They are registered with fontconfig and named after Inter in
 * every font description, so Pango takes each character from the first of them that has it, and
 * never from the machine's own fonts.
 *
 * `source` is the npm package's file. The CJK fonts are 6–10 MB each, so the build ships a subset
 * (`subset`: the commonly used characters, see scripts/cjk-characters.ts) under `file`.
 */
const FALLBACK_FONTS = [
    { file: 'NotoSansArabic_400Regular.ttf', source: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf', family: 'Noto Sans Arabic' },
    { file: 'NotoSansArabic_700Bold.ttf', source: '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf', family: 'Noto Sans Arabic' },
    { file: 'NotoSansHebrew_400Regular.ttf', source: '@expo-google-fonts/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf', family: 'Noto Sans Hebrew' },
    { file: 'NotoSansHebrew_700Bold.ttf', source: '@expo-google-fonts/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf', family: 'Noto Sans Hebrew' },
    { file: 'NotoSansSC-Common_400Regular.ttf', source: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf', family: 'Noto Sans SC', subset: 'han' },
    { file: 'NotoSansSC-Common_700Bold.ttf', source: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf', family: 'Noto Sans SC', subset: 'han' },
    { file: 'NotoSansKR-Common_400Regular.ttf', source: '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf', family: 'Noto Sans KR', subset: 'hangul' },
    { file: 'NotoSansKR-Common_700Bold.ttf', source: '@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf', family: 'Noto Sans KR', subset: 'hangul' },
    { file: 'NotoEmoji_400Regular.ttf', source: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf', family: 'Noto Emoji' },
    { file: 'NotoEmoji_700Bold.ttf', source: '@expo-google-fonts/noto-emoji/700Bold/NotoEmoji_700Bold.ttf', family: 'Noto Emoji' },
];
/** The font description Pango gets: Inter, then the fallbacks, in order. */
function fontDescription(weight, size) {
    const families = ['Inter', ...new Set(FALLBACK_FONTS.map((f) => f.family))].join(', ');
    return `${families} ${weight === 'bold' ? 'Bold' : 'Regular'} ${size}px`;
}
/** A fallback font's file: from dist/fonts, or (running from source) the npm package's whole font. */
function fallbackFontFile(f) {
    return bundled(f.file) ?? (0,external_node_module_.createRequire)(import.meta.url).resolve(f.source);
}
function bundled(file) {
    for (const rel of [`./fonts/${file}`, `../fonts/${file}`]) {
        const p = (0,external_node_url_.fileURLToPath)(new URL(rel, import.meta.url));
        if ((0,external_node_fs_.existsSync)(p))
            return p;
    }
    return undefined;
}
/**
 * A bundled font file: from `fonts/` beside the bundle (dist/, where the build copies them), or
 * from the npm package when running from source. System fonts are never used.
 */
function fontFile(weight) {
    return bundled(FONT_FILES[weight]) ?? (0,external_node_module_.createRequire)(import.meta.url).resolve(`@expo-google-fonts/inter/${PACKAGE_DIRS[weight]}/${FONT_FILES[weight]}`);
}

;// CONCATENATED MODULE: ./src/render/sharp.ts




/** Images above this are refused before decoding (validation says the same). */
const PIXEL_LIMIT = 100_000_000;
const escapeXml = (s) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]);
async function raw(img) {
    const { data, info } = await img.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { input: data, raw: { width: info.width, height: info.height, channels: 4 } };
}
async function photo(root, path, width, height, focus) {
    const input = (0,dist["default"])(typeof path === 'string' ? await (0,promises_.readFile)((0,external_node_path_.join)(root, path)) : path, { limitInputPixels: PIXEL_LIMIT }).rotate();
    if (typeof focus === 'object') {
        // A focal point: scale to cover, then cut the canvas out around the point.
        const meta = await (0,dist["default"])(await input.clone().toBuffer()).metadata();
        const scale = Math.max(width / (meta.width ?? width), height / (meta.height ?? height));
        const w = Math.round((meta.width ?? width) * scale);
        const h = Math.round((meta.height ?? height) * scale);
        const left = Math.min(Math.max(0, Math.round(focus.x * w - width / 2)), w - width);
        const top = Math.min(Math.max(0, Math.round(focus.y * h - height / 2)), h - height);
        return raw(input.resize(w, h).extract({ left, top, width, height }));
    }
    const position = focus === 'attention' ? dist["default"].strategy.attention : focus === 'entropy' ? dist["default"].strategy.entropy : focus === 'center' ? 'centre' : focus;
    return raw(input.resize(width, height, { fit: 'cover', position }));
}
function band(l, width) {
    const fill = l.to ? 'url(#g)' : l.color;
    return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${l.height}"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${l.color}"/><stop offset="1" stop-color="${l.to ?? l.color}"/></linearGradient></defs><rect width="100%" height="100%" fill="${fill}" fill-opacity="${l.opacity}"/></svg>`);
}
/**
 * libvips adds a text's `fontfile` to fontconfig as an application font, for the whole process;
 * Pango then falls back to it for characters Inter lacks. So each fallback font is drawn once,
 * before the first real text, always in the same order (the same input gives the same bytes).
 */
let fallbacks;
function registerFallbacks() {
    fallbacks ??= (async () => {
        for (const f of FALLBACK_FONTS)
            await (0,dist["default"])({ text: { text: '.', font: `${f.family} 8px`, fontfile: fallbackFontFile(f), dpi: 72 } })
                .raw()
                .toBuffer();
    })();
    return fallbacks;
}
/** Text through Pango with a bundled font file; wrapped to the width, cut to `maxLines`. Exported for tests. */
async function sharp_text(l) {
    await registerFallbacks();
    const rendered = await (0,dist["default"])({
        text: {
            text: `<span foreground="${l.color}">${escapeXml(l.text)}</span>`,
            font: fontDescription(l.weight, l.size),
            fontfile: fontFile(l.weight),
            width: l.width,
            align: l.align === 'center' ? 'centre' : l.align,
            wrap: 'word-char',
            rgba: true,
            dpi: 72,
        },
    })
        .raw()
        .toBuffer({ resolveWithObject: true });
    const lineHeight = Math.ceil(l.size * 1.25);
    const maxHeight = lineHeight * l.maxLines;
    // Raw RGBA rows: cutting to max_lines is a slice of the buffer.
    const height = Math.min(rendered.info.height, maxHeight);
    return { input: rendered.data.subarray(0, rendered.info.width * 4 * height), raw: { width: rendered.info.width, height, channels: 4 } };
}
/**
 * Draws a creative. Deterministic: the same layout and files give the same bytes (PNG has no
 * timestamps), which is what is uploaded at publish time.
 */
async function renderCreative(root, layout) {
    const overlays = [];
    for (const l of layout.layers) {
        switch (l.kind) {
            case 'photo':
                overlays.push({ ...(await photo(root, l.path, layout.width, layout.height, l.focus)), left: 0, top: 0 });
                break;
            case 'band':
                overlays.push({ input: band(l, layout.width), left: 0, top: Math.min(l.y, layout.height - 1) });
                break;
            case 'text':
                overlays.push({ ...(await sharp_text(l)), left: l.x, top: l.y });
                break;
            case 'logo':
                overlays.push({
                    input: await (0,dist["default"])(await (0,promises_.readFile)((0,external_node_path_.join)(root, l.path)), { limitInputPixels: PIXEL_LIMIT })
                        .resize({ width: l.width })
                        .png()
                        .toBuffer(),
                    left: l.x,
                    top: l.y,
                });
                break;
        }
    }
    return (0,dist["default"])({ create: { width: layout.width, height: layout.height, channels: 4, background: layout.background } })
        .composite(overlays)
        .flatten({ background: layout.background })
        .png()
        .toBuffer();
}
/** One line block of text as a PNG, or nothing for empty text. */
async function textBlock(s, size, weight, color, width, maxLines) {
    if (!s.trim())
        return undefined;
    return sharp_text({ kind: 'text', text: s, x: 0, y: 0, width, size, weight, color, align: 'left', maxLines });
}
/** Blends an RGBA block ("over", straight alpha) onto an RGB buffer `width` pixels wide, clipped to it. */
function blendOnto(rgb, width, block, left, top) {
    const src = block.input;
    const { width: w, height: h } = block.raw;
    const rows = Math.min(h, rgb.length / (width * 3) - top);
    const cols = Math.min(w, width - left);
    for (let r = 0; r < rows; r++) {
        let s = r * w * 4;
        let d = ((top + r) * width + left) * 3;
        for (let c = 0; c < cols; c++, s += 4, d += 3) {
            const a = src[s + 3];
            if (a === 0)
                continue;
            const k = 255 - a;
            rgb[d] = (src[s] * a + rgb[d] * k + 127) / 255;
            rgb[d + 1] = (src[s + 1] * a + rgb[d + 1] * k + 127) / 255;
            rgb[d + 2] = (src[s + 2] * a + rgb[d + 2] * k + 127) / 255;
        }
    }
}
/** Draws a preview card (see render/preview.ts) as a PNG. */
async function renderPreview(root, card, fetchImage) {
    const { CARD } = await __webpack_require__.e(/* import() */ 500).then(__webpack_require__.bind(__webpack_require__, 2500));
    const overlays = [];
    const pic = card.picture;
    // The text blocks are drawn (on the thread pool) while the picture is.
    const blocks = Promise.all([
        [card.title, 34, 'bold', '#111111', 2],
        [card.excerpt, 22, 'regular', '#444444', 3],
        [card.footer, 20, 'regular', '#767676', 1],
    ].map(([s, size, weight, color, lines]) => textBlock(s, size, weight, color, CARD.width - 48, lines)));
    // The card is drawn in two parts, stacked as raw pixels and encoded once: the picture, resized
    // in one pipeline, and the white text panel with its text. sharp composites a layer by spreading
    // it over the whole image, so small layers go onto the part they sit on, never the whole card.
    const cover = (input) => (0,dist["default"])(input, { limitInputPixels: PIXEL_LIMIT }).rotate().resize(CARD.width, CARD.image, { fit: 'cover', position: dist["default"].strategy.attention });
    let base;
    if ('creative' in pic)
        base = cover(await renderCreative(root, pic.creative));
    else if ('path' in pic)
        base = cover(await (0,promises_.readFile)((0,external_node_path_.join)(root, pic.path)));
    else if ('url' in pic) {
        if (!fetchImage)
            throw new Error(`the image is remote (${pic.url}) and fetching is off`);
        base = cover(await fetchImage(pic.url));
    }
    else {
        base = (0,dist["default"])({ create: { width: CARD.width, height: CARD.image, channels: 3, background: '#eeeeee' } });
        const note = await textBlock(pic.missing, 28, 'regular', '#777777', CARD.width - 80, 2);
        if (note)
            overlays.push({ ...note, left: 40, top: CARD.image / 2 });
    }
    if (card.badge === 'video') {
        const play = `<svg xmlns="http://www.w3.org/2000/svg" width="140" height="140"><circle cx="70" cy="70" r="66" fill="#000" fill-opacity="0.55"/><polygon points="56,42 56,98 102,70" fill="#fff"/></svg>`;
        overlays.push({ input: Buffer.from(play), left: CARD.width / 2 - 70, top: CARD.image / 2 - 70 });
    }
    else if (card.badge) {
        const n = card.badge.slides;
        const dots = Array.from({ length: n }, (_, i) => `<circle cx="${20 + i * 28}" cy="20" r="9" fill="#fff" fill-opacity="${i === 0 ? 1 : 0.55}"/>`).join('');
        overlays.push({
            input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${40 + n * 28}" height="40"><rect width="100%" height="100%" rx="20" fill="#000" fill-opacity="0.45"/>${dots}</svg>`),
            left: 24,
            top: CARD.image - 64,
        });
    }
    const rgb = (img) => img.flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer();
    let picture = await rgb(base);
    // Badges go onto the picture's pixels (compositing onto a pipeline that still resizes costs more than the resize).
    if (overlays.length)
        picture = await rgb((0,dist["default"])(picture, { raw: { width: CARD.width, height: CARD.image, channels: 3 } }).composite(overlays));
    const [title, excerpt, footer] = await blocks;
    // The panel is white with dark text: blending three small text blocks in place costs less than
    // a sharp pipeline for it.
    const panel = Buffer.alloc(CARD.width * CARD.panel * 3, 255);
    let y = 24;
    for (const block of [title, excerpt]) {
        if (!block)
            continue;
        blendOnto(panel, CARD.width, block, 24, y);
        y += block.raw.height + 12;
    }
    if (footer)
        blendOnto(panel, CARD.width, footer, 24, CARD.panel - 44);
    return (0,dist["default"])(Buffer.concat([picture, panel]), { raw: { width: CARD.width, height: CARD.image + CARD.panel, channels: 3 } })
        .png()
        .toBuffer();
}


/***/ }),

/***/ 6518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HB: () => (/* binding */ utcDate),
/* harmony export */   T1: () => (/* binding */ utcMidnight),
/* harmony export */   pc: () => (/* binding */ durationMs),
/* harmony export */   sO: () => (/* binding */ DAY_MS)
/* harmony export */ });
/** One day in milliseconds. */
const DAY_MS = 86_400_000;
const UNIT = { m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };
/** The UTC date of a time, YYYY-MM-DD (Pinterest's analytics days are UTC days). */
const utcDate = (t) => new Date(t).toISOString().slice(0, 10);
/** The start (UTC midnight) of a day given as a time or as YYYY-MM-DD. */
const utcMidnight = (t) => Date.parse(`${typeof t === 'string' ? t : utcDate(t)}T00:00:00Z`);
/** `48h`, `1d12h`, `30m`, `2w` → milliseconds (the settings schema has already checked the form). */
function durationMs(s) {
    let ms = 0;
    for (const m of s.matchAll(/(\d+)([wdhm])/g))
        ms += Number(m[1]) * UNIT[m[2]];
    return ms;
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
