import { spawn } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { gitLedgerStore } from '../../src/ledger/store.js';
import type { Simulator } from '../../src/pinterest/simulator.js';
import { CLI_FROM_SOURCE } from '../helpers/cli.js';

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
