import { AnalyticsFileError, type MetricColumn, type MetricRow, mergeRows, parseMonth, serializeMonth } from '../analytics/csv.js';
import { chooseSeries, defaultSeriesPerRun } from '../analytics/rotation.js';
import { type Summary, summarize, withTotals } from '../analytics/summary.js';
import { type PinTotals, serializeTotals, TOTALS_FILE, totalsOf } from '../analytics/totals.js';
import type { Warning } from '../diagnostics/warning.js';
import { loadSettings } from '../files/repo.js';
import { emptyLedger, type Ledger } from '../ledger/format.js';
import { gitLedgerStore, type LedgerStore } from '../ledger/store.js';
import type { PinterestApi } from '../pinterest/client.js';
import { PinterestError } from '../pinterest/errors.js';
import { limitsFrom } from '../pinterest/limits.js';
import type { ApiPin, PinMetric } from '../pinterest/types.js';
import type { DayFigures } from '../plan/rules.js';
import { SettingsError } from '../settings/load.js';
import { isSandbox, SANDBOX_NO_ANALYTICS } from '../settings/sandbox.js';
import type { Settings } from '../settings/schema.js';
import { mapLimit } from '../util/concurrency.js';
import { DAY_MS, utcDate, utcMidnight } from '../util/duration.js';
import { notifyAnalytics } from './notify.js';
import { connect, type Session, type SessionOptions } from './session.js';

/** Pinterest keeps 90 days; a day's margin keeps a run near midnight UTC inside the window. */
const WINDOW_DAYS = 89;
/** Figures of the last days are revised for a while: they are read again on the next run. */
const REVISE_DAYS = 2;

const STANDARD: Record<string, MetricColumn> = { IMPRESSION: 'impressions', SAVE: 'saves', PIN_CLICK: 'pin_clicks', OUTBOUND_CLICK: 'outbound_clicks' };
const VIDEO: Record<string, MetricColumn> = { VIDEO_MRC_VIEW: 'video_views', VIDEO_START: 'video_starts', VIDEO_AVG_WATCH_TIME: 'video_avg_watch_ms' };
const WITH_VIDEO = { ...STANDARD, ...VIDEO };
/** Failures every further request would meet too: the requests not yet sent are not made. */
const HALTS = new Set<PinterestError['kind']>(['credentials', 'scope', 'spam-rate-limit', 'rate-limit']);

export interface CollectResult {
  /** Pinterest pins whose daily figures were asked for, and rows read from Pinterest. */
  asked: number;
  fetched: number;
  /** Every stored row of the readable month files, including this run's. */
  rows: MetricRow[];
  ledger: Ledger;
  /** Every pin's 90-day and lifetime totals, from this run's listing (`pin_metrics`). */
  totals: PinTotals[];
  /** Why the listing with the totals could not be read, when it could not (the daily figures are read all the same). */
  totalsError?: string;
  /** Pins with daily figures to read that wait for a later run: over this run's `daily_series_per_run`. */
  deferred: number;
  /** Pins in the ledger that no longer exist on Pinterest: their figures stop. */
  gone: { key: string; pinId: string }[];
  failed: { key: string; pinId: string; error: string }[];
  /** Month files that could not be read: left as they are, their new rows not written. */
  broken: AnalyticsFileError[];
  requests: number;
  rateLimited: number;
  elapsedMs: number;
}

/** How many daily series a run reads (`analytics.daily_series_per_run`), and which pins are read every run (`recent_days`). */
export interface SeriesBudget {
  perRun: number;
  recentDays: number;
}

interface Target {
  key: string;
  pinId: string;
  since: string;
  video: boolean;
  /** The board the ledger knows it on (the published pin's; saves and earlier pins have none). */
  boardId?: string | undefined;
}

/** The days a run reads: up to yesterday (`end`), never before `floor` (Pinterest's window); `days` back from `today` when asked. */
interface Span {
  today: number;
  end: string;
  floor: string;
  days?: number | undefined;
}

