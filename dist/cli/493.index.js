export const id = 493;
export const ids = [493];
export const modules = {

/***/ 7493:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   boardsCommand: () => (/* binding */ boardsCommand),
/* harmony export */   planCommand: () => (/* binding */ planCommand),
/* harmony export */   publishCommand: () => (/* binding */ publishCommand)
/* harmony export */ });
/* harmony import */ var _diagnostics_format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(697);
/* harmony import */ var _files_repo_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8683);
/* harmony import */ var _flows_execute_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5164);
/* harmony import */ var _flows_publish_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1063);
/* harmony import */ var _flows_report_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6891);
/* harmony import */ var _pinterest_client_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3187);
/* harmony import */ var _pinterest_credentials_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5484);
/* harmony import */ var _plan_render_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(31);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6675);









/** `pinops plan [--json] [--now ISO]`: the plan against the ledger, nothing sent. */
async function planCommand(io, root, opts) {
    const now = opts.now ? new Date(opts.now) : new Date();
    if (Number.isNaN(now.getTime()))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UsageError */ .e(`--now must be an ISO 8601 time, not "${opts.now}"`);
    const r = await (0,_flows_publish_js__WEBPACK_IMPORTED_MODULE_3__/* .publish */ .mk)({ root, env: io.env, dryRun: true, now, runId: 'plan', mask: () => { }, log: () => { }, ...(opts.config ? { config: opts.config } : {}) });
    if (opts.json)
        io.out((0,_plan_render_js__WEBPACK_IMPORTED_MODULE_7__/* .planJson */ .iY)(r.plan));
    else
        io.out((0,_plan_render_js__WEBPACK_IMPORTED_MODULE_7__/* .planText */ .Pt)(r.plan));
    return _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .EXIT */ .d.ok;
}
/** `pinops publish [--dry-run] [--limit N] [--only GLOB]`. */
async function publishCommand(io, root, opts) {
    const limit = opts.limit === undefined ? undefined : Number(opts.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UsageError */ .e(`--limit must be a whole number of at least 1, not "${opts.limit}"`);
    const r = await (0,_flows_publish_js__WEBPACK_IMPORTED_MODULE_3__/* .publish */ .mk)({
        root,
        env: io.env,
        dryRun: opts.dryRun,
        runId: (0,_flows_publish_js__WEBPACK_IMPORTED_MODULE_3__/* .runIdFrom */ .zK)(io.env),
        mask: () => { },
        log: (l) => io.out(`${l}\n`),
        ...(limit !== undefined ? { limit } : {}),
        ...(opts.only ? { only: opts.only } : {}),
        ...(opts.config ? { config: opts.config } : {}),
    });
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length)
        io.err((0,_diagnostics_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatText */ .Oi)(errors, 0, false));
    io.out((0,_plan_render_js__WEBPACK_IMPORTED_MODULE_7__/* .planText */ .Pt)(r.plan));
    for (const w of r.warnings)
        io.err(`warning: ${w}\n`);
    if (r.dryRun)
        return errors.length ? _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .EXIT */ .d.content : _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .EXIT */ .d.ok;
    const s = (0,_flows_report_js__WEBPACK_IMPORTED_MODULE_4__/* .summarise */ .f)(r);
    io.out(`Published ${s.published}, updated ${s.updated}, failed ${s.failed}, unknown ${s.unknown}, skipped ${s.skipped}${r.account ? ` (account ${r.account})` : ''}.\n`);
    for (const o of r.outcomes)
        if (o.result === 'ok' && o.pinId && (o.action === 'create' || o.action === 'save' || o.action === 'republish'))
            io.out(`  ${o.key}${o.detail ? ` (${o.action}, ${o.detail})` : ''}: ${(0,_flows_execute_js__WEBPACK_IMPORTED_MODULE_2__/* .pinUrl */ .X)(o.pinId)}\n`);
    if (s.halted?.advice)
        io.err(`${s.halted.advice}\n`);
    if (s.failed || s.unknown || s.halted)
        return _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .EXIT */ .d.api;
    return errors.length ? _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .EXIT */ .d.content : _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .EXIT */ .d.ok;
}
/** `pinops boards`: the account's boards and sections with their ids. */
async function boardsCommand(io, root, opts) {
    const parsed = await (0,_files_repo_js__WEBPACK_IMPORTED_MODULE_1__/* .loadSettings */ .M5)(root, opts.config, io.env);
    if (!parsed.ok) {
        io.out((0,_diagnostics_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatText */ .Oi)(parsed.diagnostics, 0, io.color));
        return _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .EXIT */ .d.usage;
    }
    const base = (0,_pinterest_client_js__WEBPACK_IMPORTED_MODULE_5__/* .apiBase */ .av)(parsed.settings.api);
    const creds = await (0,_pinterest_credentials_js__WEBPACK_IMPORTED_MODULE_6__/* .obtainCredentials */ .AC)(io.env, base, () => { });
    const api = (0,_pinterest_client_js__WEBPACK_IMPORTED_MODULE_5__/* .createPinterestClient */ .sU)({ base, accessToken: creds.accessToken });
    const boards = await api.listBoards();
    for (const b of boards) {
        io.out(`${String(b.id).padEnd(20)} ${b.name} (${String(b.privacy ?? 'PUBLIC').toLowerCase()})\n`);
        for (const s of await api.listSections(b.id))
            io.out(`${''.padEnd(20)}   § ${s.name}  ${s.id}\n`);
    }
    io.out(`${boards.length} board(s)\n`);
    return _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .EXIT */ .d.ok;
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


/***/ })

};
