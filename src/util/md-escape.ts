/**
 * Escapes user text (pin titles, messages) for a markdown table cell or line in a job summary or
 * a comment: it cannot open HTML (or forge a hidden marker), links or emphasis, or break the table.
 * `code: true` also escapes backticks, for text shown beside code spans.
 */
export function mdCell(s: string, opts: { code?: boolean } = {}): string {
  const special = opts.code ? /[\\|<>[\]*`]/g : /[\\|<>[\]*]/g;
  return s.replace(special, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
