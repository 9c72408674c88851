import { describe, expect, it } from 'vitest';
import type { Ledger, LedgerEntry } from '../../src/ledger/format.js';
import { Budget } from '../../src/plan/budget.js';
import { SettingsSchema } from '../../src/settings/schema.js';

const now = new Date('2026-12-02T10:00:00Z');
const entry = (published_at: string, link: string, extra: Partial<LedgerEntry> = {}): LedgerEntry =>
  ({ state: 'published', pin_id: '1', board: 'B', content: 'c', media: 'm', title: 't', run: 'r', published_at, link, ...extra }) as LedgerEntry;

describe("the budget's look at the ledger", () => {
  it('counts what was published near now (by the instant, whatever the offset) and skips what is days old', () => {
    const settings = SettingsSchema.parse({ timezone: 'UTC', schedule: { min_link_spacing: '48h', max_per_day: 3 } });
    const ledger: Ledger = {
      version: 1,
      pins: {
        today: entry('2026-12-02T01:00:00Z', 'https://x.com/today?utm_source=p'),
        // 45 hours ago, though its date as written is three days before now.
        offset: entry('2026-11-29T23:00:00-14:00', 'https://x.com/offset'),
        old: entry('2026-11-28T10:00:00Z', 'https://x.com/old'),
        // Published long ago, saved to another board today: a new pin of today.
        saved: entry('2026-01-01T00:00:00Z', 'https://x.com/saved', { saves: [{ board: 'C', pin_id: '2', at: '2026-12-02T02:00:00Z' }] } as Partial<LedgerEntry>),
      },
    };
    const budget = new Budget(ledger, settings, now, undefined);
    expect(budget.spacingHold('https://x.com/today')?.at).toEqual(new Date('2026-12-04T01:00:00Z'));
    expect(budget.spacingHold('https://x.com/offset')?.at).toEqual(new Date('2026-12-02T13:00:00Z'));
    expect(budget.spacingHold('https://x.com/old')).toBeUndefined();
    expect(budget.spacingHold('https://x.com/saved')).toBeUndefined();
    // Two of today (the first pin and the save): one more fits under max_per_day 3.
    expect(budget.capReached()).toBeUndefined();
    budget.take(undefined);
    expect(budget.capReached()).toBe('max_per_day: 3');
  });
});
