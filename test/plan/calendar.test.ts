import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/ledger/format.js';
import { calendarModel } from '../../src/plan/calendar.js';
import { scheduleIcs } from '../../src/plan/ics.js';
import { plan } from '../../src/plan/plan.js';
import { defaultSettings } from '../../src/settings/load.js';
import { desiredPin, publishedEntry } from '../helpers/plan-fixtures.js';

/** Tuesday 1 December 2026, 10:30 in Berlin. */
const NOW = new Date('2026-12-01T09:30:00Z');
const ZONE = 'Europe/Berlin';
const SLOTS = { 'mon-fri': ['09:00', '20:00'], sat: ['10:00'] };
const settings = () => {
  const s = defaultSettings();
  return { ...s, timezone: ZONE, schedule: { ...s.schedule, slots: SLOTS, min_link_spacing: '0m' } };
};
const q = (key: string, title = `Pin ${key}`) => desiredPin(key, { title, file: `content/pins/${key}.md`, queued: { priority: 0 } });

function model(desired = [q('a'), q('b'), q('c')], ledger: Ledger = { version: 1, pins: {} }, highlight?: Set<string>) {
  const p = plan({ desired, ledger, settings: settings(), now: NOW });
  return calendarModel({ plan: p, ledger, desired, now: NOW, zone: ZONE, weeks: 2, slots: SLOTS, ...(highlight ? { highlight } : {}) });
}

describe('the calendar of the schedule', () => {
  it('weeks from Monday, a row per slot time, each pin in its day and slot; published pins of the days gone by greyed', () => {
    const old = desiredPin('old', { title: 'Old pin' });
    const ledger: Ledger = { version: 1, pins: { old: { ...publishedEntry(old), published_at: '2026-11-30T19:02:00Z' } } };
    const { model: m, items } = model([old, q('a'), q('b'), q('c')], ledger, new Set(['b']));
    expect(m.from).toBe('2026-11-30');
    expect(m.weeks.map((w) => w.days.length)).toEqual([7, 7]);
    expect(m.weeks[0]?.days.map((d) => [d.label, d.past, d.slots.join(' ')])).toEqual([
      ['Mon 30 Nov', true, ''],
      ['Tue 1 Dec', false, '09:00 20:00'],
      ['Wed 2 Dec', false, '09:00 20:00'],
      ['Thu 3 Dec', false, '09:00 20:00'],
      ['Fri 4 Dec', false, '09:00 20:00'],
      ['Sat 5 Dec', false, '10:00'],
      ['Sun 6 Dec', false, ''],
    ]);
    // The slots' times, and a row of its own for a time that is no slot (the published pin's 20:02).
    expect(m.rows).toEqual(['09:00', '10:00', '20:00', '20:02']);
    expect(items.map((i) => [i.key, i.date, i.time, i.state, i.highlight ?? false])).toEqual([
      ['old', '2026-11-30', '20:02', 'published', false],
      // Today's 09:00 has just passed and is free: the first queued pin goes out in this run.
      ['a', '2026-12-01', '09:00', 'due', false],
      ['b', '2026-12-01', '20:00', 'scheduled', true],
      ['c', '2026-12-02', '09:00', 'scheduled', false],
    ]);
    expect(model([q('a')]).model.rows).toEqual(['09:00', '10:00', '20:00']);
  });

  it("today's slots that can no longer be filled are not shown as free: only from the one just passed", () => {
    const at = (iso: string) =>
      calendarModel({
        plan: plan({ desired: [], ledger: { version: 1, pins: {} }, settings: settings(), now: new Date(iso) }),
        ledger: { version: 1, pins: {} },
        desired: [],
        now: new Date(iso),
        zone: ZONE,
        weeks: 1,
        slots: { daily: ['09:00', '13:30', '20:00'] },
      }).model.weeks[0]?.days[1]?.slots;
    // Tuesday in Berlin: before 09:00 every slot; at 14:00 13:30 (just passed) and 20:00; at 21:00 only 20:00.
    expect(at('2026-12-01T07:00:00Z')).toEqual(['09:00', '13:30', '20:00']);
    expect(at('2026-12-01T13:00:00Z')).toEqual(['13:30', '20:00']);
    expect(at('2026-12-01T20:00:00Z')).toEqual(['20:00']);
  });

  it("a pin this run creates for a slot before Monday (Saturday's, on a Monday morning) is shown where it goes out: now", () => {
    const monday = new Date('2026-12-07T06:00:00Z');
    const desired = [q('a')];
    const ledger: Ledger = { version: 1, pins: {} };
    const p = plan({ desired, ledger, settings: settings(), now: monday });
    expect(p.actions.map((a) => [a.key, a.kind, a.slot?.toISOString()])).toEqual([['a', 'create', '2026-12-05T09:00:00.000Z']]);
    const { items } = calendarModel({ plan: p, ledger, desired, now: monday, zone: ZONE, weeks: 1, slots: SLOTS });
    expect(items.map((i) => [i.key, i.date, i.time, i.state])).toEqual([['a', '2026-12-07', '07:00', 'due']]);
  });

  it('iCalendar: an event per pin to come, escaped and folded as RFC 5545 says, the same bytes for the same schedule', () => {
    // `0` takes the slot just passed and goes out in this run: the file holds the pins for later.
    const pins = () => [q('0', 'Now'), q('a', 'Boots, black; waterproof'), q('b', 'A very long title that goes on and on about boots and scarves and mugs, well past the fold')];
    const { items } = model(pins());
    const ics = scheduleIcs(items, { name: 'pinops: shop' });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pinops//schedule//EN\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('UID:a@pinops\r\nDTSTAMP:20261201T190000Z\r\nDTSTART:20261201T190000Z\r\nDTEND:20261201T191500Z\r\nSUMMARY:📌 Boots\\, black\\; waterproof\r\n');
    expect(ics).not.toContain('UID:0@pinops');
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    // Unfolded, the long title is whole again.
    expect(ics.replace(/\r\n /g, '')).toContain('SUMMARY:📌 A very long title that goes on and on about boots and scarves and mugs\\, well past the fold\r\n');
    expect(
      scheduleIcs(model(pins()).items, {
        name: 'pinops: shop',
      }),
    ).toBe(ics);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  });
});
