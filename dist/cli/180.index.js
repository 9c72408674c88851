export const id = 180;
export const ids = [180];
export const modules = {

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
            intervalMs: (0,_util_duration_js__WEBPACK_IMPORTED_MODULE_3__/* .durationMs */ .p)(f.interval ?? '7d'),
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

/***/ 216:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   creativeLayout: () => (/* binding */ creativeLayout)
/* harmony export */ });
/* unused harmony export fieldText */
/** The text a template's `field` stands for: title, description, board, domain, or a `fields:` key. */
function fieldText(input, field) {
    switch (field) {
        case 'title':
            return input.title;
        case 'description':
            return input.description || undefined;
        case 'board':
            return input.board;
        case 'domain':
            try {
                return input.link ? new URL(input.link).hostname.replace(/^www\./, '') : undefined;
            }
            catch {
                return undefined;
            }
        default: {
            const v = input.fields[field];
            return v === undefined ? undefined : String(v);
        }
    }
}
/** Pin + template → layers. Missing fields are left out (validation has reported them). */
function creativeLayout(input, template) {
    const layers = [];
    if (input.image)
        layers.push({ kind: 'photo', path: input.image, focus: template.background.focus });
    for (const b of template.bands)
        layers.push({ kind: 'band', y: b.y, height: b.height, color: b.color, ...(b.to ? { to: b.to } : {}), opacity: b.opacity });
    for (const t of template.texts) {
        const text = fieldText(input, t.field);
        if (text === undefined || text.trim() === '')
            continue;
        layers.push({
            kind: 'text',
            text,
            x: t.x,
            y: t.y,
            width: t.width,
            size: t.size,
            ...(t.font ? { font: t.font } : {}),
            weight: t.weight,
            color: t.color,
            align: t.align,
            maxLines: t.max_lines,
        });
    }
    if (template.logo)
        layers.push({ kind: 'logo', path: template.logo.path, x: template.logo.x, y: template.logo.y, width: template.logo.width });
    return { width: template.width, height: template.height, background: template.background.color, layers };
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
/* harmony export */   p: () => (/* binding */ durationMs)
/* harmony export */ });
const UNIT = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
/** `48h`, `1d12h`, `30m`, `2w` → milliseconds (the settings schema has already checked the form). */
function durationMs(s) {
    let ms = 0;
    for (const m of s.matchAll(/(\d+)([wdhm])/g))
        ms += Number(m[1]) * UNIT[m[2]];
    return ms;
}


/***/ })

};
