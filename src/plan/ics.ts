import type { CalendarItem } from './calendar.js';

/**
 * The schedule as an iCalendar file (RFC 5545), for a team to subscribe to: one event per pin
 * scheduled for later, 15 minutes long, titled with the pin's title. Its bytes depend only on the
 * schedule (each event's stamp is its own start), so it changes only when the schedule does.
 */
export function scheduleIcs(items: readonly CalendarItem[], opts: { name: string }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//pinops//schedule//EN', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${text(opts.name)}`];
  for (const i of items) {
    // Published pins are past; this run's creates go out now (a create that keeps failing would
    // otherwise change the file's bytes on every run).
    if (i.state !== 'scheduled') continue;
    const start = stamp(i.at);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${text(i.key)}@pinops`,
      `DTSTAMP:${start}`,
      `DTSTART:${start}`,
      `DTEND:${stamp(new Date(i.at.getTime() + 15 * 60_000))}`,
      `SUMMARY:${text(`📌 ${i.title}`)}`,
      `DESCRIPTION:${text(`Board: ${i.board}${i.desired ? `\nFile: ${i.desired.file}` : ''}`)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.flatMap(fold).join('\r\n')}\r\n`;
}

/** `20261201T080000Z`. */
const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** TEXT values escape backslash, semicolon, comma and line breaks. */
const text = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets are folded (a CRLF and a space), never inside a UTF-8 character. */
function fold(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out.map((l, i) => (i ? ` ${l}` : l));
}
