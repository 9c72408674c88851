import { execFileSync } from 'node:child_process';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublishOptions } from '../../src/flows/publish.js';
import { summarise } from '../../src/flows/report.js';
import { gitLedgerStore } from '../../src/ledger/store.js';
import type { Simulator, SimulatorOptions } from '../../src/pinterest/simulator.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { mdPin } from '../helpers/repo.js';
import { expectExactlyOnce, inProcessWorld, numberedPins, numberedTitles } from './helpers.js';

const repos = tempGitRepos();
const sims: Simulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

const pins = numberedPins;
const titles = numberedTitles;

const world = (files: Record<string, string>, sim: SimulatorOptions = {}, extra: Partial<PublishOptions> = {}) =>
  inProcessWorld(repos, sims, files, { sim, defaults: { transport: { timeoutMs: 400, backoffMs: 10, maxRetries: 4 }, batchSize: 4, ...extra } });
/**
 * For a fault that meets a create after the first succeeded: one create at a time, so that what
 * the run does after it is what follows in order. (Until a create succeeds, creates go one at a
 * time anyway; crash.test.ts has faults among creates in flight.)
 */
const oneAtATime = { inFlight: 1 };

describe('rate limits', () => {
  it('a rate-limited account: pacing from the headers keeps 429s to the first, and every pin lands once', async () => {
    const w = await world(pins(8), { rateLimit: { limit: 3, windowMs: 300 } });
    const r = await w.run();
    expect(r.outcomes.filter((o) => o.result === 'ok')).toHaveLength(8);
    expect(r.rateLimited).toBeLessThanOrEqual(1);
    await expectExactlyOnce(w.repo.root, w.sim, titles(8));
    expect(w.contract.violations).toEqual([]);
  });

  it('a 429 storm on creates: each is waited out and retried, nothing twice', async () => {
    const w = await world(pins(3));
    w.sim.inject({
      method: 'POST',
      route: '/pins',
      when: 'before',
      action: { status: 429, headers: { 'retry-after': '0.05' }, body: { code: 29, message: 'You have exceeded your rate limit. Try again later.' } },
      times: 3,
    });
    const r = await w.run();
    expect(r.rateLimited).toBe(3);
    await expectExactlyOnce(w.repo.root, w.sim, titles(3));
  });

  it('the spam kind of 429 stops the run at once; the next run publishes the rest, nothing twice', async () => {
    const w = await world(pins(4));
    w.sim.inject({
      method: 'POST',
      route: '/pins',
      when: 'before',
      action: { status: 429, body: { code: 8, message: 'Your request was flagged as possible spam. Try again later.' } },
    });
    const first = await w.run();
    expect(first.outcomes.map((o) => `${o.key}:${o.result}`)).toEqual(['p0:error', 'p1:skipped', 'p2:skipped', 'p3:skipped']);
    expect(first.outcomes[0]?.advice).toContain('suspects spam');
    // The skips say why, as data the report reads (not by matching their text).
    expect(first.outcomes.slice(1).map((o) => o.halted)).toEqual(['spam-rate-limit', 'spam-rate-limit', 'spam-rate-limit']);
    expect(summarise(first).halted?.key).toBe('p1');
    expect(w.sim.state.creates).toBe(0);
    const ledger = await gitLedgerStore(w.repo.root, 'pinops-ledger').load();
    expect(ledger.pins).toEqual({});
    await w.run();
    await expectExactlyOnce(w.repo.root, w.sim, titles(4));
  });
});

describe('server errors and time-outs', () => {
  it('retries 500s on reads', async () => {
    const w = await world(pins(1));
    w.sim.inject({ method: 'GET', route: '/boards', when: 'before', action: { status: 500 }, times: 2 });
    const r = await w.run();
    expect(r.outcomes.map((o) => o.result)).toEqual(['ok']);
  });

  for (const [name, fault] of [
    ['a 500 to a create that did not happen', { when: 'before', action: { status: 500 } }],
    ['a 500 to a create that did happen', { when: 'after', action: { status: 500 } }],
    ['a create that timed out before Pinterest acted', { when: 'before', action: 'hang' }],
    ['a create that timed out after Pinterest acted', { when: 'after', action: 'hang' }],
    ['a connection reset after the create was sent', { when: 'after', action: 'reset' }],
  ] as const) {
    it(`${name}: never retried blindly; the next run looks, then adopts or creates`, async () => {
      const w = await world(pins(2));
      w.sim.inject({ method: 'POST', route: '/pins', ...fault });
      const first = await w.run();
      expect(first.outcomes.map((o) => `${o.key}:${o.result}`)).toEqual(['p0:unknown', 'p1:ok']);
      const happened = fault.when === 'after';
      expect(w.sim.state.creates).toBe(happened ? 2 : 1);
      const second = await w.run();
      expect(second.plan.actions.find((a) => a.key === 'p0')?.kind).toBe('unknown');
      expect(second.outcomes.find((o) => o.key === 'p0')?.action).toBe(happened ? 'adopt' : 'create');
      await expectExactlyOnce(w.repo.root, w.sim, titles(2));
    });
  }
});

