import { describe, expect, it } from 'vitest';
import { EntrySchema, parseShard } from '../../src/ledger/format.js';

/** An entry with every field that the hand-checked path knows. */
const full = {
  state: 'published',
  pin_id: '1',
  board: 'B',
  board_id: '2',
  section_id: 's',
  content: 'c',
  media: 'm',
  identity: 'i',
  title: 'T',
  link: 'https://example.com/',
  intent_at: '2026-12-01T09:59:00.000Z',
  lease_until: '2026-12-01T10:09:00.000Z',
  published_at: '2026-12-01T10:00:00.000Z',
  run: 'r',
  media_kind: 'image',
};
const ODD_VALUES: unknown[] = [null, 1, '', 'x', 'intent', 'published', 'image', 'video', true, {}, [], ['x']];

/** Every field of `full` removed, and set to each odd value; fields it lacks; entries that are no objects. */
function variants(): unknown[] {
  const out: unknown[] = [full, { state: 'intent', board: 'B', content: 'c', media: 'm', title: 'T', run: 'r' }];
  for (const field of Object.keys(full)) {
    const { [field]: _, ...without } = full as Record<string, unknown>;
    out.push(without);
    for (const v of ODD_VALUES) out.push({ ...full, [field]: v });
  }
  for (const extra of ['unknown_field', 'saves', 'earlier', 'pending', 'update_refused', 'constructor', 'toString']) {
    for (const v of ODD_VALUES) out.push({ ...full, [extra]: v });
  }
  out.push({ ...full, saves: [{ board: 'B', pin_id: '3', at: '2026-12-01T10:00:00.000Z' }] });
  out.push({ ...full, saves: [{ board: 'B', pin_id: 3, at: '2026-12-01T10:00:00.000Z' }] });
  out.push(null, 'entry', 3, [], [full]);
  return out;
}

/** What parseShard must say of `entry` under key `k`: zod's verdict, in the ledger's words. */
function expected(entry: unknown): { ok: true } | { ok: false; message: string } {
  const checked = EntrySchema.safeParse(entry);
  if (checked.success) return { ok: true };
  const first = checked.error.issues[0];
  return {
    ok: false,
    message: `S does not have the ledger's shape (${['k', ...(first?.path ?? [])].join('.')}: ${first?.message}). Nothing was published. Repair or revert it on the ledger branch.`,
  };
}

describe('a shard read', () => {
  it('accepts and refuses each entry as EntrySchema does, with its words, flat entries or not', () => {
    const all = variants();
    let accepted = 0;
    for (const entry of all) {
      const text = JSON.stringify({ k: entry });
      const want = expected(entry);
      if (want.ok) {
        const pins = parseShard(text, 'S');
        expect(pins.k).toEqual(entry);
        expect(Object.isFrozen(pins.k)).toBe(true);
        accepted++;
      } else expect(() => parseShard(text, 'S'), text).toThrow(want.message);
    }
    // Both verdicts are exercised, the hand-checked path's and zod's.
    expect(accepted).toBeGreaterThan(10);
    expect(all.length - accepted).toBeGreaterThan(100);
  });

  it('an entry with a `__proto__` field goes to EntrySchema, and keeps it as an own field', () => {
    const text = `{"k": {"state": "published", "board": "B", "content": "c", "media": "m", "title": "T", "run": "r", "__proto__": {"polluted": true}}}`;
    const pins = parseShard(text, 'S');
    expect(Object.hasOwn(pins.k as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('nested records are frozen too', () => {
    const pins = parseShard(JSON.stringify({ k: { ...full, saves: [{ board: 'B', pin_id: '3', at: 'x' }] } }), 'S');
    expect(Object.isFrozen(pins.k?.saves?.[0])).toBe(true);
  });
});
