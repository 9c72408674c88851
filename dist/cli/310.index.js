export const id = 310;
export const ids = [310];
export const modules = {

/***/ 310:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   analyticsCommand: () => (/* binding */ analyticsCommand)
/* harmony export */ });
/* harmony import */ var _analytics_summary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1072);
/* harmony import */ var _flows_analytics_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7372);
/* harmony import */ var _flows_publish_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1063);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6675);




/** `pinops analytics [--days N]`: collect the pins' daily metrics onto the ledger branch and print the summary. */
async function analyticsCommand(io, root, opts) {
    const days = opts.days === undefined ? undefined : Number(opts.days);
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 90))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UsageError */ .e(`--days must be a whole number from 1 to 90 (Pinterest keeps 90 days of analytics), not "${opts.days}"`);
    const r = await (0,_flows_analytics_js__WEBPACK_IMPORTED_MODULE_1__/* .runAnalytics */ .Y2)({
        root,
        env: io.env,
        runId: (0,_flows_publish_js__WEBPACK_IMPORTED_MODULE_2__/* .runIdFrom */ .zK)(io.env),
        mask: () => { },
        log: (l) => io.out(`${l}\n`),
        ...(days !== undefined ? { days } : {}),
        ...(opts.config ? { config: opts.config } : {}),
    });
    for (const w of r.warnings)
        io.err(`warning: ${w}\n`);
    io.out(`Read ${r.fetched} day(s) of figures for ${r.asked} pin(s) in ${(r.elapsedMs / 1000).toFixed(1)} s; stored on the ledger branch in analytics/.\n\n`);
    io.out((0,_analytics_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .summaryText */ .g5)(r.summary));
    for (const b of r.broken)
        io.err(`pinops: ${b.message}\n`);
    for (const f of r.failed)
        io.err(`pinops: the analytics of ${f.key} (pin ${f.pinId}) could not be read: ${f.error}\n`);
    if (r.failed.length)
        return _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .EXIT */ .d.api;
    return r.broken.length ? _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .EXIT */ .d.usage : _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .EXIT */ .d.ok;
}


/***/ })

};
