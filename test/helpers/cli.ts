import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

/** Runs the CLI in-process with captured output. */
export async function runCli(argv: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { cwd, env, out: (s) => (out += s), err: (s) => (err += s), color: false };
  const code = await main(argv, io);
  return { code, out, err };
}
