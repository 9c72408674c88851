import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MEDIA_LIMITS } from '../content/media.js';
import { descriptionText } from '../content/parse-pins.js';
import { loadSettings } from '../files/repo.js';
import { slug } from '../import/account-pin.js';
import { type CsvPin, type CsvRow, csvPin, parseCsv, type RowProblem } from '../import/csv.js';
import { ImportError } from '../import/errors.js';
import { pinFileText } from '../import/pin-text.js';
import { SettingsError } from '../settings/load.js';
import { mapLimit } from '../util/concurrency.js';
import { privateNetworkFrom, safeFetch } from '../util/safe-fetch.js';
import { DRAFT_LIMITS, declaredBoards, imageProblem, present, writeInside } from './draft.js';
import { validateRepository } from './validate.js';

/** Where a CSV's pins and pictures go. */
export const CSV_DIRS = { pins: 'content/pins/csv', media: 'content/media/csv' } as const;

export interface CsvImportOptions {
  root: string;
  config?: string;
  env: Record<string, string | undefined>;
  /** A file's absolute path, or an http(s) URL (a Google Sheets link is read as its CSV export). */
  source: string;
  dryRun: boolean;
  /** Download each Media URL into content/media/csv/ (default), or keep it as the pin's https URL. */
  download: boolean;
  log: (line: string) => void;
}

export interface CsvImportResult {
  pins: { file: string; row: number; media: string }[];
  /** Rows not written, each with its line and column. */
  problems: RowProblem[];
  /** Rows whose pin file is there already, as this import would write it. */
  already: number;
  dryRun: boolean;
}

/**
 * `pinops import FILE.csv`: one pin file per row of Pinterest's bulk-create CSV. Every row is
 * checked; a bad one is reported with its line and column and written nowhere, the others are.
 * Nothing is overwritten: a row whose file is there as it would be written is left, a new row
 * whose title another file has takes a numbered name.
 */
export async function importCsv(opts: CsvImportOptions): Promise<CsvImportResult> {
  const parsed = await loadSettings(opts.root, opts.config, opts.env);
  if (!parsed.ok) throw new SettingsError(parsed.diagnostics);
  const { settings } = parsed;
  const allowPrivate = privateNetworkFrom(opts.env, settings.allow_private_network);
  const { rows, unknown } = parseCsv(await readSource(opts.source, allowPrivate));
  if (unknown.length) opts.log(`· columns pinops does not read: ${unknown.join(', ')}`);
  const boards = await declaredBoards(opts.root);
  const ctx = {
    boards,
    httpsOnly: !opts.download,
    ...(settings.defaults.board !== undefined ? { defaultBoard: String(settings.defaults.board) } : {}),
    ...(settings.timezone ? { timezone: settings.timezone } : {}),
  };
  const result: CsvImportResult = { pins: [], problems: [], already: 0, dryRun: opts.dryRun };
  const taken = new Set<string>();
  const jobs: { line: number; pin: CsvPin; name: string }[] = [];
  for (const r of rows) {
    const pin = csvPin(r, ctx);
    if (Array.isArray(pin)) result.problems.push(...pin);
    else jobs.push({ line: r.line, pin, name: freeName(slug(pin.title, String(r.line)), taken) });
  }
  const done = await mapLimit(jobs, 4, (j) => writeRow(opts, j, allowPrivate, result));
  result.pins = done.filter((d) => d !== undefined).sort((a, b) => a.row - b.row);
  result.problems.sort((a, b) => a.row - b.row);
  return result;
}

