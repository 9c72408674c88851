import { describe, expect, it } from 'vitest';
import { movedPins } from '../../src/flows/pr-calendar.js';
import { withAwaitingImports } from '../../src/import/adopt.js';
import { plan } from '../../src/plan/plan.js';
import { defaultSettings } from '../../src/settings/load.js';
import { desiredPin } from '../helpers/plan-fixtures.js';

const NOW = new Date('2026-12-01T09:30:00Z');
const settings = () => {
  const s = defaultSettings();
  return { ...s, timezone: 'Europe/Berlin', schedule: { ...s.schedule, slots: { daily: ['09:00', '21:00'] }, min_link_spacing: '0m' } };
};
const q = (key: string, over = {}) => desiredPin(key, { file: `content/pins/${key}.md`, queued: { priority: 0 }, ...over });
const ledger = { version: 1 as const, pins: {} };

function moves(head: ReturnType<typeof q>[], changed: string[], base?: ReturnType<typeof q>[]) {
  // As planRun plans after the merge: imported files not yet recorded are held.
  const p = plan({ desired: head, ledger, settings: settings(), now: NOW, held: withAwaitingImports(head, ledger) });
  return movedPins({ plan: p, ledger, desired: head, settings: settings(), changed: new Set(changed), ...(base ? { base } : {}) }).map((m) => m.key);
}

describe("the pull request's moves in the queue", () => {
  it('a pin added ahead of the queue moves the pins after it', () => {
    expect(moves([q('a'), q('b'), q('c')], ['content/pins/a.md'], [])).toEqual(['b', 'c']);
  });

  it('a queued pin only edited moves nothing, when the base commit has it', () => {
    const edited = q('a', { title: 'A, with the typo fixed' });
    expect(moves([edited, q('b'), q('c')], ['content/pins/a.md'], [q('a')])).toEqual([]);
    // Without the base (it could not be read), the edit counts as an addition: the pins after it are listed.
    expect(moves([edited, q('b'), q('c')], ['content/pins/a.md'])).toEqual(['b', 'c']);
  });

  it('a queued pin removed moves the pins after it earlier', () => {
    expect(moves([q('b'), q('c')], ['content/pins/a.md'], [q('a')])).toEqual(['b', 'c']);
  });

  it('imported pins merged but not yet recorded take no slot before either: a pin added after them moves nothing', () => {
    // An `import: account` pull request merged; no publish run has recorded its files yet.
    const imported = q('imp', { file: 'content/pins/imported/gifts/mug-4800000000000000123.md' });
    // (x and y come after content/pins/imported/ in the queue's order, by file path.)
    expect(moves([imported, q('x'), q('y'), q('z')], ['content/pins/z.md'], [])).toEqual([]);
  });
});
