import { execFileSync } from 'node:child_process';
import type { Ledger, LogLine } from '../../src/ledger/format.js';
import { logInOrder } from '../../src/ledger/lost.js';
import { readFolderAt, readSnapshot } from '../../src/ledger/tree.js';

/**
 * The ledger branch as a test sees it, read with pinops' own reader whatever its layout (the
 * built action of the e2e tests may still write the single-file one): `cwd` is a work tree or a
 * bare repository, `ref` a ref of it.
 */
function headOf(cwd: string, ref: string): string {
  return execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd, encoding: 'utf8' }).trim();
}

/** The ledger on `ref`. */
export async function ledgerAt(cwd: string, ref = 'origin/pinops-ledger'): Promise<Ledger> {
  return (await readSnapshot(cwd, headOf(cwd, ref), (path) => `${path} on ${ref}`)).ledger();
}

/** Every line of the log on `ref` (all its files), in order. */
export async function logAt(cwd: string, ref = 'origin/pinops-ledger'): Promise<LogLine[]> {
  return logInOrder(await readFolderAt(cwd, headOf(cwd, ref), 'log'));
}
