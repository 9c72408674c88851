import { countBySeverity } from '../diagnostics/diagnostic.js';
import type { Warning } from '../diagnostics/warning.js';
import { pinUrl } from '../pinterest/client.js';
import { planMarkdown, zonedTime } from '../plan/render.js';
import { mdCell, mdCode, mdText } from '../util/md-escape.js';
import type { Outcome } from './publish/outcome.js';
import type { PublishResult } from './publish.js';

/**
 * A publish run's warnings, each at the level its producer gave it (the renew-by date: an info
 * line, a warning in its last 14 days, an error in the last 3; a refused edit: a warning).
 */
export function publishWarnings(r: PublishResult): Warning[] {
  return r.warnings;
}

/** What a publish run amounts to: counts, and whether it should fail. */
export function summarise(r: PublishResult): {
  published: number;
  updated: number;
  /** Saves and republishes made by rules (and interval pinning). */
  ruled: number;
  failed: number;
  unknown: number;
  skipped: number;
  invalid: number;
  halted?: Outcome;
} {
  const count = (f: (o: Outcome) => boolean) => r.outcomes.filter(f).length;
  const halted = r.outcomes.find((o) => o.halted !== undefined);
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
export function publishMarkdown(r: PublishResult, opts: { title?: string } = {}): string {
  const s = summarise(r);
  const { errors } = countBySeverity(r.diagnostics);
  let out = `## ${opts.title ?? 'pinops'}${r.dryRun ? ' (dry run: nothing was sent)' : ''}\n\n`;
  if (r.account) out += `Account: **${mdCell(r.account)}**${credentialLine(r)}\n\n`;
  if (!r.dryRun)
    out += `✅ ${s.published} published · ✏️ ${s.updated} updated${s.ruled ? ` · 📌 ${s.ruled} by rules` : ''} · ❌ ${s.failed} failed · ❓ ${s.unknown} unknown · ⏭️ ${s.skipped} skipped\n\n`;
  if (errors) out += `⚠️ ${errors} content error(s): the pins they belong to are not published. Run \`npx pinops validate\`.\n\n`;
  const done = r.outcomes.filter((o) => o.result !== 'skipped' || o.error);
  if (done.length) {
    out += '### Results\n\n| Pin | Action | Result |\n|---|---|---|\n';
    for (const o of done) {
      const result =
        o.result === 'ok' ? (o.pinId ? `[pin ${o.pinId}](${pinUrl(o.pinId)})` : 'ok') : `${o.result}: ${mdText(o.error ?? '')}${o.advice ? ` — ${mdText(o.advice)}` : ''}`;
      out += `| ${mdCode(o.key)} | ${o.action}${o.detail ? ` (${mdCell(o.detail)})` : ''} | ${result} |\n`;
    }
    out += '\n';
  }
  const next = r.plan.actions.filter((a) => a.kind === 'scheduled' && a.at).sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime())[0];
  if (next?.at) out += `Next due: ${mdCode(next.key)} at ${zonedTime(next.at, r.settings.timezone)}\n\n`;
  for (const w of publishWarnings(r)) out += `> ${ICON[w.level]} ${mdText(w.text, { table: false })}\n\n`;
  return out + planMarkdown(r.plan, r.dryRun ? 'Plan' : 'The plan this run carried out', { timeZone: r.settings.timezone });
}

const ICON: Record<Warning['level'], string> = { info: '·', notice: 'ℹ️', warning: '⚠️', error: '❗' };

function credentialLine(r: PublishResult): string {
  const c = r.credentials;
  if (!c) return '';
  if (c.rotated) return ` · credentials: renewed automatically${c.expiresAt ? `, valid until ${c.expiresAt.toISOString().slice(0, 10)}` : ''}`;
  if (c.renewBy) return ` · credentials: ${c.urgent ? '⚠️ ' : ''}the secret must be renewed by ${c.renewBy.toISOString().slice(0, 10)}`;
  return c.expiresAt ? ` · credentials: valid until ${c.expiresAt.toISOString().slice(0, 10)}` : '';
}
