import { rm } from 'node:fs/promises';
import { githubClient } from '../src/github/client.js';
import { startSimulator } from '../src/pinterest/simulator.js';
import { fakeGithub } from '../test/helpers/fake-github.js';
import { BENCH_APP, benchPublish, benchRepository } from './bench-repo.js';

/** Counts the API calls credentials add to one publishing run that rotates the refresh token. */
export async function credentialsBench(): Promise<{ pinterest: number; github: number; total: number }> {
  const { dir, root } = await benchRepository(1);
  const sim = await startSimulator(BENCH_APP);
  const github = await fakeGithub();
  try {
    await benchPublish(root, sim, { secrets: { github: githubClient({ owner: 'o', repo: 'r', apiUrl: github.url }, 't') } });
    const pinterest = sim.exchanges.filter((e) => e.route === '/oauth/token' || e.route === '/user_account').length;
    return { pinterest, github: github.calls.length, total: pinterest + github.calls.length };
  } finally {
    await sim.close();
    await github.close();
    await rm(dir, { recursive: true, force: true });
  }
}
