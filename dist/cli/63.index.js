export const id = 63;
export const ids = [63];
export const modules = {

/***/ 1072:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eh: () => (/* binding */ summarize),
/* harmony export */   g5: () => (/* binding */ summaryText)
/* harmony export */ });
/* unused harmony export summaryMarkdown */
/* harmony import */ var _pinterest_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3187);
/* harmony import */ var _util_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6518);



/**
 * Sums the stored rows over the `days` days before `now` (today's figures are not final), per
 * day and per pin (a pin's saves to other boards count as the pin).
 */
function summarize(rows, ledger, now, days = 30, top = 5) {
    const toT = (0,_util_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .utcMidnight */ .T1)(now) - _util_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .DAY_MS */ .sO;
    const from = (0,_util_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .utcDate */ .HB)(toT - (days - 1) * _util_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .DAY_MS */ .sO);
    const to = (0,_util_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .utcDate */ .HB)(toT);
    const byDay = new Map();
    for (let t = toT - (days - 1) * _util_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .DAY_MS */ .sO; t <= toT; t += _util_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .DAY_MS */ .sO) {
        const date = (0,_util_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .utcDate */ .HB)(t);
        byDay.set(date, { date, impressions: 0, saves: 0, outbound_clicks: 0, pin_clicks: 0 });
    }
    const byPin = new Map();
    for (const r of rows) {
        const day = byDay.get(r.date);
        if (!day)
            continue;
        const m = r.metrics;
        let p = byPin.get(r.pin);
        if (!p) {
            const e = ledger.pins[r.pin];
            p = {
                key: r.pin,
                title: e?.title ?? r.pin,
                ...(e?.pin_id ? { url: (0,_pinterest_client_js__WEBPACK_IMPORTED_MODULE_0__/* .pinUrl */ .Xr)(e.pin_id) } : {}),
                impressions: 0,
                saves: 0,
                outbound_clicks: 0,
                pin_clicks: 0,
                liveDays: 0,
                dates: new Set(),
            };
            byPin.set(r.pin, p);
        }
        for (const target of [day, p]) {
            target.impressions += m.impressions ?? 0;
            target.saves += m.saves ?? 0;
            target.outbound_clicks += m.outbound_clicks ?? 0;
            target.pin_clicks += m.pin_clicks ?? 0;
        }
        p.dates.add(r.date);
    }
    const pins = [...byPin.values()].map(({ dates, ...p }) => ({ ...p, liveDays: dates.size }));
    const totals = { impressions: 0, saves: 0, outbound_clicks: 0, pin_clicks: 0 };
    for (const d of byDay.values())
        for (const k of Object.keys(totals))
            totals[k] += d[k];
    const ranked = (k) => pins
        .filter((p) => p[k] > 0)
        .sort((a, b) => b[k] - a[k] || (a.key < b.key ? -1 : 1))
        .slice(0, top);
    const perDay = (p) => p.impressions / Math.max(1, p.liveDays);
    const rates = pins.map(perDay).sort((a, b) => a - b);
    const median = rates.length ? rates[Math.floor((rates.length - 1) / 2)] : 0;
    const weekAgo = now.getTime() - 7 * _util_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .DAY_MS */ .sO;
    const underperforming = pins
        .filter((p) => {
        const published = ledger.pins[p.key]?.published_at;
        return published !== undefined && Date.parse(published) <= weekAgo && perDay(p) < median / 4;
    })
        .sort((a, b) => perDay(a) - perDay(b) || (a.key < b.key ? -1 : 1))
        .slice(0, top);
    return { from, to, days: [...byDay.values()], totals, pins, topByOutbound: ranked('outbound_clicks'), topBySaves: ranked('saves'), underperforming };
}
const fmt = (n) => n.toLocaleString('en-US');
/** A mermaid bar or line chart of one figure per day (GitHub renders mermaid in markdown). */
function chart(title, kind, s, key) {
    const labels = s.days.map((d) => `"${d.date.slice(5)}"`).join(', ');
    const values = s.days.map((d) => d[key]);
    return `\`\`\`mermaid\nxychart-beta\n  title "${title}"\n  x-axis [${labels}]\n  y-axis "${title}" 0 --> ${Math.max(1, ...values)}\n  ${kind} [${values.join(', ')}]\n\`\`\`\n`;
}
function pinTable(list, first) {
    const cols = [
        ['outbound_clicks', 'Outbound clicks'],
        ['saves', 'Saves'],
        ['impressions', 'Impressions'],
    ];
    const order = [...cols.filter(([k]) => k === first), ...cols.filter(([k]) => k !== first)];
    let out = `| Pin | ${order.map(([, h]) => h).join(' | ')} |\n|---|${order.map(() => '---:').join('|')}|\n`;
    for (const p of list)
        out += `| ${p.url ? `[${mdCell(p.title)}](${p.url})` : mdCell(p.title)} (\`${mdCell(p.key)}\`) | ${order.map(([k]) => fmt(p[k])).join(' | ')} |\n`;
    return out;
}
/** The job summary: totals, charts, the top pins, the under-performers. */
function summaryMarkdown(s) {
    let out = `## Pinterest analytics, ${s.from} to ${s.to}\n\n`;
    if (s.pins.length === 0)
        return `${out}No figures yet for these days: pins show figures from the day after they are published.\n`;
    out += `**${fmt(s.totals.impressions)}** impressions · **${fmt(s.totals.saves)}** saves · **${fmt(s.totals.pin_clicks)}** pin clicks · **${fmt(s.totals.outbound_clicks)}** outbound clicks, from ${s.pins.length} pin(s)\n\n`;
    out += chart('Impressions per day', 'bar', s, 'impressions');
    out += chart('Saves per day', 'line', s, 'saves');
    out += chart('Outbound clicks per day', 'line', s, 'outbound_clicks');
    out += `\n### Top pins by outbound clicks\n\n${s.topByOutbound.length ? pinTable(s.topByOutbound, 'outbound_clicks') : 'None had an outbound click.\n'}`;
    out += `\n### Top pins by saves\n\n${s.topBySaves.length ? pinTable(s.topBySaves, 'saves') : 'None was saved.\n'}`;
    if (s.underperforming.length) {
        out += `\n### Under-performing pins\n\nUp for a week or more, with under a quarter of the median pin's impressions per day. A fresh creative (an \`evergreen\` rule), a better board or a better title may help.\n\n${pinTable(s.underperforming, 'impressions')}`;
    }
    return out;
}
/** The same for a terminal. */
function summaryText(s) {
    let out = `Pinterest analytics, ${s.from} to ${s.to}\n`;
    if (s.pins.length === 0)
        return `${out}  No figures yet for these days.\n`;
    out += `  ${fmt(s.totals.impressions)} impressions, ${fmt(s.totals.saves)} saves, ${fmt(s.totals.pin_clicks)} pin clicks, ${fmt(s.totals.outbound_clicks)} outbound clicks, from ${s.pins.length} pin(s)\n`;
    const table = (title, list) => {
        if (!list.length)
            return '';
        const w = Math.min(40, Math.max(...list.map((p) => p.title.length)));
        let t = `\n${title}\n  ${'pin'.padEnd(w)}  ${'outbound'.padStart(8)}  ${'saves'.padStart(7)}  ${'impressions'.padStart(11)}\n`;
        for (const p of list) {
            const name = p.title.length > w ? `${p.title.slice(0, w - 1)}…` : p.title;
            t += `  ${name.padEnd(w)}  ${fmt(p.outbound_clicks).padStart(8)}  ${fmt(p.saves).padStart(7)}  ${fmt(p.impressions).padStart(11)}\n`;
        }
        return t;
    };
    out += table('Top pins by outbound clicks', s.topByOutbound);
    out += table('Top pins by saves', s.topBySaves);
    out += table('Under-performing pins (up a week or more, under a quarter of the median impressions per day)', s.underperforming);
    return out;
}


/***/ }),

/***/ 7372:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Qy: () => (/* binding */ figuresByPin),
  mF: () => (/* binding */ readMonths),
  Y2: () => (/* binding */ runAnalytics)
});

// UNUSED EXPORTS: collectAnalytics

// EXTERNAL MODULE: ./node_modules/csv-parse/lib/sync.js + 8 modules
var sync = __webpack_require__(712);
// EXTERNAL MODULE: ./node_modules/csv-stringify/lib/sync.js + 7 modules
var lib_sync = __webpack_require__(6789);
;// CONCATENATED MODULE: ./src/analytics/csv.ts


/**
 * `analytics/YYYY-MM.csv` on the ledger branch: one row per Pinterest pin per day. A file is
 * edited by hand now and then (a spreadsheet, a merge), so reading it is strict and names the line.
 */
