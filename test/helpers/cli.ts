import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { PROJECT } from './repo.js';

/** Runs the CLI in-process with captured output. */
export async function runCli(
  argv: string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
  more: Partial<CliIO> = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { cwd, env, out: (s) => (out += s), err: (s) => (err += s), color: false, ...more };
  const code = await main(argv, io);
  return { code, out, err };
}

/**
 * Node's arguments that run the CLI from source in a child process, from any folder: tsx's loader
 * by its path (a bare `--import tsx` would be looked up from the child's working folder).
 */
export const CLI_FROM_SOURCE = ['--import', pathToFileURL(join(PROJECT, 'node_modules/tsx/dist/loader.mjs')).href, join(PROJECT, 'src/cli.ts')];
