import { describe, expect, it } from 'vitest';
import { serializeShard } from '../../src/ledger/format.js';
import { lineJson, prettyJson } from '../../src/ledger/json.js';
import { dict } from '../../src/util/dict.js';
import { canonical } from '../../src/util/hash.js';

describe('canonical pretty JSON, written in one pass', () => {
  it('is the text of a canonical round trip, pretty-printed: sorted keys, two spaces, no undefined', () => {
    const values: unknown[] = [
      { b: 1, a: { d: [1, 'x', null, { z: true, y: [] }], c: {} }, u: undefined, e: 'é "q" \\ \n' },
      [undefined, { k: undefined }, [[]]],
      { Z: 1, a: 2, _: 3, ä: 6 },
      'text',
      42,
      null,
    ];
    for (const v of values) expect(prettyJson(v)).toBe(JSON.stringify(JSON.parse(canonical(v)), null, 2));
    // On one line: canonical's own text.
    for (const v of values) expect(lineJson(v)).toBe(canonical(v));
  });

  it('a shard: a line per pin, in the order of their keys, the whole valid JSON', () => {
    const e = (title: string) => ({ title, state: 'published' as const, board: 'B', content: 'c', media: 'm', run: 'r', saves: [{ board: 'S', pin_id: '2', at: 'x' }] });
    const text = serializeShard(
      dict([
        ['b', e('B')],
        ['__proto__', e('P')],
        ['a', e('A')],
      ]),
    );
    expect(text.split('\n')).toEqual(['{', `"__proto__": ${canonical(e('P'))},`, `"a": ${canonical(e('A'))},`, `"b": ${canonical(e('B'))}`, '}', '']);
    expect(Object.keys(JSON.parse(text))).toEqual(['__proto__', 'a', 'b']);
  });

  it('sorts keys that look like numbers as text too (a parsed object would put them first, by number)', () => {
    expect(prettyJson({ b: 1, '10': 2, '9': 3 })).toBe('{\n  "10": 2,\n  "9": 3,\n  "b": 1\n}');
  });

  it('keeps a `__proto__` key of a record without a prototype', () => {
    const record = dict([['__proto__', { title: 'proto' }]]);
    expect(prettyJson(record)).toBe('{\n  "__proto__": {\n    "title": "proto"\n  }\n}');
  });
});