const COLUMNS = ['date', 'pin', 'pin_id', 'impressions', 'saves', 'pin_clicks', 'outbound_clicks', 'video_views', 'video_starts', 'video_avg_watch_ms'];
const METRIC_COLUMNS = ['impressions', 'saves', 'pin_clicks', 'outbound_clicks', 'video_views', 'video_starts', 'video_avg_watch_ms'];
/** A month file that cannot be read: the user's to repair; it is left exactly as it is. */
class AnalyticsFileError extends Error {
    file;
    line;
    name = 'AnalyticsFileError';
    constructor(file, line, detail) {
        super(`${file}, line ${line}: ${detail}. This month's new figures were not written, and the file was left as it is; repair it on the ledger branch (its git history has every earlier version) or delete it to collect the month again.`);
        this.file = file;
        this.line = line;
    }
}
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Reads a month file; `month` is its YYYY-MM, which every row's date must be in. */
function parseMonth(text, file, month) {
    let records;
    try {
        records = (0,sync/* parse */.q)(text, { relax_column_count: false, skip_empty_lines: true, bom: true });
    }
    catch (err) {
        const e = err;
        const why = e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
            ? `the row has ${e.record?.length ?? '?'} columns, not ${COLUMNS.length}`
            : e.code === 'CSV_QUOTE_NOT_CLOSED'
                ? 'a quote opened here is never closed'
                : (e.message ?? String(err)).replace(/ at line \d+.*$/s, '');
        throw new AnalyticsFileError(file, e.lines ?? 1, `not a valid CSV: ${why}`);
    }
    const [header, ...rows] = records;
    if (!header || header.join(',') !== COLUMNS.join(','))
        throw new AnalyticsFileError(file, 1, `the header must be "${COLUMNS.join(',')}"`);
    return rows.map((r, i) => {
        const line = i + 2;
        const [date, pin, pinId] = r;
        if (!DATE.test(date) || date.slice(0, 7) !== month || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
            throw new AnalyticsFileError(file, line, `"${date}" is not a date in ${month} (YYYY-MM-DD)`);
        if (!pin)
            throw new AnalyticsFileError(file, line, 'the pin column is empty');
        if (!/^\d+$/.test(pinId))
            throw new AnalyticsFileError(file, line, `"${pinId}" is not a Pinterest pin id`);
        const metrics = {};
        METRIC_COLUMNS.forEach((col, j) => {
            const v = r[3 + j] ?? '';
            if (v === '')
                return;
            const n = Number(v);
            if (!Number.isFinite(n) || n < 0)
                throw new AnalyticsFileError(file, line, `${col} is "${v}", not a number`);
            metrics[col] = n;
        });
        return { date, pin, pin_id: pinId, metrics };
    });
}
/** Rows sorted by date, pin and pin id, so a month's diff shows what changed. */
function serializeMonth(rows) {
    const sorted = [...rows].sort((a, b) => cmp(a.date, b.date) || cmp(a.pin, b.pin) || cmp(a.pin_id, b.pin_id));
    return (0,lib_sync/* stringify */.A)([[...COLUMNS], ...sorted.map((r) => [r.date, r.pin, r.pin_id, ...METRIC_COLUMNS.map((c) => (r.metrics[c] === undefined ? '' : String(r.metrics[c])))])]);
}
/** New rows replace the old ones of the same pin and day: a re-run never duplicates a day. */
function mergeRows(old, fresh) {
    const key = (r) => `${r.pin_id}|${r.date}`;
    const out = new Map(old.map((r) => [key(r), r]));
    for (const r of fresh)
        out.set(key(r), r);
    return [...out.values()];
}
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// EXTERNAL MODULE: ./src/analytics/summary.ts
var summary = __webpack_require__(1072);
// EXTERNAL MODULE: ./src/files/repo.ts
var repo = __webpack_require__(8683);
// EXTERNAL MODULE: ./src/ledger/store.ts
var ledger_store = __webpack_require__(492);
// EXTERNAL MODULE: ./src/pinterest/errors.ts
var errors = __webpack_require__(3899);
// EXTERNAL MODULE: ./src/settings/load.ts
var load = __webpack_require__(4037);
// EXTERNAL MODULE: ./src/util/concurrency.ts
var concurrency = __webpack_require__(3731);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(6518);
// EXTERNAL MODULE: ./src/flows/session.ts + 1 modules
var flows_session = __webpack_require__(9484);
;// CONCATENATED MODULE: ./src/flows/analytics.ts









/** Pinterest keeps 90 days; a day's margin keeps a run near midnight UTC inside the window. */
const WINDOW_DAYS = 89;
/** Figures of the last days are revised for a while: they are read again on the next run. */
const REVISE_DAYS = 2;
const STANDARD = { IMPRESSION: 'impressions', SAVE: 'saves', PIN_CLICK: 'pin_clicks', OUTBOUND_CLICK: 'outbound_clicks' };
const VIDEO = { VIDEO_MRC_VIEW: 'video_views', VIDEO_START: 'video_starts', VIDEO_AVG_WATCH_TIME: 'video_avg_watch_ms' };
/**
 * Reads the daily metrics of every pin in the ledger (and of its saves to other boards) from
 * Pinterest and stores them as analytics/YYYY-MM.csv on the ledger branch. Without `days`, each
 * pin is read from just before its last stored day (the first run reads all 90 days Pinterest keeps).
 */
async function collectAnalytics(opts) {
    const started = performance.now();
    const { api, store } = opts;
    const before = { requests: api.transport.stats.requests, rateLimited: api.transport.stats.rateLimited };
    const ledger = await store.load();
    const { rows: stored, broken } = await readMonths(store);
    const last = new Map();
    for (const r of stored)
        if ((last.get(r.pin_id) ?? '') < r.date)
            last.set(r.pin_id, r.date);
    const today = (0,duration/* utcMidnight */.T1)(opts.now);
    const end = (0,duration/* utcDate */.HB)(today - duration/* DAY_MS */.sO);
    const floor = (0,duration/* utcDate */.HB)(today - WINDOW_DAYS * duration/* DAY_MS */.sO);
    const targets = [];
    for (const [key, e] of Object.entries(ledger.pins)) {
        if (e.state !== 'published' || !e.pin_id)
            continue;
        const video = e.media_kind === 'video';
        targets.push({ key, pinId: e.pin_id, since: (e.published_at ?? floor).slice(0, 10), video });
        for (const s of e.saves ?? [])
            targets.push({ key, pinId: s.pin_id, since: s.at.slice(0, 10), video });
        for (const s of e.earlier ?? [])
            targets.push({ key, pinId: s.pin_id, since: s.at.slice(0, 10), video });
    }
    const gone = [];
    const failed = [];
    let halt;
    const fresh = [];
    let asked = 0;
    await (0,concurrency/* mapLimit */.s)(targets, opts.concurrency ?? 6, async (t) => {
        const resume = last.get(t.pinId);
        const wanted = opts.days !== undefined ? (0,duration/* utcDate */.HB)(today - opts.days * duration/* DAY_MS */.sO) : resume ? (0,duration/* utcDate */.HB)((0,duration/* utcMidnight */.T1)(resume) - REVISE_DAYS * duration/* DAY_MS */.sO) : t.since;
        const start = [floor, t.since, wanted].sort().at(-1);
        if (start > end || halt)
            return;
        asked++;
        const metrics = Object.keys(t.video ? { ...STANDARD, ...VIDEO } : STANDARD);
        try {
            const answer = await api.pinAnalytics(t.pinId, start, end, metrics);
            for (const d of answer.all?.daily_metrics ?? []) {
                // Only final figures are stored; PROCESSING days are read again next time.
                if (d.data_status !== 'READY' || !d.date || !d.metrics)
                    continue;
                const m = {};
                for (const [name, col] of Object.entries({ ...STANDARD, ...(t.video ? VIDEO : {}) })) {
                    const v = d.metrics[name];
                    if (typeof v === 'number')
                        m[col] = v;
                }
                fresh.push({ date: d.date, pin: t.key, pin_id: t.pinId, metrics: m });
            }
        }
        catch (err) {
            if (err instanceof errors/* PinterestError */.t && err.kind === 'not-found') {
                gone.push({ key: t.key, pinId: t.pinId });
                opts.log(`· ${t.key}: pin ${t.pinId} no longer exists on Pinterest; its figures stop here`);
                return;
            }
            if (err instanceof errors/* PinterestError */.t && ['credentials', 'scope', 'spam-rate-limit', 'rate-limit'].includes(err.kind))
                halt ??= err;
            failed.push({ key: t.key, pinId: t.pinId, error: err instanceof Error ? err.message : String(err) });
            opts.log(`✖ analytics of ${t.key} (pin ${t.pinId}): ${err instanceof Error ? err.message : String(err)}`);
        }
    });
    const months = new Map();
    for (const r of fresh)
        months.set(r.date.slice(0, 7), [...(months.get(r.date.slice(0, 7)) ?? []), r]);
    const written = new Map();
    if (months.size > 0) {
        await store.commit(`pinops: analytics of ${new Set(fresh.map((r) => r.pin_id)).size} pin(s) to ${end}`, () => true, () => [], async (read) => {
            written.clear();
            const files = {};
            for (const [month, rows] of months) {
                const path = `analytics/${month}.csv`;
                const text = await read(path);
                try {
                    const merged = mergeRows(text === undefined ? [] : parseMonth(text, path, month), rows);
                    files[path] = serializeMonth(merged);
                    written.set(month, merged);
                }
                catch (err) {
                    if (!(err instanceof AnalyticsFileError))
                        throw err;
                    if (!broken.some((b) => b.file === err.file))
                        broken.push(err);
                }
            }
            return files;
        });
    }
    // What is stored now: the months written, and the readable months this run did not touch.
    const rows = [...stored.filter((r) => !written.has(r.date.slice(0, 7))), ...[...written.values()].flat()];
    return {
        asked,
        fetched: fresh.length,
        rows,
        ledger,
        gone,
        failed,
        broken,
        requests: api.transport.stats.requests - before.requests,
        rateLimited: api.transport.stats.rateLimited - before.rateLimited,
        elapsedMs: performance.now() - started,
    };
}
/** Every readable month file; each unreadable one is reported, not read. */
async function readMonths(store) {
    const rows = [];
    const broken = [];
    for (const [name, text] of await store.readFolder('analytics')) {
        const month = /^(\d{4}-\d{2})\.csv$/.exec(name)?.[1];
        if (!month)
            continue;
        try {
            rows.push(...parseMonth(text, `analytics/${name}`, month));
        }
        catch (err) {
            if (!(err instanceof AnalyticsFileError))
                throw err;
            broken.push(err);
        }
    }
    return { rows, broken };
}
/**
 * `pinops analytics` and the schedule event: connect (unless a session is given), collect, and
 * summarise the last `summaryDays` days.
 */
async function runAnalytics(opts) {
    const parsed = await (0,repo/* loadSettings */.M5)(opts.root, opts.config, opts.env);
    if (!parsed.ok)
        throw new load/* SettingsError */.GN(parsed.diagnostics);
    const store = opts.store ?? (0,ledger_store/* gitLedgerStore */.L)(opts.root, parsed.settings.ledger_branch);
    const session = opts.session ?? (await (0,flows_session/* connect */.N)(parsed.settings, store, opts));
    const now = opts.now ?? new Date();
    const collected = await collectAnalytics({
        api: session.api,
        store,
        now,
        log: opts.log,
        ...(opts.days !== undefined ? { days: opts.days } : {}),
        ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    });
    return { ...collected, summary: (0,summary/* summarize */.eh)(collected.rows, collected.ledger, now, opts.summaryDays ?? 30), session, warnings: opts.session ? [] : session.warnings };
}
/** The stored figures per pin key and day (a pin's saves and earlier pins add up), for rules. */
function figuresByPin(rows) {
    const byKey = new Map();
    for (const r of rows) {
        const days = byKey.get(r.pin) ?? new Map();
        byKey.set(r.pin, days);
        const d = days.get(r.date) ?? { date: r.date, impressions: 0, saves: 0, pin_clicks: 0, outbound_clicks: 0 };
        days.set(r.date, d);
        d.impressions += r.metrics.impressions ?? 0;
        d.saves += r.metrics.saves ?? 0;
        d.pin_clicks += r.metrics.pin_clicks ?? 0;
        d.outbound_clicks += r.metrics.outbound_clicks ?? 0;
    }
    return new Map([...byKey].map(([k, days]) => [k, [...days.values()]]));
}


/***/ }),

