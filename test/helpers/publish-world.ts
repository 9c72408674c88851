import { afterEach } from 'vitest';
import { publish } from '../../src/flows/publish.js';
import type { SimulatorOptions } from '../../src/pinterest/simulator.js';
import { tempGitRepos } from './git-repo.js';
import { contractSimulator, currentRefreshToken } from './publish-env.js';
import { BASE, type FixtureFile, mdPin } from './repo.js';

/**
 * For a test file: `world(files, simOpts)` writes a git repository (BASE plus `files`: markdown pin
 * fields or a file's text) with a bare origin, starts a contract-checked simulator, and returns
 * `run(options)`, a publish of that repository to it. Everything is removed after each test.
 */
export function publishWorlds() {
  const repos = tempGitRepos();
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });
  return async (files: Record<string, Parameters<typeof mdPin>[0] | FixtureFile>, simOpts: SimulatorOptions = {}) => {
    const written: Record<string, FixtureFile> = {};
    // Each pin file its own product page unless it names one: min_link_spacing (24 h by default)
    // holds back a second pin to one URL.
    for (const [k, v] of Object.entries(files)) written[k] = k.startsWith('content/pins/') && isFields(v) ? mdPin({ link: pageOf(k), ...v }) : (v as FixtureFile);
    const repo = await repos({ ...BASE, ...written });
    const { sim, contract, env } = await contractSimulator(simOpts);
    closers.push(() => sim.close());
    const logs: string[] = [];
    const run = (over: Partial<Parameters<typeof publish>[0]> = {}) =>
      publish({
        root: repo.root,
        env: { ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) },
        dryRun: false,
        runId: `run-${Math.random().toString(36).slice(2, 6)}`,
        mask: () => {},
        log: (l) => logs.push(l),
        ...over,
      });
    return { repo, sim, contract, env, run, logs };
  };
}

/** `content/pins/winter/a.md` → `https://shop.example.com/winter/a`. */
function pageOf(path: string): string {
  return `https://shop.example.com/${path.slice('content/pins/'.length).replace(/\.[a-z]+$/, '')}`;
}

function isFields(v: unknown): v is Record<string, string | undefined> {
  return typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && !('media' in v) && !('symlink' in v);
}
