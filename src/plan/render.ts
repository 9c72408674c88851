import { mdCell, mdCode } from '../util/md-escape.js';
import type { ActionKind, Plan, PlanAction } from './plan.js';
import type { RuleAction } from './rules.js';

const ICON: Record<ActionKind, string> = {
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

/** Counts per kind, in a fixed order. */
export function planCounts(plan: Plan): Partial<Record<ActionKind, number>> {
  const out: Partial<Record<ActionKind, number>> = {};
  for (const a of plan.actions) out[a.kind] = (out[a.kind] ?? 0) + 1;
  return out;
}

function detail(a: PlanAction): string {
  const parts: string[] = [];
  if (a.at) parts.push(isoTime(a.at));
  if (a.changes?.length) parts.push(`changes: ${a.changes.join(', ')}`);
  if (a.renamedFrom) parts.push(`renamed from ${a.renamedFrom}`);
  if (a.pinId && a.kind !== 'unchanged') parts.push(`pin ${a.pinId}`);
  if (a.reason) parts.push(a.reason);
  return parts.join('; ');
}

/** What a rule action does, in words: `save to Gift Ideas / Boots`, `republish with template fresh`. */
function ruleWhat(r: RuleAction): string {
  return r.kind === 'save' ? `save to ${r.board}${r.section ? ` / ${r.section}` : ''}` : `republish with template ${r.template}`;
}

function ruleDetail(r: RuleAction): string {
  return [r.status === 'due' ? 'in this run' : r.status, r.at && r.status === 'scheduled' ? isoTime(r.at) : '', r.reason].filter(Boolean).join('; ');
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

/** The plan as JSON for `pinops plan --json`. */
export function planJson(plan: Plan): string {
  return `${JSON.stringify(planObject(plan), null, 2)}\n`;
}

/** The plan as plain data: `plan --json`, and the plan inside `publish --json`. */
export function planObject(plan: Plan) {
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
  return { now: plan.now.toISOString(), actions, removed: plan.removed, rules, counts: planCounts(plan), notes: plan.notes };
}

/**
 * The plan as a markdown table (job summary, PR comment). With `maxChars`, rows stop before the
 * text grows past it and a last line says how many were left out, and where to find them (`more`).
 */
export function planMarkdown(plan: Plan, title = 'Plan', opts: { maxChars?: number; more?: string } = {}): string {
  const rows = plan.actions.filter((a) => a.kind !== 'unchanged' || a.renamedFrom);
  const counts = Object.entries(planCounts(plan))
    .map(([k, n]) => `${ICON[k as ActionKind]} ${n} ${k}`)
    .join(' · ');
  let out = `### ${title}\n\n${counts || 'Nothing to do.'}\n\n${plan.notes.map((n) => `> ℹ️ ${mdCell(n)}\n\n`).join('')}`;
  // Room for the line that says what was left out.
  const budget = (opts.maxChars ?? Number.POSITIVE_INFINITY) - 400;
  let left = 0;
  const add = (line: string) => {
    if (left || out.length + line.length > budget) left++;
    else out += line;
  };
  if (rows.length) {
    out += '| | Pin | Action | Details |\n|---|---|---|---|\n';
    for (const a of rows) add(`| ${ICON[a.kind]} | ${mdCode(a.key)}${a.file ? ` (${mdCell(a.file)})` : ''} | ${a.kind} | ${mdCell(detail(a))} |\n`);
  }
  for (const r of plan.removed) add(`\n- ${mdCode(r.key)}: file removed; \`prune\` is off, so the pin stays on Pinterest.`);
  if (plan.rules.length) {
    if (!left) out += `\n\n#### Rules\n\n| Pin | Rule | Action | When |\n|---|---|---|---|\n`;
    for (const r of plan.rules) add(`| ${mdCode(r.key)} | ${mdCell(r.rule)} | ${mdCell(ruleWhat(r))} | ${mdCell(ruleDetail(r))} |\n`);
  }
  if (left) out += `\n…and ${left} more line(s) of the plan${opts.more ? `: ${opts.more}` : ''}.\n`;
  return out;
}