/** The CSV's text: a file, or a URL fetched safely (a Google Sheets link as its CSV export). */
async function readSource(source: string, allowPrivate: boolean | readonly string[]): Promise<string> {
  if (!/^https?:\/\//i.test(source)) return readFile(source, 'utf8');
  const got = await safeFetch(sheetsExport(source), { allowPrivate, maxBytes: 50 * 1024 * 1024, timeoutMs: DRAFT_LIMITS.timeoutMs, maxRedirects: DRAFT_LIMITS.redirects });
  return new TextDecoder('utf-8').decode(got.bytes);
}

/** A Google Sheets address as its CSV export (`/export?format=csv`, with its sheet's gid); any other URL as it is. */
export function sheetsExport(url: string): string {
  const m = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([\w-]+)(?:\/[^#?]*)?(?:\?[^#]*)?(?:#gid=(\d+))?/.exec(url);
  if (!m || /\/export\?/.test(url) || /output=csv/.test(url)) return url;
  return `https://docs.google.com/spreadsheets/d/${m[1]}/export?format=csv${m[2] ? `&gid=${m[2]}` : ''}`;
}

/** A file name no other row of this import takes; a file that is there is checked later (the same pin, or a numbered name). */
function freeName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}

/** One row: its picture, then its pin file, under the first name that is free or holds this very pin. */
async function writeRow(opts: CsvImportOptions, j: { line: number; pin: CsvPin; name: string }, allowPrivate: boolean | readonly string[], result: CsvImportResult) {
  for (let n = 1; ; n++) {
    const name = n === 1 ? j.name : `${j.name}-${n}`;
    const file = `${CSV_DIRS.pins}/${name}.md`;
    const there = present(join(opts.root, file));
    const media = opts.download ? existingPicture(opts.root, name) : j.pin.media;
    if (there && media && (await readFile(join(opts.root, file), 'utf8')) === csvPinFile(j.pin, media, file)) {
      result.already++;
      return undefined;
    }
    if (there || (opts.download && media)) continue;
    if (opts.dryRun) return { file, row: j.line, media: j.pin.media };
    try {
      const got = opts.download ? await downloadTo(opts.root, name, j.pin.media, allowPrivate) : j.pin.media;
      await writeInside(opts.root, file, Buffer.from(csvPinFile(j.pin, got, file)));
      return { file, row: j.line, media: got };
    } catch (err) {
      result.problems.push({ row: j.line, column: 'Media URL', message: err instanceof Error ? err.message : String(err) });
      return undefined;
    }
  }
}

const EXTS = ['jpg', 'png', 'webp', 'gif'];

function existingPicture(root: string, name: string): string | undefined {
  return EXTS.map((e) => `${CSV_DIRS.media}/${name}.${e}`).find((p) => present(join(root, p)));
}

async function downloadTo(root: string, name: string, url: string, allowPrivate: boolean | readonly string[]): Promise<string> {
  const got = await safeFetch(url, { allowPrivate, maxBytes: MEDIA_LIMITS.imageBytes, timeoutMs: DRAFT_LIMITS.timeoutMs, maxRedirects: DRAFT_LIMITS.redirects });
  const why = imageProblem(got.bytes);
  if (typeof why === 'string')
    throw new ImportError(`${url}: ${why}${/video/.test(why) ? ' (a CSV import takes images: put the video in content/media/ and write its pin with video: and cover:)' : ''}`);
  const path = `${CSV_DIRS.media}/${name}.${why.format === 'jpeg' ? 'jpg' : why.format}`;
  await writeInside(root, path, got.bytes);
  return path;
}

/** A row's pin file: its media a repository path (relative to the file) or the https URL kept. */
function csvPinFile(p: CsvPin, media: string, file: string): string {
  const image = /^https?:\/\//.test(media) ? media : `${'../'.repeat(file.split('/').length - 2)}${media.replace(/^content\//, '')}`;
  const front = {
    title: p.title,
    ...(p.board ? { board: p.board } : {}),
    ...(p.section ? { section: p.section } : {}),
    ...(p.link ? { link: p.link } : {}),
    image,
    ...(p.publishAt ? { publish_at: p.publishAt } : {}),
    ...(p.keywords ? { fields: { keywords: p.keywords } } : {}),
  };
  return pinFileText(["Imported by pinops from a CSV in Pinterest's bulk-upload columns."], front, p.description);
}

/** The repository's pins as rows of Pinterest's bulk-upload CSV (a carousel by its first image; media as written: a URL or a repository path). */
export async function exportRows(opts: { root: string; config?: string; env: Record<string, string | undefined> }): Promise<{ rows: CsvRow[]; pins: Record<string, unknown>[] }> {
  const v = await validateRepository({ root: opts.root, env: opts.env, ...(opts.config ? { config: opts.config } : {}) });
  if (!v.ok) throw new SettingsError(v.diagnostics);
  const rows: CsvRow[] = [];
  const pins: Record<string, unknown>[] = [];
  for (const pin of v.pins) {
    const f = pin.fields;
    if (!f) continue;
    const media = f.video ?? f.image ?? f.images?.[0];
    const board = f.board ?? v.settings.defaults.board;
    const description = descriptionText(pin);
    const keywords = f.fields?.keywords;
    const row: CsvRow = { Title: f.title, Description: description };
    if (media) row['Media URL'] = media;
    // A section as the import reads it: `Board/Section`.
    if (board !== undefined) row['Pinterest board'] = f.section ? `${board}/${f.section}` : String(board);
    if (f.video && f.cover) row.Thumbnail = f.cover;
    if (f.link) row.Link = f.link;
    if (f.publish_at) row['Publish date'] = f.publish_at;
    if (keywords !== undefined) row.Keywords = String(keywords);
    rows.push(row);
    pins.push({ id: pin.key, file: pin.file, ...f, description });
  }
  return { rows, pins };
}
