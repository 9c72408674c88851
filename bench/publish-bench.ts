import { execFileSync } from 'node:child_process';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '../src/pinterest/simulator.js';
import { originBeside } from '../src/util/local-repo.js';
import { BENCH_APP, benchPublish, benchRepository } from './bench-repo.js';

export const PUBLISH_PINS = 200;
export const ALLOWED_PER_SECOND = 10;
export const LATENCY_MS = 50;
/** One pin in this many is a creative, rendered from the bench template over its photo. */
export const CREATIVE_EVERY = 4;

/** Bytes of the create requests' bodies (the JSON sent, the image in base64 within it), per pin. */
export interface SentBytes {
  /** Every pin. */
  mean: number;
  /** Pins of a photo file, sent as it is. */
  photos: number;
  /** Pins of a creative of a photo, rendered and encoded by pinops. */
  creatives: number;
  /** The creatives' image formats, as sent. */
  creativeTypes: string[];
}

/** Tallies the create requests' bodies as they are sent, keeping only their sizes. */
function sentTally(): { add(body: unknown): void; result(): SentBytes } {
  const sizes = { photos: [] as number[], creatives: [] as number[] };
  const types = new Set<string>();
  const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);
  return {
    add(body) {
      const b = body as { title: string; media_source: { content_type?: string } };
      const bytes = Buffer.byteLength(JSON.stringify(body));
      if (!b.title.startsWith('Creative')) sizes.photos.push(bytes);
      else {
        sizes.creatives.push(bytes);
        types.add(b.media_source.content_type ?? '?');
      }
    },
    result: () => ({ mean: mean([...sizes.photos, ...sizes.creatives]), photos: mean(sizes.photos), creatives: mean(sizes.creatives), creativeTypes: [...types].sort() }),
  };
}

/**
 * Publish 200 pins to the simulator with 50 ms latency and a limit of 10 writes a second (fixed
 * one-second windows, as Pinterest's per-category limits): the achieved create rate against the
 * allowed one, 429s after the first, pinops' own time per pin beyond waiting (wall time less
 * time in requests and in pacing or backoff; what remains is planning, reading, decoding and
 * rendering media, and the ledger's git pushes), and the bytes sent per pin. The pins are over the
 * bench photographs (bench/photos.ts), a quarter of them creatives of those photos.
 */
