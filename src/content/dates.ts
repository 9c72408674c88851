import { DateTime } from 'luxon';

export type PublishAt = { ok: true; date: Date } | { ok: false; reason: 'invalid' | 'no-timezone' };

const HAS_OFFSET = /T.*(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * Reads a `publish_at` value: ISO 8601 with an offset, or without one when a time zone is set
 * (the settings' `timezone`). A date without a time means midnight in that zone.
 */
export function parsePublishAt(value: string, timezone: string | undefined): PublishAt {
  const s = value.trim();
  const withOffset = HAS_OFFSET.test(s);
  const dt = DateTime.fromISO(s, withOffset ? { setZone: true } : { zone: timezone ?? 'UTC' });
  if (!dt.isValid) return { ok: false, reason: 'invalid' };
  if (!withOffset && !timezone) return { ok: false, reason: 'no-timezone' };
  return { ok: true, date: dt.toJSDate() };
}
