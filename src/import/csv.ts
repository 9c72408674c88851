import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { LIMITS } from '../content/schema.js';
import { ImportError } from './errors.js';

/**
 * Pinterest's bulk-create CSV (its columns, in its order), read and written with csv-parse and
 * csv-stringify: quoted fields, newlines inside them, a BOM, and `,`, `;` or tab separators, as
 * spreadsheets in many locales write them.
 */
export const CSV_COLUMNS = ['Title', 'Media URL', 'Pinterest board', 'Thumbnail', 'Description', 'Link', 'Publish date', 'Keywords'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export type CsvRow = Partial<Record<CsvColumn, string>>;

/** A row's problem: its line in the file (the header is line 1) and column. */
export interface RowProblem {
  row: number;
  column: CsvColumn | undefined;
  message: string;
}

/** The separator a file uses: the one of `,`, `;` and tab that its header line has most of, outside quotes. */
export function detectSeparator(text: string): string {
  const header = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((c) => [c, header.split(c).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** The rows of a CSV, each with the line it starts on; the columns are found by their header, in any case and order. */
export function parseCsv(text: string): { rows: { line: number; row: CsvRow }[]; unknown: string[] } {
  // Empty lines are kept by csv-parse (as one empty field) and dropped here, so every line is counted.
  const records = parse(text, { bom: true, delimiter: detectSeparator(text), relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  const [head, ...body] = records;
  if (!head) return { rows: [], unknown: [] };
  const byName = new Map(CSV_COLUMNS.map((c) => [c.toLowerCase(), c] as const));
  const columns = head.map((h) => byName.get(h.trim().toLowerCase()));
  for (const need of ['Title', 'Media URL'] as const)
    if (!columns.includes(need))
      throw new ImportError(`the CSV has no "${need}" column (its header: ${head.join(', ')}); Pinterest's bulk-upload columns are ${CSV_COLUMNS.join(', ')}`);
  const rows: { line: number; row: CsvRow }[] = [];
  // Each record starts on the line after the one the record before it ended on.
  let line = 1 + breaks(head);
  for (const record of body) {
    const start = line + 1;
    line = start + breaks(record);
    if (!record.some((v) => v.trim())) continue;
    const row: CsvRow = {};
    record.forEach((v, i) => {
      const c = columns[i];
      if (c && v.trim()) row[c] = v.trim();
    });
    rows.push({ line: start, row });
  }
  return { rows, unknown: head.filter((_, i) => !columns[i]) };
}

/** The line breaks inside a record's quoted fields. */
const breaks = (record: readonly string[]) => record.reduce((n, v) => n + (v.match(/\r\n|\r|\n/g)?.length ?? 0), 0);

/** Rows as a CSV in Pinterest's columns, quoted where needed, with the separator asked for. */
export function writeCsv(rows: readonly CsvRow[], separator = ','): string {
  return stringify(
    rows.map((r) => CSV_COLUMNS.map((c) => r[c] ?? '')),
    { header: true, columns: [...CSV_COLUMNS], delimiter: separator, record_delimiter: '\r\n', quoted_match: /[\r\n]/ },
  );
}

/** A row as the pin it describes, or its problems (each with the row's line and the column). */
export interface CsvPin {
  title: string;
  media: string;
  board?: string;
  section?: string;
  description: string;
  link?: string;
  publishAt?: string;
  keywords?: string;
}

const isUrl = (s: string, protocols: readonly string[]) => {
  try {
    return protocols.includes(new URL(s).protocol);
  } catch {
    return false;
  }
};

/**
 * Checks a row: a title and a media URL, a board that boards.yml declares (or the default board),
 * texts within Pinterest's limits, a link and a date that parse. `publish_at` is the date in the
 * settings' time zone, written with its offset.
 */
export function csvPin(r: { line: number; row: CsvRow }, ctx: { boards: readonly string[]; defaultBoard?: string; timezone?: string; httpsOnly: boolean }): CsvPin | RowProblem[] {
  const { row, line } = r;
  const bad: RowProblem[] = [];
  const problem = (column: CsvColumn, message: string) => bad.push({ row: line, column, message });
  if (!row.Title) problem('Title', 'no title');
  else if (row.Title.length > LIMITS.title) problem('Title', `${row.Title.length} characters, over Pinterest's ${LIMITS.title}`);
  if (!row['Media URL']) problem('Media URL', 'no media URL');
  else if (!isUrl(row['Media URL'], ctx.httpsOnly ? ['https:'] : ['https:', 'http:']))
    problem('Media URL', `not an ${ctx.httpsOnly ? 'https' : 'http(s)'} URL: ${row['Media URL']}`);
  else if (/\.(mp4|mov|m4v)(\?|#|$)/i.test(row['Media URL']))
    problem('Media URL', 'a video: a CSV import takes images (put the video in content/media/ and write its pin with video: and cover:)');
  const place = boardOf(row['Pinterest board'] ?? ctx.defaultBoard, ctx.boards);
  if (typeof place === 'string') problem('Pinterest board', place);
  if ((row.Description ?? '').length > LIMITS.description) problem('Description', `${row.Description?.length} characters, over Pinterest's ${LIMITS.description}`);
  if (row.Link && !isUrl(row.Link, ['https:', 'http:'])) problem('Link', `not an http(s) URL: ${row.Link}`);
  const at = row['Publish date'] ? publishAt(row['Publish date'], ctx.timezone) : undefined;
  if (at === null) problem('Publish date', `"${row['Publish date']}" is not a date such as 2026-12-01 09:00 or 2026-12-01T09:00:00+01:00`);
  if (bad.length || typeof place === 'string') return bad;
  return {
    title: row.Title as string,
    media: row['Media URL'] as string,
    ...place,
    description: row.Description ?? '',
    ...(row.Link ? { link: row.Link } : {}),
    ...(at ? { publishAt: at } : {}),
    ...(row.Keywords ? { keywords: row.Keywords } : {}),
  };
}

/** The board (and section, as `Board/Section`) as boards.yml spells them, or what is wrong. */
function boardOf(given: string | undefined, boards: readonly string[]): { board?: string; section?: string } | string {
  if (!given) return 'no board, and pinops.yml has no defaults.board';
  const find = (name: string) => boards.find((b) => b.toLowerCase() === name.trim().toLowerCase());
  const whole = find(given);
  if (whole) return { board: whole };
  const cut = given.indexOf('/');
  const board = cut > 0 ? find(given.slice(0, cut)) : undefined;
  if (board) return { board, section: given.slice(cut + 1).trim() };
  return /^\d+$/.test(given) ? { board: given } : `"${given}" is not a board of content/boards.yml: add it there first`;
}

/** A publish date in `timezone` (UTC without one), as ISO 8601 with its offset; null when it does not parse. */
export function publishAt(text: string, timezone: string | undefined): string | null {
  const zone = timezone ?? 'UTC';
  const s = text.trim();
  const formats = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd'];
  let dt = DateTime.fromISO(s, /(Z|[+-]\d{2}:?\d{2})$/i.test(s) ? { setZone: true } : { zone });
  for (const f of formats) if (!dt.isValid) dt = DateTime.fromFormat(s, f, { zone });
  return dt.isValid ? dt.toISO({ suppressMilliseconds: true }) : null;
}
