import { DateTime } from 'luxon';
import { commitUrl, fileUrl } from '../github/links.js';
import { MARKER } from '../github/previews.js';
import type { ActionKind } from '../plan/plan.js';
import { ICON, planMarkdown } from '../plan/render.js';
import { htmlAttr, htmlMessage, htmlText, mdCell, mdCode, mdText } from '../util/md-escape.js';
import { shorten } from '../util/shorten.js';
import type { PreviewBundle, PreviewPin } from './preview-bundle.js';

/** The marker of the second comment, which holds the plan when previews and plan do not fit in one. */
export const PLAN_MARKER = '<!-- pinops:plan -->';

/** GitHub refuses comments over 65,536 characters; each of pinops' is kept well under. */
export const MAX_COMMENT = 60_000;
/** Room kept for the list of earlier previews, and for the line that points to the other comment. */
const TRAILER = 4_000;
const POINTER = 600;
/** Pins shown before the rest fold into <details>, and how many a row of the grid holds. */
export const VISIBLE = 12;
const ACROSS = 3;
/** How much of a title (Pinterest allows 100 characters) and of a message a pin's place shows (the job summary has them whole). */
const TITLE_CHARS = 100;
const MESSAGE_CHARS = 140;

/** Where the comment's links lead. */
export interface CommentContext {
  /** The repository's pages: files at the pull request's head commit, commits. */
  web: string;
  /** A preview's image on the previews branch. */
  imageUrl: (name: string) => string;
  /** The workflow run that made the previews: its job summary has every pin and every row of the plan. */
  runUrl?: string;
  /** Heads of earlier previews, listed as outdated. */
  earlier?: string[];
  /** The other comment, once it exists. */
  previewsUrl?: string;
  planUrl?: string;
}

/** The previews comment, and the plan's own comment when the two do not fit in one. */
export interface PreviewComments {
  previews: string;
  plan?: string;
}

/** A pin's state under its preview: the first problem, and what the plan does with it. */
function status(p: PreviewPin, kind: ActionKind | undefined, text: (s: string) => string): string {
  const problem = p.problem ? `${p.problem.severity === 'error' ? '❌' : '⚠️'} ${text(shorten(p.problem.message, MESSAGE_CHARS))}` : '✅ valid';
  const plan = kind ? `${ICON[kind]} ${kind === 'draft' ? 'draft, never published' : kind}` : p.draft ? `${ICON.draft} draft, never published` : '';
  return plan ? `${problem} · ${plan}` : problem;
}

type Kinds = ReadonlyMap<string, ActionKind>;

/** One pin's place in the grid: its preview (or why there is none), its title linked to its file, its state. */
function gridCell(p: PreviewPin, b: PreviewBundle, ctx: CommentContext, kinds: Kinds): string {
  const picture =
    p.image && b.images.has(p.image)
      ? `<img src="${htmlAttr(ctx.imageUrl(p.image))}" width="240" alt="${htmlAttr(`preview of ${p.key}`)}">`
      : `<i>Preview not drawn: ${htmlMessage(shorten(p.error ?? 'no image', MESSAGE_CHARS))}</i>`;
  const title = `<b>${htmlText(shorten(p.title || p.key, TITLE_CHARS))}</b>`;
  const url = fileUrl(ctx.web, b.headSha, p.file, p.line);
  const named = url ? `<a href="${htmlAttr(url)}">${title}</a>` : title;
  return `<td width="33%" valign="top">${picture}<br>${named}<br><code>${htmlText(p.key)}</code> · ${status(p, kinds.get(p.key), htmlMessage)}</td>`;
}

/**
 * Cells three across in an HTML table, as many as fit in `budget` characters: the table is always
 * closed after a whole row. Returns it and how many cells it holds.
 */
function grid(cells: string[], budget: number): { html: string; shown: number } {
  let html = '';
  let shown = 0;
  for (let i = 0; i < cells.length; i += ACROSS) {
    const row = `<tr>\n${cells.slice(i, i + ACROSS).join('\n')}\n</tr>\n`;
    if (html.length + row.length + 20 > budget) break;
    html += row;
    shown = Math.min(cells.length, i + ACROSS);
  }
  return { html: shown ? `<table>\n${html}</table>\n\n` : '', shown };
}

