import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PublishOptions, publish } from '../src/flows/publish.js';
import type { Simulator } from '../src/pinterest/simulator.js';
import { initWithLocalOrigin, originBeside } from '../src/util/local-repo.js';

const IMAGES = ['boots.jpg', 'scarf.jpg', 'wreath.jpg', 'look-1.jpg'];

/** A throw-away repository of `pins` pins on the board Bench over the example's photos, with a bare origin. */
export async function benchRepository(pins: number, settings = ''): Promise<{ dir: string; root: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pinops-bench-'));
  const root = join(dir, 'repo');
  await mkdir(join(root, 'content/pins'), { recursive: true });
  await mkdir(join(root, 'content/media'), { recursive: true });
  for (const img of IMAGES) await copyFile(join('content/media', img), join(root, 'content/media', img));
  if (settings) await writeFile(join(root, 'pinops.yml'), settings);
  await writeFile(join(root, 'content/boards.yml'), 'boards:\n  - name: Bench\n');
  for (let i = 0; i < pins; i++) {
    const img = IMAGES[i % IMAGES.length];
    await writeFile(
      join(root, `content/pins/p${i}.md`),
      `---\nid: p${i}\ntitle: Pin ${i}\nboard: Bench\nlink: https://shop.example.com/p/${i}\nimage: ../media/${img}\nalt_text: pin ${i}\n---\nPin ${i}.\n`,
    );
  }
  initWithLocalOrigin(root, originBeside(dir), 'pins');
  return { dir, root };
}

/** The credentials the bench simulators accept (app `a`, secret `s`, refresh token `r`). */
export const BENCH_APP = { app: { id: 'a', secret: 's' }, refreshTokens: ['r'] };
export const benchEnv = (sim: Simulator) => ({ PINTEREST_API_BASE: sim.url, PINTEREST_APP_ID: 'a', PINTEREST_APP_SECRET: 's', PINTEREST_REFRESH_TOKEN: 'r' });

/** One real publishing run of `root` against a bench simulator. */
export function benchPublish(root: string, sim: Simulator, extra: Partial<PublishOptions> = {}) {
  return publish({ root, env: benchEnv(sim), dryRun: false, runId: 'bench', mask: () => {}, log: () => {}, ...extra });
}
