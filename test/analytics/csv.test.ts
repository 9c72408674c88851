import { describe, expect, it } from 'vitest';
import { AnalyticsFileError, COLUMNS, mergeRows, parseMonth, serializeMonth } from '../../src/analytics/csv.js';

const HEADER = COLUMNS.join(',');
const row = (date: string, pin: string, id: string, impressions: number) => ({ date, pin, pin_id: id, metrics: { impressions, saves: 1 } });

function error(text: string): AnalyticsFileError {
  try {
    parseMonth(text, 'analytics/2026-11.csv', '2026-11');
  } catch (err) {
    if (err instanceof AnalyticsFileError) return err;
    throw err;
  }
  throw new Error('expected an AnalyticsFileError');
}

describe('analytics month files', () => {
  it('round-trips rows, quoting keys with commas and quotes, sorted by date and pin', () => {
    const rows = [row('2026-11-02', 'b', '2', 5), row('2026-11-01', 'a, "quoted"', '1', 7)];
    const text = serializeMonth(rows);
    expect(text.split('\n')[0]).toBe(HEADER);
    expect(text.split('\n')[1]).toBe('2026-11-01,"a, ""quoted""",1,7,1,,,,,');
    expect(parseMonth(text, 'f', '2026-11')).toEqual([rows[1], rows[0]]);
  });

  it('replaces a pin-day on merge instead of adding a second row', () => {
    const merged = mergeRows([row('2026-11-01', 'a', '1', 7), row('2026-11-02', 'a', '1', 8)], [row('2026-11-02', 'a', '1', 9)]);
    expect(merged.map((r) => `${r.date}:${r.metrics.impressions}`)).toEqual(['2026-11-01:7', '2026-11-02:9']);
  });

  it.each([
    ['an unclosed quote', `${HEADER}\n2026-11-01,a,1,1,1,1,1,,,\n2026-11-02,"b,2,1,1,1,1,,,\n`, 3, /not a valid CSV: a quote opened here is never closed/],
    ['a row with a column too few', `${HEADER}\n2026-11-01,a,1,1,1,1,1,,,\n2026-11-02,a,1,1,1,1\n`, 3, /not a valid CSV: the row has 6 columns, not 10/],
    ['a changed header', 'day,pin\n2026-11-01,a\n', 1, /the header must be/],
    ['a date of another month', `${HEADER}\n2026-11-01,a,1,1,1,1,1,,,\n2026-12-01,a,1,1,1,1,1,,,\n`, 3, /"2026-12-01" is not a date in 2026-11/],
    ['a word where a number goes', `${HEADER}\n2026-11-01,a,1,many,1,1,1,,,\n`, 2, /impressions is "many", not a number/],
    ['a pin id that is not one', `${HEADER}\n2026-11-01,a,x9,1,1,1,1,,,\n`, 2, /"x9" is not a Pinterest pin id/],
  ])('names the file and line of %s', (_name, text, line, message) => {
    const e = error(text);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(message);
    expect(e.message).toContain(`analytics/2026-11.csv, line ${line}`);
    expect(e.message).toMatch(/left as it is/);
  });
});