/** Pins without a drawn preview, one table row each, as many as fit in `budget`. */
function list(pins: PreviewPin[], b: PreviewBundle, ctx: CommentContext, kinds: Kinds, budget: number): { md: string; shown: number } {
  let md = '| Pin | Title | State |\n|---|---|---|\n';
  let shown = 0;
  for (const p of pins) {
    const url = fileUrl(ctx.web, b.headSha, p.file, p.line);
    const row = `| ${url ? `[${mdCode(p.key)}](${url})` : mdCode(p.key)} | ${mdCell(shorten(p.title || p.key, TITLE_CHARS))} | ${status(p, kinds.get(p.key), mdText)} |\n`;
    if (md.length + row.length > budget) break;
    md += row;
    shown++;
  }
  return { md: shown ? `${md}\n` : '', shown };
}

/** Where a reader finds what the comment leaves out. */
const elsewhere = (ctx: CommentContext) => (ctx.runUrl ? `[the job summary](${ctx.runUrl})` : "the job summary of the pull request's run");

/** The previews comment's head: its markers, and which commit and run it shows. */
function head(b: PreviewBundle, ctx: CommentContext): string {
  const drawn = b.pins.filter((p) => p.image && b.images.has(p.image)).length;
  const at = /^[0-9a-f]{7,40}$/.test(b.headSha) ? ` at [${b.headSha.slice(0, 7)}](${commitUrl(ctx.web, b.headSha)})` : '';
  const run = ctx.runUrl ? ` · made by [this workflow run](${ctx.runUrl})` : '';
  const counts = b.pins.length ? `**${b.pins.length}** pin(s) added or changed${at}, ${drawn} drawn${run}.` : `No pin was added or changed in this pull request${at}${run}.`;
  return `${MARKER}\n<!-- pinops:head ${b.headSha} -->\n## pinops previews\n\n${counts}\n\n`;
}

/**
 * The pins within `budget`: the first VISIBLE in the grid, the rest in <details>, those with a
 * preview in a grid and those pinops did not draw in a list. What does not fit is counted; every
 * table is whole and the <details> always closed.
 */
function pinsPart(b: PreviewBundle, ctx: CommentContext, budget: number): string {
  const kinds: Kinds = new Map(b.plan?.actions.map((a) => [a.key, a.kind]) ?? []);
  const cell = (p: PreviewPin) => gridCell(p, b, ctx, kinds);
  const rest = b.pins.slice(VISIBLE);
  // Room for what always comes: the fold's opening and closing, the line of what is left out.
  let left = budget - (rest.length ? 600 : 300);
  const top = grid(b.pins.slice(0, VISIBLE).map(cell), left);
  left -= top.html.length;
  let out = top.html;
  let omitted = Math.min(VISIBLE, b.pins.length) - top.shown;
  if (rest.length) {
    const tried = rest.filter((p) => p.image || p.error);
    const untried = rest.filter((p) => !(p.image || p.error));
    const folded = grid(tried.map(cell), left);
    left -= folded.html.length;
    const why = untried.length ? `Not drawn: pinops draws the first ${b.pins.length - untried.length} pins of a pull request.\n\n` : '';
    const listed = list(untried, b, ctx, kinds, left - why.length);
    omitted += tried.length - folded.shown + untried.length - listed.shown;
    out += `<details><summary>${rest.length} more pin(s)</summary>\n\n${folded.html}${listed.shown ? why + listed.md : ''}`;
    if (omitted) out += `…and ${omitted} more pin(s) than fit in this comment: ${elsewhere(ctx)} has every pin in its plan.\n\n`;
    return `${out}</details>\n\n`;
  }
  return omitted ? `${out}…and ${omitted} more pin(s) than fit in this comment: ${elsewhere(ctx)} has every pin in its plan.\n\n` : out;
}

/** At most this many moved pins are listed under the calendar; the plan shows each one's new slot. */
const MOVES = 10;

