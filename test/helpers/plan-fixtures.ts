import type { LedgerEntry } from '../../src/ledger/format.js';
import type { DesiredPin } from '../../src/plan/desired.js';

/** A desired pin for planner tests, with sensible defaults. */
export function desiredPin(key: string, over: Partial<DesiredPin> = {}): DesiredPin {
  return {
    key,
    file: `content/pins/${key}.md`,
    line: 2,
    status: 'ready',
    board: 'Winter Looks',
    title: `Title ${key}`,
    description: 'd',
    link: `https://shop.example.com/${key}?utm_source=pinterest`,
    contentFingerprint: `c-${key}`,
    mediaFingerprint: `m-${key}`,
    saves: [],
    fields: {},
    intervalMs: 0,
    ...over,
  };
}

/** The ledger entry of `d`, published on 2026-11-01. */
export function publishedEntry(d: DesiredPin, over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    state: 'published',
    pin_id: `p-${d.key}`,
    board: d.board,
    content: d.contentFingerprint,
    media: d.mediaFingerprint,
    title: d.title,
    ...(d.link ? { link: d.link } : {}),
    published_at: '2026-11-01T00:00:00Z',
    run: 'r1',
    ...over,
  };
}
