import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize, summaryMarkdown } from '../src/analytics/summary.js';
import { collectAnalytics, type SeriesBudget } from '../src/flows/analytics.js';
import type { LedgerEntry } from '../src/ledger/format.js';
import { gitLedgerStore, type LedgerStore } from '../src/ledger/store.js';
import { createPinterestClient } from '../src/pinterest/client.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../src/pinterest/simulator.js';
import { mapLimit } from '../src/util/concurrency.js';
import { initWithLocalOrigin, originBeside } from '../src/util/local-repo.js';

export const ANALYTICS_PINS = 1000;
export const ANALYTICS_ALLOWED_PER_SECOND = 100;
export const ANALYTICS_LATENCY_MS = 20;
/** Pinterest as documented: Standard access, no rate-limit headers, 150 ms an answer. */
export const LIMITS_LATENCY_MS = 150;
export const LIMITS_ANALYTICS_PER_MINUTE = 60;
const DAYS = 30;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** 1,000 pins published 30 days ago, on a simulator with `sim` options and in a real ledger with a bare origin. */
async function account(sim: SimulatorOptions): Promise<{ sim: Simulator; store: LedgerStore; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pinops-bench-analytics-'));
  const root = join(dir, 'repo');
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'README.md'), 'bench\n');
  initWithLocalOrigin(root, originBeside(dir), 'bench');
  const s = await startSimulator({ accessTokens: ['t'], ...sim });
  const created = new Date(Date.now() - DAYS * 86_400_000).toISOString();
  const pins: Record<string, LedgerEntry> = {};
  for (let i = 0; i < ANALYTICS_PINS; i++) {
    const id = String(5_000_000_000_000_000_000n + BigInt(i));
    s.state.pins.set(id, { id, created_at: created, title: `Pin ${i}`, board_id: '1', media: { media_type: 'image' } } as never);
    pins[`p${i}`] = { state: 'published', pin_id: id, board: 'Bench', content: 'c', media: 'm', title: `Pin ${i}`, published_at: created, run: 'bench' };
  }
  const store = gitLedgerStore(root, 'pinops-ledger');
  await store.commit(
    'bench ledger',
    (l) => {
      l.pins = pins;
      return true;
    },
    () => [],
  );
  return { sim: s, store, dir };
}

/**
 * A backfill: every one of the 1,000 pins' 30 days of daily figures (a budget of 1,000 series),
 * from a simulator that answers after 20 ms and allows 100 analytics requests a second with
 * `x-ratelimit-*` headers: the achieved request rate against the allowed one, 429s, wall time;
 * then the summary of the 30,000 rows, rendered in-process (median of 7), beside a bare loop that
 * only sums the rows per day.
 */
