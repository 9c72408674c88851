import { describe, expect, it } from 'vitest';
import { parsePublishAt } from '../../src/content/dates.js';

describe('parsePublishAt', () => {
  it('reads ISO 8601 with an offset or Z', () => {
    expect(parsePublishAt('2026-12-01T09:00:00+01:00', undefined)).toEqual({ ok: true, date: new Date('2026-12-01T08:00:00Z') });
    expect(parsePublishAt('2026-12-01T09:00Z', undefined)).toEqual({ ok: true, date: new Date('2026-12-01T09:00:00Z') });
    expect(parsePublishAt('2026-12-01T09:00:00.5-05:30', undefined)).toEqual({ ok: true, date: new Date('2026-12-01T14:30:00.500Z') });
  });
  it('applies the time zone to values without an offset, across daylight saving', () => {
    expect(parsePublishAt('2026-07-01T09:00:00', 'Europe/Berlin')).toEqual({ ok: true, date: new Date('2026-07-01T07:00:00Z') });
    expect(parsePublishAt('2026-12-01T09:00', 'Europe/Berlin')).toEqual({ ok: true, date: new Date('2026-12-01T08:00:00Z') });
    expect(parsePublishAt('2026-12-01', 'America/New_York')).toEqual({ ok: true, date: new Date('2026-12-01T05:00:00Z') });
  });
  it('refuses what is not a date, an impossible date, and a local time with no zone', () => {
    expect(parsePublishAt('tomorrow', 'UTC')).toEqual({ ok: false, reason: 'invalid' });
    expect(parsePublishAt('2026-02-30T09:00:00Z', undefined)).toEqual({ ok: false, reason: 'invalid' });
    expect(parsePublishAt('2026-13-01T09:00:00+01:00', undefined)).toEqual({ ok: false, reason: 'invalid' });
    expect(parsePublishAt('2026-12-01T25:00:00Z', undefined)).toEqual({ ok: false, reason: 'invalid' });
    expect(parsePublishAt('2026-12-01T09:00:00', undefined)).toEqual({ ok: false, reason: 'no-timezone' });
  });
});
