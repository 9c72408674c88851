import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { startSimulator } from '../src/pinterest/simulator.js';
import { BENCH_APP, benchPublish, benchRepository } from './bench-repo.js';

export const PUBLISH_PINS = 200;
export const ALLOWED_PER_SECOND = 10;
export const LATENCY_MS = 50;

/**
 * Publish 200 pins to the simulator with 50 ms latency and a limit of 10 writes a second (fixed
 * one-second windows, as Pinterest's per-category limits): the achieved create rate against the
 * allowed one, 429s after the first, and pinops' own time per pin beyond waiting (wall time less
 * time in requests and in pacing or backoff; what remains is planning, reading and encoding
 * media, and the ledger's git pushes).
 */
export async function publishBench(): Promise<{ achievedPerSecond: number; ratio: number; extra429: number; ownMsPerPin: number; wallMs: number; pushes: number }> {
  const { dir, root } = await benchRepository(PUBLISH_PINS, 'schedule:\n  max_per_run: 1000\n  max_per_day: 1000\n');

  const createdAt: number[] = [];
  const sim = await startSimulator({
    latencyMs: LATENCY_MS,
    rateLimit: { limit: ALLOWED_PER_SECOND, windowMs: 1000 },
    ...BENCH_APP,
    onExchange: (e) => {
      if (e.method === 'POST' && e.route === '/pins' && e.status === 201) createdAt.push(performance.now());
    },
  });
  try {
    const start = performance.now();
    const r = await benchPublish(root, sim);
    const wallMs = performance.now() - start;
    if (sim.state.creates !== PUBLISH_PINS) throw new Error(`published ${sim.state.creates} of ${PUBLISH_PINS}`);
    const span = ((createdAt.at(-1) as number) - (createdAt[0] as number)) / 1000;
    const achievedPerSecond = (createdAt.length - 1) / span;
    return {
      achievedPerSecond,
      ratio: achievedPerSecond / ALLOWED_PER_SECOND,
      extra429: Math.max(0, r.rateLimited - 1),
      ownMsPerPin: (wallMs - r.requestMs - r.waitedMs) / PUBLISH_PINS,
      wallMs,
      pushes: Number(execFileSync('git', ['rev-list', '--count', 'origin/pinops-ledger'], { cwd: root, encoding: 'utf8' }).trim()),
    };
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}
