import { spawn } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type PublishOptions, publish } from '../../src/flows/publish.js';
import { gitLedgerStore } from '../../src/ledger/store.js';
import type { Simulator, SimulatorOptions } from '../../src/pinterest/simulator.js';
import { CLI_FROM_SOURCE } from '../helpers/cli.js';
import type { tempGitRepos } from '../helpers/git-repo.js';
import { contractSimulator, currentRefreshToken } from '../helpers/publish-env.js';
import { BASE, mdPin } from '../helpers/repo.js';

/**
 * Runs the CLI from source as a child process (tsx compiles it in the same process, so the pid is
 * the CLI's own); `onSpawn` gets it so a test can kill it at a moment of its choosing.
 */
export function runCli(
  args: string[],
  env: Record<string, string>,
  onSpawn?: (kill: () => void, pid: number) => void,
): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI_FROM_SOURCE, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    onSpawn?.(() => child.kill('SIGKILL'), child.pid as number);
    child.on('close', (code, signal) => resolve({ code, signal, out }));
  });
}

/** A hook in the bare origin that SIGKILLs the process in `pidFile` when a pushed commit's subject matches. */
export async function killingHook(origin: string, hook: 'pre-receive' | 'post-receive', subject: RegExp, pidFile: string): Promise<void> {
  const script = `#!/bin/sh
while read old new ref; do
  s=$(git log -1 --format=%s "$new" 2>/dev/null)
  if printf '%s' "$s" | grep -Eq '${subject.source}' && [ -f '${pidFile}' ]; then
    kill -9 "$(cat '${pidFile}')" 2>/dev/null
    rm -f '${pidFile}'
    ${hook === 'pre-receive' ? 'exit 1' : ''}
  fi
done
exit 0
`;
  const path = join(origin, 'hooks', hook);
  await writeFile(path, script);
  await chmod(path, 0o755);
}

/** Every due pin is on Pinterest exactly once, and the ledger says so, pin for pin. */
export async function expectExactlyOnce(root: string, sim: Simulator, titles: string[]): Promise<void> {
  const onPinterest = [...sim.state.pins.values()].filter((p) => !p.parent_pin_id).map((p) => p.title as string);
  expect(onPinterest.sort()).toEqual([...titles].sort());
  const ledger = await gitLedgerStore(root, 'pinops-ledger').load();
  const entries = Object.values(ledger.pins);
  expect(entries.every((e) => e.state === 'published')).toBe(true);
  expect(entries.map((e) => sim.state.pins.get(e.pin_id as string)?.title).sort()).toEqual([...titles].sort());
}

/** `n` markdown pins p0…p{n-1}, titled "Pin 0"…, and their titles. */
export function numberedPins(n: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`content/pins/p${i}.md`, mdPin({ id: `p${i}`, title: `Pin ${i}` })]));
}
export const numberedTitles = (n: number) => Array.from({ length: n }, (_, i) => `Pin ${i}`);

/**
 * A repository with `files` and a contract-checked simulator; `run` publishes in this process
 * (each run its own run id, its log lines in `logs`), with `defaults` and a run's own options.
 */
export async function inProcessWorld(
  repos: ReturnType<typeof tempGitRepos>,
  sims: Simulator[],
  files: Record<string, string>,
  opts: { sim?: SimulatorOptions; defaults?: Partial<PublishOptions> } = {},
) {
  const repo = await repos({ ...BASE, ...files });
  const { sim, contract, env } = await contractSimulator(opts.sim ?? {});
  sims.push(sim);
  const logs: string[] = [];
  const run = (extra: Partial<PublishOptions> = {}) =>
    publish({
      root: repo.root,
      env: { ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) },
      dryRun: false,
      runId: `r${Math.random().toString(36).slice(2, 7)}`,
      mask: () => {},
      log: (l) => logs.push(l),
      ...opts.defaults,
      ...extra,
    });
  return { repo, sim, contract, run, logs };
}
