import { execFileSync } from 'node:child_process';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSimulator } from '../src/pinterest/simulator.js';
import { originBeside } from '../src/util/local-repo.js';
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

/** Publishing against Pinterest as documented: Standard access's org_write limit, no headers, real latencies. */
export const LIMITED_PER_MINUTE = 100;
/** Two full minutes of the limit and one more: the first and the last create are then two windows apart at best. */
export const LIMITED_PINS = 2 * LIMITED_PER_MINUTE + 1;
export const LIMITED_API_LATENCY_MS = 150;
export const LIMITED_PUSH_LATENCY_MS = 1000;

/**
 * Publish 201 pins with pinops' defaults (Standard access: 100 writes a minute, paced without
 * headers) to a simulator that enforces 100 org_write requests a minute without sending any
 * rate-limit header and answers after 150 ms, into a ledger whose bare origin takes 1 s for every
 * push (a pre-receive hook that sleeps). With 201 = 2 × 100 + 1 creates, the fastest the limit
 * allows puts the last create two minutes after the first (whatever the windows' alignment, the
 * rate over that span is the allowed one), so the achieved rate is (201 − 1) creates over the
 * span from the first create to the last. Also: 429s, and ledger pushes per pin (counted by the hook).
 */
export async function publishLimitsBench(): Promise<{
  achievedPerMinute: number;
  ratio: number;
  rateLimited: number;
  pushes: number;
  pushesPerPin: number;
  wallMs: number;
  /** How long the first minute's 100 creates took: under a minute, the limit (not pinops) set the pace. */
  firstHundredMs: number;
}> {
  const { dir, root } = await benchRepository(LIMITED_PINS, 'schedule:\n  max_per_run: 1000\n  max_per_day: 1000\n');
  const pushLog = join(dir, 'pushes.log');
  const hook = join(originBeside(dir), 'hooks', 'pre-receive');
  await writeFile(hook, `#!/bin/sh\ncat >/dev/null\nsleep ${LIMITED_PUSH_LATENCY_MS / 1000}\necho push >> '${pushLog}'\n`);
  await chmod(hook, 0o755);
  const createdAt: number[] = [];
  const sim = await startSimulator({
    latencyMs: LIMITED_API_LATENCY_MS,
    rateLimitHeaders: false,
    rateLimits: { org_write: { limit: LIMITED_PER_MINUTE, windowMs: 60_000 }, org_read: { limit: 1000, windowMs: 60_000 } },
    ...BENCH_APP,
    onExchange: (e) => {
      if (e.method === 'POST' && e.route === '/pins' && e.status === 201) createdAt.push(performance.now());
    },
  });
  try {
    const start = performance.now();
    await benchPublish(root, sim);
    const wallMs = performance.now() - start;
    if (sim.state.creates !== LIMITED_PINS) throw new Error(`published ${sim.state.creates} of ${LIMITED_PINS}`);
    const spanMin = ((createdAt.at(-1) as number) - (createdAt[0] as number)) / 60_000;
    const achievedPerMinute = (createdAt.length - 1) / spanMin;
    const pushes = (await readFile(pushLog, 'utf8')).split('\n').filter(Boolean).length;
    return {
      achievedPerMinute,
      ratio: achievedPerMinute / LIMITED_PER_MINUTE,
      rateLimited: sim.state.rateLimitedRequests,
      pushes,
      pushesPerPin: pushes / LIMITED_PINS,
      wallMs,
      firstHundredMs: (createdAt[LIMITED_PER_MINUTE - 1] as number) - (createdAt[0] as number),
    };
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

// `npx tsx bench/publish-bench.ts limits`: this piece alone.
if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === 'limits') {
  const l = await publishLimitsBench();
  console.log(
    `publish ${LIMITED_PINS} pins at ${LIMITED_PER_MINUTE} writes a minute (no headers), ${LIMITED_API_LATENCY_MS} ms API, ${LIMITED_PUSH_LATENCY_MS} ms push: ` +
      `${l.achievedPerMinute.toFixed(1)}/min = ${l.ratio.toFixed(3)} of allowed, ${l.rateLimited} 429s, ${l.pushes} pushes = ${l.pushesPerPin.toFixed(2)} a pin, ` +
      `${(l.wallMs / 1000).toFixed(1)} s (the first ${LIMITED_PER_MINUTE} creates in ${(l.firstHundredMs / 1000).toFixed(1)} s)`,
  );
}
