import { afterEach, describe, expect, it } from 'vitest';
import { runAnalytics } from '../../src/flows/analytics.js';
import { publish } from '../../src/flows/publish.js';
import { gitLedgerStore } from '../../src/ledger/store.js';
import type { Simulator } from '../../src/pinterest/simulator.js';
import { planText } from '../../src/plan/render.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { logAt } from '../helpers/ledger-branch.js';
import { contractSimulator, currentRefreshToken } from '../helpers/publish-env.js';
import { BASE, mdPin } from '../helpers/repo.js';

const repos = tempGitRepos();
const sims: Simulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

const CARD = 'templates:\n  fresh:\n    width: 500\n    height: 750\n    texts:\n      - { field: title, x: 20, y: 600, width: 460, size: 32, weight: bold }\n';

/** Pins published 10 days ago (the simulator dates them back), ready for rules to act on. */
async function setup(settings: string, pins: Record<string, string>) {
  const repo = await repos({ ...BASE, 'content/boards.yml': 'boards:\n  - name: Winter Looks\n  - name: Cozy Home\n  - name: Gift Ideas\n', 'pinops.yml': settings, ...pins });
  const { sim, contract, env } = await contractSimulator({ backdateDays: 10 });
  sims.push(sim);
  const logs: string[] = [];
  const common = () => ({ root: repo.root, env: { ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) }, mask: () => {}, log: (l: string) => logs.push(l) });
  const run = (over: Partial<Parameters<typeof publish>[0]> = {}) => publish({ ...common(), dryRun: false, runId: `run-${Math.random().toString(36).slice(2, 6)}`, ...over });
  const ledger = () => gitLedgerStore(repo.root, 'pinops-ledger').load();
  const log = () => logAt(repo.root);
  return { repo, sim, contract, run, ledger, log, logs, analytics: () => runAnalytics({ ...common(), runId: 'a' }) };
}

describe('rules', () => {
  it('interval pinning: saves the pin to its boards: list, shown in the plan first, recorded in the ledger and its log', async () => {
    const w = await setup('', { 'content/pins/a.md': `${mdPin({ id: 'a' }).replace('---\n', '---\nboards: [Cozy Home, Gift Ideas]\ninterval: 2d\n')}` });
    await w.run();
    const dry = await w.run({ dryRun: true });
    expect(planText(dry.plan)).toContain('rule        a: save to Cozy Home  (interval: in this run; boards: every 2d)');
    const second = await w.run();
    expect(second.outcomes.map((o) => `${o.action}:${o.result}`)).toEqual(['save:ok']);
    const e = (await w.ledger()).pins.a;
    const saved = w.sim.state.pins.get(e?.saves?.[0]?.pin_id as string);
    expect(saved?.parent_pin_id).toBe(e?.pin_id);
    expect([...w.sim.state.boards.values()].find((b) => b.id === saved?.board_id)?.name).toBe('Cozy Home');
    expect((await w.log()).filter((l) => l.action === 'save').map((l) => `${l.result}:${l.rule}`)).toEqual(['intent:interval', 'ok:interval']);
    // The next board waits for its interval after this save.
    const third = await w.run();
    expect(third.outcomes).toEqual([]);
    expect(third.plan.rules.map((r) => `${r.board}:${r.status}`)).toEqual(['Gift Ideas:scheduled']);
    expect(w.contract.violations).toEqual([]);
  });

  it('save_to: a pin past the threshold in the stored analytics is saved to the rule boards, once', async () => {
    const rule = 'rules:\n  - name: popular\n    when: { impressions: 50, within: 30d }\n    save_to: [{ board: Gift Ideas }]\n';
    const w = await setup(rule, { 'content/pins/a.md': mdPin({ id: 'a' }) });
    await w.run();
    expect((await w.run({ dryRun: true })).plan.rules).toEqual([]);
    await w.analytics();
    const r = await w.run();
    expect(r.outcomes.map((o) => `${o.key} ${o.action} ${o.detail}: ${o.result}`)).toEqual(['a save popular: to Gift Ideas: ok']);
    expect((await w.run()).outcomes).toEqual([]);
    expect([...w.sim.state.pins.values()].filter((p) => p.parent_pin_id)).toHaveLength(1);
  });

  it('evergreen: publishes the pin again with a fresh creative, keeps the earlier pin for analytics', async () => {
    const settings = `${CARD}rules:\n  - name: evergreen\n    republish_after: 7d\n    templates: [fresh]\n`;
    const w = await setup(settings, { 'content/pins/a.md': mdPin({ id: 'a' }) });
    await w.run();
    const first = (await w.ledger()).pins.a?.pin_id;
    const r = await w.run();
    expect(r.outcomes.map((o) => `${o.action}:${o.result}`)).toEqual(['republish:ok']);
    const e = (await w.ledger()).pins.a;
    expect(e?.earlier?.map((x) => x.pin_id)).toEqual([first]);
    expect(e?.pin_id).not.toBe(first);
    const sent = w.sim.exchanges.filter((x) => x.route === '/pins' && x.method === 'POST').at(-1)?.requestBody as { media_source: { content_type: string; data: string } };
    // The template's creative (500×750, of the pin's photo: a JPEG), not the pin's own 600×900 image.
    const { default: sharp } = await import('sharp');
    const meta = await sharp(Buffer.from(sent.media_source.data, 'base64')).metadata();
    expect([sent.media_source.content_type, meta.format, meta.width, meta.height]).toEqual(['image/jpeg', 'jpeg', 500, 750]);
    // Analytics follow both the new pin and the earlier one.
    const a = await w.analytics();
    expect(new Set(a.rows.map((x) => x.pin_id))).toEqual(new Set([first, e?.pin_id]));
  });

  it('a save whose answer was lost is found on the board by the next run, never sent twice', async () => {
    const w = await setup('', { 'content/pins/a.md': `${mdPin({ id: 'a' }).replace('---\n', '---\nboards: [Cozy Home]\n')}` });
    await w.run();
    w.sim.inject({ method: 'POST', route: '/pins/{pin_id}/save', when: 'after', action: 'reset' });
    const lost = await w.run();
    expect(lost.outcomes.map((o) => `${o.action}:${o.result}`)).toEqual(['save:unknown']);
    expect((await w.ledger()).pins.a?.pending?.kind).toBe('save');
    const next = await w.run();
    expect(next.plan.rules.map((r) => r.status)).toEqual(['unknown']);
    expect(next.outcomes.map((o) => `${o.action}:${o.result}`)).toEqual(['save:ok']);
    const e = (await w.ledger()).pins.a;
    expect(e?.pending).toBeUndefined();
    expect(e?.saves).toHaveLength(1);
    expect(w.sim.exchanges.filter((x) => x.route === '/pins/{pin_id}/save')).toHaveLength(1);
    expect([...w.sim.state.pins.values()].filter((p) => p.parent_pin_id)).toHaveLength(1);
  });
});
