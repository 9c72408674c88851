import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/ledger/format.js';
import { PinTable } from '../../src/ledger/pin-table.js';

const e = (title: string) => ({ title }) as LedgerEntry;

describe("a snapshot's pins", () => {
  it('come out in the order of their keys, however they were added, removed and added again', () => {
    const t = new PinTable();
    for (const k of ['m', 'b', '10', 'z', '9', '__proto__', 'constructor']) t.set(k, e(k));
    expect(t.keys()).toEqual(['10', '9', '__proto__', 'b', 'constructor', 'm', 'z']);
    t.set('c', e('c'));
    t.delete('m');
    t.delete('b');
    t.set('b', e('b again'));
    t.set('a', e('a'));
    expect(t.keys()).toEqual(['10', '9', '__proto__', 'a', 'b', 'c', 'constructor', 'z']);
    expect(t.size).toBe(8);
    expect(t.get('b')?.title).toBe('b again');
    expect(t.get('m')).toBeUndefined();
    expect(t.get('toString')).toBeUndefined();
    // A copy: the same order (keys that look like numbers first, by number, as any object lists them), no prototype.
    const copy = t.copy();
    expect(Object.keys(copy)).toEqual(['9', '10', '__proto__', 'a', 'b', 'c', 'constructor', 'z']);
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value.title).toBe('__proto__');
  });
});
