import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/ledger/format.js';
import { type PlanInput, plan } from '../../src/plan/plan.js';
import { planObject } from '../../src/plan/render.js';
import { SlotQueue, slotInstants, slotsOutsideWindows } from '../../src/plan/slots.js';
import { defaultSettings, parseSettings } from '../../src/settings/load.js';
import { SettingsSchema } from '../../src/settings/schema.js';
import { desiredPin, publishedEntry } from '../helpers/plan-fixtures.js';

/** Tuesday 1 December 2026, 10:00 in Berlin. */
const NOW = new Date('2026-12-01T09:00:00Z');
const ZONE = 'Europe/Berlin';
const SLOTS = { 'mon-fri': ['09:00', '13:30', '20:00'], sat: ['10:00'] };

const settings = (schedule: Record<string, unknown> = {}) => {
  const s = defaultSettings();
  return { ...s, timezone: ZONE, schedule: { ...s.schedule, slots: SLOTS, min_link_spacing: '0m', max_per_day: 100, ...schedule } };
};
const queued = (key: string, priority = 0, file = `content/pins/${key}.md`) => desiredPin(key, { file, queued: { priority } });
const empty: Ledger = { version: 1, pins: {} };
const rows = (input: Partial<PlanInput>) =>
  plan({ desired: [], ledger: empty, settings: settings(), now: NOW, ...input }).actions.map((a) => [a.key, a.kind, (a.slot ?? a.at)?.toISOString() ?? null]);