/** What the requests brought: the new rows, and the pins gone or failed. */
interface Fetched extends Pick<CollectResult, 'asked' | 'gone' | 'failed'> {
  fresh: MetricRow[];
  /** The first failure that stops the requests not yet sent. */
  halt?: PinterestError;
}

/** The listing's totals of the ledger's pins, which pins it showed, and what stopped it. */
interface Listing {
  totals: PinTotals[];
  listed: Set<string>;
  error?: unknown;
}

/**
 * Keeps the figures of every pin in the ledger (and of its saves to other boards) on the ledger
 * branch: every pin's totals from one listing of the account's pins with `pin_metrics` (250 a
 * request, on org_read) into analytics/totals.csv, and the daily figures of at most
 * `budget.perRun` pins (one org_analytics request each, chosen by rotation.ts) into
 * analytics/YYYY-MM.csv. Without `days`, each pin is read from just before its last stored day
 * (the first read takes all 90 days Pinterest keeps).
 */
export async function collectAnalytics(opts: {
  api: PinterestApi;
  store: LedgerStore;
  now: Date;
  days?: number;
  log: (line: string) => void;
  concurrency?: number;
  budget?: SeriesBudget;
}): Promise<CollectResult> {
  const started = performance.now();
  const { api, store } = opts;
  const before = { requests: api.transport.stats.requests, rateLimited: api.transport.stats.rateLimited };
  const ledger = await store.load();
  const { rows: stored, broken } = await readMonths(store);
  const today = utcMidnight(opts.now);
  const span: Span = { today, end: utcDate(today - DAY_MS), floor: utcDate(today - WINDOW_DAYS * DAY_MS), days: opts.days };
  const all = targets(ledger, span.floor);
  const listing = await readTotals(api, all, utcDate(today), opts.log);
  const last = lastStoredDays(stored);
  // A listing that failed says nothing of which pins exist: every pin takes its turn as usual.
  const listed = (t: Target) => listing.error !== undefined || listing.listed.has(t.pinId);
  const due = all.filter((t) => firstDay(t, last.get(t.pinId), span) <= span.end).map((t) => ({ ...t, lastStored: last.get(t.pinId), listed: listed(t) }));
  const { chosen, deferred } = chooseSeries(due, { ...(opts.budget ?? { perRun: defaultSeriesPerRun(undefined), recentDays: 7 }), today });
  const halt = listing.error instanceof PinterestError && HALTS.has(listing.error.kind) ? listing.error : undefined;
  const { fresh, asked, gone, failed } = await fetchMetrics(api, chosen, last, span, { concurrency: opts.concurrency ?? 6, log: opts.log, ...(halt ? { halt } : {}) });
  const written = await storeFigures(store, fresh, listing.error === undefined ? listing.totals : undefined, span.end, broken);
  // What is stored now: the months written, and the readable months this run did not touch.
  const rows = [...stored.filter((r) => !written.has(r.date.slice(0, 7))), ...[...written.values()].flat()];
  return {
    asked,
    fetched: fresh.length,
    rows,
    ledger,
    totals: listing.totals,
    ...(listing.error !== undefined ? { totalsError: errorText(listing.error) } : {}),
    deferred: deferred.length,
    gone,
    failed,
    broken,
    requests: api.transport.stats.requests - before.requests,
    rateLimited: api.transport.stats.rateLimited - before.rateLimited,
    elapsedMs: performance.now() - started,
  };
}

/**
 * Every pin's totals, from the account's pins listed with `pin_metrics`: a few requests for all of
 * them. Pins the account's list does not show (those on secret boards) are looked for on their
 * boards' lists; what is still missing has no totals this run.
 */
