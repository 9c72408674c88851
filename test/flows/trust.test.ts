import { afterEach, describe, expect, it } from 'vitest';
import { publish } from '../../src/flows/publish.js';
import { gitLedgerStore } from '../../src/ledger/store.js';
import type { Simulator } from '../../src/pinterest/simulator.js';
import { runCli } from '../helpers/cli.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { contractSimulator, currentRefreshToken } from '../helpers/publish-env.js';
import { BASE, type FixtureFile, mdPin } from '../helpers/repo.js';

// One bad value in one pin holds back that pin only: the others are planned and published.

const repos = tempGitRepos();
const sims: Simulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

async function setup(files: Record<string, FixtureFile>) {
  const repo = await repos({ ...BASE, ...files });
  const { sim, contract, env } = await contractSimulator();
  sims.push(sim);
  const run = () => publish({ root: repo.root, env: { ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) }, dryRun: false, runId: 'run-1', mask: () => {}, log: () => {} });
  return { repo, sim, contract, env, run };
}

const VALID = { 'content/pins/a.md': mdPin({ id: 'a', title: 'Boots A' }), 'content/pins/b.md': mdPin({ id: 'b', title: 'Boots B', link: 'https://shop.example.com/b' }) };

describe('a link that validation refuses', () => {
  const bad = { 'content/pins/bad.md': mdPin({ id: 'bad', title: 'Bad link', link: 'shop.example.com/x' }) };

  it('`pinops plan` plans the valid pins and marks the bad one invalid, naming its error', async () => {
    const { repo } = await setup({ ...VALID, ...bad });
    const r = await runCli(['plan', '--json'], repo.root);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const { actions } = JSON.parse(r.out);
    expect(actions.map((a: { key: string; action: string }) => `${a.key}:${a.action}`)).toEqual(['a:create', 'b:create', 'bad:invalid']);
    expect(actions[2].reason).toContain('is not a URL');
  });

  it('publishing creates the valid pins and skips the bad one; the CLI exits 1 for the content error', async () => {
    const { sim, contract, run } = await setup({ ...VALID, ...bad });
    const r = await run();
    expect(r.outcomes.map((o) => `${o.action} ${o.key} ${o.result}`)).toEqual(['create a ok', 'create b ok']);
    expect([...sim.state.pins.values()].map((p) => p.title).sort()).toEqual(['Boots A', 'Boots B']);
    expect(contract.violations).toEqual([]);
  });

  it('`pinops publish` from the command line does the same', async () => {
    const { repo, sim, env } = await setup({ ...VALID, ...bad });
    const r = await runCli(['publish'], repo.root, { ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) });
    expect(r.err).toContain('content/pins/bad.md:4:7  error  `link` "shop.example.com/x" is not a URL');
    expect(r.err).not.toContain('unexpected failure');
    expect(r.out).toContain('Published 2');
    expect(r.code).toBe(1);
  });
});

describe('durations that validation takes', () => {
  it('an `interval:` of 99999999999999999999w plans the next save a century out instead of failing on an invalid date', async () => {
    const { repo, sim, env, run } = await setup({ 'content/pins/a.md': mdPin({ id: 'a', boards: '["Cozy Home"]', interval: '99999999999999999999w' }) });
    expect((await run()).outcomes.map((o) => `${o.action} ${o.key} ${o.result}`)).toEqual(['create a ok']);
    const r = await runCli(['plan', '--json'], repo.root, { ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) });
    expect(r.err).toBe('');
    const { rules } = JSON.parse(r.out);
    expect(rules).toMatchObject([{ key: 'a', status: 'scheduled' }]);
    expect(new Date(rules[0].at).getUTCFullYear()).toBeGreaterThan(new Date().getUTCFullYear() + 90);
  });
});

describe('pin ids that are names of Object.prototype', () => {
  it('`constructor`, `toString`, `valueOf` and `hasOwnProperty` plan creates, are published, and are unchanged the next time', async () => {
    const ids = ['constructor', 'hasOwnProperty', 'toString', 'valueOf'];
    const files = Object.fromEntries(ids.map((id) => [`content/pins/${id}.md`, mdPin({ id, title: `Pin ${id}`, link: `https://shop.example.com/${id}` })]));
    const { repo, sim, contract, run } = await setup(files);
    const first = await run();
    expect(first.plan.actions.map((a) => `${a.key}:${a.kind}`)).toEqual(ids.map((id) => `${id}:create`));
    expect(first.outcomes.map((o) => `${o.key}:${o.result}`)).toEqual(ids.map((id) => `${id}:ok`));
    expect(sim.state.pins.size).toBe(4);
    const ledger = await gitLedgerStore(repo.root, 'pinops-ledger').load();
    expect(Object.keys(ledger.pins).sort()).toEqual(ids);
    const second = await run();
    expect(second.plan.actions.map((a) => `${a.key}:${a.kind}`)).toEqual(ids.map((id) => `${id}:unchanged`));
    expect(sim.state.creates).toBe(4);
    expect(contract.violations).toEqual([]);
  });
});
