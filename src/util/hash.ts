import { createHash, hash } from 'node:crypto';

/** A short, stable SHA-256 fingerprint of a value's canonical JSON. */
export function fingerprint(value: unknown): string {
  // The one-shot hash: a plan takes three fingerprints of every pin, and a Hash object each cost more than the hashing.
  return hash('sha256', canonical(value), 'hex').slice(0, 20);
}

/**
 * The fingerprint of a flat record built with its keys in canonical (sorted) order: the same as
 * `fingerprint`, without checking the order of what its caller wrote in order (a plan takes two
 * of these for each of its pins).
 */
export function orderedFingerprint(value: Readonly<Record<string, string | null>>): string {
  return hash('sha256', JSON.stringify(value), 'hex').slice(0, 20);
}

/** JSON with object keys sorted, so equal values hash equally. */
export function canonical(value: unknown): string {
  // Most values (a plan's fingerprints) are built with their keys in order already: JSON.stringify
  // without a replacer writes them the same, several times faster.
  if (sorted(value)) return JSON.stringify(value);
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Whether `value` holds only primitives, arrays and plain objects whose keys are in canonical's order. */
function sorted(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (depth > 20) return false;
  if (Array.isArray(value)) return value.every((v) => sorted(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  let last: string | undefined;
  for (const k in value) {
    // A toJSON of its own would be called before the order was checked.
    if (!Object.hasOwn(value, k) || k === 'toJSON') return false;
    if (last !== undefined && !(last < k)) return false;
    last = k;
    if (!sorted((value as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}

/** A number in [0, 1) that depends only on `key` (deterministic jitter). */
export function unitHash(key: string): number {
  return Number.parseInt(createHash('sha256').update(key).digest('hex').slice(0, 8), 16) / 0x1_0000_0000;
}
