import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/ledger/format.js';
import { contentFingerprint, type DesiredPin } from '../../src/plan/desired.js';
import { type PlanInput, plan } from '../../src/plan/plan.js';
import { defaultSettings } from '../../src/settings/load.js';
import type { Settings } from '../../src/settings/schema.js';
import { desiredPin, publishedEntry } from '../helpers/plan-fixtures.js';

const NOW = new Date('2026-12-02T10:00:00Z');

const pin = desiredPin;
const published = publishedEntry;

function settings(over: Partial<Settings['schedule']> = {}, extra: Partial<Settings> = {}): Settings {
  const s = defaultSettings();
  return { ...s, ...extra, schedule: { ...s.schedule, ...over } };
}

function kinds(input: Partial<PlanInput> & { desired: DesiredPin[] }): string[] {
  const p = plan({ ledger: { version: 1, pins: {} }, settings: settings(), now: NOW, ...input });
  return p.actions.map((a) => `${a.key}:${a.kind}${a.reason ? ` (${a.reason.split(':')[0]})` : ''}`);
}

describe('plan', () => {
  it('creates new pins, leaves published ones, updates edited ones', () => {
    const a = pin('a');
    const b = pin('b');
    const c = pin('c');
    // Published with another title and otherwise the same text: the ledger's fingerprint says so.
    const ledger: Ledger = { version: 1, pins: { b: published(b), c: published(c, { content: contentFingerprint({ ...c, title: 'Old title' }), title: 'Old title' }) } };
    const p = plan({ desired: [a, b, c], ledger, settings: settings(), now: NOW });
    expect(p.actions.map((x) => [x.key, x.kind, x.pinId])).toEqual([
      ['a', 'create', undefined],
      ['c', 'update', 'p-c'],
      ['b', 'unchanged', 'p-b'],
    ]);
    expect(p.actions[1]?.changes).toEqual(['title']);
    expect(p.actions[1]?.diff).toEqual([{ field: 'title', from: 'Old title', to: 'Title c' }]);
  });

  it('marks drafts, invalid pins and unknown outcomes', () => {
    const d = pin('d', { status: 'draft' });
    const i = pin('i', { invalid: 'board "X" is not declared' });
    const u = pin('u');
    const ledger: Ledger = { version: 1, pins: { u: { ...published(u), state: 'intent', intent_at: '2026-12-02T09:00:00Z', run: 'r7' } } };
    expect(kinds({ desired: [d, i, u], ledger })).toEqual([
      'u:unknown (an earlier run (r7) sent or was about to send a create; it is looked for on the board before anything is sent again)',
      'd:draft',
      'i:invalid (board "X" is not declared)',
    ]);
  });

  it('blocks a media change unless allow_recreate is on', () => {
    const r = pin('r');
    const ledger: Ledger = { version: 1, pins: { r: published(r, { media: 'old-media' }) } };
    const blocked = plan({ desired: [r], ledger, settings: settings(), now: NOW }).actions[0];
    expect(blocked).toMatchObject({ kind: 'recreate', blocked: true });
    expect(blocked?.reason).toContain('allow_recreate');
    expect(plan({ desired: [r], ledger, settings: settings({}, { allow_recreate: true }), now: NOW }).actions[0]).toMatchObject({ kind: 'recreate', pinId: 'p-r' });
    expect(plan({ desired: [r], ledger, settings: settings({}, { allow_recreate: true }), now: NOW }).actions[0]?.blocked).toBeUndefined();
  });

  it('schedules pins whose publish_at is ahead, with deterministic jitter within the setting', () => {
    const later = pin('later', { publishAt: new Date('2026-12-05T09:00:00Z') });
    const s = settings({ jitter: '30m' });
    const one = plan({ desired: [later], ledger: { version: 1, pins: {} }, settings: s, now: NOW }).actions[0];
    const two = plan({ desired: [later], ledger: { version: 1, pins: {} }, settings: s, now: NOW }).actions[0];
    expect(one?.kind).toBe('scheduled');
    expect(one?.at).toEqual(two?.at);
    const offset = (one?.at?.getTime() ?? 0) - Date.parse('2026-12-05T09:00:00Z');
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(30 * 60_000);
    expect(kinds({ desired: [pin('past', { publishAt: new Date('2026-12-01T09:00:00Z') })] })).toEqual(['past:create']);
  });

  it('holds pins outside the posting windows until the next window, in the time zone', () => {
    // 10:00 UTC on a Wednesday is 11:00 in Berlin; the window opens at 18:00 Berlin time.
    const s = settings({ windows: ['mon-fri 18:00-20:00'] }, { timezone: 'Europe/Berlin' });
    const p = plan({ desired: [pin('a')], ledger: { version: 1, pins: {} }, settings: s, now: NOW });
    expect(p.actions[0]).toMatchObject({ kind: 'scheduled', at: new Date('2026-12-02T17:00:00Z'), reason: 'outside the posting windows' });
    const open = settings({ windows: ['08:00-12:00'] }, { timezone: 'Europe/Berlin' });
    expect(plan({ desired: [pin('a')], ledger: { version: 1, pins: {} }, settings: open, now: NOW }).actions[0]?.kind).toBe('create');
    const weekend = settings({ windows: ['sat-sun 09:00-10:00'] }, { timezone: 'Europe/Berlin' });
    expect(plan({ desired: [pin('a')], ledger: { version: 1, pins: {} }, settings: weekend, now: NOW }).actions[0]?.at).toEqual(new Date('2026-12-05T08:00:00Z'));
    // A publish_at on Saturday, with windows on weekdays only: it waits for its date, then for Monday's window, and says both.
    const saturday = pin('sat', { publishAt: new Date('2026-12-05T10:00:00Z') });
    const weekdays = settings({ windows: ['mon-fri 08:00-20:00'] }, { timezone: 'Europe/Berlin' });
    expect(plan({ desired: [saturday], ledger: { version: 1, pins: {} }, settings: weekdays, now: NOW }).actions[0]).toMatchObject({
      kind: 'scheduled',
      at: new Date('2026-12-07T07:00:00Z'),
      reason: 'publish_at, then the next posting window',
    });
    // Within a window it is its publish_at alone.
    const inWindow = pin('wed', { publishAt: new Date('2026-12-02T12:00:00Z') });
    expect(plan({ desired: [inWindow], ledger: { version: 1, pins: {} }, settings: weekdays, now: NOW }).actions[0]).toMatchObject({ kind: 'scheduled', reason: 'publish_at' });
  });

  it('caps creates per run, per day and by limit, oldest due first', () => {
    const desired = ['a', 'b', 'c', 'd'].map((k, i) => pin(k, { publishAt: new Date(Date.parse('2026-12-01T00:00:00Z') + i * 1000) }));
    expect(kinds({ desired, settings: settings({ max_per_run: 2 }) })).toEqual(['a:create', 'b:create', 'c:rate-capped (max_per_run)', 'd:rate-capped (max_per_run)']);
    const old = pin('old');
    const today: Ledger = { version: 1, pins: { old: published(old, { published_at: '2026-12-02T08:00:00Z' }) } };
    expect(kinds({ desired: [...desired, old], ledger: today, settings: settings({ max_per_day: 2 }) })).toEqual([
      'a:create',
      'b:rate-capped (max_per_day)',
      'c:rate-capped (max_per_day)',
      'd:rate-capped (max_per_day)',
      'old:unchanged',
    ]);
    expect(kinds({ desired, limit: 1 })).toEqual(['a:create', 'b:rate-capped (limit)', 'c:rate-capped (limit)', 'd:rate-capped (limit)']);
  });

  it('spaces pins to the same destination by min_link_spacing, ignoring UTM parameters', () => {
    const link = 'https://shop.example.com/boots';
    const first = pin('first', { link: `${link}?utm_campaign=first` });
    const second = pin('second', { link: `${link}?utm_campaign=second` });
    const p = plan({ desired: [first, second], ledger: { version: 1, pins: {} }, settings: settings({ min_link_spacing: '48h' }), now: NOW });
    expect(p.actions.map((a) => [a.key, a.kind, a.at?.toISOString()])).toEqual([
      ['first', 'create', undefined],
      ['second', 'scheduled', '2026-12-04T10:00:00.000Z'],
    ]);
    const recent: Ledger = { version: 1, pins: { old: { ...published(pin('old')), link: `${link}?utm_campaign=old`, published_at: '2026-12-01T10:00:00Z' } } };
    const q = plan({ desired: [first, pin('old', { link: `${link}?utm_campaign=old` })], ledger: recent, settings: settings({ min_link_spacing: '48h' }), now: NOW });
    expect(q.actions.find((a) => a.key === 'first')).toMatchObject({ kind: 'scheduled', at: new Date('2026-12-03T10:00:00Z') });
  });

  it('by default, a second pin to one page waits 24 hours; 0m turns the spacing off', () => {
    const link = 'https://shop.example.com/boots';
    const both = [pin('first', { link }), pin('second', { link: `${link}?utm_campaign=second` })];
    expect(defaultSettings().schedule.min_link_spacing).toBe('24h');
    const held = plan({ desired: both, ledger: { version: 1, pins: {} }, settings: defaultSettings(), now: NOW });
    expect(held.actions.map((a) => [a.key, a.kind, a.at?.toISOString()])).toEqual([
      ['first', 'create', undefined],
      ['second', 'scheduled', '2026-12-03T10:00:00.000Z'],
    ]);
    const off = plan({ desired: both, ledger: { version: 1, pins: {} }, settings: settings({ min_link_spacing: '0m' }), now: NOW });
    expect(off.actions.map((a) => a.kind)).toEqual(['create', 'create']);
  });

  it('recognises a renamed file by its fingerprints and does not create it again', () => {
    const renamed = pin('new-name', { contentFingerprint: 'same', mediaFingerprint: 'same-media' });
    const ledger: Ledger = {
      version: 1,
      pins: { 'old-name': published(pin('old-name', { contentFingerprint: 'same', mediaFingerprint: 'same-media' })) },
    };
    const p = plan({ desired: [renamed], ledger, settings: settings({}, { prune: true }), now: NOW });
    expect(p.actions).toMatchObject([{ key: 'new-name', kind: 'unchanged', renamedFrom: 'old-name', pinId: 'p-old-name' }]);
    expect(p.removed).toEqual([]);
  });

  it('deletes pins whose files were removed only with prune on; otherwise reports them', () => {
    const gone = pin('gone');
    const ledger: Ledger = { version: 1, pins: { gone: published(gone) } };
    expect(plan({ desired: [], ledger, settings: settings(), now: NOW })).toMatchObject({ actions: [], removed: [{ key: 'gone', pinId: 'p-gone' }] });
    expect(plan({ desired: [], ledger, settings: settings({}, { prune: true }), now: NOW }).actions).toMatchObject([{ key: 'gone', kind: 'delete', pinId: 'p-gone' }]);
  });

  it('plans only the files that --only accepts', () => {
    const keep = pin('keep');
    const skip = pin('skip');
    expect(kinds({ desired: [keep, skip], only: (f) => f.includes('keep') })).toEqual(['keep:create']);
  });
});
