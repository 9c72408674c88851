import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publish } from '../src/flows/publish.js';
import { startSimulator } from '../src/pinterest/simulator.js';
import { initWithLocalOrigin, originBeside } from '../src/util/local-repo.js';

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
  const dir = await mkdtemp(join(tmpdir(), 'pinops-bench-'));
  const root = join(dir, 'repo');
  await mkdir(join(root, 'content/pins'), { recursive: true });
  await mkdir(join(root, 'content/media'), { recursive: true });
  for (const img of ['boots.jpg', 'scarf.jpg', 'wreath.jpg', 'look-1.jpg']) await copyFile(join('content/media', img), join(root, 'content/media', img));
  await writeFile(join(root, 'pinops.yml'), 'schedule:\n  max_per_run: 1000\n  max_per_day: 1000\n');
  await writeFile(join(root, 'content/boards.yml'), 'boards:\n  - name: Bench\n');
  for (let i = 0; i < PUBLISH_PINS; i++) {
    const img = ['boots.jpg', 'scarf.jpg', 'wreath.jpg', 'look-1.jpg'][i % 4];
    await writeFile(
      join(root, `content/pins/p${i}.md`),
      `---\nid: p${i}\ntitle: Pin ${i}\nboard: Bench\nlink: https://shop.example.com/p/${i}\nimage: ../media/${img}\nalt_text: pin ${i}\n---\nPin ${i}.\n`,
    );
  }
  initWithLocalOrigin(root, originBeside(dir), 'pins');

  const createdAt: number[] = [];
  const sim = await startSimulator({
    latencyMs: LATENCY_MS,
    rateLimit: { limit: ALLOWED_PER_SECOND, windowMs: 1000 },
    app: { id: 'a', secret: 's' },
    refreshTokens: ['r'],
    onExchange: (e) => {
      if (e.method === 'POST' && e.route === '/pins' && e.status === 201) createdAt.push(performance.now());
    },
  });
  try {
    const start = performance.now();
    const r = await publish({
      root,
      env: { PINTEREST_API_BASE: sim.url, PINTEREST_APP_ID: 'a', PINTEREST_APP_SECRET: 's', PINTEREST_REFRESH_TOKEN: 'r' },
      dryRun: false,
      runId: 'bench',
      mask: () => {},
      log: () => {},
    });
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
