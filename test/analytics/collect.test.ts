import { afterEach, describe, expect, it } from 'vitest';
import { parseMonth, serializeMonth } from '../../src/analytics/csv.js';
import { summarize, summaryMarkdown } from '../../src/analytics/summary.js';
import { runAnalytics } from '../../src/flows/analytics.js';
import { publish } from '../../src/flows/publish.js';
import { gitLedgerStore } from '../../src/ledger/store.js';
import type { Simulator, SimulatorOptions } from '../../src/pinterest/simulator.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { contractSimulator, currentRefreshToken } from '../helpers/publish-env.js';
import { BASE, mdPin } from '../helpers/repo.js';

const repos = tempGitRepos();
const sims: Simulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Three pins (one a video) published `backdate` days ago on the simulator. */
async function published(backdate: number, sim: SimulatorOptions = {}) {
  const repo = await repos({
    ...BASE,
    'content/pins/a.md': mdPin({ title: 'Boots A' }),
    'content/pins/b.md': mdPin({ title: 'Boots B', link: 'https://shop.example.com/b' }),
    'content/pins/c.yml': 'title: Cocoa\nboard: Cozy Home\nvideo: ../media/cocoa.mp4\ncover: ../media/cover.jpg\nalt_text: cocoa\n',
  });
  const s = await contractSimulator({ backdateDays: backdate, ...sim });
  sims.push(s.sim);
  const env = () => ({ ...s.env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(s.sim) });
  const logs: string[] = [];
  const common = () => ({ root: repo.root, env: env(), runId: 'r', mask: () => {}, log: (l: string) => logs.push(l) });
  await publish({ ...common(), dryRun: false });
  const store = () => gitLedgerStore(repo.root, 'pinops-ledger');
  return { repo, ...s, logs, store, analytics: (over: Partial<Parameters<typeof runAnalytics>[0]> = {}) => runAnalytics({ ...common(), ...over }) };
}