/** The calendar of the weeks after the merge, with the queued pins this pull request moves. */
function calendarPart(b: PreviewBundle, ctx: CommentContext): string {
  if (!b.calendar || !b.images.has(b.calendar.image)) return '';
  const zone = b.timezone ?? 'UTC';
  const when = (iso: string) => DateTime.fromISO(iso, { zone }).toFormat('ccc d LLL HH:mm');
  const img = `<img src="${htmlAttr(ctx.imageUrl(b.calendar.image))}" width="760" alt="the schedule of the next two weeks after the merge">`;
  const moved = b.calendar.moved;
  const lines = moved.slice(0, MOVES).map((m) => `- ${mdCode(m.key)}: ${when(m.from)} → ${when(m.to)}`);
  if (moved.length > MOVES) lines.push(`- …and ${moved.length - MOVES} more`);
  const moves = moved.length ? `This pull request moves ${moved.length} queued pin(s) to other slots (${zone}):\n\n${lines.join('\n')}\n\n` : '';
  return `### Schedule after the merge\n\nThe pins this pull request adds, changes or moves are framed in red.\n\n${img}\n\n${moves}`;
}

/** The plan (or why there is none) within `budget`, its files linked at the head commit, its times in the settings' zone. */
function planPart(b: PreviewBundle, ctx: CommentContext, budget: number): string {
  if (b.plan)
    return `${planMarkdown(b.plan, 'Plan', {
      maxChars: budget,
      more: `${elsewhere(ctx)} has them all`,
      timeZone: b.timezone,
      fileUrl: (file, line) => fileUrl(ctx.web, b.headSha, file, line),
    })}\n\n`;
  return b.planError ? `The plan could not be made: ${mdText(shorten(b.planError, 2000), { table: false })}\n\n` : '';
}

/** Earlier heads, newest first, linked; their markers keep them for the next update. */
function earlierPart(ctx: CommentContext): string {
  if (!ctx.earlier?.length) return '';
  const list = ctx.earlier.map((s) => `[${s.slice(0, 7)}](${commitUrl(ctx.web, s)})`).join(', ');
  // The links are the pushes' head commits, which stay; their images left the previews branch with the update.
  return `<details><summary>Earlier previews (outdated)</summary>\n\n${list}\n\n${EARLIER_NOTE}\n${ctx.earlier.map((s) => `<!-- pinops:head ${s} -->`).join('\n')}\n</details>\n`;
}

/** What the earlier pushes' links are, and why their images are gone (the previews branch keeps only the current ones). */
export const EARLIER_NOTE = "The pull request's earlier head commits. Their preview images are not kept: only the current head's previews stay on the previews branch.";

/** Earlier heads listed at most. */
const EARLIER = 20;
/** A head marker on a line of its own, as pinops writes them (text in a code span cannot stand alone on a line). */
const HEAD = /^<!-- pinops:head ([0-9a-f]{7,40}) -->$/gm;

/** The heads an earlier previews comment showed or listed, newest first, without the current one. */
export function earlierHeads(previous: string | undefined, current: string): string[] {
  return [...new Set([...(previous ?? '').matchAll(HEAD)].map((m) => m[1] as string))].filter((s) => s !== current).slice(0, EARLIER);
}

/**
 * The comment pinops renders from a bundle's data (every text escaped), each part within GitHub's
 * limit: previews and plan in one comment when they fit together, else the plan in a second one.
 */
export function previewComments(b: PreviewBundle, ctx: CommentContext): PreviewComments {
  const top = head(b, ctx);
  const cal = calendarPart(b, ctx);
  const pins = pinsPart(b, ctx, MAX_COMMENT - TRAILER - POINTER - top.length - cal.length) + cal;
  const plan = planPart(b, ctx, MAX_COMMENT - POINTER);
  const trailer = earlierPart(ctx);
  if (top.length + pins.length + plan.length + POINTER + TRAILER <= MAX_COMMENT) return { previews: top + pins + plan + trailer };
  const next = ctx.planUrl ? `[the next comment](${ctx.planUrl})` : 'the next comment';
  const back = ctx.previewsUrl ? `[the previews comment](${ctx.previewsUrl})` : 'the previews comment';
  return {
    previews: `${top + pins}The plan does not fit beside the previews: it is in ${next}.\n\n${trailer}`,
    plan: `${PLAN_MARKER}\n## pinops plan\n\nWhat merging would publish, for the previews in ${back}.\n\n${plan}`,
  };
}

/** The plan's comment once the plan fits beside the previews again: it stays, pointing there. */
export function planStub(previewsUrl: string): string {
  return `${PLAN_MARKER}\n## pinops plan\n\nThe plan fits beside the previews again: it is in [the previews comment](${previewsUrl}).\n`;
}