/***/ 5164:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  v: () => (/* binding */ executePlan),
  X: () => (/* reexport */ client/* pinUrl */.Xr)
});

// EXTERNAL MODULE: ./src/pinterest/client.ts
var client = __webpack_require__(3187);
// EXTERNAL MODULE: ./src/pinterest/errors.ts
var errors = __webpack_require__(3899);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/pinterest/media.ts


/** Media that cannot be sent: names the reason. */
class MediaError extends Error {
    name = 'MediaError';
}
async function asBase64(root, src) {
    const bytes = await (0,promises_.readFile)((0,external_node_path_.join)(root, src.path));
    if (bytes[0] === 0xff && bytes[1] === 0xd8)
        return { content_type: 'image/jpeg', data: bytes.toString('base64') };
    if (bytes[0] === 0x89 && bytes[1] === 0x50)
        return { content_type: 'image/png', data: bytes.toString('base64') };
    // Base64 uploads take JPEG and PNG only: other formats are converted (sharp loads only here).
    const { default: sharp } = await Promise.resolve(/* import() eager */).then(__webpack_require__.bind(__webpack_require__, 5849));
    const png = await sharp(bytes, { limitInputPixels: 100_000_000 }).rotate().png().toBuffer();
    return { content_type: 'image/png', data: png.toString('base64') };
}
/** The `media_source` of a create: uploads a video first when there is one. */
async function mediaSource(root, media, api, clock, videoTimeoutMs = 10 * 60_000, text) {
    if (!media)
        throw new MediaError('the pin has no media');
    const image = async (src) => 'url' in src ? { source_type: 'image_url', url: src.url } : { source_type: 'image_base64', ...(await asBase64(root, src)) };
    switch (media.kind) {
        case 'image':
            return image(media.image);
        case 'carousel': {
            if (media.images.every((s) => 'url' in s))
                return { source_type: 'multiple_image_urls', items: media.images.map((s) => ({ url: s.url })) };
            if (media.images.some((s) => 'url' in s))
                throw new MediaError('a carousel mixes repository images and URLs; use one kind');
            return { source_type: 'multiple_image_base64', items: await Promise.all(media.images.map((s) => asBase64(root, s))) };
        }
        case 'video': {
            if ('url' in media.video)
                throw new MediaError('video must be a file in the repository');
            const upload = await api.registerVideo();
            await api.uploadMedia(upload, await (0,promises_.readFile)((0,external_node_path_.join)(root, media.video.path)), (0,external_node_path_.basename)(media.video.path));
            const started = clock.now();
            for (let wait = 1000;; wait = Math.min(wait * 2, 15_000)) {
                const status = (await api.getMedia(upload.media_id)).status;
                if (status === 'succeeded')
                    break;
                if (status === 'failed')
                    throw new MediaError(`Pinterest could not process the video (media ${upload.media_id})`);
                if (clock.now() - started > videoTimeoutMs)
                    throw new MediaError(`the video was still processing after ${Math.round(videoTimeoutMs / 60_000)} minutes (media ${upload.media_id}); the next run tries again`);
                await clock.sleep(wait);
            }
            const cover = 'url' in media.cover
                ? { cover_image_url: media.cover.url }
                : await asBase64(root, media.cover).then((c) => ({ cover_image_content_type: c.content_type, cover_image_data: c.data }));
            return { source_type: 'video_id', media_id: upload.media_id, ...cover };
        }
        case 'template': {
            // The creative is rendered here, the same bytes every time (sharp loads only here).
            if (media.image && 'url' in media.image)
                throw new MediaError(`the image of a template pin must be a file in the repository, not ${media.image.url}`);
            const { creativeLayout } = await Promise.resolve(/* import() eager */).then(__webpack_require__.bind(__webpack_require__, 216));
            const { renderCreative } = await Promise.resolve(/* import() eager */).then(__webpack_require__.bind(__webpack_require__, 1961));
            const layout = creativeLayout({ ...(text ?? { title: '', description: '', board: '' }), fields: media.fields, ...(media.image ? { image: media.image.path } : {}) }, media.spec);
            return { source_type: 'image_base64', content_type: 'image/png', data: (await renderCreative(root, layout)).toString('base64') };
        }
    }
}

// EXTERNAL MODULE: ./src/plan/desired.ts
var desired = __webpack_require__(1313);
;// CONCATENATED MODULE: ./src/flows/execute.ts





