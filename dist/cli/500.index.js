export const id = 500;
export const ids = [500];
export const modules = {

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


/***/ })

};
