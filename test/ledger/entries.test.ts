import { describe, expect, it } from 'vitest';
import {
  withCreates,
  withIntents,
  without,
  withPending,
  withRenames,
  withResolved,
  withRuleCleared,
  withRuleDone,
  withRuleFailed,
  withUpdates,
} from '../../src/flows/publish/entries.js';
import type { Ledger, LedgerEntry } from '../../src/ledger/format.js';
import { dict } from '../../src/util/dict.js';

const NOW = '2026-12-01T10:00:00.000Z';
const entry = (over: Partial<LedgerEntry> = {}): LedgerEntry => ({ state: 'published', pin_id: '1', board: 'B', content: 'c', media: 'm', title: 'T', run: 'old', ...over });
const intent = (run: string, over: Partial<LedgerEntry> = {}) =>
  entry({ state: 'intent', pin_id: undefined, run, intent_at: '2026-12-01T09:59:00.000Z', lease_until: '2026-12-01T10:09:00.000Z', ...over });
const ledger = (pins: Record<string, LedgerEntry>): Ledger => ({ version: 1, pins: dict(Object.entries(pins)) });
const pin = (id: string) => ({ id, board_id: '77', created_at: NOW });

describe('ledger entries from a run', () => {
  it('intents go where the ledger has nothing; the rest are taken, and the input is not changed', () => {
    const before = ledger({ b: intent('other') });
    const { ledger: after, taken } = withIntents(
      before,
      new Map([
        ['a', intent('me')],
        ['b', intent('me')],
        ['constructor', intent('me')],
      ]),
    );
    expect([...taken]).toEqual(['b']);
    expect(after.pins.a?.run).toBe('me');
    expect(after.pins.b?.run).toBe('other');
    expect(Object.hasOwn(after.pins, 'constructor')).toBe(true);
    expect(Object.keys(before.pins)).toEqual(['b']);
  });

  it("creates are recorded on the run's own intents only: made, may-have-happened, failed, taken over", () => {
    const before = ledger({ made: intent('me'), maybe: intent('me'), failed: intent('me'), lost: intent('thief'), later: intent('me'), mine: entry() });
    const after = withCreates(
      before,
      'me',
      new Map([
        ['made', { pin: pin('9') }],
        ['maybe', { error: new Error('timeout'), unknown: true }],
        ['failed', { error: new Error('400') }],
        ['lost', { lost: true }],
      ]),
      NOW,
      (key) => key === 'later',
    );
    expect(after.pins.made).toMatchObject({ state: 'published', pin_id: '9', board_id: '77', published_at: NOW });
    expect(after.pins.made?.lease_until).toBeUndefined();
    // Released: the next run may look for it at once.
    expect(after.pins.maybe).toMatchObject({ state: 'intent', lease_until: NOW });
    expect(after.pins.failed).toBeUndefined();
    expect(after.pins.lost?.run).toBe('thief');
    expect(after.pins.later).toBeUndefined();
    expect(after.pins.mine).toEqual(entry());
  });

  it('resolves only the intent it looked into, and only once its lease is out', () => {
    const at = new Date('2026-12-01T10:30:00Z');
    const seen = new Map([
      ['adopt', intent('dead')],
      ['clear', intent('dead')],
      ['renewed', intent('dead')],
      ['retaken', intent('dead')],
    ]);
    const before = ledger({
      adopt: intent('dead'),
      clear: intent('dead'),
      renewed: intent('dead', { lease_until: '2026-12-01T10:40:00.000Z' }),
      retaken: intent('alive', { intent_at: '2026-12-01T10:29:00.000Z', lease_until: '2026-12-01T10:20:00.000Z' }),
    });
    const after = withResolved(
      before,
      seen,
      new Map([
        ['adopt', pin('5')],
        ['clear', undefined],
        ['renewed', undefined],
        ['retaken', undefined],
      ]),
      at,
      'me',
    );
    expect(after.pins.adopt).toMatchObject({ state: 'published', pin_id: '5', run: 'me' });
    expect(after.pins.clear).toBeUndefined();
    expect(after.pins.renewed?.state).toBe('intent');
    expect(after.pins.retaken?.run).toBe('alive');
  });

  it('updates, removals and renames', () => {
    const before = ledger({ a: entry(), b: entry({ pin_id: '2' }), c: entry({ pin_id: '3' }), taken: entry({ pin_id: '4' }) });
    expect(
      withUpdates(
        before,
        'me',
        new Map([
          ['a', { title: 'New' }],
          ['gone', { title: 'x' }],
        ]),
      ).pins.a,
    ).toMatchObject({ title: 'New', run: 'me' });
    expect(Object.keys(without(before, ['a', 'b']).pins)).toEqual(['c', 'taken']);
    const renamed = withRenames(before, [
      ['c', 'c2'],
      ['b', 'taken'],
    ]);
    expect(renamed.pins.c2?.pin_id).toBe('3');
    expect(renamed.pins.c).toBeUndefined();
    expect(renamed.pins.taken?.pin_id).toBe('4');
    expect(renamed.pins.b?.pin_id).toBe('2');
  });

  it('rule actions: taken once, failed or released, cleared when abandoned, recorded when done', () => {
    const pending = { kind: 'save' as const, rule: 'interval', board: 'Gifts', at: NOW, run: 'me', lease_until: '2026-12-01T10:10:00.000Z' };
    const base = ledger({ p: entry() });
    const taken = withPending(base, 'p', '1', pending);
    expect(taken?.pins.p?.pending).toEqual(pending);
    expect(withPending(taken as Ledger, 'p', '1', { ...pending, run: 'other' })).toBeUndefined();
    expect(withPending(base, 'p', 'changed', pending)).toBeUndefined();
    expect(withRuleFailed(taken as Ledger, 'p', 'me', false, NOW).pins.p?.pending).toBeUndefined();
    expect(withRuleFailed(taken as Ledger, 'p', 'me', true, NOW).pins.p?.pending?.lease_until).toBe(NOW);
    expect(withRuleFailed(taken as Ledger, 'p', 'other', false, NOW)).toBe(taken);
    expect(withRuleCleared(taken as Ledger, 'p', pending, new Date('2026-12-01T10:05:00Z')).pins.p?.pending).toBeDefined();
    expect(withRuleCleared(taken as Ledger, 'p', pending, new Date('2026-12-01T10:15:00Z')).pins.p?.pending).toBeUndefined();
    const saved = withRuleDone(taken as Ledger, 'p', { kind: 'save', rule: 'interval', board: 'Gifts' }, pin('8'), NOW, 'me');
    expect(saved?.pins.p?.saves).toEqual([{ board: 'Gifts', pin_id: '8', at: NOW, rule: 'interval' }]);
    expect(saved?.pins.p?.pending).toBeUndefined();
    const again = withRuleDone(base, 'p', { kind: 'republish', rule: 'evergreen' }, pin('9'), NOW, 'me');
    expect(again?.pins.p).toMatchObject({ pin_id: '9', earlier: [{ pin_id: '1', rule: 'evergreen' }], run: 'me' });
    expect(withRuleDone(base, 'nope', { kind: 'save', rule: 'x', board: 'B' }, pin('1'), NOW, 'me')).toBeUndefined();
  });
});