/** Carries out a plan. The ledger is pushed before every create and after it. */
async function executePlan(plan, deps) {
    const run = new Run(plan, deps);
    await run.resolveUnknowns();
    await run.ensureBoards();
    await run.renames();
    await run.creates();
    await run.updates();
    await run.recreates();
    await run.deletes();
    await run.rules();
    return run.outcomes;
}
class Run {
    plan;
    deps;
    outcomes = [];
    halted;
    /** Creates whose outcome is unknown: their intents stay for the next run to resolve. */
    unknowns = new Set();
    boardIds = new Map();
    pending;
    constructor(plan, deps) {
        this.plan = plan;
        this.deps = deps;
        this.pending = plan.actions.filter((a) => a.kind === 'create');
    }
    now() {
        return new Date(this.deps.clock.now()).toISOString();
    }
    line(pin, action, result, extra = {}) {
        return { time: this.now(), run: this.deps.runId, pin, action, result, ...extra };
    }
    /** Stops further writes after a failure that would only repeat (credentials, spam, rate limit). */
    haltOn(err) {
        if (err instanceof errors/* PinterestError */.t && ['credentials', 'scope', 'spam-rate-limit', 'rate-limit'].includes(err.kind))
            this.halted ??= err;
    }
    skip(key, action) {
        if (!this.halted)
            return false;
        this.outcomes.push({ key, action, result: 'skipped', error: `not attempted after: ${this.halted.message}`, advice: this.halted.advice });
        return true;
    }
    fail(key, action, err) {
        this.haltOn(err);
        const o = { key, action, result: 'error', error: err instanceof Error ? err.message : String(err) };
        if (err instanceof errors/* PinterestError */.t)
            o.advice = err.advice;
        this.outcomes.push(o);
        this.deps.log(`✖ ${action} ${key}: ${o.error}`);
        return o;
    }
    /** Intents left by a run that died: look on the board; adopt the pin or clear the intent. */
    async resolveUnknowns() {
        const unknown = this.plan.actions.filter((a) => a.kind === 'unknown' && a.entry);
        if (unknown.length === 0)
            return;
        const claimed = new Set(Object.values((await this.deps.ledger.load()).pins).flatMap((e) => (e.pin_id ? [e.pin_id] : [])));
        const adopt = new Map();
        const lines = [];
        for (const a of unknown) {
            const entry = a.entry;
            try {
                const boardId = entry.board_id ?? (await this.boardFor(entry.board)).id;
                const recent = await this.deps.api.listBoardPins(boardId, 100);
                const found = recent.find((p) => !claimed.has(p.id) && matches(p, entry));
                if (found) {
                    adopt.set(a.key, found);
                    claimed.add(found.id);
                    lines.push(this.line(a.key, 'adopt', 'ok', { pin_id: found.id, board_id: boardId }));
                    this.outcomes.push({ key: a.key, action: 'adopt', result: 'ok', pinId: found.id });
                    this.deps.log(`✔ found ${a.key} on its board (pin ${found.id}); recorded it`);
                }
                else {
                    lines.push(this.line(a.key, 'clear', 'ok', { board_id: boardId }));
                    if (a.desired)
                        this.pending.push({ ...a, kind: 'create' });
                    this.deps.log(`· ${a.key} is not on its board: the earlier create did not happen; creating it`);
                }
            }
            catch (err) {
                this.fail(a.key, 'adopt', err);
            }
        }
        const handled = new Set(lines.map((l) => l.pin));
        await this.deps.ledger.commit(`pinops: resolve ${handled.size} unknown pin(s)`, (l) => {
            for (const key of handled) {
                const found = adopt.get(key);
                const e = l.pins[key];
                if (e?.state !== 'intent')
                    continue;
                if (found)
                    l.pins[key] = { ...e, state: 'published', pin_id: found.id, published_at: found.created_at ?? this.now(), run: this.deps.runId };
                else
                    delete l.pins[key];
            }
            return true;
        }, () => lines);
    }
    /** Creates the boards and sections the plan needs that the account lacks. */
    async ensureBoards() {
        const needed = new Map();
        for (const a of [...this.pending, ...this.plan.actions.filter((x) => x.kind === 'update' || (x.kind === 'recreate' && !x.blocked))]) {
            const d = a.desired;
            if (!d)
                continue;
            const set = needed.get(d.board) ?? new Set();
            if (d.section)
                set.add(d.section);
            needed.set(d.board, set);
        }
        for (const [board, sections] of needed) {
            try {
                const ids = await this.boardFor(board);
                for (const s of sections)
                    await this.sectionFor(board, ids, s);
            }
            catch (err) {
                this.haltOn(err);
                this.deps.log(`✖ board "${board}": ${err instanceof Error ? err.message : String(err)}`);
            }
        }
    }
    async boardFor(board) {
        if (/^\d+$/.test(board))
            return { id: board, sections: undefined };
        const cached = this.boardIds.get(board.toLowerCase());
        if (cached)
            return cached;
        if (this.boardIds.size === 0) {
            for (const b of await this.deps.api.listBoards())
                if (b.id && b.name)
                    this.boardIds.set(b.name.toLowerCase(), { id: b.id, sections: undefined });
            const again = this.boardIds.get(board.toLowerCase());
            if (again)
                return again;
        }
        const declared = this.deps.boards?.boards?.find((b) => b.name === board);
        let created;
        try {
            created = await this.deps.api.createBoard({
                name: board,
                ...(declared?.description ? { description: declared.description } : {}),
                privacy: (declared?.privacy ?? 'public').toUpperCase(),
            });
        }
        catch (err) {
            // Another run created it a moment ago: use that one.
            if (!(err instanceof errors/* PinterestError */.t && err.kind === 'conflict'))
                throw err;
            const existing = (await this.deps.api.listBoards()).find((b) => b.name?.toLowerCase() === board.toLowerCase());
            if (!existing?.id)
                throw err;
            const ids = { id: existing.id, sections: undefined };
            this.boardIds.set(board.toLowerCase(), ids);
            return ids;
        }
        const ids = { id: created.id, sections: new Map() };
        this.boardIds.set(board.toLowerCase(), ids);
        await this.deps.ledger.commit(`pinops: create board ${board}`, () => true, () => [this.line(board, 'board', 'ok', { board_id: ids.id })]);
        this.deps.log(`✔ created board "${board}" (${ids.id})`);
        return ids;
    }
    async sectionFor(board, ids, section) {
        if (!ids.sections) {
            ids.sections = new Map();
            for (const s of await this.deps.api.listSections(ids.id))
                if (s.id)
                    ids.sections.set(s.name.toLowerCase(), s.id);
        }
        const have = ids.sections.get(section.toLowerCase());
        if (have)
            return have;
        let created;
        try {
            created = await this.deps.api.createSection(ids.id, section);
        }
        catch (err) {
            if (!(err instanceof errors/* PinterestError */.t && err.kind === 'conflict'))
                throw err;
            const existing = (await this.deps.api.listSections(ids.id)).find((s) => s.name.toLowerCase() === section.toLowerCase());
            if (!existing?.id)
                throw err;
            ids.sections.set(section.toLowerCase(), existing.id);
            return existing.id;
        }
        ids.sections.set(section.toLowerCase(), created.id);
        this.deps.log(`✔ created section "${section}" on "${board}"`);
        return created.id;
    }
    /** Forgets a board that turned out to be gone (deleted on Pinterest), so it is created again. */
    forgetBoard(board) {
        this.boardIds.delete(board.toLowerCase());
        if (this.boardIds.size === 0)
            this.boardIds.set('\0', { id: '', sections: undefined });
    }
    async body(d) {
        const ids = await this.boardFor(d.board);
        const section = d.section ? await this.sectionFor(d.board, ids, d.section) : undefined;
        return {
            board_id: ids.id,
            ...(section ? { board_section_id: section } : {}),
            title: d.title,
            description: d.description,
            ...(d.link ? { link: d.link } : {}),
            ...(d.altText ? { alt_text: d.altText } : {}),
            ...(d.dominantColor ? { dominant_color: d.dominantColor } : {}),
            media_source: await mediaSource(this.deps.root, d.media, this.deps.api, this.deps.clock, this.deps.videoTimeoutMs, {
                title: d.title,
                description: d.description,
                board: d.board,
                ...(d.link ? { link: d.link } : {}),
            }),
        };
    }
    entryFor(d, state, extra) {
        return {
            state,
            board: d.board,
            content: d.contentFingerprint,
            media: d.mediaFingerprint,
            identity: d.identityFingerprint,
            title: d.title,
            ...(d.link ? { link: d.link } : {}),
            ...(d.media ? { media_kind: d.media.kind } : {}),
            run: this.deps.runId,
            ...extra,
        };
    }
    /**
     * Creates in batches. A batch's intents are pushed before any of its creates is sent (they are
     * also a lock against overlapping runs); to keep the rate limit busy, the next batch's intents
     * and this batch's results are pushed while creates go on (the store keeps them in order).
     */
    async creates() {
        const size = this.deps.batchSize ?? 10;
        const todo = this.pending.filter((a) => a.desired);
        this.pending.length = 0;
        const batches = [];
        for (let i = 0; i < todo.length; i += size)
            batches.push(todo.slice(i, i + size));
        const results = [];
        let intents = batches[0] ? this.pushIntents(batches[0]) : Promise.resolve(undefined);
        for (let b = 0; b < batches.length; b++) {
            const batch = batches[b];
            const taken = await intents;
            const next = batches[b + 1];
            intents = next && !this.halted ? this.pushIntents(next) : Promise.resolve(undefined);
            if (taken === undefined) {
                for (const a of batch)
                    this.skip(a.key, 'create');
                continue;
            }
            for (const key of taken) {
                this.outcomes.push({ key, action: 'create', result: 'skipped', error: 'another run is publishing or has published this pin' });
                this.deps.log(`· ${key}: another run took it`);
            }
            const done = new Map();
            for (const a of batch.filter((x) => !taken.has(x.key))) {
                if (this.halted) {
                    done.set(a.key, { error: this.halted });
                    this.skip(a.key, 'create');
                    continue;
                }
                done.set(a.key, await this.createOne(a.desired));
            }
            results.push(this.pushResults(done));
        }
        // The last prefetched intents (a batch that was never reached after a halt) are cleared too.
        const left = await intents;
        if (left)
            results.push(this.pushResults(new Map()));
        await Promise.all(results);
    }
    /** Pushes intents for a batch; resolves to the keys another run already holds (undefined: not pushed). */
    async pushIntents(batch) {
        if (this.halted)
            return undefined;
        const taken = new Set();
        const intentAt = this.now();
        await this.deps.ledger.commit(`pinops: intend to create ${batch.map((a) => a.key).join(', ')}`, (l) => {
            taken.clear();
            for (const a of batch) {
                if (l.pins[a.key])
                    taken.add(a.key);
                else {
                    const d = a.desired;
                    const boardId = /^\d+$/.test(d.board) ? d.board : this.boardIds.get(d.board.toLowerCase())?.id;
                    l.pins[a.key] = this.entryFor(d, 'intent', { intent_at: intentAt, ...(boardId ? { board_id: boardId } : {}) });
                }
            }
            return taken.size < batch.length;
        }, () => batch.filter((a) => !taken.has(a.key)).map((a) => this.line(a.key, 'create', 'intent')));
        return taken;
    }
    /** Records a batch's outcomes; intents of this run that came to nothing (and were not unknown) are cleared. */
    pushResults(done) {
        const runId = this.deps.runId;
        const halted = this.halted !== undefined;
        return this.deps.ledger.commit(`pinops: publish ${[...done].filter(([, r]) => r.pin).length} pin(s)`, (l) => {
            for (const [key, r] of done) {
                const e = l.pins[key];
                if (e?.state !== 'intent' || e.run !== runId)
                    continue;
                if (r.pin)
                    l.pins[key] = { ...e, state: 'published', pin_id: r.pin.id, board_id: r.pin.board_id ?? e.board_id, published_at: r.pin.created_at ?? this.now() };
                else if (!r.unknown)
                    delete l.pins[key];
            }
            // After a halt, intents this run pushed for batches it never reached are withdrawn.
            if (halted)
                for (const [key, e] of Object.entries(l.pins))
                    if (e.state === 'intent' && e.run === runId && !done.has(key) && !this.unknowns.has(key))
                        delete l.pins[key];
            return true;
        }, () => [...done].map(([key, r]) => r.pin
            ? this.line(key, 'create', 'ok', { pin_id: r.pin.id, ...(r.pin.board_id ? { board_id: r.pin.board_id } : {}) })
            : this.line(key, 'create', 'error', { error: errorText(r.error), ...(r.error instanceof errors/* PinterestError */.t && r.error.requestId ? { rid: r.error.requestId } : {}) })));
    }
    async createOne(d) {
        for (let attempt = 0;; attempt++) {
            try {
                const pin = await this.deps.api.createPin(await this.body(d));
                this.outcomes.push({ key: d.key, action: 'create', result: 'ok', pinId: pin.id });
                this.deps.log(`✔ created ${d.key}: ${(0,client/* pinUrl */.Xr)(pin.id)}`);
                return { pin };
            }
            catch (err) {
                // A board deleted on Pinterest: create it again and retry once (the create was refused).
                if (attempt === 0 && err instanceof errors/* PinterestError */.t && err.kind === 'not-found' && /board/i.test(err.apiMessage) && !/^\d+$/.test(d.board)) {
                    this.forgetBoard(d.board);
                    continue;
                }
                if (err instanceof errors/* PinterestError */.t && err.kind === 'unknown-outcome') {
                    this.unknowns.add(d.key);
                    this.outcomes.push({ key: d.key, action: 'create', result: 'unknown', error: err.message, advice: err.advice });
                    this.deps.log(`? ${d.key}: ${err.message}; the next run looks for it on the board before creating it again`);
                    return { error: err, unknown: true };
                }
                this.fail(d.key, 'create', err);
                return { error: err };
            }
        }
    }
    /** Edits of published pins: PATCH, or create again when the pin was deleted on Pinterest. */
    async updates() {
        const lines = [];
        const changes = new Map();
        for (const a of this.plan.actions.filter((x) => x.kind === 'update' && x.desired && x.pinId)) {
            if (this.skip(a.key, 'update'))
                continue;
            const d = a.desired;
            try {
                const ids = await this.boardFor(d.board);
                const section = d.section ? await this.sectionFor(d.board, ids, d.section) : undefined;
                const patch = { board_id: ids.id, board_section_id: section ?? null, title: d.title, description: d.description, link: d.link ?? null, alt_text: d.altText ?? null };
                try {
                    await this.deps.api.updatePin(a.pinId, patch);
                    changes.set(a.key, {
                        board: d.board,
                        board_id: ids.id,
                        section_id: section ?? null,
                        content: d.contentFingerprint,
                        identity: d.identityFingerprint,
                        title: d.title,
                        ...(d.link ? { link: d.link } : {}),
                    });
                    lines.push(this.line(a.key, 'update', 'ok', { pin_id: a.pinId }));
                    this.outcomes.push({ key: a.key, action: 'update', result: 'ok', pinId: a.pinId });
                    this.deps.log(`✔ updated ${a.key} (${(a.changes ?? []).join(', ')})`);
                }
                catch (err) {
                    if (!(err instanceof errors/* PinterestError */.t && err.kind === 'not-found'))
                        throw err;
                    // Deleted on Pinterest by hand, then edited here: publish it again as a new pin.
                    this.deps.log(`· ${a.key}: pin ${a.pinId} no longer exists on Pinterest; creating it again`);
                    changes.set(a.key, 'recreated');
                    await this.deps.ledger.commit(`pinops: ${a.key} was deleted on Pinterest`, (l) => {
                        delete l.pins[a.key];
                        return true;
                    }, () => [this.line(a.key, 'update', 'error', { pin_id: a.pinId, error: 'pin not found; creating it again' })]);
                    this.pending.push({ ...a, kind: 'create' });
                    await this.creates();
                }
            }
            catch (err) {
                this.fail(a.key, 'update', err);
                lines.push(this.line(a.key, 'update', 'error', { pin_id: a.pinId, error: errorText(err) }));
            }
        }
        if (lines.length === 0)
            return;
        await this.deps.ledger.commit(`pinops: update ${[...changes.values()].filter((c) => c !== 'recreated').length} pin(s)`, (l) => {
            for (const [key, c] of changes)
                if (c !== 'recreated' && l.pins[key])
                    l.pins[key] = { ...l.pins[key], ...c, run: this.deps.runId };
            return true;
        }, () => lines);
    }
    /** Media changed and allow_recreate is on: delete the old pin, create the new one. */
    async recreates() {
        for (const a of this.plan.actions.filter((x) => x.kind === 'recreate' && !x.blocked && x.desired && x.pinId)) {
            if (this.skip(a.key, 'recreate'))
                continue;
            try {
                await this.deps.api.deletePin(a.pinId).catch((e) => {
                    if (!(e instanceof errors/* PinterestError */.t && e.kind === 'not-found'))
                        throw e;
                });
                await this.deps.ledger.commit(`pinops: recreate ${a.key}`, (l) => {
                    delete l.pins[a.key];
                    return true;
                }, () => [this.line(a.key, 'recreate', 'ok', { pin_id: a.pinId })]);
                this.pending.push({ ...a, kind: 'create' });
                await this.creates();
            }
            catch (err) {
                this.fail(a.key, 'recreate', err);
            }
        }
    }
    /** prune: delete pins whose files were removed. */
    async deletes() {
        const removed = [];
        const lines = [];
        for (const a of this.plan.actions.filter((x) => x.kind === 'delete' && x.pinId)) {
            if (this.skip(a.key, 'delete'))
                continue;
            try {
                await this.deps.api.deletePin(a.pinId).catch((e) => {
                    if (!(e instanceof errors/* PinterestError */.t && e.kind === 'not-found'))
                        throw e;
                });
                removed.push(a.key);
                lines.push(this.line(a.key, 'delete', 'ok', { pin_id: a.pinId }));
                this.outcomes.push({ key: a.key, action: 'delete', result: 'ok', pinId: a.pinId });
                this.deps.log(`✔ deleted ${a.key} (pin ${a.pinId})`);
            }
            catch (err) {
                this.fail(a.key, 'delete', err);
                lines.push(this.line(a.key, 'delete', 'error', { pin_id: a.pinId, error: errorText(err) }));
            }
        }
        if (lines.length === 0)
            return;
        await this.deps.ledger.commit(`pinops: delete ${removed.length} pin(s)`, (l) => {
            for (const key of removed)
                delete l.pins[key];
            return true;
        }, () => lines);
    }
    /**
     * Rule actions (interval pinning, save_to, evergreen). Each is pushed as an intent on the pin's
     * ledger entry before it is sent and recorded after; an intent an earlier run left is resolved by
     * looking on the board, as for creates.
     */
    async rules() {
        for (const r of this.plan.rules.filter((x) => x.status === 'unknown' || x.status === 'due')) {
            const d = r.desired;
            if (!d || !r.pinId || this.skip(r.key, r.kind))
                continue;
            const what = ruleOutcomeDetail(r);
            try {
                if (r.status === 'unknown') {
                    await this.resolveRule(r);
                    continue;
                }
                const intentAt = this.now();
                const pending = {
                    kind: r.kind,
                    rule: r.rule,
                    board: r.kind === 'save' ? r.board : d.board,
                    ...(r.section ? { section: r.section } : {}),
                    ...(r.template ? { template: r.template } : {}),
                    at: intentAt,
                    run: this.deps.runId,
                };
                const taken = await this.deps.ledger.commit(`pinops: intend to ${r.kind} ${r.key} (${r.rule})`, (l) => {
                    const e = l.pins[r.key];
                    // Another run took it, or the pin changed under us: leave it to the next plan.
                    if (!e || e.pending || e.pin_id !== r.pinId)
                        return false;
                    e.pending = pending;
                    return true;
                }, () => [this.line(r.key, r.kind, 'intent', { pin_id: r.pinId, rule: r.rule })]);
                if (!taken.applied)
                    continue;
                let pin;
                try {
                    if (r.kind === 'save') {
                        const ids = await this.boardFor(r.board);
                        const section = r.section ? await this.sectionFor(r.board, ids, r.section) : undefined;
                        pin = await this.deps.api.savePin(r.pinId, ids.id, section);
                    }
                    else {
                        pin = await this.deps.api.createPin(await this.body(freshCreative(d, r.template, this.deps.templates)));
                    }
                }
                catch (err) {
                    const unknown = err instanceof errors/* PinterestError */.t && err.kind === 'unknown-outcome';
                    await this.deps.ledger.commit(`pinops: ${r.kind} of ${r.key} ${unknown ? 'has an unknown outcome' : 'failed'}`, (l) => {
                        const e = l.pins[r.key];
                        if (e?.pending?.run === this.deps.runId && !unknown)
                            delete e.pending;
                        return true;
                    }, () => [this.line(r.key, r.kind, 'error', { pin_id: r.pinId, rule: r.rule, error: errorText(err) })]);
                    if (unknown) {
                        this.outcomes.push({ key: r.key, action: r.kind, result: 'unknown', detail: what, error: errorText(err), advice: err.advice });
                        continue;
                    }
                    throw err;
                }
                await this.recordRule(r, pin, what);
            }
            catch (err) {
                this.fail(r.key, r.kind, err).detail = what;
            }
        }
    }
    async recordRule(r, pin, what) {
        const at = pin.created_at ?? this.now();
        await this.deps.ledger.commit(`pinops: ${r.kind} ${r.key} (${r.rule})`, (l) => {
            const e = l.pins[r.key];
            if (!e)
                return false;
            delete e.pending;
            if (r.kind === 'save')
                e.saves = [...(e.saves ?? []), { board: r.board, ...(r.section ? { section: r.section } : {}), pin_id: pin.id, at, rule: r.rule }];
            else {
                e.earlier = [...(e.earlier ?? []), { pin_id: e.pin_id, at: e.published_at ?? at, rule: r.rule }];
                Object.assign(e, { pin_id: pin.id, published_at: at, ...(pin.board_id ? { board_id: pin.board_id } : {}), run: this.deps.runId });
            }
            return true;
        }, () => [this.line(r.key, r.kind, 'ok', { pin_id: pin.id, rule: r.rule, ...(pin.board_id ? { board_id: pin.board_id } : {}) })]);
        this.outcomes.push({ key: r.key, action: r.kind, result: 'ok', pinId: pin.id, detail: what });
        this.deps.log(`✔ ${r.kind} ${r.key} (${what}): ${(0,client/* pinUrl */.Xr)(pin.id)}`);
    }
    /** An earlier run's rule intent: the pin it may have made is looked for on the board. */
    async resolveRule(r) {
        const e = r.entry;
        const ids = await this.boardFor(r.kind === 'save' ? r.board : e.board);
        const known = new Set([e.pin_id, ...(e.saves ?? []).map((s) => s.pin_id), ...(e.earlier ?? []).map((s) => s.pin_id)]);
        const since = Date.parse(e.pending?.at ?? this.now()) - 10 * 60_000;
        const found = (await this.deps.api.listBoardPins(ids.id, 100)).find((p) => !known.has(p.id) &&
            (!p.created_at || Date.parse(p.created_at) >= since) &&
            (r.kind === 'save' ? p.parent_pin_id === e.pin_id : matches(p, { ...e, intent_at: e.pending?.at })));
        const what = ruleOutcomeDetail(r);
        if (found) {
            await this.recordRule(r, found, what);
            return;
        }
        await this.deps.ledger.commit(`pinops: ${r.kind} of ${r.key} did not happen`, (l) => {
            const entry = l.pins[r.key];
            if (entry?.pending)
                delete entry.pending;
            return true;
        }, () => [this.line(r.key, 'clear', 'ok', { pin_id: r.pinId, rule: r.rule, error: `the earlier ${r.kind} did not happen; the next run plans it again` })]);
        this.deps.log(`· ${r.key}: the earlier ${r.kind} (${r.rule}) did not happen; the next run plans it again`);
    }
    /** Renamed files: the ledger entry moves to the new key; nothing is sent to Pinterest. */
    async renames() {
        const moves = this.plan.actions.filter((a) => a.renamedFrom);
        if (moves.length === 0)
            return;
        await this.deps.ledger.commit(`pinops: ${moves.length} renamed pin(s)`, (l) => {
            for (const a of moves) {
                const e = l.pins[a.renamedFrom];
                if (!e || l.pins[a.key])
                    continue;
                l.pins[a.key] = e;
                delete l.pins[a.renamedFrom];
            }
            return true;
        }, () => moves.map((a) => this.line(a.key, 'adopt', 'ok', { ...(a.pinId ? { pin_id: a.pinId } : {}), error: `renamed from ${a.renamedFrom}` })));
        for (const a of moves)
            this.outcomes.push({ key: a.key, action: 'rename', result: 'ok', ...(a.pinId ? { pinId: a.pinId } : {}) });
    }
}
/** A rule action in a result line: `interval: to Gift Ideas`, `evergreen: template fresh`. */
function ruleOutcomeDetail(r) {
    return `${r.rule}: ${r.kind === 'save' ? `to ${r.board}` : `template ${r.template}`}`;
}
/** The pin with its image rendered from another template: an evergreen republish's fresh creative. */
function freshCreative(d, template, templates) {
    const image = (0,desired/* pinImage */.n)(d);
    const spec = templates[template];
    if (!image || !spec)
        throw new Error(`the pin has no image for template "${template}"`);
    return { ...d, media: { kind: 'template', template, spec, image, fields: d.fields } };
}
/** Is this pin on the board the one an intent was about? Title, link and a creation time after the intent. */
function matches(p, e) {
    if ((p.title ?? '') !== e.title)
        return false;
    if (e.link && p.link !== e.link)
        return false;
    if (e.intent_at && p.created_at && Date.parse(p.created_at) < Date.parse(e.intent_at) - 10 * 60_000)
        return false;
    return true;
}
function errorText(err) {
    return err instanceof Error ? err.message : String(err);
}