export async function analyticsBench(): Promise<{
  achievedPerSecond: number;
  ratio: number;
  rateLimited: number;
  wallMs: number;
  rows: number;
  summaryMs: number;
  baselineMs: number;
}> {
  const answered: number[] = [];
  const { sim, store, dir } = await account({
    latencyMs: ANALYTICS_LATENCY_MS,
    rateLimit: { limit: ANALYTICS_ALLOWED_PER_SECOND, windowMs: 1000 },
    onExchange: (e) => {
      if (e.route === '/pins/{pin_id}/analytics' && e.status === 200) answered.push(performance.now());
    },
  });
  try {
    const api = createPinterestClient({ base: sim.url, accessToken: 't' });
    const start = performance.now();
    const r = await collectAnalytics({ api, store, now: new Date(), log: () => {}, budget: { perRun: ANALYTICS_PINS, recentDays: 7 } });
    const wallMs = performance.now() - start;
    if (r.asked !== ANALYTICS_PINS || r.failed.length) throw new Error(`asked ${r.asked}, ${r.failed.length} failed`);
    const span = ((answered.at(-1) as number) - (answered[0] as number)) / 1000;
    const achievedPerSecond = (answered.length - 1) / span;

    const summaryRuns: number[] = [];
    const baselineRuns: number[] = [];
    for (let i = 0; i < 7; i++) {
      let t = performance.now();
      const md = summaryMarkdown(summarize(r.rows, r.ledger, new Date()));
      summaryRuns.push(performance.now() - t);
      if (!md.includes('xychart-beta')) throw new Error('no chart in the summary');
      t = performance.now();
      const perDay = new Map<string, number>();
      for (const row of r.rows) perDay.set(row.date, (perDay.get(row.date) ?? 0) + (row.metrics.impressions ?? 0));
      baselineRuns.push(performance.now() - t);
    }
    return {
      achievedPerSecond,
      ratio: achievedPerSecond / ANALYTICS_ALLOWED_PER_SECOND,
      rateLimited: r.rateLimited,
      wallMs,
      rows: r.rows.length,
      summaryMs: median(summaryRuns),
      baselineMs: median(baselineRuns),
    };
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A scheduled run as pinops makes it by default, against Pinterest as documented: the simulator
 * enforces Standard access's limits per category (org_analytics 60 a minute, org_read 1,000,
 * org_write 100) without any rate-limit header, and answers after 150 ms. Real time throughout.
 * Figures: wall time, pins with fresh totals, daily series read, the requests per category, 429s,
 * and how many scheduled runs it takes for every pin's daily figures to have been read.
 */
export async function analyticsLimitsBench(budget?: SeriesBudget): Promise<{
  wallMs: number;
  freshTotals: number;
  series: number;
  deferred: number;
  listingRequests: number;
  analyticsRequests: number;
  rateLimited: number;
  runsToReadAll: number;
}> {
  const { sim, store, dir } = await account({
    latencyMs: LIMITS_LATENCY_MS,
    rateLimitHeaders: false,
    rateLimits: {
      org_analytics: { limit: LIMITS_ANALYTICS_PER_MINUTE, windowMs: 60_000 },
      org_read: { limit: 1000, windowMs: 60_000 },
      org_write: { limit: 100, windowMs: 60_000 },
    },
  });
  try {
    const api = createPinterestClient({ base: sim.url, accessToken: 't' });
    const start = performance.now();
    const r = await collectAnalytics({ api, store, now: new Date(), log: () => {}, ...(budget ? { budget } : {}) });
    const wallMs = performance.now() - start;
    if (r.failed.length || r.totalsError) throw new Error(`${r.failed.length} failed; totals: ${r.totalsError ?? 'ok'}`);
    const today = new Date().toISOString().slice(0, 10);
    return {
      wallMs,
      freshTotals: r.totals.filter((t) => t.as_of === today).length,
      series: r.asked,
      deferred: r.deferred,
      listingRequests: sim.exchanges.filter((e) => e.method === 'GET' && e.route === '/pins').length,
      analyticsRequests: sim.exchanges.filter((e) => e.route === '/pins/{pin_id}/analytics').length,
      rateLimited: sim.state.rateLimitedRequests,
      runsToReadAll: Math.ceil(ANALYTICS_PINS / Math.max(1, r.asked)),
    };
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Pacing at scale (issue "At scale"): an allowed 10 requests a second in fixed one-second windows, 150 ms an answer. */
export const PACING_PER_SECOND = 10;
export const PACING_LATENCY_MS = 150;
export const PACING_CREATES = 300;

/** How the simulator tells its limit: headers with a reset to the millisecond, with a reset in whole seconds (rounded down), or none (pinops is given the rate in `rate_limits`). */
export type PacingHeaders = 'fraction' | 'whole-seconds' | 'none';

export interface PacingFigures {
  /** Accepted requests a second, from the first accepted to the last, against the allowed rate. */
  ratio: number;
  requests: number;
  rateLimited: number;
  /** 429s among all requests answered. */
  share: number;
  wallMs: number;
}

/** The simulator's options for one way of telling the limit, and the limits pinops is given without headers. */
function pacingWorld(headers: PacingHeaders, onAccepted: () => void, route: string) {
  const sim: SimulatorOptions = {
    latencyMs: PACING_LATENCY_MS,
    rateLimit: { limit: PACING_PER_SECOND, windowMs: 1000 },
    rateLimitHeaders: headers !== 'none',
    ...(headers === 'whole-seconds' ? { rateLimitReset: 'whole-seconds' as const } : {}),
    onExchange: (e) => {
      if (e.route === route && e.status < 300) onAccepted();
    },
  };
  const perMinute = PACING_PER_SECOND * 60;
  const limits = headers === 'none' ? { org_analytics: { perMinute }, org_read: { perMinute }, org_write: { perMinute } } : undefined;
  return { sim, limits };
}

function pacingFigures(accepted: number[], requests: number, rateLimited: number, wallMs: number): PacingFigures {
  const span = ((accepted.at(-1) as number) - (accepted[0] as number)) / 1000;
  return { ratio: (accepted.length - 1) / span / PACING_PER_SECOND, requests, rateLimited, share: rateLimited / requests, wallMs };
}

/**
 * Analytics of 1,000 pins, every pin's daily series in one run (6 requests at once, as pinops
 * sends them), at an allowed 10 a second: the fraction of that rate reached and the share of 429s.
 */
export async function analyticsPacingBench(headers: PacingHeaders): Promise<PacingFigures> {
  const accepted: number[] = [];
  const w = pacingWorld(headers, () => accepted.push(performance.now()), '/pins/{pin_id}/analytics');
  const { sim, store, dir } = await account(w.sim);
  try {
    const api = createPinterestClient({ base: sim.url, accessToken: 't', ...(w.limits ? { limits: w.limits } : {}) });
    const start = performance.now();
    const r = await collectAnalytics({ api, store, now: new Date(), log: () => {}, budget: { perRun: ANALYTICS_PINS, recentDays: 7 } });
    if (r.asked !== ANALYTICS_PINS || r.failed.length) throw new Error(`asked ${r.asked}, ${r.failed.length} failed`);
    const analytics = sim.exchanges.filter((e) => e.route === '/pins/{pin_id}/analytics');
    return pacingFigures(accepted, analytics.length, analytics.filter((e) => e.status === 429).length, performance.now() - start);
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** 300 pins created through the client, 3 at once (as the publisher keeps creates in flight), at an allowed 10 writes a second. */
export async function createsPacingBench(headers: PacingHeaders): Promise<PacingFigures> {
  const accepted: number[] = [];
  const w = pacingWorld(headers, () => accepted.push(performance.now()), '/pins');
  const sim = await startSimulator({ accessTokens: ['t'], ...w.sim });
  try {
    sim.state.boards.set('1', { id: '1', name: 'Bench' } as never);
    const api = createPinterestClient({ base: sim.url, accessToken: 't', ...(w.limits ? { limits: w.limits } : {}) });
    const start = performance.now();
    await mapLimit(Array.from({ length: PACING_CREATES }), 3, (_, i) =>
      api.createPin({ board_id: '1', title: `Pin ${i}`, media_source: { source_type: 'image_url', url: `https://example.com/${i}.jpg` } }),
    );
    const creates = sim.exchanges.filter((e) => e.method === 'POST' && e.route === '/pins');
    if (sim.state.creates !== PACING_CREATES) throw new Error(`${sim.state.creates} created`);
    return pacingFigures(accepted, creates.length, creates.filter((e) => e.status === 429).length, performance.now() - start);
  } finally {
    await sim.close();
  }
}

export const pacingLine = (what: string, f: PacingFigures) =>
  `  ${what.padEnd(34)} ${f.ratio.toFixed(2)} of the allowed rate, ${f.rateLimited} 429s of ${f.requests} requests (${(f.share * 100).toFixed(1)}%), ${(f.wallMs / 1000).toFixed(1)} s`;

// `npx tsx bench/analytics-bench.ts`: this piece alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === 'pacing') {
    for (const h of ['fraction', 'whole-seconds', 'none'] as const) console.log(pacingLine(`analytics, headers: ${h}`, await analyticsPacingBench(h)));
    for (const h of ['fraction', 'none'] as const) console.log(pacingLine(`creates, headers: ${h}`, await createsPacingBench(h)));
    process.exit(0);
  }
  const l = await analyticsLimitsBench();
  console.log(
    `analytics of ${ANALYTICS_PINS} pins, Standard limits without headers, ${LIMITS_LATENCY_MS} ms latency: ${(l.wallMs / 1000).toFixed(1)} s; ` +
      `${l.freshTotals} fresh totals (${l.listingRequests} listing requests), ${l.series} daily series (${l.analyticsRequests} analytics requests), ${l.deferred} deferred, ` +
      `${l.rateLimited} 429s; every pin's daily figures within ${l.runsToReadAll} runs`,
  );
  const b = await analyticsBench();
  console.log(
    `backfill with headers: ${b.achievedPerSecond.toFixed(1)}/s = ${b.ratio.toFixed(2)} of allowed, ${b.rateLimited} 429s, ${(b.wallMs / 1000).toFixed(1)} s, ${b.rows} rows; summary ${b.summaryMs.toFixed(1)} ms vs ${b.baselineMs.toFixed(1)} ms`,
  );
}