describe('the account changes under pinops', () => {
  it('a 401 in the middle of a run stops it; the next run publishes the rest', async () => {
    let revoke = () => {};
    const w = await world(
      pins(4),
      {
        onExchange: (e) => {
          if (e.method === 'POST' && e.route === '/pins' && e.status === 201) revoke();
        },
      },
      oneAtATime,
    );
    // After the first create, every access token is revoked.
    revoke = () => {
      w.sim.state.accessTokens.clear();
      revoke = () => {};
    };
    const first = await w.run();
    expect(w.sim.state.creates).toBe(1);
    expect(first.outcomes.find((o) => o.result === 'error')?.error).toMatch(/HTTP 401/);
    expect(first.outcomes.filter((o) => o.result === 'skipped').map((o) => o.key)).toEqual(['p2', 'p3']);
    await w.run();
    await expectExactlyOnce(w.repo.root, w.sim, titles(4));
  });

  it('a board deleted on Pinterest is created again, with its pins', async () => {
    const w = await world(pins(2));
    await w.run();
    const board = [...w.sim.state.boards.values()].find((b) => b.name === 'Winter Looks');
    w.sim.state.boards.delete(board?.id as string);
    for (const [id, p] of w.sim.state.pins) if (p.board_id === board?.id) w.sim.state.pins.delete(id);
    const second = await w.run();
    expect(w.logs.some((l) => l.includes('were on boards deleted on Pinterest; they are published again'))).toBe(true);
    expect(second.outcomes.map((o) => `${o.action} ${o.key} ${o.result}`)).toEqual(['create p0 ok', 'create p1 ok']);
    await expectExactlyOnce(w.repo.root, w.sim, titles(2));
  });

  it('a renamed file keeps its pin: with the same id, or with the same content', async () => {
    const w = await world({ 'content/pins/a.md': mdPin({ id: 'keep', title: 'Kept id' }), 'content/pins/b.md': mdPin({ title: 'No id' }) });
    await w.run();
    await rename(join(w.repo.root, 'content/pins/a.md'), join(w.repo.root, 'content/pins/renamed-a.md'));
    await rename(join(w.repo.root, 'content/pins/b.md'), join(w.repo.root, 'content/pins/renamed-b.md'));
    const second = await w.run();
    // Without an id the key changes, and with it the utm_campaign of the link: an update, not a new pin.
    expect(second.plan.actions.map((a) => `${a.key}:${a.kind}${a.renamedFrom ? `<-${a.renamedFrom}` : ''}`)).toEqual(['renamed-b:update<-b', 'keep:unchanged']);
    expect(w.sim.state.creates).toBe(2);
    const ledger = await gitLedgerStore(w.repo.root, 'pinops-ledger').load();
    expect(Object.keys(ledger.pins).sort()).toEqual(['keep', 'renamed-b']);
  });

  it('a ledger edited by hand into invalid JSON: a clear error, nothing published', async () => {
    const w = await world(pins(2));
    await w.run();
    const clone = await w.repo.clone();
    execFileSync('git', ['checkout', '--quiet', 'pinops-ledger'], { cwd: clone });
    await writeFile(join(clone, 'ledger.json'), '{"version": 1, "pins": {');
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@x', 'commit', '--quiet', '-am', 'oops'], { cwd: clone });
    execFileSync('git', ['push', '--quiet', 'origin', 'pinops-ledger'], { cwd: clone });
    await writeFile(join(w.repo.root, 'content/pins/new.md'), mdPin({ id: 'new', title: 'New pin' }));
    const before = w.sim.exchanges.length;
    await expect(w.run()).rejects.toThrow(/ledger\.json on the pinops-ledger branch .* is not valid JSON.*Nothing was published/);
    expect(w.sim.exchanges.length).toBe(before);
    expect(w.sim.state.creates).toBe(2);
  });
});