/***/ }),

/***/ 1063:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  mk: () => (/* binding */ publish),
  zK: () => (/* binding */ runIdFrom)
});

// UNUSED EXPORTS: SettingsError

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./src/content/validate.ts
var validate = __webpack_require__(2771);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/files/digest.ts



/** SHA-256 of each repository file (media fingerprints); unreadable files are left out. */
function digestFiles(root, paths) {
    const out = new Map();
    for (const p of paths) {
        try {
            out.set(p, (0,external_node_crypto_.createHash)('sha256')
                .update((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(root, p)))
                .digest('hex'));
        }
        catch {
            // Validation has reported it; the pin is invalid and never published.
        }
    }
    return out;
}

// EXTERNAL MODULE: ./src/ledger/store.ts
var ledger_store = __webpack_require__(492);
// EXTERNAL MODULE: ./src/pinterest/transport.ts
var transport = __webpack_require__(2671);
// EXTERNAL MODULE: ./src/plan/desired.ts
var plan_desired = __webpack_require__(1313);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(6518);
// EXTERNAL MODULE: ./src/util/hash.ts
var hash = __webpack_require__(5138);
// EXTERNAL MODULE: ./src/render/layout.ts
var layout = __webpack_require__(216);
;// CONCATENATED MODULE: ./src/plan/rules.ts




