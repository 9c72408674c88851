import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseMonth } from '../../src/analytics/csv.js';
import { chooseSeries, defaultSeriesPerRun } from '../../src/analytics/rotation.js';
import { summarize, summaryMarkdown, withTotals } from '../../src/analytics/summary.js';
import { parseTotals, TOTALS_COLUMNS } from '../../src/analytics/totals.js';
import { collectAnalytics, figuresByPin, readMonths, seriesBudget } from '../../src/flows/analytics.js';
import type { LedgerEntry } from '../../src/ledger/format.js';
import { gitLedgerStore, type LedgerStore } from '../../src/ledger/store.js';
import { createPinterestClient } from '../../src/pinterest/client.js';
import { type Simulator, startSimulator } from '../../src/pinterest/simulator.js';
import { parseSettings } from '../../src/settings/load.js';
import { DAY_MS, utcDate } from '../../src/util/duration.js';
import { ContractChecker } from '../helpers/contract.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { SPEC_PATH } from '../helpers/spec-path.js';
import { virtualClock } from '../helpers/virtual-clock.js';

const repos = tempGitRepos();
const sims: Simulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

const NOW = Date.parse('2026-12-01T06:00:00Z');
const TODAY = utcDate(NOW);
const YESTERDAY = utcDate(NOW - DAY_MS);
/** Pinterest as documented: no rate-limit headers; the documented Standard limits enforced. */
const STANDARD = {
  rateLimitHeaders: false,
  rateLimits: { org_analytics: { limit: 60, windowMs: 60_000 }, org_read: { limit: 1000, windowMs: 60_000 }, org_write: { limit: 100, windowMs: 60_000 } },
};

/** `n` pins published `ageDays` ago (the first `recent` of them 2 days ago), on the simulator and in a real ledger. */
async function account(n: number, opts: { ageDays?: number; recent?: number } = {}) {
  const clock = virtualClock(NOW);
  const contract = new ContractChecker();
  const sim = await startSimulator({ accessTokens: ['t'], now: clock.now, ...STANDARD, onExchange: (e) => contract.check(e) });
  sims.push(sim);
  const pins: Record<string, LedgerEntry> = {};
  for (let i = 0; i < n; i++) {
    const id = String(5_000_000_000_000_000_000n + BigInt(i));
    const at = new Date(NOW - (i < (opts.recent ?? 0) ? 2 : (opts.ageDays ?? 30)) * DAY_MS).toISOString();
    sim.state.pins.set(id, { id, created_at: at, title: `Pin ${i}`, board_id: '1', media: { media_type: 'image' } } as never);
    pins[`p${i}`] = { state: 'published', pin_id: id, board: 'B', content: 'c', media: 'm', title: `Pin ${i}`, published_at: at, run: 'seed' };
  }
  const repo = await repos({ 'README.md': 'x\n' });
  const store: LedgerStore = gitLedgerStore(repo.root, 'pinops-ledger');
  await store.commit(
    'seed',
    (l) => {
      l.pins = pins;
      return true;
    },
    () => [],
  );
  const api = createPinterestClient({ base: sim.url, accessToken: 't', clock });
  const collect = (budget = { perRun: 120, recentDays: 7 }, day = NOW) => collectAnalytics({ api, store, now: new Date(day), log: () => {}, budget, concurrency: 1 });
  return { sim, api, clock, contract, store, collect };
}

