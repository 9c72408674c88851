import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonical, fingerprint, orderedFingerprint } from '../../src/util/hash.js';

/** canonical as it was written first: every object rebuilt with its keys sorted. The ledger's fingerprints were made with it. */
function reference(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

describe('canonical', () => {
  it('writes what sorting every object would, whether its keys come in order or not', () => {
    let seed = 11;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const KEYS = ['a', 'b', 'c', 'kind', 'image', 'path', 'digest', '1', '2', '10', '9', 'B', '_', 'é'];
    const value = (depth: number): unknown => {
      const k = rnd(depth > 3 ? 4 : 7);
      if (k === 0) return null;
      if (k === 1) return `s${rnd(100)}`;
      if (k === 2) return rnd(1000) / 7;
      if (k === 3) return rnd(2) === 0 ? undefined : true;
      if (k === 4) return Array.from({ length: rnd(4) }, () => value(depth + 1));
      if (k === 5) return new Date(rnd(1e9) * 1000);
      const o: Record<string, unknown> = rnd(5) === 0 ? Object.create(null) : {};
      for (let i = 0, n = rnd(5); i < n; i++) o[KEYS[rnd(KEYS.length)] as string] = value(depth + 1);
      return o;
    };
    for (let i = 0; i < 2000; i++) {
      const v = value(0);
      expect(canonical(v)).toBe(reference(v));
    }
  });

  it('sorts a value built out of order, and takes the fast way for one in order with the same text', () => {
    expect(canonical({ t: 1, d: { z: 1, a: 2 }, a: [{ y: 1, x: 2 }] })).toBe('{"a":[{"x":2,"y":1}],"d":{"a":2,"z":1},"t":1}');
    expect(canonical({ a: [{ x: 2, y: 1 }], d: { a: 2, z: 1 }, t: 1 })).toBe('{"a":[{"x":2,"y":1}],"d":{"a":2,"z":1},"t":1}');
    expect(canonical({ b: { toJSON: () => ({ z: 1, a: 2 }) }, a: 1 })).toBe('{"a":1,"b":{"a":2,"z":1}}');
    expect(canonical({ a: 1, b: { toJSON: () => ({ z: 1, a: 2 }) } })).toBe('{"a":1,"b":{"a":2,"z":1}}');
  });

  it('orderedFingerprint gives the fingerprint of a flat record written in order, as the ledger stores it', () => {
    const sha = (v: unknown) => createHash('sha256').update(reference(v)).digest('hex').slice(0, 20);
    for (const v of [
      { a: null, b: 'Boots', c: null, d: 'Warm **wool**', l: 'https://shop.example.com/b?utm_campaign=b', s: null, t: 'Boots' },
      { b: '1234', d: '', l: null, s: 'Winter "2026"', t: '雪のブーツ 🥾' },
    ]) {
      expect(orderedFingerprint(v)).toBe(sha(v));
      expect(orderedFingerprint(v)).toBe(fingerprint(v));
    }
  });
});
