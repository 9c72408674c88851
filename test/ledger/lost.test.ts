import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../src/ledger/format.js';
import { lostRecords, madeByLog } from '../../src/ledger/lost.js';

const line = (pin: string, action: LogLine['action'], result: LogLine['result'], extra: Partial<LogLine> = {}): string =>
  `${JSON.stringify({ time: '2026-11-02T10:00:00.000Z', run: 'r', pin, action, result, ...extra })}\n`;

describe('what the log shows pinops made', () => {
  it('follows each key to its last word: made, taken away, renamed', () => {
    const months = new Map([
      [
        '2026-10.jsonl',
        line('a', 'create', 'intent') +
          line('a', 'create', 'ok', { pin_id: '1' }) +
          line('b', 'create', 'ok', { pin_id: '2' }) +
          line('c', 'create', 'ok', { pin_id: '3' }) +
          line('d', 'create', 'error', { error: 'HTTP 400' }),
      ],
      [
        '2026-11.jsonl',
        line('b', 'delete', 'ok', { pin_id: '2' }) +
          line('c2', 'adopt', 'ok', { pin_id: '3', error: 'renamed from c' }) +
          line('e', 'adopt', 'ok', { pin_id: '5' }) +
          line('e', 'clear', 'ok', { pin_id: '5', error: 'board deleted' }) +
          'not json\n',
      ],
    ]);
    expect(Object.fromEntries(madeByLog(months))).toEqual({ a: '1', c2: '3' });
  });

  it('names the keys about to be created that the ledger lost', () => {
    const made = new Map([
      ['a', '1'],
      ['b', '2'],
    ]);
    const ledger = { version: 1 as const, pins: { b: { state: 'published' as const, board: 'B', content: 'c', media: 'm', title: 't', run: 'r' } } };
    expect(lostRecords(ledger, made, ['a', 'b', 'z'])).toEqual([{ key: 'a', pinId: '1' }]);
  });
});
