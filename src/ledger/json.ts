/**
 * Canonical, pretty JSON written in one pass: object keys sorted (as `canonical` in util/hash
 * sorts them), two spaces a level, so the files of the ledger branch diff well and the same
 * ledger always gives the same bytes. The text of `JSON.stringify(JSON.parse(canonical(v)), null,
 * 2)` without building its two intermediate copies (shards are written on every push), except that
 * keys that look like numbers sort as text too (a parsed object puts them first, by number).
 */
export function prettyJson(value: unknown, indent = ''): string {
  return write(value, indent, true);
}

/** The same canonical JSON on one line, without spaces: `canonical`'s text, keys that look like numbers sorted as text. */
export function lineJson(value: unknown): string {
  return write(value, '', false);
}

function write(value: unknown, indent: string, pretty: boolean): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = pretty ? `${indent}  ` : '';
  const [open, sep, close] = pretty ? [`\n${inner}`, `,\n${inner}`, `\n${indent}`] : ['', ',', ''];
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v: unknown) => (v === undefined || typeof v === 'function' ? 'null' : write(v, inner, pretty)));
    return `[${open}${items.join(sep)}${close}]`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined || typeof v === 'function') continue;
    parts.push(`${JSON.stringify(key)}:${pretty ? ' ' : ''}${write(v, inner, pretty)}`);
  }
  return parts.length === 0 ? '{}' : `{${open}${parts.join(sep)}${close}}`;
}
