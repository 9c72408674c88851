import { DateTime } from 'luxon';
import { mdCell, mdCode, mdText } from '../util/md-escape.js';
import { shortenPair } from '../util/shorten.js';
import type { FieldChange } from './changes.js';
import type { ActionKind, Plan, PlanAction } from './plan.js';
import type { RuleAction } from './rules.js';

/** Each kind's mark in reports. */
export const ICON: Record<ActionKind, string> = {
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
  'in-progress': '⏳',
  held: '✋',
  'update-unavailable': '🚫',
};

/** A time as people read it in reports: ISO 8601 to the second. */
export const isoTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A time for the job summary and the PR comment: in the settings' time zone with its offset, and
 * the same moment in UTC in brackets (the date too when it differs). Without a zone, in UTC.
 */
export function zonedTime(d: Date, zone?: string): string {
  const utc = DateTime.fromJSDate(d, { zone: 'utc' });
  const clock = utc.second || utc.millisecond ? 'HH:mm:ss' : 'HH:mm';
  const local = zone ? utc.setZone(zone) : utc;
  if (!local.isValid || local.offset === 0) return `${utc.toFormat(`yyyy-LL-dd ${clock}`)} UTC`;
  const inUtc = utc.toFormat(local.toISODate() === utc.toISODate() ? clock : `yyyy-LL-dd ${clock}`);
  return `${local.toFormat(`yyyy-LL-dd ${clock} ZZ`)} (${inUtc} UTC)`;
}

/** Counts per kind, in a fixed order. */
export function planCounts(plan: Plan): Partial<Record<ActionKind, number>> {
  const out: Partial<Record<ActionKind, number>> = {};
  for (const a of plan.actions) out[a.kind] = (out[a.kind] ?? 0) + 1;
  return out;
}

/** How a report writes the parts of a plan line: times, user text, values; plain for a terminal. */
interface Style {
  time: (d: Date) => string;
  text: (s: string) => string;
  value: (s: string) => string;
}

const PLAIN: Style = { time: isoTime, text: (s) => s, value: (s) => JSON.stringify(s) };

/** An old → new value pair, shortened where they differ. */
function change(f: FieldChange, style: Style): string {
  const [from, to] = shortenPair(f.from ?? '', f.to ?? '', f.field === 'link' ? 80 : 60);
  const show = (v: string | null, s: string) => (v === null || v === '' ? '(none)' : style.value(s));
  return `${f.field}: ${show(f.from, from)} → ${show(f.to, to)}`;
}

/** Pinops' own reasons (a lease's end) carry ISO times; a report shows them like the others. */
const ISO = /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?Z\b/g;
const withTimes = (reason: string, style: Style) => reason.replace(ISO, (t) => style.time(new Date(t)));

function detail(a: PlanAction, style: Style = PLAIN): string {
  const parts: string[] = [];
  if (a.at) parts.push(style.time(a.at));
  const diffed = new Set(a.diff?.map((f) => f.field));
  if (a.diff?.length) parts.push(...a.diff.map((f) => change(f, style)));
  const rest = a.changes?.filter((c) => !diffed.has(c)) ?? [];
  if (rest.length) parts.push(`${a.diff?.length ? 'also' : 'changes'}: ${style.text(rest.join(', '))}`);
  if (a.renamedFrom) parts.push(`renamed from ${style.value(a.renamedFrom)}`);
  if (a.pinId && a.kind !== 'unchanged') parts.push(`pin ${a.pinId}`);
  // Only pinops' own reasons have times in them; an invalid pin's is the user's message.
  if (a.reason) parts.push(style.text(a.kind === 'in-progress' ? withTimes(a.reason, style) : a.reason));
  for (const w of a.warnings ?? []) parts.push(`⚠️ ${style.text(`${w.code}: ${w.message}. ${w.hint}`)}`);
  return parts.join('; ');
}

/** What a rule action does, in words: `save to Gift Ideas / Boots`, `republish with template fresh`. */
function ruleWhat(r: RuleAction): string {
  return r.kind === 'save' ? `save to ${r.board}${r.section ? ` / ${r.section}` : ''}` : `republish with template ${r.template}`;
}

function ruleDetail(r: RuleAction, style: Style = PLAIN): string {
  const reason = r.status === 'in-progress' ? withTimes(r.reason, style) : r.reason;
  return [r.status === 'due' ? 'in this run' : r.status, r.at && r.status === 'scheduled' ? style.time(r.at) : '', reason ? style.text(reason) : ''].filter(Boolean).join('; ');
}

/** The plan for a terminal: one line per pin that something happens to, then the counts. */
export function planText(plan: Plan, verbose = false): string {
  const lines: string[] = [];
  for (const a of plan.actions) {
    if (!verbose && a.kind === 'unchanged' && !a.renamedFrom) continue;
    lines.push(`  ${a.kind.padEnd(11)} ${a.key}${detail(a) ? `  (${detail(a)})` : ''}`);
  }
  for (const r of plan.removed) lines.push(`  removed     ${r.key}  (file removed; prune is off, so pin ${r.pinId ?? '?'} stays on Pinterest)`);
  for (const r of plan.rules) lines.push(`  rule        ${r.key}: ${ruleWhat(r)}  (${r.rule}: ${ruleDetail(r)})`);
  const counts = Object.entries(planCounts(plan))
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const notes = plan.notes.map((n) => `Note: ${n}\n`).join('');
  return `${lines.join('\n')}${lines.length ? '\n' : ''}Plan: ${counts || 'nothing to do'}\n${notes}`;
}

