import { afterEach, describe, expect, it } from 'vitest';
import { FREE_REPUBLISH } from '../../src/flows/publish.js';
import { gitLedgerStore } from '../../src/ledger/store.js';
import type { Simulator } from '../../src/pinterest/simulator.js';
import { sh, tempGitRepos } from '../helpers/git-repo.js';
import { expectExactlyOnce, inProcessWorld, numberedPins, numberedTitles } from './helpers.js';

const repos = tempGitRepos();
const sims: Simulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

/** A repository with `n` pins, published once; `run` publishes again (from `root`, or from another clone). */
async function published(n: number) {
  const w = await inProcessWorld(repos, sims, numberedPins(n));
  await w.run();
  expect(w.sim.state.creates).toBe(n);
  return w;
}
const titles = numberedTitles;

describe('a board missing from a listing is not a deleted board', () => {
  it('an empty GET /boards answer re-posts nothing', async () => {
    const w = await published(3);
    w.sim.inject({ method: 'GET', route: '/boards', when: 'before', action: { status: 200, body: { items: [], bookmark: null } }, times: 5 });
    const again = await w.run();
    expect(again.plan.actions.map((a) => a.kind)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(w.sim.state.creates).toBe(3);
  });

  it(`more than ${FREE_REPUBLISH} pins on a board deleted on Pinterest are held, each a plan row, until confirmed`, async () => {
    const w = await published(5);
    const board = [...w.sim.state.boards.values()].find((b) => b.name === 'Winter Looks');
    w.sim.state.boards.delete(board?.id as string);
    for (const [id, p] of w.sim.state.pins) if (p.board_id === board?.id) w.sim.state.pins.delete(id);
    const held = await w.run();
    expect(held.plan.actions.map((a) => `${a.key}:${a.kind}`)).toEqual(['p0:held', 'p1:held', 'p2:held', 'p3:held', 'p4:held']);
    expect(held.warnings.map((w) => w.text).join('\n')).toMatch(/5 pins were on 1 board\(s\) deleted on Pinterest .*confirm-republish: 5/);
    expect(w.sim.state.pins.size).toBe(0);
    const confirmed = await w.run({ confirmRepublish: 5 });
    expect(confirmed.outcomes.filter((o) => o.action === 'create' && o.result === 'ok')).toHaveLength(5);
    await expectExactlyOnce(w.repo.root, w.sim, titles(5));
  });
});

describe('a ledger that shrank or vanished stops publishing', () => {
  it('pins: {} written by hand: an error naming the pins the log shows, nothing posted', async () => {
    const w = await published(3);
    const other = gitLedgerStore(await w.repo.clone(), 'pinops-ledger');
    await other.commit(
      'emptied by hand',
      (l) => {
        for (const k of Object.keys(l.pins)) delete l.pins[k];
        return true;
      },
      () => [],
    );
    await expect(w.run()).rejects.toThrow(/no longer records 3 pin\(s\) that its log shows pinops published: p0 \(pin \d+\).*git log origin\/pinops-ledger -- ledger\.json/s);
    expect(w.sim.state.creates).toBe(3);
    // The plan (a dry run) says the same, as a warning.
    const plan = await w.run({ dryRun: true });
    expect(plan.warnings.map((w) => w.text).join('\n')).toMatch(/A publish would stop here/);
  });

  it('a head commit without ledger.json: the same error', async () => {
    const w = await published(2);
    const clone = await w.repo.clone();
    sh(clone, 'fetch', '--quiet', 'origin', 'pinops-ledger:pinops-ledger');
    sh(clone, 'checkout', '--quiet', 'pinops-ledger');
    sh(clone, 'rm', '--quiet', 'ledger.json');
    sh(clone, 'commit', '--quiet', '-m', 'oops');
    sh(clone, 'push', '--quiet', 'origin', 'pinops-ledger');
    await expect(w.run()).rejects.toThrow(/no longer records 2 pin\(s\)/);
    expect(w.sim.state.creates).toBe(2);
  });

  it('a head commit without pins/ (ledger.json left): the same error', async () => {
    const w = await published(2);
    const clone = await w.repo.clone();
    sh(clone, 'fetch', '--quiet', 'origin', 'pinops-ledger:pinops-ledger');
    sh(clone, 'checkout', '--quiet', 'pinops-ledger');
    sh(clone, 'rm', '-r', '--quiet', 'pins');
    sh(clone, 'commit', '--quiet', '-m', 'oops');
    sh(clone, 'push', '--quiet', 'origin', 'pinops-ledger');
    await expect(w.run()).rejects.toThrow(/no longer records 2 pin\(s\).*git log origin\/pinops-ledger -- ledger\.json pins/s);
    expect(w.sim.state.creates).toBe(2);
  });

  it('the branch deleted on origin, this clone still has it: the error gives the command that restores it', async () => {
    const w = await published(2);
    sh(await w.repo.clone(), 'push', '--quiet', 'origin', '--delete', 'pinops-ledger');
    const err = await w.run().catch((e: Error) => e);
    expect(String(err)).toMatch(/is gone from origin, but this clone had it at .*git push origin [0-9a-f]{40}:refs\/heads\/pinops-ledger/);
    expect(w.sim.state.creates).toBe(2);
  });

  it('the branch deleted, and no clone has it: the account is asked, and the pins found stop the run', async () => {
    const w = await published(2);
    sh(await w.repo.clone(), 'push', '--quiet', 'origin', '--delete', 'pinops-ledger');
    const fresh = await w.repo.clone();
    await expect(w.run({ root: fresh })).rejects.toThrow(/has no record of any pin, but 2 of the pins to create are on their boards already \(p0, p1\)/);
    expect(w.sim.state.creates).toBe(2);
    // Confirmed: published again, as new pins.
    const anyway = await w.run({ root: fresh, confirmRepublish: 2 });
    expect(anyway.outcomes.filter((o) => o.result === 'ok')).toHaveLength(2);
    expect(w.sim.state.creates).toBe(4);
  });
});
