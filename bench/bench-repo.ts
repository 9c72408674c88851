import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PublishOptions, publish } from '../src/flows/publish.js';
import type { Simulator } from '../src/pinterest/simulator.js';
import { initWithLocalOrigin, originBeside } from '../src/util/local-repo.js';
import { BENCH_TEMPLATE_YAML, benchPhotos } from './photos.js';

/**
 * A throw-away repository of `pins` pins on the board Bench over the bench photographs (the four
 * real ones and the product shot, in turn), with a bare origin. Every `creativeEvery`th pin
 * (titled `Creative N`) is rendered from the bench template over its photo.
 */
export async function benchRepository(pins: number, settings = '', opts: { creativeEvery?: number } = {}): Promise<{ dir: string; root: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pinops-bench-'));
  const root = join(dir, 'repo');
  await mkdir(join(root, 'content/pins'), { recursive: true });
  await mkdir(join(root, 'content/media'), { recursive: true });
  const photos = await benchPhotos();
  for (const [name, bytes] of photos) await writeFile(join(root, 'content/media', name), bytes);
  await copyFile('content/media/logo.png', join(root, 'content/media/logo.png'));
  const settingsYaml = `${settings}${opts.creativeEvery ? BENCH_TEMPLATE_YAML : ''}`;
  if (settingsYaml) await writeFile(join(root, 'pinops.yml'), settingsYaml);
  await writeFile(join(root, 'content/boards.yml'), 'boards:\n  - name: Bench\n');
  const names = [...photos.keys()];
  for (let i = 0; i < pins; i++) {
    const creative = opts.creativeEvery !== undefined && i % opts.creativeEvery === 0;
    await writeFile(
      join(root, `content/pins/p${i}.md`),
      `---\nid: p${i}\ntitle: ${creative ? 'Creative' : 'Pin'} ${i}\nboard: Bench\nlink: https://shop.example.com/p/${i}\nimage: ../media/${names[i % names.length]}\nalt_text: pin ${i}\n${creative ? 'template: card\n' : ''}---\nPin ${i}.\n`,
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
