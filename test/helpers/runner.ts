import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT } from './repo.js';

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  /** GITHUB_OUTPUT parsed into name → value. */
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs the built action (dist/index.js) the way the runner does: a node24 process in the
 * workspace, with the event in GITHUB_EVENT_NAME/GITHUB_EVENT_PATH, inputs as INPUT_* variables,
 * and files for GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
 */
export async function runAction(opts: {
  workspace: string;
  event: string;
  payload?: object;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  entry?: string;
  /** Run the action from src/ (through tsx) instead of dist/: for what dist/ gets only when it is rebuilt. */
  fromSource?: boolean;
}): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'pinops-runner-'));
  const files = { event: join(dir, 'event.json'), output: join(dir, 'output'), summary: join(dir, 'summary.md') };
  await writeFile(files.event, JSON.stringify(opts.payload ?? {}));
  await writeFile(files.output, '');
  await writeFile(files.summary, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.event,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_REPOSITORY: 'acme/pins',
    GITHUB_API_URL: 'http://127.0.0.1:9/api/v3',
    GITHUB_SERVER_URL: 'http://127.0.0.1:9',
    RUNNER_TEMP: dir,
    // A second of GitHub's advised waits and backoff lasts 1 ms: a test's retries take no time.
    PINOPS_GITHUB_SECOND_MS: '1',
    ...opts.env,
  };
  // Defaults from action.yml arrive as INPUT_ variables too; names keep their dashes.
  for (const [name, value] of Object.entries({ config: 'pinops.yml', ...opts.inputs })) env[`INPUT_${name.toUpperCase()}`] = value;
  const args = opts.entry ? [opts.entry] : entryArgs(opts.fromSource === true);
  const child = spawn(process.execPath, args, { cwd: opts.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return { code, stdout, stderr, outputs: parseOutputs(await readFile(files.output, 'utf8')), summary: await readFile(files.summary, 'utf8') };
}

/**
 * The built action, or the sources through tsx: for a test that asks for them (`fromSource`), or
 * for every test with PINOPS_E2E_SOURCE=1, to try a change before dist/ is rebuilt.
 */
function entryArgs(fromSource: boolean): string[] {
  if (!fromSource && process.env.PINOPS_E2E_SOURCE !== '1') return [join(PROJECT, 'dist/index.js')];
  return ['--import', import.meta.resolve('tsx'), join(PROJECT, 'src/index.ts')];
}

/** Reads the `name<<delimiter … delimiter` blocks that @actions/core writes. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1] as string] = m[3] as string;
  return out;
}
