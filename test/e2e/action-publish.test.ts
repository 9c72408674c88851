import { afterEach, describe, expect, it } from 'vitest';
import { gitLedgerStore } from '../../src/ledger/store.js';
import type { Simulator, SimulatorOptions } from '../../src/pinterest/simulator.js';
import { fakeGithub } from '../helpers/fake-github.js';
import { sh, tempGitRepos } from '../helpers/git-repo.js';
import { ledgerAt } from '../helpers/ledger-branch.js';
import { contractSimulator, currentRefreshToken } from '../helpers/publish-env.js';
import { BASE, mdPin } from '../helpers/repo.js';
import { runAction } from '../helpers/runner.js';

const repos = tempGitRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function world(pins: Record<string, string>, simOptions: SimulatorOptions = {}) {
  const repo = await repos({ ...BASE, ...pins });
  const { sim, contract, env } = await contractSimulator(simOptions);
  const github = await fakeGithub({ pulls: [{ number: 7, merged_at: '2026-12-02T10:00:00Z' }] });
  closers.push(
    () => sim.close(),
    () => github.close(),
  );
  const secrets = (s: Simulator) => ({ ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(s), GITHUB_API_URL: github.url, GITHUB_RUN_ID: `${Date.now()}` });
  const sha = sh(repo.root, 'rev-parse', 'HEAD').trim();
  return { repo, sim, contract, github, secrets, sha };
}

const TWO = { 'content/pins/a.md': mdPin({ id: 'a' }), 'content/pins/b.md': mdPin({ id: 'b', title: 'Second pin', board: 'Cozy Home' }) };

