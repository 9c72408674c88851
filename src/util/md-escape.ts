/** A zero-width space: after `@` it keeps a mention from pinging, inside `://` a URL from linking. */
const ZWSP = '\u200b';

/**
 * What GitHub would act on in text: `@user` and `@org/team` mentions (they notify people) and bare
 * URLs (GitHub links them). A zero-width space defuses each; the text reads the same.
 */
function defuse(s: string): string {
  return s
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}

/**
 * Escapes user text (pin titles, messages, file names) for a markdown table cell or line in a job
 * summary or a comment: it cannot open HTML (or forge a hidden marker), links, images, entities
 * or emphasis, break the table, mention anyone or become a link. `code: true` also escapes
 * backticks, for text shown beside code spans.
 */
export function mdCell(s: string, opts: { code?: boolean } = {}): string {
  const special = opts.code ? /[\\|<>[\]*`&!]/g : /[\\|<>[\]*&!]/g;
  return defuse(s.replace(special, (c) => `\\${c}`).replace(/\r?\n|\r/g, ' '));
}

/**
 * User text as one inline code span (a file name, a pin key): its fence is longer than any run of
 * backticks in it, so no backtick closes it early, and a `|` cannot end a table cell. In a code
 * span GitHub renders no HTML, links or mentions, so nothing else needs escaping. Outside a table
 * (`table: false`), `|` is left alone: there a backslash before it would show.
 */
export function mdCode(s: string, opts: { table?: boolean } = {}): string {
  const flat = s.replace(/\r?\n|\r/g, ' ');
  const text = opts.table === false ? flat : flat.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A message's code: text between single backticks on one line, as pinops writes field names and values. */
const CODE_SPAN = /`([^`\r\n]+)`/g;

/** `text`, its code spans as `code`, the rest as `plain`: one pass, each part escaped by its own rule. */
function spans(s: string, plain: (t: string) => string, code: (t: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of s.matchAll(CODE_SPAN)) {
    out += plain(s.slice(last, m.index)) + code(m[1] as string);
    last = m.index + m[0].length;
  }
  return out + plain(s.slice(last));
}

/**
 * A message (a diagnostic, a reason) for a markdown table cell: its `code` spans stay code spans
 * (made whole by mdCode, which needs no escapes, so no backslash shows in them) and the rest is
 * escaped as mdCell escapes it, backticks too, so a lone backtick cannot pair with another and
 * turn escaped text into code where its backslashes would show.
 */
export function mdText(s: string, opts: { table?: boolean } = {}): string {
  return spans(
    s,
    (t) => mdCell(t, { code: true }),
    (t) => mdCode(t, opts),
  );
}

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * User text for HTML (the text of a cell of the previews grid): GitHub renders an HTML
 * block as it is, so markdown escapes would show as backslashes there; entities escape instead.
 * Newlines become spaces, as a blank line would end the HTML block. Mentions and bare URLs are
 * defused as in mdCell.
 */
export function htmlText(s: string): string {
  return defuse(s.replace(/[&<>]/g, (c) => ENTITY[c] as string).replace(/\r?\n|\r/g, ' '));
}

/** A message for HTML: its `code` spans as <code>, every part escaped by htmlText. */
export function htmlMessage(s: string): string {
  return spans(s, htmlText, (t) => `<code>${htmlText(t)}</code>`);
}

/** A value for an HTML attribute that pinops builds (an address it encoded, an alt text): entities only. */
export function htmlAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITY[c] as string).replace(/\r?\n|\r/g, ' ');
}