describe('posting slots', () => {
  it('are wall-clock times in the time zone, across a DST change (Berlin, 25 October 2026: 09:00 is 07:00 UTC, then 08:00)', () => {
    const from = new Date('2026-10-23T06:00:00Z');
    const got = slotInstants({ daily: ['09:00'] }, ZONE, from, new Date('2026-10-27T12:00:00Z')).map((d) => d.toISOString());
    expect(got).toEqual([
      '2026-10-22T07:00:00.000Z',
      '2026-10-23T07:00:00.000Z',
      '2026-10-24T07:00:00.000Z',
      '2026-10-25T08:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
      '2026-10-27T08:00:00.000Z',
    ]);
  });

  it('a slot the spring-forward night skips (02:30 on 28 March 2027) is the first moment after the gap, and comes once', () => {
    const got = slotInstants({ daily: ['02:30'] }, ZONE, new Date('2027-03-27T12:00:00Z'), new Date('2027-03-29T12:00:00Z')).map((d) => d.toISOString());
    expect(got).toEqual(['2027-03-27T01:30:00.000Z', '2027-03-28T01:30:00.000Z', '2027-03-29T00:30:00.000Z']);
  });

  it('queued pins take the next free slots by priority, then file path; the same content gives the same schedule', () => {
    const desired = [queued('c'), queued('a'), queued('b', 5), queued('d')];
    const expected = [
      // 09:00 Berlin today has just passed and is free: the first pin is due in this run.
      ['b', 'create', '2026-12-01T08:00:00.000Z'],
      ['a', 'scheduled', '2026-12-01T12:30:00.000Z'],
      ['c', 'scheduled', '2026-12-01T19:00:00.000Z'],
      ['d', 'scheduled', '2026-12-02T08:00:00.000Z'],
    ];
    expect(rows({ desired })).toEqual(expected);
    expect(rows({ desired: [...desired].reverse() })).toEqual(expected);
    expect(planObject(plan({ desired, ledger: empty, settings: settings(), now: NOW })).actions.find((a) => a.key === 'a')).toMatchObject({
      action: 'scheduled',
      slot: '2026-12-01T12:30:00.000Z',
    });
  });

  it('a slot a published pin went out in stays used: the queue moves on', () => {
    const ledger: Ledger = { version: 1, pins: { old: { ...publishedEntry(desiredPin('old')), published_at: '2026-12-01T08:04:00Z' } } };
    expect(rows({ desired: [desiredPin('old'), queued('a'), queued('b')], ledger })).toEqual([
      ['a', 'scheduled', '2026-12-01T12:30:00.000Z'],
      ['b', 'scheduled', '2026-12-01T19:00:00.000Z'],
      ['old', 'unchanged', null],
    ]);
  });

  it('a pin added in a PR takes a slot and moves the pins after it, as the plan shows', () => {
    const before = rows({ desired: [queued('b'), queued('c')] });
    const after = rows({ desired: [queued('a'), queued('b'), queued('c')] });
    expect(before.map((r) => r[2])).toEqual(['2026-12-01T08:00:00.000Z', '2026-12-01T12:30:00.000Z']);
    expect(after.map((r) => [r[0], r[2]])).toEqual([
      ['a', '2026-12-01T08:00:00.000Z'],
      ['b', '2026-12-01T12:30:00.000Z'],
      ['c', '2026-12-01T19:00:00.000Z'],
    ]);
  });

  it('the caps still hold a due queued pin back, and schedule.queue queues pins without publish_at', () => {
    expect(rows({ desired: [queued('a'), queued('b')], settings: settings({ max_per_run: 1 }), now: new Date('2026-12-01T19:30:00Z') })).toEqual([
      ['a', 'create', '2026-12-01T19:00:00.000Z'],
      ['b', 'scheduled', '2026-12-02T08:00:00.000Z'],
    ]);
    const q = new SlotQueue(SLOTS, ZONE, empty, new Date('2026-12-05T08:00:00Z'));
    // Saturday 10:00 Berlin, then Monday 09:00 (no Sunday slots).
    expect([q.take(), q.take()].map((d) => d?.toISOString())).toEqual(['2026-12-04T19:00:00.000Z', '2026-12-05T09:00:00.000Z']);
  });

  it("a pin Pinterest dated seconds before a slot (its clock behind the runner's) fills that slot, not the one before", () => {
    const at = (published_at: string): Ledger => ({ version: 1, pins: { a: publishedEntry(desiredPin('a'), { published_at }) } });
    // Tuesday 10:05 Berlin: the 09:00 slot (08:00 UTC) has just passed; a went out at 09:00 and was dated 08:59:58.
    const now = new Date('2026-12-01T09:05:00Z');
    const free = (l: Ledger) => new SlotQueue(SLOTS, ZONE, l, now).take()?.toISOString();
    expect(free(at('2026-12-01T07:59:58Z'))).toBe('2026-12-01T12:30:00.000Z');
    // Without a pin near it, the slot just passed is free; a pin ten minutes before it (Monday 20:00's) does not fill it.
    expect(free(empty)).toBe('2026-12-01T08:00:00.000Z');
    expect(free(at('2026-12-01T07:50:00Z'))).toBe('2026-12-01T08:00:00.000Z');
  });

  it('validation: slots no posting window allows, and queue without slots, are errors of pinops.yml', () => {
    expect(slotsOutsideWindows(SLOTS, ['mon-fri 08:00-18:00', 'sat 09:00-12:00'])).toEqual(['mon 20:00', 'tue 20:00', 'wed 20:00', 'thu 20:00', 'fri 20:00']);
    const bad = SettingsSchema.safeParse({ schedule: { slots: { 'mon-fri': ['20:00'] }, windows: ['mon-fri 08:00-18:00'] } });
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['schedule.slots', expect.stringMatching(/^no posting window allows the slot\(s\) mon 20:00, tue 20:00/)],
    ]);
    expect(SettingsSchema.safeParse({ schedule: { queue: true } }).error?.issues[0]?.message).toBe('`queue: true` needs `slots` to queue pins into');
    expect(SettingsSchema.safeParse({ schedule: { slots: { weekend: ['10:00'] } } }).success).toBe(false);
    expect(SettingsSchema.safeParse({ schedule: { slots: { sat: ['25:00'] } } }).success).toBe(false);
  });

  it('a window or slot written wrong is an error of pinops.yml at its place, never a crash, and the slots are not compared with it', () => {
    const cases: [string, string, RegExp, number][] = [
      ['schedule:\n  windows: ["mon-fri 8-20"]\n  slots: { mon-fri: ["09:00"] }\n', 'schedule.windows[0]', /expected a window such as "09:00-21:00"/, 2],
      ['schedule:\n  windows: ["weekdays 08:00-20:00"]\n', 'schedule.windows[0]', /expected a window such as/, 2],
      ['schedule:\n  windows: "mon-fri 08:00-20:00"\n  slots: { mon: ["09:00"] }\n', 'schedule.windows', /must be a list/, 2],
      ['schedule:\n  windows: ["mon-fri 08:00-20:00"]\n  slots: { mon: ["9:00"] }\n', 'schedule.slots.mon[0]', /expected a time such as "09:00"/, 3],
      ['schedule:\n  windows: ["mon-fri 08:00-20:00"]\n  slots: { mon: ["25:00"] }\n', 'schedule.slots.mon[0]', /expected a time such as "09:00"/, 3],
      ['schedule:\n  windows: ["mon-fri 08:00-20:00"]\n  slots: { mon: "09:00" }\n', 'schedule.slots.mon', /must be a list/, 3],
      ['schedule:\n  slots: { weekdays: ["09:00"] }\n', 'schedule.slots.weekdays', /"weekdays" is not a valid key here: expected days such as "mon-fri", "sat" or "daily"/, 2],
    ];
    for (const [text, field, message, line] of cases) {
      const r = parseSettings('pinops.yml', new TextEncoder().encode(text));
      expect(r.ok, text).toBe(false);
      if (r.ok) continue;
      expect(
        r.diagnostics.map((d) => [d.code, d.field]),
        text,
      ).toEqual([['invalid-setting', field]]);
      expect(r.diagnostics[0]?.message, text).toMatch(message);
      expect(r.diagnostics[0]?.line, text).toBe(line);
    }
  });

  it('interval saves (and evergreen republishes) take the same slots, after the queued pins', () => {
    const boardsPin = (key: string) => desiredPin(key, { file: `content/pins/${key}.md`, saves: [{ board: 'Gift Ideas' }], intervalMs: 7 * 86_400_000 });
    const ledger: Ledger = {
      version: 1,
      pins: { s1: { ...publishedEntry(boardsPin('s1')), published_at: '2026-11-20T08:00:00Z' }, s2: { ...publishedEntry(boardsPin('s2')), published_at: '2026-11-20T08:00:00Z' } },
    };
    const p = plan({ desired: [boardsPin('s1'), boardsPin('s2'), queued('q')], ledger, settings: settings(), now: NOW });
    // q takes today's 09:00 (just passed): due now; the saves wait for the next slots.
    expect(p.actions.find((a) => a.key === 'q')).toMatchObject({ kind: 'create', slot: new Date('2026-12-01T08:00:00Z') });
    expect(p.rules.map((r) => [r.key, r.kind, r.status, r.at?.toISOString()])).toEqual([
      ['s1', 'save', 'scheduled', '2026-12-01T12:30:00.000Z'],
      ['s2', 'save', 'scheduled', '2026-12-01T19:00:00.000Z'],
    ]);
    // Without queued pins, the first save goes out in the slot just passed.
    const alone = plan({ desired: [boardsPin('s1'), boardsPin('s2')], ledger, settings: settings(), now: NOW });
    expect(alone.rules.map((r) => [r.key, r.status])).toEqual([
      ['s1', 'due'],
      ['s2', 'scheduled'],
    ]);
    // Without slots, both are due now, as before.
    const free = plan({ desired: [boardsPin('s1'), boardsPin('s2')], ledger, settings: settings({ slots: {} }), now: NOW });
    expect(free.rules.map((r) => r.status)).toEqual(['due', 'due']);
  });

  it('a slot that has passed goes out now only while a posting window is open; otherwise the pin waits for the next slot', () => {
    // Saturday 10:00 Berlin; Friday's 20:00 slot went unused, and the window closes at 21:00 on weekdays only.
    const saturday = new Date('2026-12-05T09:00:00Z');
    const windows = { windows: ['mon-fri 08:00-21:00'], slots: { 'mon-fri': ['09:00', '20:00'] } };
    expect(rows({ desired: [queued('a')], settings: settings(windows), now: saturday })).toEqual([['a', 'scheduled', '2026-12-07T08:00:00.000Z']]);
    // Inside the window the slot just passed is still filled.
    expect(rows({ desired: [queued('a')], settings: settings(windows), now: new Date('2026-12-04T19:30:00Z') })).toEqual([['a', 'create', '2026-12-04T19:00:00.000Z']]);
  });

  it('two slots the spring-forward night puts on one instant (02:30 moves on to 03:30) count once', () => {
    const got = slotInstants({ daily: ['02:30', '03:30'] }, ZONE, new Date('2027-03-28T00:00:00Z'), new Date('2027-03-28T23:00:00Z')).map((d) => d.toISOString());
    expect(got).toEqual(['2027-03-27T02:30:00.000Z', '2027-03-28T01:30:00.000Z']);
  });
});
