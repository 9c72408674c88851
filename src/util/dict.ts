/**
 * Records keyed by what users write (pin ids, template names, `fields:` keys) are built without a
 * prototype: `constructor`, `toString` or `__proto__` are keys like any other, never something
 * inherited from Object.prototype.
 */
export function dict<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** The value `record` itself holds at `key` (never an inherited one), whatever its prototype. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