async function readTotals(api: PinterestApi, all: readonly Target[], asOf: string, log: (line: string) => void): Promise<Listing> {
  if (all.length === 0) return { totals: [], listed: new Set() };
  const byId = new Map<string, ApiPin>();
  const add = (pins: ApiPin[]) => {
    for (const p of pins) if (p.id) byId.set(p.id, p);
  };
  try {
    add(await api.listPinsWithMetrics());
  } catch (err) {
    log(`✖ the totals of the pins (GET /pins?pin_metrics=true) could not be read: ${errorText(err)}`);
    return { totals: [], listed: new Set(), error: err };
  }
  for (const boardId of new Set(all.flatMap((t) => (t.boardId && !byId.has(t.pinId) ? [t.boardId] : [])))) {
    // A board deleted on Pinterest (404) or a failure here only leaves its pins without totals.
    add(await api.listPinsWithMetrics(boardId).catch(() => []));
  }
  const totals: PinTotals[] = [];
  for (const t of all) {
    const found = byId.get(t.pinId);
    const figures = found && totalsOf(found);
    if (figures) totals.push({ pin: t.key, pin_id: t.pinId, as_of: asOf, ...figures });
  }
  return { totals, listed: new Set(byId.keys()) };
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The last stored day of each Pinterest pin. */
function lastStoredDays(stored: readonly MetricRow[]): Map<string, string> {
  const last = new Map<string, string>();
  for (const r of stored) if ((last.get(r.pin_id) ?? '') < r.date) last.set(r.pin_id, r.date);
  return last;
}

/** Every Pinterest pin of the published entries: the pin, its saves to other boards, and its earlier pins (an evergreen rule published it again). */
function targets(ledger: Ledger, floor: string): Target[] {
  const out: Target[] = [];
  for (const [key, e] of Object.entries(ledger.pins)) {
    if (e.state !== 'published' || !e.pin_id) continue;
    const video = e.media_kind === 'video';
    out.push({ key, pinId: e.pin_id, since: (e.published_at ?? floor).slice(0, 10), video, boardId: e.board_id });
    for (const s of e.saves ?? []) out.push({ key, pinId: s.pin_id, since: s.at.slice(0, 10), video });
    for (const s of e.earlier ?? []) out.push({ key, pinId: s.pin_id, since: s.at.slice(0, 10), video });
  }
  return out;
}

/** The first day to read of a pin: `days` back, else from a little before its last stored day (those figures are revised), never before it was published nor before the window. */
function firstDay(t: Target, lastStored: string | undefined, span: Span): string {
  const wanted = span.days !== undefined ? utcDate(span.today - span.days * DAY_MS) : lastStored ? utcDate(utcMidnight(lastStored) - REVISE_DAYS * DAY_MS) : t.since;
  return [span.floor, t.since, wanted].sort().at(-1) as string;
}

/**
 * Asks Pinterest for the daily figures of each target, `concurrency` at a time, from its first day
 * to read up to yesterday; the transport's wait notices say how many are done.
 */
async function fetchMetrics(
  api: PinterestApi,
  chosen: readonly Target[],
  last: Map<string, string>,
  span: Span,
  opts: { concurrency: number; log: (line: string) => void; halt?: PinterestError },
): Promise<Fetched> {
  const out: Fetched = { fresh: [], asked: 0, gone: [], failed: [], ...(opts.halt ? { halt: opts.halt } : {}) };
  const progress = { done: 0, total: chosen.length };
  api.transport.progress = () => progress;
  try {
    await mapLimit(chosen, opts.concurrency, async (t) => {
      const start = firstDay(t, last.get(t.pinId), span);
      if (start > span.end || out.halt) return;
      out.asked++;
      const columns = t.video ? WITH_VIDEO : STANDARD;
      try {
        const answer = await api.pinAnalytics(t.pinId, start, span.end, Object.keys(columns) as PinMetric[]);
        out.fresh.push(...readyRows(answer, t, columns));
      } catch (err) {
        recordFailure(out, t, err, opts.log);
      }
      progress.done++;
    });
  } finally {
    api.transport.progress = undefined;
  }
  return out;
}

/** The answer's final figures as rows, in their columns; PROCESSING days are read again next time. */
function readyRows(answer: Awaited<ReturnType<PinterestApi['pinAnalytics']>>, t: Target, columns: Record<string, MetricColumn>): MetricRow[] {
  const rows: MetricRow[] = [];
  for (const d of answer.all?.daily_metrics ?? []) {
    if (d.data_status !== 'READY' || !d.date || !d.metrics) continue;
    const m: MetricRow['metrics'] = {};
    for (const [name, col] of Object.entries(columns)) {
      const v = d.metrics[name];
      if (typeof v === 'number') m[col] = v;
    }
    rows.push({ date: d.date, pin: t.key, pin_id: t.pinId, metrics: m });
  }
  return rows;
}

/** A pin deleted on Pinterest is gone (its figures stop); any other failure is listed, and may halt the requests not yet sent. */
function recordFailure(out: Fetched, t: Target, err: unknown, log: (line: string) => void): void {
  if (err instanceof PinterestError && err.kind === 'not-found') {
    out.gone.push({ key: t.key, pinId: t.pinId });
    log(`· ${t.key}: pin ${t.pinId} no longer exists on Pinterest; its figures stop here`);
    return;
  }
  if (err instanceof PinterestError && HALTS.has(err.kind)) out.halt ??= err;
  const message = err instanceof Error ? err.message : String(err);
  out.failed.push({ key: t.key, pinId: t.pinId, error: message });
  log(`✖ analytics of ${t.key} (pin ${t.pinId}): ${message}`);
}

/**
 * Merges the new rows into their month files, and writes the totals (when the listing was read),
 * in one commit on the ledger branch. A month file that cannot be read is left as it is and added
 * to `broken`. Returns each month written, with all its rows.
 */
async function storeFigures(
  store: LedgerStore,
  fresh: readonly MetricRow[],
  totals: readonly PinTotals[] | undefined,
  end: string,
  broken: AnalyticsFileError[],
): Promise<Map<string, MetricRow[]>> {
  const months = new Map<string, MetricRow[]>();
  for (const r of fresh) {
    const month = r.date.slice(0, 7);
    const rows = months.get(month);
    if (rows) rows.push(r);
    else months.set(month, [r]);
  }
  const written = new Map<string, MetricRow[]>();
  const withTotals = totals !== undefined && totals.length > 0;
  if (months.size === 0 && !withTotals) return written;
  await store.commit(
    `pinops: analytics of ${new Set(fresh.map((r) => r.pin_id)).size} pin(s) to ${end}${withTotals ? `, totals of ${totals.length}` : ''}`,
    () => true,
    () => [],
    // Read again when the push is rejected (another run pushed first): what was written is set anew.
    async (read) => {
      written.clear();
      const files: Record<string, string> = withTotals ? { [TOTALS_FILE]: serializeTotals(totals) } : {};
      for (const [month, rows] of months) {
        const path = `analytics/${month}.csv`;
        const text = await read(path);
        try {
          const merged = mergeRows(text === undefined ? [] : parseMonth(text, path, month), rows);
          files[path] = serializeMonth(merged);
          written.set(month, merged);
        } catch (err) {
          if (!(err instanceof AnalyticsFileError)) throw err;
          if (!broken.some((b) => b.file === err.file)) broken.push(err);
        }
      }
      return files;
    },
  );
  return written;
}

/** Every readable month file; each unreadable one is reported, not read. */
export async function readMonths(store: LedgerStore): Promise<{ rows: MetricRow[]; broken: AnalyticsFileError[] }> {
  const rows: MetricRow[] = [];
  const broken: AnalyticsFileError[] = [];
  for (const [name, text] of await store.readFolder('analytics')) {
    const month = /^(\d{4}-\d{2})\.csv$/.exec(name)?.[1];
    if (!month) continue;
    try {
      rows.push(...parseMonth(text, `analytics/${name}`, month));
    } catch (err) {
      if (!(err instanceof AnalyticsFileError)) throw err;
      broken.push(err);
    }
  }
  return { rows, broken };
}

export interface AnalyticsRun extends CollectResult {
  summary: Summary;
  session?: Session;
  /** The credential report's warnings, when this run made its own session. */
  warnings: Warning[];
  /** Why nothing was collected, when the API has no analytics (the sandbox): nothing was asked or stored. */
  skipped?: string;
}

/** Under the sandbox, whose analytics endpoints are all disabled: nothing asked, nothing stored, the notice said. */
function skippedRun(reason: string, now: Date, summaryDays: number, session: Session | undefined): AnalyticsRun {
  const ledger = emptyLedger();
  const none = { asked: 0, fetched: 0, rows: [], totals: [], deferred: 0, ledger, gone: [], failed: [], broken: [], requests: 0, rateLimited: 0, elapsedMs: 0 };
  return { ...none, summary: summarize([], ledger, now, summaryDays), ...(session ? { session } : {}), warnings: [{ level: 'notice', text: reason }], skipped: reason };
}

/**
 * `pinops analytics` and the schedule event: connect (unless a session is given), collect, and
 * summarise the last `summaryDays` days.
 */
export async function runAnalytics(
  opts: SessionOptions & { root: string; config?: string; days?: number; summaryDays?: number; store?: LedgerStore; session?: Session; concurrency?: number },
): Promise<AnalyticsRun> {
  const parsed = await loadSettings(opts.root, opts.config, opts.env);
  if (!parsed.ok) throw new SettingsError(parsed.diagnostics);
  if (isSandbox(parsed.settings)) return skippedRun(SANDBOX_NO_ANALYTICS, opts.now ?? new Date(), opts.summaryDays ?? 30, opts.session);
  const store = opts.store ?? gitLedgerStore(opts.root, parsed.settings.ledger_branch);
  const session = opts.session ?? (await connect(parsed.settings, store, opts));
  const now = opts.now ?? new Date();
  const collected = await collectAnalytics({
    api: session.api,
    store,
    now,
    log: opts.log,
    budget: seriesBudget(parsed.settings),
    ...(opts.days !== undefined ? { days: opts.days } : {}),
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
  });
  const summary = withTotals(summarize(collected.rows, collected.ledger, now, opts.summaryDays ?? 30), collected.totals, collected.deferred);
  const told = await notifyAnalytics({ ...opts, settings: parsed.settings, store, now }, summary);
  return { ...collected, summary, session, warnings: [...(opts.session ? [] : session.credentials.warnings), ...told] };
}

/** What a run read, in a line: "Read 330 day(s) of figures for 120 pin(s), the totals of 1,000 (880 pins' days on later runs)". */
export function readLine(r: CollectResult): string {
  const totals = r.totalsError ? 'no totals (the listing failed)' : `the totals of ${r.totals.length.toLocaleString('en-US')}`;
  return `Read ${r.fetched} day(s) of figures for ${r.asked} pin(s), ${totals}${r.deferred ? ` (${r.deferred} pins' days on later runs)` : ''}`;
}

/** The settings' `analytics:` budget, its default following the org_analytics daily cap (trial access). */
export function seriesBudget(settings: Settings): SeriesBudget {
  const perDay = limitsFrom(settings.rate_limits).org_analytics?.perDay;
  return { perRun: settings.analytics.daily_series_per_run ?? defaultSeriesPerRun(perDay), recentDays: settings.analytics.recent_days };
}

/** The stored figures per pin key and day (a pin's saves and earlier pins add up), for rules. */
export function figuresByPin(rows: readonly MetricRow[]): Map<string, DayFigures[]> {
  const byKey = new Map<string, Map<string, DayFigures>>();
  for (const r of rows) {
    const days = byKey.get(r.pin) ?? new Map<string, DayFigures>();
    byKey.set(r.pin, days);
    const d = days.get(r.date) ?? { date: r.date, impressions: 0, saves: 0, pin_clicks: 0, outbound_clicks: 0 };
    days.set(r.date, d);
    d.impressions += r.metrics.impressions ?? 0;
    d.saves += r.metrics.saves ?? 0;
    d.pin_clicks += r.metrics.pin_clicks ?? 0;
    d.outbound_clicks += r.metrics.outbound_clicks ?? 0;
  }
  return new Map([...byKey].map(([k, days]) => [k, [...days.values()]]));
}
