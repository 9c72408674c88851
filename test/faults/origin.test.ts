import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { remoteError } from '../../src/ledger/store.js';
import type { Simulator } from '../../src/pinterest/simulator.js';
import { sh, tempGitRepos } from '../helpers/git-repo.js';
import { contractSimulator, currentRefreshToken } from '../helpers/publish-env.js';
import { BASE, mdPin } from '../helpers/repo.js';
import { expectExactlyOnce, runCli } from './helpers.js';

const repos = tempGitRepos();
const sims: Simulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

const PINS = Object.fromEntries(['a', 'b', 'c'].map((k) => [`content/pins/${k}.md`, mdPin({ id: k, title: `Pin ${k.toUpperCase()}` })]));
const TITLES = ['Pin A', 'Pin B', 'Pin C'];
const LEASE_MS = 2000;

async function world(onCreate?: (root: string) => void) {
  const repo = await repos({ ...BASE, 'pinops.yml': `intent_lease: ${LEASE_MS / 1000}s\n`, ...PINS });
  let fired = false;
  const { sim, env } = await contractSimulator({
    onExchange: (e) => {
      if (!fired && e.method === 'POST' && e.route === '/pins' && e.status === 201 && onCreate) {
        fired = true;
        onCreate(repo.root);
      }
    },
  });
  sims.push(sim);
  const publish = () => runCli(['publish', '--cwd', repo.root], { ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) });
  return { repo, sim, publish };
}

/** A clean stop: pinops' own words, an exit code, no stack trace. */
function expectCleanStop(r: { code: number | null; out: string }, words: RegExp): void {
  expect(r.code, r.out).toBe(4);
  expect(r.out).toMatch(words);
  expect(r.out).not.toMatch(/unexpected failure|\n\s+at .+:\d+:\d+/);
}

describe('the ledger remote fails mid-run', () => {
  it('origin becomes unreachable after the first create: a clean stop naming it, and the next run records it, nothing twice', async () => {
    const origin = { url: '' };
    const w = await world((root) => {
      origin.url = sh(root, 'remote', 'get-url', 'origin').trim();
      sh(root, 'remote', 'set-url', 'origin', join(root, '..', 'gone.git'));
    });
    const first = await w.publish();
    expectCleanStop(first, /the remote cannot be reached/);
    // The batch's intents were pushed before the remote went: its creates went on, and are named.
    expect(first.out).toMatch(/Made in this run: a \(https:\/\/www\.pinterest\.com\/pin\/\d+\/?\), b \(.+\), c \(/);
    expect(w.sim.state.creates).toBe(3);
    sh(w.repo.root, 'remote', 'set-url', 'origin', origin.url);
    await new Promise((r) => setTimeout(r, LEASE_MS + 200));
    const again = await w.publish();
    expect(again.code, again.out).toBe(0);
    expect(again.out.match(/found [abc] on its board/g)).toHaveLength(3);
    await expectExactlyOnce(w.repo.root, w.sim, TITLES);
  });

  it('a push refused by a rule says so at once, and nothing is sent', async () => {
    const w = await world();
    const hook = join(w.repo.origin, 'hooks', 'pre-receive');
    await writeFile(hook, '#!/bin/sh\necho "GH013: Repository rule violations found for refs/heads/pinops-ledger." >&2\nexit 1\n');
    await chmod(hook, 0o755);
    const first = await w.publish();
    expectCleanStop(first, /rejected the push by a rule .*GH013.*exempt it/s);
    expect(first.out).not.toMatch(/kept changing/);
    expect(w.sim.state.creates).toBe(0);
  });

  it("GitHub's answers are told apart: permission, rule, unreachable", () => {
    const said = {
      permission:
        "remote: Permission to octo/shop.git denied to github-actions[bot].\nfatal: unable to access 'https://github.com/octo/shop/': The requested URL returned error: 403",
      rejected: ' ! [remote rejected] abc -> pinops-ledger (protected branch hook declined)\nerror: failed to push some refs',
      unreachable: "fatal: unable to access 'https://github.com/octo/shop/': Could not resolve host: github.com",
    } as const;
    for (const [kind, stderr] of Object.entries(said)) expect(remoteError('push', 'pinops-ledger', 'origin', stderr).kind).toBe(kind);
  });
});