/**
 * The plan as JSON for `pinops plan --json`: indented, except that each action and rule is one
 * line (a plan of 10,000 pins is 10,000 lines to grep, not 160,000, and half the bytes to write).
 */
export function planJson(plan: Plan): string {
  const list = (items: readonly unknown[]) => (items.length ? `[\n    ${items.map((i) => JSON.stringify(i)).join(',\n    ')}\n  ]` : '[]');
  const fields = Object.entries(planObject(plan)).map(
    ([k, v]) => `  ${JSON.stringify(k)}: ${k === 'actions' || k === 'rules' ? list(v as unknown[]) : JSON.stringify(v, null, 2).replace(/\n/g, '\n  ')}`,
  );
  return `{\n${fields.join(',\n')}\n}\n`;
}

/** The plan as plain data: `plan --json`, and the plan inside `publish --json`. */
export function planObject(plan: Plan) {
  const actions = plan.actions.map((a) => ({
    key: a.key,
    action: a.kind,
    file: a.file ?? null,
    line: a.line ?? null,
    at: a.at?.toISOString() ?? null,
    slot: a.slot?.toISOString() ?? null,
    pin_id: a.pinId ?? null,
    reason: a.reason ?? null,
    changes: a.changes ?? null,
    renamed_from: a.renamedFrom ?? null,
    diff: a.diff ?? null,
    warnings: a.warnings ?? null,
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
  return { now: plan.now.toISOString(), actions, removed: plan.removed, rules, counts: planCounts(plan), notes: plan.notes };
}

/** How the job summary and the PR comment write a plan. */
export interface PlanMarkdownOptions {
  /** Rows stop before the text grows past this, and a last line says how many were left out… */
  maxChars?: number;
  /** …and where to find them. */
  more?: string;
  /** The settings' `timezone`: times are shown in it, with UTC in brackets. */
  timeZone?: string | undefined;
  /** A link to a pin's file at its line (the pull request's head commit), when there is one. */
  fileUrl?: (file: string, line?: number) => string | undefined;
}

/** A pin's file, linked to its line (as a code span) where a link can be made. */
function fileRef(file: string, line: number | undefined, opts: PlanMarkdownOptions): string {
  const url = opts.fileUrl?.(file, line);
  return url ? `[${mdCode(line ? `${file}:${line}` : file)}](${url})` : mdCell(file);
}

/**
 * The plan as a markdown table (job summary, PR comment). With `maxChars`, rows stop before the
 * text grows past it: a table always ends at a whole row.
 */
export function planMarkdown(plan: Plan, title = 'Plan', opts: PlanMarkdownOptions = {}): string {
  const rows = plan.actions.filter((a) => a.kind !== 'unchanged' || a.renamedFrom);
  const style: Style = { time: (d) => zonedTime(d, opts.timeZone), text: mdText, value: mdCode };
  const counts = Object.entries(planCounts(plan))
    .map(([k, n]) => `${ICON[k as ActionKind]} ${n} ${k}`)
    .join(' · ');
  const timed = plan.actions.some((a) => a.at) || plan.rules.some((r) => r.at && r.status === 'scheduled');
  const zone = opts.timeZone && timed ? `Times are in ${mdCell(opts.timeZone)}, with UTC in brackets.\n\n` : '';
  let out = `### ${title}\n\n${counts || 'Nothing to do.'}\n\n${zone}${plan.notes.map((n) => `> ℹ️ ${mdText(n, { table: false })}\n\n`).join('')}`;
  // Room for the line that says what was left out.
  const budget = (opts.maxChars ?? Number.POSITIVE_INFINITY) - 400;
  let left = 0;
  const add = (line: string) => {
    if (left || out.length + line.length > budget) left++;
    else out += line;
  };
  if (rows.length) {
    out += '| | Pin | Action | Details |\n|---|---|---|---|\n';
    for (const a of rows) add(`| ${ICON[a.kind]} | ${mdCode(a.key)}${a.file ? ` (${fileRef(a.file, a.line, opts)})` : ''} | ${a.kind} | ${detail(a, style)} |\n`);
  }
  for (const r of plan.removed) add(`\n- ${mdCode(r.key)}: file removed; \`prune\` is off, so the pin stays on Pinterest.`);
  if (plan.rules.length) {
    if (!left) out += `\n\n#### Rules\n\n| Pin | Rule | Action | When |\n|---|---|---|---|\n`;
    for (const r of plan.rules) add(`| ${mdCode(r.key)} | ${mdCell(r.rule)} | ${mdCell(ruleWhat(r))} | ${ruleDetail(r, style)} |\n`);
  }
  if (left) out += `\n…and ${left} more line(s) of the plan${opts.more ? `: ${opts.more}` : ''}.\n`;
  return out;
}
