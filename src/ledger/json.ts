/**
 * Canonical, pretty JSON written in one pass: object keys sorted (as `canonical` in util/hash
 * sorts them), two spaces a level, so the files of the ledger branch diff well and the same
 * ledger always gives the same bytes. The text of `JSON.stringify(JSON.parse(canonical(v)), null,
 * 2)` without building its two intermediate copies (shards are written on every push), except that
 * keys that look like numbers sort as text too (a parsed object puts them first, by number).
 */
export function prettyJson(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v: unknown) => (v === undefined || typeof v === 'function' ? 'null' : prettyJson(v, inner)));
    return `[\n${inner}${items.join(`,\n${inner}`)}\n${indent}]`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined || typeof v === 'function') continue;
    parts.push(`${JSON.stringify(key)}: ${prettyJson(v, inner)}`);
  }
  return parts.length === 0 ? '{}' : `{\n${inner}${parts.join(`,\n${inner}`)}\n${indent}}`;
}