describe('dist/index.js publishing events', () => {
  it('push to the default branch: publishes, pushes the ledger, summarises, and comments on the merged PR', async () => {
    const w = await world(TWO);
    const payload = { ref: 'refs/heads/main', after: w.sha, repository: { default_branch: 'main' } };
    const run = await runAction({ workspace: w.repo.root, event: 'push', payload, inputs: { token: 'ghs_test_token' }, env: w.secrets(w.sim) });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(w.sim.state.pins.size).toBe(2);
    expect(run.outputs).toMatchObject({ published: '2', updated: '0', failed: '0', errors: '0' });
    expect(run.summary).toContain('✅ 2 published');
    expect(run.summary).toMatch(/\[pin \d+\]\(https:\/\/www\.pinterest\.com\/pin\/\d+\/\)/);
    const ledger = await ledgerAt(w.repo.root);
    expect(Object.keys(ledger.pins)).toEqual(['a', 'b']);
    const comment = w.github.calls.find((c) => c.method === 'POST');
    expect(comment?.path).toBe('/repos/acme/pins/issues/7/comments');
    expect(comment?.authorization).toBe('token ghs_test_token');
    expect((comment?.body as { body?: string } | undefined)?.body).toContain('pinops published this pull request');
    expect(w.contract.violations).toEqual([]);

    // A re-run of the same workflow publishes nothing again.
    const again = await runAction({ workspace: w.repo.root, event: 'push', payload, inputs: { token: 'ghs_test_token' }, env: w.secrets(w.sim) });
    expect(again.code).toBe(0);
    expect(again.outputs.published).toBe('0');
    expect(w.sim.state.creates).toBe(2);
  });

  it('push to another branch only validates', async () => {
    const w = await world(TWO);
    const run = await runAction({ workspace: w.repo.root, event: 'push', payload: { ref: 'refs/heads/feature', repository: { default_branch: 'main' } }, env: w.secrets(w.sim) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('not the default branch (main): validating only');
    expect(w.sim.exchanges).toEqual([]);
  });

  it('schedule: publishes what is due, leaves what is scheduled, and collects analytics into the summary', async () => {
    const w = await world(
      {
        'content/pins/due.md': mdPin({ id: 'due', publish_at: '2020-01-01T09:00:00Z' }),
        'content/pins/later.md': mdPin({ id: 'later', publish_at: '2099-01-01T09:00:00Z', title: 'Later' }),
      },
      { backdateDays: 4 },
    );
    const run = await runAction({ workspace: w.repo.root, event: 'schedule', env: w.secrets(w.sim) });
    expect(run.code).toBe(0);
    expect([...w.sim.state.pins.values()].map((p) => p.title)).toEqual(['Waterproof boots']);
    expect(run.summary).toContain('Next due: `later` at 2099-01-01 09:00 UTC');
    expect(run.summary).toContain('### The plan this run carried out');
    expect(run.summary).toContain('## Pinterest analytics');
    expect(run.summary).toContain('```mermaid\nxychart-beta');
    expect(run.summary).toMatch(/### Top pins by saves\n\n\| Pin .*\n.*\n\| \[Waterproof boots\]\(https:\/\/www\.pinterest\.com\/pin\/\d+\/\)/);
    const all = sh(w.repo.root, 'ls-tree', '--name-only', 'origin/pinops-ledger', 'analytics/').trim().split('\n');
    // The month files of daily figures, and every pin's totals beside them.
    const files = all.filter((f) => /^analytics\/\d{4}-\d{2}\.csv$/.test(f));
    expect(all.filter((f) => !files.includes(f))).toEqual(['analytics/totals.csv']);
    const rows = files.flatMap((f) => sh(w.repo.root, 'show', `origin/pinops-ledger:${f}`).trim().split('\n').slice(1));
    expect(rows).toHaveLength(4);
    expect(sh(w.repo.root, 'show', 'origin/pinops-ledger:analytics/totals.csv').trim().split('\n').slice(1)).toHaveLength(1);
    // Only the account's own pins are read: the analytics requests name the published pin, and nothing else.
    const asked = w.sim.exchanges.filter((e) => e.route.includes('analytics')).map((e) => e.path);
    expect(asked).toEqual([`/v5/pins/${[...w.sim.state.pins.keys()][0]}/analytics`]);
    expect(w.contract.violations).toEqual([]);

    // A month file broken by hand: the step fails naming it, and nothing in it is lost.
    const month = files[0] as string;
    await gitLedgerStore(w.repo.root, 'pinops-ledger').commit(
      'hand edit',
      () => true,
      () => [],
      async () => ({ [month]: 'date;pin\nnot,a,csv\n' }),
    );
    const broken = await runAction({ workspace: w.repo.root, event: 'schedule', env: w.secrets(w.sim) });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`::error::${month}, line 2: not a valid CSV: the row has 3 columns, not 10.`);
    expect(broken.outputs['failure-reason']).toMatch(/1 analytics file\(s\) on the ledger branch could not be read/);
    expect(sh(w.repo.root, 'show', `origin/pinops-ledger:${month}`)).toBe('date;pin\nnot,a,csv\n');
  });

  it('workflow_dispatch: a dry run by default; dry-run false with limit publishes that many', async () => {
    const w = await world(TWO);
    const dry = await runAction({ workspace: w.repo.root, event: 'workflow_dispatch', env: w.secrets(w.sim) });
    expect(dry.code).toBe(0);
    expect(dry.summary).toContain('(dry run: nothing was sent)');
    expect(dry.summary).toContain('➕ 2 create');
    expect(w.sim.exchanges).toEqual([]);
    const one = await runAction({ workspace: w.repo.root, event: 'workflow_dispatch', inputs: { 'dry-run': 'false', limit: '1' }, env: w.secrets(w.sim) });
    expect(one.code).toBe(0);
    expect(one.outputs.published).toBe('1');
    expect(w.sim.state.pins.size).toBe(1);
    const only = await runAction({ workspace: w.repo.root, event: 'workflow_dispatch', inputs: { 'dry-run': 'false', only: 'content/pins/b.md' }, env: w.secrets(w.sim) });
    expect(only.outputs.published).toBe('1');
    expect([...w.sim.state.pins.values()].map((p) => p.title).sort()).toEqual(['Second pin', 'Waterproof boots']);
  });

  it('fails with a clear message and sends nothing when credentials are missing', async () => {
    const w = await world(TWO);
    const run = await runAction({
      workspace: w.repo.root,
      event: 'push',
      payload: { ref: 'refs/heads/main', repository: { default_branch: 'main' } },
      env: { PINTEREST_API_BASE: w.sim.url },
    });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toMatch(/^no Pinterest credentials: set the secrets PINTEREST_APP_ID, PINTEREST_APP_SECRET, PINTEREST_REFRESH_TOKEN/);
    expect(w.sim.exchanges).toEqual([]);
  });
});
