import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importAccount } from '../src/flows/import.js';
import { startSimulator } from '../src/pinterest/simulator.js';
import { initWithLocalOrigin, originBeside } from '../src/util/local-repo.js';
import { seededAccount } from '../test/helpers/seeded-account.js';
import { BENCH_APP, benchEnv } from './bench-repo.js';

/** The account sizes measured: the 300 pins, and ten times that. */
export const IMPORT_SIZES = [300, 3000] as const;

export interface ImportFigures {
  pins: number;
  ms: number;
  /** Pinterest API requests (token refresh and account check included), and pictures downloaded. */
  requests: number;
  downloads: number;
  /** A second import of the same account: what it costs to find that nothing is new. */
  againMs: number;
  againRequests: number;
}

/**
 * `pinops import --account` of a simulated account of `count` pins (3 boards, a section, a
 * carousel and a video), into an empty repository with a bare origin: the time, the API calls
 * and the downloads, then a second import that writes nothing.
 */
export async function importBench(count: number): Promise<ImportFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'pinops-import-bench-'));
  const root = join(dir, 'repo');
  await mkdir(join(root, 'content/pins'), { recursive: true });
  await writeFile(join(root, 'content/boards.yml'), 'boards: []\n');
  initWithLocalOrigin(root, originBeside(dir), 'import');
  const sim = await startSimulator({ ...BENCH_APP, seed: await seededAccount(count) });
  const env = () => ({ ...benchEnv(sim), PINTEREST_REFRESH_TOKEN: [...sim.state.refreshTokens].at(-1) as string, PINOPS_ALLOW_PRIVATE_NETWORK: new URL(sim.url).host });
  const once = async () => {
    const start = performance.now();
    const r = await importAccount({ root, env: env(), runId: 'bench', dryRun: false, download: true, mask: () => {}, log: () => {} });
    return { r, ms: performance.now() - start };
  };
  try {
    const first = await once();
    if (first.r.pins.length !== count) throw new Error(`import bench: ${first.r.pins.length} of ${count} pins imported (${first.r.skipped[0] ?? ''})`);
    const again = await once();
    if (again.r.pins.length !== 0) throw new Error('import bench: the second import wrote pins');
    return { pins: count, ms: first.ms, requests: first.r.requests, downloads: first.r.downloads, againMs: again.ms, againRequests: again.r.requests };
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The RESULTS.md rows. */
export function importRows(figures: readonly ImportFigures[]): string {
  return figures
    .map(
      (f) =>
        `| ${f.pins.toLocaleString('en-US')} | ${(f.ms / 1000).toFixed(1)} s | ${f.requests} | ${f.downloads} | ${(f.againMs / 1000).toFixed(1)} s, ${f.againRequests} requests |`,
    )
    .join('\n');
}
