import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { type Simulator, startSimulator } from '../src/pinterest/simulator.js';
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
      ownMsPerPin: (wallMs - r.requestMs - r.waitedMs) / PUBLISH_PINS,
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
