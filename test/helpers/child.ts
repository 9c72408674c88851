import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { PROJECT } from './repo.js';

export interface ChildValidation {
  /** The process's exit code (null when a signal ended it, as a heap overflow does). */
  code: number | null;
  ok?: boolean;
  diagnostics?: Diagnostic[];
  /** Peak resident memory of the whole process, in MB. */
  maxRssMb?: number;
  stderr: string;
}

/**
 * Validates `root` in a fresh Node process, so that its peak memory can be measured (a test
 * worker's peak is that of every test before it) and a heap overflow cannot take the tests down.
 * `maxOldSpaceMb` caps the JavaScript heap, as a small runner would.
 */
export function validateInChild(root: string, opts: { maxOldSpaceMb?: number } = {}): Promise<ChildValidation> {
  const loader = pathToFileURL(join(PROJECT, 'node_modules/tsx/dist/loader.mjs')).href;
  const module = pathToFileURL(join(PROJECT, 'src/flows/validate.ts')).href;
  const peak = pathToFileURL(join(PROJECT, 'test/helpers/peak-rss.mjs')).href;
  const script = `
    const { validateRepository } = await import(${JSON.stringify(module)});
    const { peakRssKb } = await import(${JSON.stringify(peak)});
    const r = await validateRepository({ root: ${JSON.stringify(root)}, env: {} });
    process.stdout.write(JSON.stringify({ ok: r.ok, diagnostics: r.diagnostics, maxRssMb: Math.round(peakRssKb() / 1024) }));
  `;
  const args = [...(opts.maxOldSpaceMb ? [`--max-old-space-size=${opts.maxOldSpaceMb}`] : []), '--import', loader, '--input-type=module', '-e', script];
  return new Promise((resolve, reject) => {
    // Killed before the test's own time-out, so that a runaway validation never outlives the test.
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 25_000 });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const parsed = code === 0 && out ? (JSON.parse(out) as Omit<ChildValidation, 'code' | 'stderr'>) : {};
      resolve({ code, stderr: err.slice(-4000), ...parsed });
    });
  });
}