export async function publishBench(): Promise<{
  achievedPerSecond: number;
  ratio: number;
  extra429: number;
  ownMsPerPin: number;
  wallMs: number;
  pushes: number;
  sent: SentBytes;
}> {
  const { dir, root } = await benchRepository(PUBLISH_PINS, 'schedule:\n  max_per_run: 1000\n  max_per_day: 1000\n', { creativeEvery: CREATIVE_EVERY });

  const createdAt: number[] = [];
  const sent = sentTally();
  const sim: Simulator = await startSimulator({
    latencyMs: LATENCY_MS,
    rateLimit: { limit: ALLOWED_PER_SECOND, windowMs: 1000 },
    ...BENCH_APP,
    onExchange: (e) => {
      // The simulator keeps every exchange for contract checks; here, 200 photos' bodies of about
      // 1 MB would make this process (and every git process it starts) hundreds of MB larger
      // than pinops is when it publishes to Pinterest.
      sim.exchanges.length = 0;
      if (e.method !== 'POST' || e.route !== '/pins' || e.status !== 201) return;
      createdAt.push(performance.now());
      sent.add(e.requestBody);
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
      // With creates in flight, time in requests overlaps and no longer adds up to part of the wall
      // time: what a pin costs beyond the allowed rate is the wall time less the rate's own.
      ownMsPerPin: (wallMs - (PUBLISH_PINS / ALLOWED_PER_SECOND) * 1000) / PUBLISH_PINS,
      wallMs,
      pushes: Number(execFileSync('git', ['rev-list', '--count', 'origin/pinops-ledger'], { cwd: root, encoding: 'utf8' }).trim()),
      sent: sent.result(),
    };
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;

/** The bytes sent per pin, as `npm run bench` prints them. */
export const sentLine = (s: SentBytes) =>
  `${kb(s.mean)} a pin on average; a photo as it is ${kb(s.photos)}, a creative of a photo ${kb(s.creatives)} (${s.creativeTypes.join(', ')})`;

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
  const pushes = await slowPushes(dir, LIMITED_PUSH_LATENCY_MS);
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
    const pushed = await pushes();
    return {
      achievedPerMinute,
      ratio: achievedPerMinute / LIMITED_PER_MINUTE,
      rateLimited: sim.state.rateLimitedRequests,
      pushes: pushed,
      pushesPerPin: pushed / LIMITED_PINS,
      wallMs,
      firstHundredMs: (createdAt[LIMITED_PER_MINUTE - 1] as number) - (createdAt[0] as number),
    };
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The bare origin beside `dir` takes `ms` for every push, as GitHub's take 0.5–1.5 s (a pre-receive
 * hook that sleeps); the function returned counts the pushes so far.
 */
async function slowPushes(dir: string, ms: number): Promise<() => Promise<number>> {
  const pushLog = join(dir, 'pushes.log');
  const hook = join(originBeside(dir), 'hooks', 'pre-receive');
  await writeFile(hook, `#!/bin/sh\ncat >/dev/null\nsleep ${ms / 1000}\necho push >> '${pushLog}'\n`);
  await chmod(hook, 0o755);
  return async () => (await readFile(pushLog, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
}

/** Creates kept in flight (#14): many pins, a limit of 10 writes a second with headers, Pinterest's latency, GitHub's slowest pushes. */
export const FLIGHT_PINS = 300;
export const FLIGHT_PER_SECOND = 10;
export const FLIGHT_API_LATENCY_MS = 150;
export const FLIGHT_PUSH_LATENCY_MS = 1500;

/**
 * Publish 300 photo pins to a simulator that allows 10 org_write requests a second (fixed
 * one-second windows, with `x-ratelimit-*` headers) and answers after 150 ms, into a ledger whose
 * origin takes 1.5 s a push. The fraction of the allowed rate is given twice: over the creates
 * (299 creates from the first to the last) and over the whole run (the 30 s that 300 creates take
 * at the allowed rate, against the wall time from the start of `publish`: validation, planning,
 * credentials, boards and the first push included). Also: 429s, pushes a pin, and the time and
 * pushes before the first create.
 */
export async function publishFlightBench(): Promise<{
  ratio: number;
  wallRatio: number;
  rateLimited: number;
  pushes: number;
  pushesPerPin: number;
  wallMs: number;
  firstCreateMs: number;
  pushesBeforeFirst: number;
}> {
  const { dir, root } = await benchRepository(FLIGHT_PINS, 'schedule:\n  max_per_run: 1000\n  max_per_day: 1000\n');
  const pushes = await slowPushes(dir, FLIGHT_PUSH_LATENCY_MS);
  const createdAt: number[] = [];
  let pushesBeforeFirst = 0;
  const sim = await startSimulator({
    latencyMs: FLIGHT_API_LATENCY_MS,
    rateLimits: { org_write: { limit: FLIGHT_PER_SECOND, windowMs: 1000 }, org_read: { limit: 1000, windowMs: 60_000 } },
    ...BENCH_APP,
    onExchange: (e) => {
      sim.exchanges.length = 0;
      if (e.method !== 'POST' || e.route !== '/pins' || e.status !== 201) return;
      if (createdAt.length === 0) void pushes().then((n) => (pushesBeforeFirst = n));
      createdAt.push(performance.now());
    },
  });
  try {
    const start = performance.now();
    await benchPublish(root, sim);
    const wallMs = performance.now() - start;
    if (sim.state.creates !== FLIGHT_PINS) throw new Error(`published ${sim.state.creates} of ${FLIGHT_PINS}`);
    const span = ((createdAt.at(-1) as number) - (createdAt[0] as number)) / 1000;
    const pushed = await pushes();
    return {
      ratio: (createdAt.length - 1) / span / FLIGHT_PER_SECOND,
      wallRatio: FLIGHT_PINS / FLIGHT_PER_SECOND / (wallMs / 1000),
      rateLimited: sim.state.rateLimitedRequests,
      pushes: pushed,
      pushesPerPin: pushed / FLIGHT_PINS,
      wallMs,
      firstCreateMs: (createdAt[0] as number) - start,
      pushesBeforeFirst,
    };
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The figures of publishFlightBench, as `npm run bench` prints them. */
export function flightLines(f: Awaited<ReturnType<typeof publishFlightBench>>): string[] {
  return [
    `  fraction of the allowed rate       ${f.ratio.toFixed(3)} over the creates, ${f.wallRatio.toFixed(3)} over the whole run (target ≥ 0.85)`,
    `  429s                               ${f.rateLimited}`,
    `  ledger pushes                      ${f.pushes} = ${f.pushesPerPin.toFixed(3)} a pin`,
    `  first create                       after ${(f.firstCreateMs / 1000).toFixed(1)} s and ${f.pushesBeforeFirst} push(es)`,
    `  wall time                          ${(f.wallMs / 1000).toFixed(1)} s (${FLIGHT_PINS / FLIGHT_PER_SECOND} s at the allowed rate)`,
  ];
}

// `npx tsx bench/publish-bench.ts limits` (or `flight`): this piece alone.
if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === 'flight') {
  console.log(`publish ${FLIGHT_PINS} pins at ${FLIGHT_PER_SECOND}/s, ${FLIGHT_API_LATENCY_MS} ms API, ${FLIGHT_PUSH_LATENCY_MS} ms push:`);
  for (const line of flightLines(await publishFlightBench())) console.log(line);
}
if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === 'limits') {
  const l = await publishLimitsBench();
  console.log(
    `publish ${LIMITED_PINS} pins at ${LIMITED_PER_MINUTE} writes a minute (no headers), ${LIMITED_API_LATENCY_MS} ms API, ${LIMITED_PUSH_LATENCY_MS} ms push: ` +
      `${l.achievedPerMinute.toFixed(1)}/min = ${l.ratio.toFixed(3)} of allowed, ${l.rateLimited} 429s, ${l.pushes} pushes = ${l.pushesPerPin.toFixed(2)} a pin, ` +
      `${(l.wallMs / 1000).toFixed(1)} s (the first ${LIMITED_PER_MINUTE} creates in ${(l.firstHundredMs / 1000).toFixed(1)} s)`,
  );
}
