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
 * span GitHub renders no HTML, links or mentions, so nothing else needs escaping.
 */
export function mdCode(s: string): string {
  const text = s.replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