describe('analytics', () => {
  it('stores one row per pin per day on the ledger branch, video metrics for the video, and replaces a re-run day', async () => {
    const w = await published(20);
    const first = await w.analytics();
    expect(first.asked).toBe(3);
    // Created 20 days ago: that day through yesterday.
    expect(first.fetched).toBe(3 * 20);
    expect(first.failed).toEqual([]);
    const files = await w.store().readFolder('analytics');
    const today = Date.parse(`${isoDay(Date.now())}T00:00:00Z`);
    const months = new Set(Array.from({ length: 20 }, (_, i) => isoDay(today - (i + 1) * DAY).slice(0, 7)));
    // The month files, and the totals of every pin (analytics/totals.csv).
    expect([...files.keys()].sort()).toEqual([...[...months].map((m) => `${m}.csv`), 'totals.csv'].sort());
    const rows = [...files].filter(([name]) => name !== 'totals.csv').flatMap(([name, text]) => parseMonth(text, name, name.slice(0, 7)));
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => `${r.pin_id}|${r.date}`)).size).toBe(60);
    expect(rows.every((r) => r.date < isoDay(today))).toBe(true);
    const video = rows.filter((r) => r.pin === 'c');
    expect(video.every((r) => typeof r.metrics.video_views === 'number')).toBe(true);
    expect(rows.filter((r) => r.pin !== 'c').every((r) => r.metrics.video_views === undefined && typeof r.metrics.impressions === 'number')).toBe(true);

    // The same day again: only the last days are asked for, and nothing is duplicated.
    const again = await w.analytics();
    expect(again.fetched).toBe(3 * 3);
    const after = [...(await w.store().readFolder('analytics'))].filter(([name]) => name !== 'totals.csv').flatMap(([name, text]) => parseMonth(text, name, name.slice(0, 7)));
    expect(after).toEqual(expect.arrayContaining(rows));
    expect(after).toHaveLength(60);
    // --days: a window of its own, never past Pinterest's 90 days.
    const wide = await w.analytics({ days: 200 });
    expect(wide.fetched).toBe(60);
    expect(w.contract.violations).toEqual([]);
    const asked = w.sim.exchanges.filter((e) => e.route === '/pins/{pin_id}/analytics');
    expect(asked.every((e) => e.status === 200 && (e.query.start_date as string) >= isoDay(today - 90 * DAY))).toBe(true);
  });

  it('waits out 429s, records a pin deleted on Pinterest as gone, and still stores the others', async () => {
    const w = await published(5);
    const ledger = await w.store().load();
    w.sim.state.pins.delete(ledger.pins.b?.pin_id as string);
    w.sim.inject({
      method: 'GET',
      route: '/pins/{pin_id}/analytics',
      when: 'before',
      action: { status: 429, body: { code: 8, message: 'Rate limit exceeded.' }, headers: { 'retry-after': '0.2' } },
      times: 4,
    });
    const r = await w.analytics({ concurrency: 1 });
    expect(r.rateLimited).toBe(4);
    expect(r.gone).toEqual([{ key: 'b', pinId: ledger.pins.b?.pin_id }]);
    expect(r.failed).toEqual([]);
    expect(new Set(r.rows.map((x) => x.pin))).toEqual(new Set(['a', 'c']));
    expect(r.rows).toHaveLength(2 * 5);
    expect(w.logs.join('\n')).toMatch(/b: pin \d+ no longer exists on Pinterest/);
  });

  it('leaves a broken month file as it is, says where it is broken, and writes the other months', async () => {
    const w = await published(45);
    const today = Date.parse(`${isoDay(Date.now())}T00:00:00Z`);
    const brokenMonth = isoDay(today - 40 * DAY).slice(0, 7);
    const broken = `${serializeMonth([])}2026-01-01,"unclosed,1,2\n`;
    await w.store().commit(
      'hand edit',
      () => true,
      () => [],
      async () => ({ [`analytics/${brokenMonth}.csv`]: broken }),
    );
    const r = await w.analytics();
    expect(r.broken.map((e) => e.file)).toEqual([`analytics/${brokenMonth}.csv`]);
    expect(r.broken[0]?.message).toMatch(/line 2: not a valid CSV/);
    const files = await w.store().readFolder('analytics');
    expect(files.get(`${brokenMonth}.csv`)).toBe(broken);
    const others = [...files.keys()].filter((n) => n !== `${brokenMonth}.csv` && n !== 'totals.csv');
    expect(others.length).toBeGreaterThan(0);
    const stored = others.flatMap((n) => parseMonth(files.get(n) as string, n, n.slice(0, 7)));
    expect(stored.length).toBe(r.rows.length);
    expect(stored.every((x) => x.date.slice(0, 7) !== brokenMonth)).toBe(true);
    // Every day of the other months is there, for each of the three pins.
    const expected = Array.from({ length: 45 }, (_, i) => isoDay(today - (i + 1) * DAY)).filter((d) => d.slice(0, 7) !== brokenMonth);
    expect(stored.length).toBe(3 * expected.length);
  });

  it('summarises totals per day, the top pins and the under-performers', async () => {
    const w = await published(12);
    const r = await w.analytics();
    const s = r.summary;
    expect(s.days).toHaveLength(30);
    const sum = (k: 'impressions' | 'saves' | 'outbound_clicks') => r.rows.reduce((n, x) => n + (x.metrics[k] ?? 0), 0);
    expect(s.totals.impressions).toBe(sum('impressions'));
    expect(s.totals.saves).toBe(sum('saves'));
    expect(s.days.reduce((n, d) => n + d.outbound_clicks, 0)).toBe(sum('outbound_clicks'));
    const best = [...s.pins].sort((a, b) => b.outbound_clicks - a.outbound_clicks)[0];
    expect(s.topByOutbound[0]?.key).toBe(best?.key);
    expect(s.topByOutbound[0]?.url).toMatch(/^https:\/\/www\.pinterest\.com\/pin\/\d+\/$/);
    const md = summaryMarkdown(s);
    expect(md).toContain('```mermaid\nxychart-beta');
    expect(md).toContain('### Top pins by saves');
    expect(md).toContain(`[${s.topBySaves[0]?.title}](${s.topBySaves[0]?.url})`);

    // A pin with a tenth of the others' impressions, up for two weeks, is named as under-performing.
    const ledger = structuredClone(r.ledger);
    for (const e of Object.values(ledger.pins)) e.published_at = new Date(Date.now() - 14 * DAY).toISOString();
    const rows = r.rows.map((x) => (x.pin === 'a' ? { ...x, metrics: { ...x.metrics, impressions: Math.floor((x.metrics.impressions ?? 0) / 50) } } : x));
    const weak = summarize(rows, ledger, new Date());
    expect(weak.underperforming.map((p) => p.key)).toEqual(['a']);
    expect(summaryMarkdown(weak)).toContain('### Under-performing pins');
  });
});
