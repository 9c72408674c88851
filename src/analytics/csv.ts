import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { EXIT, UserError } from '../util/user-error.js';

/**
 * `analytics/YYYY-MM.csv` on the ledger branch: one row per Pinterest pin per day. A file is
 * edited by hand now and then (a spreadsheet, a merge), so reading it is strict and names the line.
 */
export const COLUMNS = ['date', 'pin', 'pin_id', 'impressions', 'saves', 'pin_clicks', 'outbound_clicks', 'video_views', 'video_starts', 'video_avg_watch_ms'] as const;

export const METRIC_COLUMNS = ['impressions', 'saves', 'pin_clicks', 'outbound_clicks', 'video_views', 'video_starts', 'video_avg_watch_ms'] as const;
export type MetricColumn = (typeof METRIC_COLUMNS)[number];

export interface MetricRow {
  /** UTC day, YYYY-MM-DD. */
  date: string;
  /** The pin's key in the ledger (its id in content/). */
  pin: string;
  /** The Pinterest pin: the published pin, or one of its saves to other boards. */
  pin_id: string;
  /** A metric Pinterest did not report (video metrics of an image pin) is absent. */
  metrics: Partial<Record<MetricColumn, number>>;
}

/** A month file that cannot be read: the user's to repair; it is left exactly as it is. */
export class AnalyticsFileError extends UserError {
  override name = 'AnalyticsFileError';
  readonly exitCode = EXIT.usage;
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(
      `${file}, line ${line}: ${detail}. This month's new figures were not written, and the file was left as it is; repair it on the ledger branch (its git history has every earlier version) or delete it to collect the month again.`,
    );
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads a month file; `month` is its YYYY-MM, which every row's date must be in. */
export function parseMonth(text: string, file: string, month: string): MetricRow[] {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: false, skip_empty_lines: true, bom: true }) as string[][];
  } catch (err) {
    const e = err as { code?: string; message?: string; lines?: number; record?: unknown[] };
    const why =
      e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
        ? `the row has ${e.record?.length ?? '?'} columns, not ${COLUMNS.length}`
        : e.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quote opened here is never closed'
          : (e.message ?? String(err)).replace(/ at line \d+.*$/s, '');
    throw new AnalyticsFileError(file, e.lines ?? 1, `not a valid CSV: ${why}`);
  }
  const [header, ...rows] = records;
  if (!header || header.join(',') !== COLUMNS.join(',')) throw new AnalyticsFileError(file, 1, `the header must be "${COLUMNS.join(',')}"`);
  return rows.map((r, i) => {
    const line = i + 2;
    const [date, pin, pinId] = r as [string, string, string];
    if (!DATE.test(date) || date.slice(0, 7) !== month || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
      throw new AnalyticsFileError(file, line, `"${date}" is not a date in ${month} (YYYY-MM-DD)`);
    if (!pin) throw new AnalyticsFileError(file, line, 'the pin column is empty');
    if (!/^\d+$/.test(pinId)) throw new AnalyticsFileError(file, line, `"${pinId}" is not a Pinterest pin id`);
    const metrics: MetricRow['metrics'] = {};
    METRIC_COLUMNS.forEach((col, j) => {
      const v = r[3 + j] ?? '';
      if (v === '') return;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new AnalyticsFileError(file, line, `${col} is "${v}", not a number`);
      metrics[col] = n;
    });
    return { date, pin, pin_id: pinId, metrics };
  });
}

/** Rows sorted by date, pin and pin id, so a month's diff shows what changed. */
export function serializeMonth(rows: readonly MetricRow[]): string {
  const sorted = [...rows].sort((a, b) => cmp(a.date, b.date) || cmp(a.pin, b.pin) || cmp(a.pin_id, b.pin_id));
  return stringify([[...COLUMNS], ...sorted.map((r) => [r.date, r.pin, r.pin_id, ...METRIC_COLUMNS.map((c) => (r.metrics[c] === undefined ? '' : String(r.metrics[c])))])]);
}

/** New rows replace the old ones of the same pin and day: a re-run never duplicates a day. */
export function mergeRows(old: readonly MetricRow[], fresh: readonly MetricRow[]): MetricRow[] {
  const key = (r: MetricRow) => `${r.pin_id}|${r.date}`;
  const out = new Map(old.map((r) => [key(r), r]));
  for (const r of fresh) out.set(key(r), r);
  return [...out.values()];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