/**
 * The rule actions that apply to the pins now, before caps: interval pinning of a pin's
 * `boards:` list, `save_to` rules whose thresholds are reached, evergreen republishing. Pure.
 */
function ruleCandidates(input) {
    const { settings, now } = input;
    const out = [];
    const saveRules = settings.rules.filter((r) => 'save_to' in r).map((r) => ({ r, only: r.only ? picomatch_default()(r.only, { dot: true }) : undefined }));
    const evergreen = settings.rules.filter((r) => 'republish_after' in r).map((r) => ({ r, only: r.only ? picomatch_default()(r.only, { dot: true }) : undefined }));
    for (const { d, entry } of input.pins) {
        if (entry.state !== 'published' || !entry.pin_id)
            continue;
        const base = { key: d.key, pinId: entry.pin_id, desired: d, entry };
        if (entry.pending) {
            const p = entry.pending;
            out.push({
                ...base,
                rule: p.rule,
                kind: p.kind,
                status: 'unknown',
                board: p.board,
                ...(p.section ? { section: p.section } : {}),
                ...(p.template ? { template: p.template } : {}),
                reason: `run ${p.run} started this ${p.kind} and did not record its outcome; the board is looked at first`,
            });
            continue;
        }
        const savedTo = new Set([entry.board.toLowerCase(), ...(entry.saves ?? []).map((s) => s.board.toLowerCase())]);
        // Interval pinning: the boards: list, one board per interval after the last save (or the publish).
        const next = d.saves.find((s) => !savedTo.has(s.board.toLowerCase()));
        if (next) {
            const intervalSaves = (entry.saves ?? []).filter((s) => s.rule === 'interval');
            const last = Math.max(Date.parse(entry.published_at ?? now.toISOString()), ...intervalSaves.map((s) => Date.parse(s.at)));
            const at = new Date(last + d.intervalMs);
            out.push({
                ...base,
                rule: 'interval',
                kind: 'save',
                board: next.board,
                ...(next.section ? { section: next.section } : {}),
                status: at <= now ? 'due' : 'scheduled',
                at,
                reason: `boards: every ${formatDays(d.intervalMs)}`,
            });
        }
        for (const { r, only } of saveRules) {
            if (only && !only(d.file))
                continue;
            const targets = r.save_to.map((t) => (typeof t === 'string' ? { board: t } : { board: String(t.board), ...(t.section ? { section: t.section } : {}) }));
            const todo = targets.filter((t) => !savedTo.has(t.board.toLowerCase()));
            if (todo.length === 0)
                continue;
            const reached = thresholdReached(r, input.figures?.get(d.key) ?? [], now);
            if (!reached)
                continue;
            for (const t of todo)
                out.push({ ...base, rule: r.name, kind: 'save', ...t, status: 'due', reason: reached });
        }
        for (const { r, only } of evergreen) {
            if (only && !only(d.file))
                continue;
            const image = (0,plan_desired/* pinImage */.n)(d);
            const generation = (entry.earlier ?? []).length;
            const template = r.templates[generation % r.templates.length];
            const gaps = unfilledFields(settings, template, d);
            const problem = !image || !('path' in image)
                ? 'a fresh creative needs a pin with an image file (not a carousel, video or image URL)'
                : gaps.length
                    ? `template "${template}" prints ${gaps.join(', ')}, which the pin's fields do not have`
                    : undefined;
            if (problem) {
                out.push({ ...base, rule: r.name, kind: 'republish', status: 'not-possible', template, reason: problem });
                continue;
            }
            const at = new Date(Date.parse(entry.published_at ?? now.toISOString()) + (0,duration/* durationMs */.pc)(r.republish_after));
            out.push({ ...base, rule: r.name, kind: 'republish', template, status: at <= now ? 'due' : 'scheduled', at, reason: `republish_after: ${r.republish_after}` });
        }
    }
    return out;
}
/** Why a save rule's thresholds are reached (for the plan), or undefined when they are not. */
function thresholdReached(r, days, now) {
    const { within, ...thresholds } = r.when;
    const from = (0,duration/* utcDate */.HB)(now.getTime() - (0,duration/* durationMs */.pc)(within));
    const sums = { impressions: 0, saves: 0, pin_clicks: 0, outbound_clicks: 0 };
    for (const f of days)
        if (f.date >= from)
            for (const k of Object.keys(sums))
                sums[k] += f[k];
    const parts = [];
    for (const [k, min] of Object.entries(thresholds)) {
        if (min === undefined)
            continue;
        if (sums[k] < min)
            return undefined;
        parts.push(`${sums[k]} ${k.replace('_', ' ')} ≥ ${min}`);
    }
    return `${parts.join(', ')} in ${within}`;
}
/** Fields a template prints that the pin lacks. */
function unfilledFields(settings, template, d) {
    const t = settings.templates[template];
    if (!t)
        return [`(no template "${template}")`];
    return (0,layout/* missingFields */.S)({ title: d.title, description: d.description, board: d.board, fields: d.fields, ...(d.link ? { link: d.link } : {}) }, t);
}
function formatDays(ms) {
    return ms % duration/* DAY_MS */.sO === 0 ? `${ms / duration/* DAY_MS */.sO}d` : `${Math.round(ms / 3_600_000)}h`;
}