describe('analytics within the rate limits', () => {
  it('1,000 pins under 60 analytics requests a minute: every pin’s totals fresh, 120 daily series, one wait of a minute, no 429', async () => {
    const w = await account(1000);
    const r = await w.collect();
    // Every pin's totals, from 4 pages of 250 on org_read.
    expect(r.totals).toHaveLength(1000);
    expect(r.totals.every((t) => t.as_of === TODAY && (t.d90.impressions ?? 0) > 0)).toBe(true);
    expect(w.sim.exchanges.filter((e) => e.route === '/pins' && e.method === 'GET')).toHaveLength(4);
    // The daily figures of 120 pins; the other 880 wait their turn.
    expect(r.asked).toBe(120);
    expect(r.deferred).toBe(880);
    expect(r.failed).toEqual([]);
    expect(w.sim.state.rateLimitedRequests).toBe(0);
    expect(r.rateLimited).toBe(0);
    // 120 at 60 a minute: the first 60 at once, then one wait for the minute to pass; none for the listing.
    expect(w.clock.slept.filter((ms) => ms > 30_000)).toHaveLength(1);
    expect(w.clock.slept.filter((ms) => ms > 1000)).toHaveLength(1);
    const files = await w.store.readFolder('analytics');
    const totals = parseTotals(files.get('totals.csv') as string);
    expect(totals).toHaveLength(1000);
    expect(w.contract.violations).toEqual([]);
    // The summary says so: the totals of all 1,000, and that 880 pins' days come later.
    const md = summaryMarkdown(withTotals(summarize(r.rows, r.ledger, new Date(NOW)), r.totals, r.deferred));
    expect(md).toMatch(
      /^\*\*[\d,]+\*\* impressions, \*\*[\d,]+\*\* pin clicks, \*\*[\d,]+\*\* outbound clicks over the last 90 days, from 1,000 pin\(s\) \(Pinterest's totals on 2026-12-01\)$/m,
    );
    expect(md).toContain('The daily figures of 880 pin(s) are read on later runs');
  });

  it('runs take turns through the older pins, the recent ones read every run, deterministically', async () => {
    const w = await account(10, { recent: 2 });
    const read: string[][] = [];
    for (let run = 0; run < 4; run++) {
      const before = w.sim.exchanges.length;
      await w.collect({ perRun: 4, recentDays: 7 }, NOW + run * 3_600_000);
      read.push(
        w.sim.exchanges
          .slice(before)
          .filter((e) => e.route === '/pins/{pin_id}/analytics')
          .map((e) => `p${Number(BigInt(e.path.split('/')[3] as string) - 5_000_000_000_000_000_000n)}`),
      );
    }
    // p0 and p1 are recent: every run. The eight older pins: two a run, the longest unread first.
    expect(read).toEqual([
      ['p0', 'p1', 'p2', 'p3'],
      ['p0', 'p1', 'p4', 'p5'],
      ['p0', 'p1', 'p6', 'p7'],
      ['p0', 'p1', 'p8', 'p9'],
    ]);
    const { rows, broken } = await readMonths(w.store);
    expect(broken).toEqual([]);
    expect(new Set(rows.map((r) => r.pin)).size).toBe(10);
    expect(rows.every((r) => r.date <= YESTERDAY)).toBe(true);
  });

  it('keeps the month files as they were (readMonths, figuresByPin) and puts the totals beside them', async () => {
    const w = await account(3, { ageDays: 5 });
    const r = await w.collect();
    const files = await w.store.readFolder('analytics');
    expect([...files.keys()].sort()).toEqual(['2026-11.csv', 'totals.csv']);
    const months = parseMonth(files.get('2026-11.csv') as string, 'analytics/2026-11.csv', '2026-11');
    expect(months).toHaveLength(3 * 5);
    const { rows, broken } = await readMonths(w.store);
    expect(broken).toEqual([]);
    expect(rows).toEqual(expect.arrayContaining(months));
    expect(rows).toHaveLength(months.length);
    expect(figuresByPin(rows).get('p0')).toHaveLength(5);
    expect((files.get('totals.csv') as string).split('\n')[0]).toBe(TOTALS_COLUMNS.join(','));
    // The totals agree with the daily figures: 5 days, all within the 90.
    for (const t of parseTotals(files.get('totals.csv') as string)) {
      const days = rows.filter((x) => x.pin_id === t.pin_id);
      expect(t.d90.impressions).toBe(days.reduce((n, x) => n + (x.metrics.impressions ?? 0), 0));
      expect(t.d90.outbound_clicks).toBe(days.reduce((n, x) => n + (x.metrics.outbound_clicks ?? 0), 0));
      expect(t.lifetime.pin_clicks).toBe(days.reduce((n, x) => n + (x.metrics.pin_clicks ?? 0), 0));
    }
    expect(r.totals).toHaveLength(3);
  });

  it('a pin on a secret board, which the account’s list does not show, gets its totals from its board’s list', async () => {
    const w = await account(3, { ageDays: 5 });
    w.sim.state.boards.set('77', { id: '77', name: 'Secret', privacy: 'SECRET' } as never);
    const secretPin = w.sim.state.pins.get('5000000000000000000') as { board_id?: string };
    secretPin.board_id = '77';
    const ledger = await w.store.load();
    await w.store.commit(
      'board ids',
      (l) => {
        // Entries are replaced, not edited: the store hands out frozen ones.
        for (const [k, e] of Object.entries(l.pins)) l.pins[k] = { ...e, board_id: e.pin_id === '5000000000000000000' ? '77' : '1' };
        return true;
      },
      () => [],
    );
    expect(Object.keys(ledger.pins)).toHaveLength(3);
    const r = await w.collect();
    expect(r.totals.map((t) => t.pin).sort()).toEqual(['p0', 'p1', 'p2']);
    const lists = w.sim.exchanges.filter((e) => e.route === '/pins' || e.route === '/boards/{board_id}/pins').map((e) => e.path);
    expect(lists).toEqual(['/v5/pins', '/v5/boards/77/pins']);
    expect(w.contract.violations).toEqual([]);
  });

  it('a listing that fails is said, the daily figures are read all the same, and the stored totals are kept', async () => {
    const w = await account(3, { ageDays: 5 });
    await w.collect();
    const before = (await w.store.readFolder('analytics')).get('totals.csv');
    w.sim.inject({ method: 'GET', route: '/pins', when: 'before', action: { status: 500, body: { code: 1, message: 'Internal error' } }, times: 20 });
    const r = await w.collect(undefined, NOW + DAY_MS);
    expect(r.totalsError).toMatch(/HTTP 500/);
    expect(r.asked).toBe(3);
    expect(r.fetched).toBeGreaterThan(0);
    expect((await w.store.readFolder('analytics')).get('totals.csv')).toBe(before);
  });
});

describe('which pins get their daily figures', () => {
  const c = (pinId: string, since: string, lastStored?: string, listed = true) => ({ pinId, since, lastStored, listed });
  const today = Date.parse('2026-12-01T00:00:00Z');

  it('recent ones first (newest first), then those the listing did not show, then the longest unread, then by id', () => {
    const all = [
      c('10', '2026-01-01', '2026-11-29'),
      c('11', '2026-01-01', undefined),
      c('12', '2026-11-28', '2026-11-30'),
      c('13', '2026-11-30', undefined),
      c('9', '2026-01-01', '2026-11-20'),
      c('14', '2026-01-01', '2026-11-30', false),
      c('8', '2026-01-01', '2026-11-20'),
    ];
    const { chosen, deferred } = chooseSeries(all, { perRun: 5, recentDays: 7, today });
    expect(chosen.map((x) => x.pinId)).toEqual(['13', '12', '14', '11', '8']);
    expect(deferred.map((x) => x.pinId)).toEqual(['9', '10']);
  });

  it('defaults: 120 a run; with a daily cap on org_analytics (trial), a 24th of it', () => {
    expect(defaultSeriesPerRun(undefined)).toBe(120);
    const trial = parseSettings('pinops.yml', new TextEncoder().encode('rate_limits:\n  access: trial\n'));
    const given = parseSettings('pinops.yml', new TextEncoder().encode('analytics:\n  daily_series_per_run: 30\n  recent_days: 3\n'));
    if (!trial.ok || !given.ok) throw new Error('settings did not parse');
    expect(seriesBudget(trial.settings)).toEqual({ perRun: 41, recentDays: 7 });
    expect(seriesBudget(given.settings)).toEqual({ perRun: 30, recentDays: 3 });
  });
});

describe('the simulator answers pin_metrics as the spec shows them', () => {
  it('GET /pins?pin_metrics=true: 250 a page, 90d and lifetime_metrics with the names of the spec’s example', async () => {
    const w = await account(260, { ageDays: 100 });
    const pins = await w.api.listPinsWithMetrics();
    expect(pins).toHaveLength(260);
    const pages = w.sim.exchanges.filter((e) => e.route === '/pins');
    expect(pages.map((e) => (e.responseBody as { items: unknown[] }).items.length)).toEqual([250, 10]);
    expect(pages.every((e) => e.query.pin_metrics === 'true' && e.query.page_size === '250')).toBe(true);
    const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8'));
    const example = spec.components.schemas.Pin.properties.pin_metrics.example as Record<string, Record<string, number>>;
    for (const p of pins) {
      const m = p.pin_metrics as unknown as Record<string, Record<string, number>>;
      expect(Object.keys(m).sort()).toEqual(Object.keys(example).sort());
      for (const period of Object.keys(example)) expect(Object.keys(m[period] ?? {}).sort()).toEqual(Object.keys(example[period] ?? {}).sort());
      // 100 days old: the lifetime holds more than the 90 days.
      expect((m.lifetime_metrics?.impression ?? 0) > (m['90d']?.impression ?? 0)).toBe(true);
    }
    // Without pin_metrics, none.
    const plain = (await (await fetch(`${w.sim.url}/pins?page_size=5`, { headers: { Authorization: 'Bearer t' } })).json()) as { items: { pin_metrics?: unknown }[] };
    expect(plain.items).toHaveLength(5);
    expect(plain.items.every((p) => p.pin_metrics === undefined)).toBe(true);
    expect(w.contract.violations).toEqual([]);
  });
});
