import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize, summaryMarkdown } from '../src/analytics/summary.js';
import { collectAnalytics } from '../src/flows/analytics.js';
import type { LedgerEntry } from '../src/ledger/format.js';
import { gitLedgerStore } from '../src/ledger/store.js';
import { createPinterestClient } from '../src/pinterest/client.js';
import { startSimulator } from '../src/pinterest/simulator.js';
import { initWithLocalOrigin, originBeside } from '../src/util/local-repo.js';

export const ANALYTICS_PINS = 1000;
export const ANALYTICS_ALLOWED_PER_SECOND = 100;
export const ANALYTICS_LATENCY_MS = 20;
const DAYS = 30;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * Collect 30 days of analytics for 1,000 published pins from the simulator, which answers after
 * 20 ms and allows 100 analytics requests a second (fixed one-second windows): the achieved
 * request rate against the allowed one, 429s, wall time; then the summary of the 30,000 rows,
 * rendered in-process (median of 7), beside a bare loop that only sums the rows per day.
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
  const dir = await mkdtemp(join(tmpdir(), 'pinops-bench-analytics-'));
  const root = join(dir, 'repo');
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'README.md'), 'bench\n');
  initWithLocalOrigin(root, originBeside(dir), 'bench');
  const answered: number[] = [];
  const sim = await startSimulator({
    latencyMs: ANALYTICS_LATENCY_MS,
    rateLimit: { limit: ANALYTICS_ALLOWED_PER_SECOND, windowMs: 1000 },
    accessTokens: ['t'],
    onExchange: (e) => {
      if (e.route === '/pins/{pin_id}/analytics' && e.status === 200) answered.push(performance.now());
    },
  });
  try {
    // 1,000 pins published 30 days ago, on the simulator and in the ledger.
    const created = new Date(Date.now() - DAYS * 86_400_000).toISOString();
    const pins: Record<string, LedgerEntry> = {};
    for (let i = 0; i < ANALYTICS_PINS; i++) {
      const id = String(5_000_000_000_000_000_000n + BigInt(i));
      sim.state.pins.set(id, { id, created_at: created, title: `Pin ${i}`, board_id: '1', media: { media_type: 'image' } } as never);
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
    const api = createPinterestClient({ base: sim.url, accessToken: 't' });
    const start = performance.now();
    const r = await collectAnalytics({ api, store, now: new Date(), log: () => {} });
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
