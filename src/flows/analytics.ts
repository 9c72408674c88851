import { AnalyticsFileError, type MetricColumn, type MetricRow, mergeRows, parseMonth, serializeMonth } from '../analytics/csv.js';
import { type Summary, summarize } from '../analytics/summary.js';
import type { Warning } from '../diagnostics/warning.js';
import { loadSettings } from '../files/repo.js';
import { emptyLedger, type Ledger } from '../ledger/format.js';
import { gitLedgerStore, type LedgerStore } from '../ledger/store.js';
import type { PinterestApi } from '../pinterest/client.js';
import { PinterestError } from '../pinterest/errors.js';
import type { PinMetric } from '../pinterest/types.js';
import type { DayFigures } from '../plan/rules.js';
import { SettingsError } from '../settings/load.js';
import { isSandbox, SANDBOX_NO_ANALYTICS } from '../settings/sandbox.js';
import { mapLimit } from '../util/concurrency.js';
import { DAY_MS, utcDate, utcMidnight } from '../util/duration.js';
import { connect, type Session, type SessionOptions } from './session.js';

/** Pinterest keeps 90 days; a day's margin keeps a run near midnight UTC inside the window. */
const WINDOW_DAYS = 89;
/** Figures of the last days are revised for a while: they are read again on the next run. */
const REVISE_DAYS = 2;

const STANDARD: Record<string, MetricColumn> = { IMPRESSION: 'impressions', SAVE: 'saves', PIN_CLICK: 'pin_clicks', OUTBOUND_CLICK: 'outbound_clicks' };
const VIDEO: Record<string, MetricColumn> = { VIDEO_MRC_VIEW: 'video_views', VIDEO_START: 'video_starts', VIDEO_AVG_WATCH_TIME: 'video_avg_watch_ms' };

export interface CollectResult {
  /** Pinterest pins asked about, and rows read from Pinterest. */
  asked: number;
  fetched: number;
  /** Every stored row of the readable month files, including this run's. */
  rows: MetricRow[];
  ledger: Ledger;
  /** Pins in the ledger that no longer exist on Pinterest: their figures stop. */
  gone: { key: string; pinId: string }[];
  failed: { key: string; pinId: string; error: string }[];
  /** Month files that could not be read: left as they are, their new rows not written. */
  broken: AnalyticsFileError[];
  requests: number;
  rateLimited: number;
  elapsedMs: number;
}

interface Target {
  key: string;
  pinId: string;
  since: string;
  video: boolean;
}

/**
 * Reads the daily metrics of every pin in the ledger (and of its saves to other boards) from
 * Pinterest and stores them as analytics/YYYY-MM.csv on the ledger branch. Without `days`, each
 * pin is read from just before its last stored day (the first run reads all 90 days Pinterest keeps).
 */
export async function collectAnalytics(opts: {
  api: PinterestApi;
  store: LedgerStore;
  now: Date;
  days?: number;
  log: (line: string) => void;
  concurrency?: number;
}): Promise<CollectResult> {
  const started = performance.now();
  const { api, store } = opts;
  const before = { requests: api.transport.stats.requests, rateLimited: api.transport.stats.rateLimited };
  const ledger = await store.load();
  const { rows: stored, broken } = await readMonths(store);
  const last = new Map<string, string>();
  for (const r of stored) if ((last.get(r.pin_id) ?? '') < r.date) last.set(r.pin_id, r.date);

  const today = utcMidnight(opts.now);
  const end = utcDate(today - DAY_MS);
  const floor = utcDate(today - WINDOW_DAYS * DAY_MS);
  const targets: Target[] = [];
  for (const [key, e] of Object.entries(ledger.pins)) {
    if (e.state !== 'published' || !e.pin_id) continue;
    const video = e.media_kind === 'video';
    targets.push({ key, pinId: e.pin_id, since: (e.published_at ?? floor).slice(0, 10), video });
    for (const s of e.saves ?? []) targets.push({ key, pinId: s.pin_id, since: s.at.slice(0, 10), video });
    for (const s of e.earlier ?? []) targets.push({ key, pinId: s.pin_id, since: s.at.slice(0, 10), video });
  }
  const gone: CollectResult['gone'] = [];
  const failed: CollectResult['failed'] = [];
  let halt: PinterestError | undefined;
  const fresh: MetricRow[] = [];
  let asked = 0;
  await mapLimit(targets, opts.concurrency ?? 6, async (t) => {
    const resume = last.get(t.pinId);
    const wanted = opts.days !== undefined ? utcDate(today - opts.days * DAY_MS) : resume ? utcDate(utcMidnight(resume) - REVISE_DAYS * DAY_MS) : t.since;
    const start = [floor, t.since, wanted].sort().at(-1) as string;
    if (start > end || halt) return;
    asked++;
    const metrics = Object.keys(t.video ? { ...STANDARD, ...VIDEO } : STANDARD) as PinMetric[];
    try {
      const answer = await api.pinAnalytics(t.pinId, start, end, metrics);
      for (const d of answer.all?.daily_metrics ?? []) {
        // Only final figures are stored; PROCESSING days are read again next time.
        if (d.data_status !== 'READY' || !d.date || !d.metrics) continue;
        const m: MetricRow['metrics'] = {};
        for (const [name, col] of Object.entries({ ...STANDARD, ...(t.video ? VIDEO : {}) })) {
          const v = d.metrics[name];
          if (typeof v === 'number') m[col] = v;
        }
        fresh.push({ date: d.date, pin: t.key, pin_id: t.pinId, metrics: m });
      }
    } catch (err) {
      if (err instanceof PinterestError && err.kind === 'not-found') {
        gone.push({ key: t.key, pinId: t.pinId });
        opts.log(`· ${t.key}: pin ${t.pinId} no longer exists on Pinterest; its figures stop here`);
        return;
      }
      if (err instanceof PinterestError && ['credentials', 'scope', 'spam-rate-limit', 'rate-limit'].includes(err.kind)) halt ??= err;
      failed.push({ key: t.key, pinId: t.pinId, error: err instanceof Error ? err.message : String(err) });
      opts.log(`✖ analytics of ${t.key} (pin ${t.pinId}): ${err instanceof Error ? err.message : String(err)}`);
    }
  });

  const months = new Map<string, MetricRow[]>();
  for (const r of fresh) months.set(r.date.slice(0, 7), [...(months.get(r.date.slice(0, 7)) ?? []), r]);
  const written = new Map<string, MetricRow[]>();
  if (months.size > 0) {
    await store.commit(
      `pinops: analytics of ${new Set(fresh.map((r) => r.pin_id)).size} pin(s) to ${end}`,
      () => true,
      () => [],
      async (read) => {
        written.clear();
        const files: Record<string, string> = {};
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
  }
  // What is stored now: the months written, and the readable months this run did not touch.
  const rows = [...stored.filter((r) => !written.has(r.date.slice(0, 7))), ...[...written.values()].flat()];
  return {
    asked,
    fetched: fresh.length,
    rows,
    ledger,
    gone,
    failed,
    broken,
    requests: api.transport.stats.requests - before.requests,
    rateLimited: api.transport.stats.rateLimited - before.rateLimited,
    elapsedMs: performance.now() - started,
  };
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
  const none = { asked: 0, fetched: 0, rows: [], ledger, gone: [], failed: [], broken: [], requests: 0, rateLimited: 0, elapsedMs: 0 };
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
    ...(opts.days !== undefined ? { days: opts.days } : {}),
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
  });
  return { ...collected, summary: summarize(collected.rows, collected.ledger, now, opts.summaryDays ?? 30), session, warnings: opts.session ? [] : session.credentials.warnings };
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
