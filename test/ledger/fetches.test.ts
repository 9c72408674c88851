import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { publish } from '../../src/flows/publish.js';
import type { Simulator } from '../../src/pinterest/simulator.js';
import { sh, tempGitRepos } from '../helpers/git-repo.js';
import { contractSimulator, currentRefreshToken } from '../helpers/publish-env.js';
import { BASE, mdPin } from '../helpers/repo.js';

const repos = tempGitRepos();
const sims: Simulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

/**
 * Every fetch from the bare origin runs its upload-pack: the clone's `remote.origin.uploadpack`
 * points at a wrapper that counts them (pushes run receive-pack, and are not counted).
 */
async function countingFetches(root: string): Promise<() => Promise<number>> {
  const log = join(root, '..', 'fetches.log');
  const wrapper = join(root, '..', 'counting-upload-pack');
  await writeFile(log, '');
  await writeFile(wrapper, `#!/bin/sh\necho fetch >> '${log}'\nexec git-upload-pack "$@"\n`);
  await chmod(wrapper, 0o755);
  sh(root, 'config', 'remote.origin.uploadpack', wrapper);
  return async () => (await readFile(log, 'utf8')).split('\n').filter(Boolean).length;
}

describe('a publish run and the ledger', () => {
  it('fetches the ledger once per run, however many phases read it', async () => {
    const pins = Object.fromEntries(['a', 'b', 'c'].map((k) => [`content/pins/${k}.md`, mdPin({ id: k, title: `Pin ${k}` })]));
    const repo = await repos({ ...BASE, ...pins });
    const { sim, env } = await contractSimulator();
    sims.push(sim);
    const fetches = await countingFetches(repo.root);
    const run = () =>
      publish({ root: repo.root, env: { ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) }, dryRun: false, runId: `r${Math.random()}`, mask: () => {}, log: () => {} });
    // The first run finds no branch, and asks once more right before it would post to an empty
    // ledger (a run that started meanwhile would show in it).
    await run();
    expect(await fetches()).toBe(2);
    await writeFile(join(repo.root, 'content/pins/d.md'), mdPin({ id: 'd', title: 'Pin d' }));
    const before = await fetches();
    const second = await run();
    expect(second.outcomes.map((o) => `${o.action} ${o.key} ${o.result}`)).toEqual(['create d ok']);
    expect((await fetches()) - before).toBe(1);
    expect(sim.state.creates).toBe(4);
  });
});
