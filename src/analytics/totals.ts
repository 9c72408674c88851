import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { ApiPin } from '../pinterest/types.js';
import { AnalyticsFileError } from './csv.js';

/**
 * `analytics/totals.csv` on the ledger branch: each pin's 90-day and lifetime totals as Pinterest's
 * `pin_metrics` gave them on the last run, one row per Pinterest pin, written anew on every run.
 * The month files (`analytics/YYYY-MM.csv`, the daily figures) stay as they were: their readers
 * read only files named by a month.
 */
export const TOTALS_FILE = 'analytics/totals.csv';

const FIGURES = ['impressions', 'saves', 'pin_clicks', 'outbound_clicks'] as const;
type Figure = (typeof FIGURES)[number];
export const TOTALS_COLUMNS = ['pin', 'pin_id', 'as_of', ...FIGURES.map((f) => `${f}_90d`), ...FIGURES.map((f) => `${f}_lifetime`)] as const;

/** Pinterest's names in `pin_metrics` (the spec's example: impression, pin_click, clickthrough; `save` where it comes). */
const NAMES: Record<string, Figure> = { impression: 'impressions', save: 'saves', pin_click: 'pin_clicks', clickthrough: 'outbound_clicks', outbound_click: 'outbound_clicks' };

export type Totals = Partial<Record<Figure, number>>;

export interface PinTotals {
  /** The pin's key in the ledger, and the Pinterest pin (the pin, a save of it, an earlier pin). */
  pin: string;
  pin_id: string;
  /** The UTC day the totals were read. */
  as_of: string;
  d90: Totals;
  lifetime: Totals;
}

/** The totals of one listed pin, from its `pin_metrics`; undefined when it has none. */
export function totalsOf(p: ApiPin): { d90: Totals; lifetime: Totals } | undefined {
  const m = p.pin_metrics as Record<string, Record<string, unknown> | undefined> | null | undefined;
  if (!m || (m['90d'] === undefined && m.lifetime_metrics === undefined)) return undefined;
  return { d90: figures(m['90d']), lifetime: figures(m.lifetime_metrics) };
}

function figures(m: Record<string, unknown> | undefined): Totals {
  const out: Totals = {};
  for (const [name, v] of Object.entries(m ?? {})) {
    const col = NAMES[name];
    if (col && typeof v === 'number' && Number.isFinite(v)) out[col] = v;
  }
  return out;
}

/** Rows sorted by pin and pin id. */
export function serializeTotals(rows: readonly PinTotals[]): string {
  const sorted = [...rows].sort((a, b) => (a.pin < b.pin ? -1 : a.pin > b.pin ? 1 : a.pin_id < b.pin_id ? -1 : a.pin_id > b.pin_id ? 1 : 0));
  const cell = (v: number | undefined) => (v === undefined ? '' : String(v));
  return stringify([[...TOTALS_COLUMNS], ...sorted.map((r) => [r.pin, r.pin_id, r.as_of, ...FIGURES.map((f) => cell(r.d90[f])), ...FIGURES.map((f) => cell(r.lifetime[f]))])]);
}

/** Reads the file back (tests; anyone's scripts read it as a plain CSV). */
export function parseTotals(text: string): PinTotals[] {
  const [header, ...rows] = parse(text, { skip_empty_lines: true, bom: true }) as string[][];
  if (!header || header.join(',') !== TOTALS_COLUMNS.join(',')) throw new AnalyticsFileError(TOTALS_FILE, 1, `the header must be "${TOTALS_COLUMNS.join(',')}"`);
  const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
  const pick = (r: string[], from: number): Totals => Object.fromEntries(FIGURES.flatMap((f, i) => (num(r[from + i]) === undefined ? [] : [[f, num(r[from + i])]])));
  return rows.map((r) => ({ pin: r[0] ?? '', pin_id: r[1] ?? '', as_of: r[2] ?? '', d90: pick(r, 3), lifetime: pick(r, 3 + FIGURES.length) }));
}

/** The sum of every pin's 90-day totals, of the figures Pinterest gave (saves are not among the spec's). */
export function sum90d(rows: readonly PinTotals[]): Totals {
  const out: Totals = {};
  for (const r of rows) for (const f of FIGURES) if (r.d90[f] !== undefined) out[f] = (out[f] ?? 0) + (r.d90[f] as number);
  return out;
}
