import { afterEach, describe, expect, it } from 'vitest';
import { publish } from '../../src/flows/publish.js';
import { gitLedgerStore } from '../../src/ledger/store.js';
import { fakeGithub } from '../helpers/fake-github.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { contractSimulator, currentRefreshToken } from '../helpers/publish-env.js';
import { BASE } from '../helpers/repo.js';
import { runAction } from '../helpers/runner.js';
import { seededAccount } from '../helpers/seeded-account.js';

const repos = tempGitRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

describe('the action on workflow_dispatch with import: account (from source)', () => {
  it('opens a pull request with the imported files, records nothing, and the publish after the merge creates none of them', async () => {
    const github = await fakeGithub({ branches: { main: { 'README.md': '# shop\n' } } });
    const { sim, contract, env } = await contractSimulator({ seed: await seededAccount(12), now: () => Date.parse('2026-11-28T12:00:00Z') });
    closers.push(github.close, () => sim.close());
    const repo = await repos({ ...BASE });
    const allow = { PINOPS_ALLOW_PRIVATE_NETWORK: new URL(sim.url).host };
    const run = await runAction({
      workspace: repo.root,
      event: 'workflow_dispatch',
      payload: { ref: 'refs/heads/main', repository: { default_branch: 'main' } },
      inputs: { token: 'ghs_t', import: 'account' },
      env: { ...env, ...allow, GITHUB_API_URL: github.url },
      fromSource: true,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs['pull-request']).toBe('100');
    expect(github.created[0]).toMatchObject({ head: 'pinops/import-account', base: 'main', title: 'Import 12 pin(s) from the Pinterest account' });
    const files = [...github.git.filesOn('pinops/import-account').keys()];
    expect(files.filter((f) => f.startsWith('content/pins/imported/'))).toHaveLength(12);
    expect(files.filter((f) => f.startsWith('content/media/imported/'))).toHaveLength(12 + 2);
    expect(files).toContain('content/boards.yml');
    expect((await gitLedgerStore(repo.root, 'pinops-ledger').load({ fresh: true })).pins).toEqual({});

    // The files as merged (the workspace has them): the plan holds them, the publish records them and creates nothing.
    const common = { root: repo.root, runId: 'after-merge', mask: () => {}, log: () => {} };
    const planned = await publish({ ...common, env: { ...env, ...allow, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) }, dryRun: true });
    expect(new Set(planned.plan.actions.map((a) => a.kind))).toEqual(new Set(['held']));
    const done = await publish({ ...common, env: { ...env, ...allow, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) }, dryRun: false });
    expect(new Set(done.plan.actions.map((a) => a.kind))).toEqual(new Set(['unchanged']));
    expect(sim.state.creates).toBe(0);
    expect(Object.keys((await gitLedgerStore(repo.root, 'pinops-ledger').load({ fresh: true })).pins)).toHaveLength(12);
    expect(contract.violations).toEqual([]);
  });
});