// EXTERNAL MODULE: ./node_modules/luxon/build/es6/luxon.mjs
var luxon = __webpack_require__(8714);
;// CONCATENATED MODULE: ./src/plan/schedule.ts

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** `mon-fri 08:00-20:00` or `08:00-20:00` (the settings schema checked the form). Days are 1–7, Monday first. */
function parseWindow(s) {
    const m = /^(?:(\w{3})(?:-(\w{3}))? )?(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(s);
    if (!m)
        throw new Error(`bad window "${s}"`);
    const first = m[1] ? DAYS.indexOf(m[1]) + 1 : 1;
    const last = m[2] ? DAYS.indexOf(m[2]) + 1 : m[1] ? first : 7;
    const days = new Set();
    for (let d = first;; d = (d % 7) + 1) {
        days.add(d);
        if (d === last)
            break;
    }
    return { days, from: Number(m[3]) * 60 + Number(m[4]), to: Number(m[5]) * 60 + Number(m[6]) };
}
/**
 * The earliest moment at or after `at` inside a posting window, in `zone`. No windows: `at` itself.
 */
function nextInWindow(at, windows, zone) {
    if (windows.length === 0)
        return at;
    // Most pins of a run ask about the same moment (now): answer each moment once.
    const key = `${at.getTime()}|${zone}|${windows.join(',')}`;
    const hit = windowMemo.get(key);
    if (hit)
        return hit;
    const found = computeNextInWindow(at, windows, zone);
    if (windowMemo.size > 10_000)
        windowMemo.clear();
    windowMemo.set(key, found);
    return found;
}
const windowMemo = new Map();
function computeNextInWindow(at, windows, zone) {
    const parsed = windows.map(parseWindow);
    const start = luxon/* DateTime */.c9.fromJSDate(at, { zone });
    let best;
    for (let day = 0; day <= 7; day++) {
        const date = start.plus({ days: day }).startOf('day');
        for (const w of parsed) {
            if (!w.days.has(date.weekday))
                continue;
            const open = date.plus({ minutes: w.from });
            const close = date.plus({ minutes: w.to });
            const candidate = day === 0 && start >= open && start < close ? start : open;
            if (candidate >= start && candidate < close && (!best || candidate < best))
                best = candidate;
        }
        if (best)
            break;
    }
    return best ? best.toJSDate() : at;
}
const dayFormats = new Map();
/** The calendar day of `at` in `zone`, as `YYYY-MM-DD` (for max_per_day). One formatter per zone. */
function dayOf(at, zone) {
    let f = dayFormats.get(zone);
    if (!f) {
        f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
        dayFormats.set(zone, f);
    }
    return f.format(at);
}

;// CONCATENATED MODULE: ./src/plan/plan.ts




const WRITES = new Set(['create', 'update', 'recreate', 'delete']);
/**
 * The plan: the same pure computation for the PR comment, a dry run and a publish. It compares
 * what the repository wants with what the ledger says was published, and schedules creates by
 * `publish_at` (with deterministic jitter), posting windows, link spacing and the caps.
 */
function plan(input) {
    const { ledger, settings, now } = input;
    const zone = settings.timezone ?? 'UTC';
    const desired = input.desired.filter((d) => !input.only || input.only(d.file));
    const wanted = new Set(input.desired.map((d) => d.key));
    const orphans = new Map(Object.entries(ledger.pins).filter(([key]) => !wanted.has(key)));
    const actions = [];
    const candidates = [];
    const published = [];
    for (const d of desired) {
        const base = { key: d.key, file: d.file, line: d.line, desired: d };
        if (d.invalid) {
            actions.push({ ...base, kind: 'invalid', reason: d.invalid });
            continue;
        }
        if (d.status === 'draft') {
            actions.push({ ...base, kind: 'draft' });
            continue;
        }
        let entry = ledger.pins[d.key];
        let renamedFrom;
        if (!entry) {
            // A file renamed (or an id changed): the same content and media under a key the ledger has
            // but the repository no longer uses is the same pin, not a new one.
            for (const [key, e] of orphans) {
                const same = e.identity ? e.identity === d.identityFingerprint : e.content === d.contentFingerprint;
                if (e.state === 'published' && same && e.media === d.mediaFingerprint) {
                    entry = e;
                    renamedFrom = key;
                    orphans.delete(key);
                    break;
                }
            }
        }
        const withEntry = entry ? { ...base, entry, ...(entry.pin_id ? { pinId: entry.pin_id } : {}), ...(renamedFrom ? { renamedFrom } : {}) } : base;
        if (entry?.state === 'intent') {
            actions.push({
                ...withEntry,
                kind: 'unknown',
                reason: `an earlier run (${entry.run}) sent or was about to send a create; it is looked for on the board before anything is sent again`,
            });
            continue;
        }
        if (entry) {
            if (entry.media !== d.mediaFingerprint) {
                actions.push({
                    ...withEntry,
                    kind: 'recreate',
                    ...(settings.allow_recreate
                        ? {}
                        : { blocked: true, reason: 'the media changed, which the API cannot edit; set allow_recreate: true to delete and create the pin again' }),
                });
            }
            else if (entry.content !== d.contentFingerprint || entry.board !== d.board) {
                actions.push({ ...withEntry, kind: 'update', changes: changedFields(entry, d) });
                published.push({ d, entry });
            }
            else {
                actions.push({ ...withEntry, kind: 'unchanged' });
                published.push({ d, entry });
            }
            continue;
        }
        const jitter = (0,duration/* durationMs */.pc)(settings.schedule.jitter);
        const wantedAt = d.publishAt ? new Date(d.publishAt.getTime() + Math.floor((0,hash/* unitHash */.lx)(d.key) * jitter)) : now;
        const due = nextInWindow(new Date(Math.max(wantedAt.getTime(), now.getTime())), settings.schedule.windows, zone);
        const action = { ...base, kind: 'create' };
        if (due > now)
            actions.push({ ...action, kind: 'scheduled', at: due, reason: wantedAt > now ? 'publish_at' : 'outside the posting windows' });
        else
            candidates.push({ action, due: wantedAt });
    }
    // Creates that are due: earliest first; caps and link spacing hold some back.
    candidates.sort((a, b) => a.due.getTime() - b.due.getTime() || (a.action.key < b.action.key ? -1 : 1));
    const spacing = (0,duration/* durationMs */.pc)(settings.schedule.min_link_spacing);
    const lastForLink = new Map();
    const today = dayOf(now, zone);
    let createdToday = 0;
    const nowMs = now.getTime();
    for (const e of Object.values(ledger.pins)) {
        if (!e.published_at)
            continue;
        const t = Date.parse(e.published_at);
        // Only recent pins can be today's or inside the spacing: skip the calendar and URL work for the rest.
        if (e.link && spacing > 0 && nowMs - t < spacing)
            lastForLink.set(linkKey(e.link), Math.max(lastForLink.get(linkKey(e.link)) ?? 0, t));
        if (Math.abs(nowMs - t) < 2 * 86_400_000 && dayOf(new Date(t), zone) === today)
            createdToday++;
        // Saves to other boards are new pins on Pinterest too: they count against the day's cap.
        for (const s of e.saves ?? [])
            if (Math.abs(nowMs - Date.parse(s.at)) < 2 * 86_400_000 && dayOf(new Date(s.at), zone) === today)
                createdToday++;
    }
    let createdThisRun = 0;
    for (const { action } of candidates) {
        const link = action.desired?.link;
        const last = link ? lastForLink.get(linkKey(link)) : undefined;
        if (spacing > 0 && last !== undefined && now.getTime() - last < spacing) {
            actions.push({
                ...action,
                kind: 'scheduled',
                at: new Date(last + spacing),
                reason: `min_link_spacing: ${link} was pinned less than ${settings.schedule.min_link_spacing} ago`,
            });
            continue;
        }
        const cap = createdThisRun >= settings.schedule.max_per_run
            ? `max_per_run: ${settings.schedule.max_per_run}`
            : createdToday >= settings.schedule.max_per_day
                ? `max_per_day: ${settings.schedule.max_per_day}`
                : undefined;
        if (cap) {
            actions.push({ ...action, kind: 'rate-capped', reason: cap });
            continue;
        }
        actions.push(action);
        createdThisRun++;
        createdToday++;
        if (link)
            lastForLink.set(linkKey(link), now.getTime());
    }
    const removed = [];
    for (const [key, e] of orphans) {
        if (input.only && !input.only(key))
            continue;
        if (settings.prune && e.pin_id)
            actions.push({ key, kind: 'delete', pinId: e.pin_id, entry: e, reason: 'its file was removed and prune is on' });
        else
            removed.push({ key, ...(e.pin_id ? { pinId: e.pin_id } : {}) });
    }
    actions.sort(byKindThenKey);
    // `limit` counts every write, in the order they would be carried out.
    let writes = 0;
    if (input.limit !== undefined) {
        for (const a of actions)
            if (WRITES.has(a.kind) && !a.blocked && ++writes > input.limit)
                Object.assign(a, { kind: 'rate-capped', reason: `limit: ${input.limit} write(s) in this run` });
        actions.sort(byKindThenKey);
    }
    // Rules come after the pins' own actions and obey the same limits: windows, link spacing, caps.
    const rules = ruleCandidates({ pins: published, settings, now, ...(input.figures ? { figures: input.figures } : {}) });
    const touched = new Set();
    const windowOpen = nextInWindow(now, settings.schedule.windows, zone);
    for (const r of rules.filter((x) => x.status === 'due').sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
        const link = r.kind === 'republish' ? r.desired?.link : undefined;
        const last = link ? lastForLink.get(linkKey(link)) : undefined;
        const held = (status, reason, at) => Object.assign(r, { status, reason, ...(at ? { at } : {}) });
        if (touched.has(r.key))
            held('rate-capped', 'one rule action per pin per run: the next run does this one');
        else if (windowOpen > now)
            held('scheduled', 'outside the posting windows', windowOpen);
        else if (spacing > 0 && last !== undefined && nowMs - last < spacing)
            held('scheduled', `min_link_spacing: ${link} was pinned less than ${settings.schedule.min_link_spacing} ago`, new Date(last + spacing));
        else if (createdThisRun >= settings.schedule.max_per_run)
            held('rate-capped', `max_per_run: ${settings.schedule.max_per_run}`);
        else if (createdToday >= settings.schedule.max_per_day)
            held('rate-capped', `max_per_day: ${settings.schedule.max_per_day}`);
        else if (input.limit !== undefined && ++writes > input.limit)
            held('rate-capped', `limit: ${input.limit} write(s) in this run`);
        else {
            touched.add(r.key);
            createdThisRun++;
            createdToday++;
            if (link)
                lastForLink.set(linkKey(link), nowMs);
        }
    }
    const RULE_ORDER = ['unknown', 'due', 'rate-capped', 'scheduled', 'not-possible'];
    rules.sort((a, b) => RULE_ORDER.indexOf(a.status) - RULE_ORDER.indexOf(b.status) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || (a.rule < b.rule ? -1 : 1));
    return { now, actions, removed, rules };
}
const ORDER = ['unknown', 'create', 'update', 'recreate', 'delete', 'rate-capped', 'scheduled', 'unchanged', 'draft', 'invalid'];
function byKindThenKey(a, b) {
    return ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || (a.at && b.at ? a.at.getTime() - b.at.getTime() : 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
/** Links compare without their UTM parameters: the destination is what spacing is about. */
function linkKey(link) {
    if (!link.includes('utm_'))
        return link;
    try {
        const u = new URL(link);
        for (const k of [...u.searchParams.keys()])
            if (k.startsWith('utm_'))
                u.searchParams.delete(k);
        return u.href;
    }
    catch {
        return link;
    }
}
/** Which fields an update changes (the ledger keeps a fingerprint, plus board and title). */
function changedFields(entry, d) {
    const out = [];
    if (entry.board !== d.board)
        out.push('board');
    if (entry.title !== d.title)
        out.push('title');
    if ((entry.link ?? undefined) !== d.link)
        out.push('link');
    if (out.length === 0)
        out.push('description, alt text, section or colour');
    return out;
}

// EXTERNAL MODULE: ./src/settings/load.ts
var load = __webpack_require__(4037);
// EXTERNAL MODULE: ./src/flows/session.ts + 1 modules
var flows_session = __webpack_require__(9484);
// EXTERNAL MODULE: ./src/flows/analytics.ts + 1 modules
var analytics = __webpack_require__(7372);
// EXTERNAL MODULE: ./src/flows/execute.ts + 1 modules
var execute = __webpack_require__(5164);
// EXTERNAL MODULE: ./src/flows/validate.ts
var flows_validate = __webpack_require__(5431);
;// CONCATENATED MODULE: ./src/flows/publish.ts













/**
 * A board deleted on Pinterest takes its pins with it: ledger entries on boards the account no
 * longer has are cleared (and logged), so those pins are published again. Returns whether any were.
 */
async function forgetDeletedBoards(api, store, opts) {
    const ledger = await store.load();
    const onBoards = Object.values(ledger.pins).filter((e) => e.state === 'published' && e.board_id);
    if (onBoards.length === 0)
        return false;
    const live = new Set((await api.listBoards()).map((b) => b.id));
    const gone = Object.entries(ledger.pins).filter(([, e]) => e.state === 'published' && e.board_id && !live.has(e.board_id));
    if (gone.length === 0)
        return false;
    const keys = new Set(gone.map(([k]) => k));
    const time = new Date().toISOString();
    await store.commit(`pinops: ${keys.size} pin(s) were on boards deleted on Pinterest`, (l) => {
        for (const k of keys)
            if (l.pins[k]?.board_id && !live.has(l.pins[k]?.board_id))
                delete l.pins[k];
        return true;
    }, () => gone.map(([k, e]) => ({
        time,
        run: opts.runId,
        pin: k,
        action: 'clear',
        result: 'ok',
        ...(e.pin_id ? { pin_id: e.pin_id } : {}),
        ...(e.board_id ? { board_id: e.board_id } : {}),
        error: 'board deleted on Pinterest; the pin is published again',
    })));
    opts.log(`· ${keys.size} pin(s) were on boards that no longer exist on Pinterest; they are published again`);
    return true;
}
/** A run id for the ledger: the workflow run (and attempt), or a local one. */
function runIdFrom(env) {
    return env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}.${env.GITHUB_RUN_ATTEMPT ?? '1'}` : `local-${Date.now().toString(36)}`;
}
/** Validate → plan → (unless a dry run) credentials, account check, and the plan carried out. */
async function publish(opts) {
    const validation = opts.validated ?? (await (0,flows_validate/* validateRepository */.F)({ root: opts.root, env: opts.env, ...(opts.config ? { config: opts.config } : {}) }));
    if (!validation.ok)
        throw new load/* SettingsError */.GN(validation.diagnostics);
    const { settings, pins, diagnostics } = validation;
    const digests = digestFiles(opts.root, (0,validate/* mediaPaths */.TR)((0,validate/* mediaUses */.Fx)(pins)));
    const desired = (0,plan_desired/* desiredPins */.X)(pins, diagnostics, settings, digests);
    const store = opts.ledger ?? (0,ledger_store/* gitLedgerStore */.L)(opts.root, settings.ledger_branch);
    const only = opts.only ? picomatch_default()(opts.only, { dot: true }) : undefined;
    // Rules with thresholds read the stored analytics; nothing else needs them.
    const figures = settings.rules.some((r) => 'save_to' in r) ? (0,analytics/* figuresByPin */.Qy)((await (0,analytics/* readMonths */.mF)(store)).rows) : undefined;
    const makePlan = (ledger) => plan({
        desired,
        ledger,
        settings,
        now: opts.now ?? new Date(),
        ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
        ...(only ? { only } : {}),
        ...(figures ? { figures } : {}),
    });
    let thePlan = makePlan(await store.load());
    const result = { settings, diagnostics, plan: thePlan, outcomes: [], warnings: [], dryRun: opts.dryRun, requests: 0, rateLimited: 0, waitedMs: 0, requestMs: 0 };
    if (opts.dryRun)
        return result;
    const session = await (0,flows_session/* connect */.N)(settings, store, opts);
    const { api } = session;
    result.session = session;
    if (session.account)
        result.account = session.account;
    result.credentials = session.credentials;
    result.warnings.push(...session.warnings);
    if (await forgetDeletedBoards(api, store, opts)) {
        thePlan = makePlan(await store.load());
        result.plan = thePlan;
    }
    result.outcomes = await (0,execute/* executePlan */.v)(thePlan, {
        api,
        ledger: store,
        clock: opts.clock ?? transport/* realClock */.d,
        root: opts.root,
        runId: opts.runId,
        boards: validation.boards,
        templates: settings.templates,
        log: opts.log,
        ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
        ...(opts.videoTimeoutMs ? { videoTimeoutMs: opts.videoTimeoutMs } : {}),
    });
    result.requests = api.transport.stats.requests;
    result.rateLimited = api.transport.stats.rateLimited;
    result.waitedMs = api.transport.stats.waitedMs;
    result.requestMs = api.transport.stats.requestMs;
    return result;
}


/***/ }),

/***/ 9484:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  N: () => (/* binding */ connect)
});

// EXTERNAL MODULE: ./src/pinterest/client.ts
var client = __webpack_require__(3187);
// EXTERNAL MODULE: ./src/pinterest/credentials.ts
var pinterest_credentials = __webpack_require__(5484);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/github/secrets.ts + 1 modules
var secrets = __webpack_require__(1917);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(6518);
;// CONCATENATED MODULE: ./src/flows/credentials.ts



/** Pinterest's continuous refresh tokens last 60 days; plain access tokens about 30. */
const LIFETIME = { refresh: 60 * duration/* DAY_MS */.sO, access: 30 * duration/* DAY_MS */.sO };
/** A token's name in the ledger: a short SHA-256 prefix, never the token. */
const tokenFingerprint = (token) => (0,external_node_crypto_.createHash)('sha256').update(token).digest('hex').slice(0, 16);
/**
 * After a refresh: stores a rotated refresh token back as the secret when it may (the newest
 * token wins a race, by its expiry, recorded on the ledger branch first), and otherwise says by
 * when the secret must be renewed. Every secret was masked before this runs.
 */
async function handleRotation(creds, opts) {
    const report = { source: creds.source, rotated: false, warnings: [], urgent: false };
    if (creds.refreshTokenExpiresAt)
        report.expiresAt = creds.refreshTokenExpiresAt;
    const current = creds.source === 'refresh' ? creds.refreshToken : creds.accessToken;
    if (!current)
        return report;
    const currentFp = tokenFingerprint(current);
    const nowIso = opts.now.toISOString();
    const newFp = creds.newRefreshToken ? tokenFingerprint(creds.newRefreshToken) : undefined;
    const expiresIso = creds.refreshTokenExpiresAt?.toISOString() ?? new Date(opts.now.getTime() + LIFETIME.refresh).toISOString();
    let seenAt = nowIso;
    let stored = false;
    await opts.store.commit('pinops: credentials', (l) => {
        l.credentials ??= {};
        const c = l.credentials;
        c.seen ??= {};
        let changed = false;
        if (!c.seen[currentFp]) {
            c.seen[currentFp] = nowIso;
            changed = true;
        }
        seenAt = c.seen[currentFp];
        stored = false;
        if (newFp && opts.secrets && !(c.stored && c.stored.expires_at > expiresIso)) {
            c.stored = { fingerprint: newFp, expires_at: expiresIso, at: nowIso, run: opts.runId };
            c.seen[newFp] = nowIso;
            stored = true;
            changed = true;
        }
        return changed;
    }, () => []);
    if (newFp && opts.secrets && stored) {
        try {
            // Right before the write, the ledger is read again: a newer token recorded meanwhile wins.
            const stillNewest = async () => {
                const latest = (await opts.store.load()).credentials?.stored;
                return !latest || latest.fingerprint === newFp || latest.expires_at < expiresIso;
            };
            const written = await (0,secrets/* writeSecret */.kz)(opts.secrets.ctx, opts.secrets.token, 'PINTEREST_REFRESH_TOKEN', creds.newRefreshToken, opts.secrets.environment, stillNewest);
            report.rotated = true;
            if (!written) {
                opts.log('· another run stored a newer refresh token; this one is not written');
                return report;
            }
            opts.log(`✔ stored the new refresh token as the ${opts.secrets.environment ? `environment "${opts.secrets.environment}"` : 'repository'} secret PINTEREST_REFRESH_TOKEN (valid until ${expiresIso.slice(0, 10)})`);
            return report;
        }
        catch (err) {
            if (!(err instanceof secrets/* SecretWriteError */.eP))
                throw err;
            report.warnings.push(`Could not store the new refresh token: ${err.message}.`);
        }
    }
    else if (newFp && opts.secrets && !stored) {
        opts.log('· another run stored a newer refresh token; this one is not written');
        report.rotated = true;
        return report;
    }
    const lifetime = creds.source === 'refresh' ? LIFETIME.refresh : LIFETIME.access;
    report.renewBy = new Date(Date.parse(seenAt) + lifetime);
    const left = report.renewBy.getTime() - opts.now.getTime();
    report.urgent = left < 7 * duration/* DAY_MS */.sO;
    const date = report.renewBy.toISOString().slice(0, 10);
    if (creds.source === 'refresh' && newFp) {
        report.warnings.push(`The secret PINTEREST_REFRESH_TOKEN (first seen ${seenAt.slice(0, 10)}) stops working by ${date}: renew it before then (\`npx pinops auth\`), or give the action a \`secrets-token\` that may write secrets, and pinops stores each new refresh token itself.`);
    }
    else if (creds.source === 'access-token' && (report.urgent || left < 14 * duration/* DAY_MS */.sO)) {
        report.warnings.push(`PINTEREST_ACCESS_TOKEN (first seen ${seenAt.slice(0, 10)}) expires around ${date}: switch to PINTEREST_APP_ID, PINTEREST_APP_SECRET and PINTEREST_REFRESH_TOKEN (\`npx pinops auth\`).`);
    }
    return report;
}

;// CONCATENATED MODULE: ./src/flows/session.ts



/**
 * Everything before the first request that reads or writes pins: a disconnected account stops
 * the run; the token is refreshed (and a rotated one stored back), its scopes and account checked.
 */
async function connect(settings, store, opts) {
    const disconnected = (await store.load()).credentials?.disconnected;
    if (disconnected) {
        throw new pinterest_credentials/* CredentialsError */.lE(`the Pinterest account was disconnected on ${disconnected.at.slice(0, 10)} (\`pinops disconnect\`), so nothing was sent. Run \`npx pinops auth\` to connect it again.`);
    }
    const base = (0,client/* apiBase */.av)(settings.api);
    const creds = await (0,pinterest_credentials/* obtainCredentials */.AC)(opts.env, base, opts.mask);
    (0,pinterest_credentials/* checkScopes */.A6)(creds);
    const api = (0,client/* createPinterestClient */.sU)({ base, accessToken: creds.accessToken, ...opts.transport, ...(opts.clock ? { clock: opts.clock } : {}) });
    // Confirm the token works before anything is written.
    const account = await api.userAccount();
    const name = account.username ?? account.business_name;
    const credentials = await handleRotation(creds, { store, runId: opts.runId, now: opts.now ?? new Date(), log: opts.log, ...(opts.secrets ? { secrets: opts.secrets } : {}) });
    return { api, ...(name ? { account: name } : {}), credentials, warnings: [...creds.warnings, ...credentials.warnings] };
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


/***/ })

};
