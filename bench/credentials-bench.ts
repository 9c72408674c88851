import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publish } from '../src/flows/publish.js';
import { startSimulator } from '../src/pinterest/simulator.js';
import { initWithLocalOrigin, originBeside } from '../src/util/local-repo.js';
import { fakeGithub } from '../test/helpers/fake-github.js';

/** Counts the API calls credentials add to one publishing run that rotates the refresh token. */
export async function credentialsBench(): Promise<{ pinterest: number; github: number; total: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'pinops-bench-creds-'));
  const root = join(dir, 'repo');
  await mkdir(join(root, 'content/pins'), { recursive: true });
  await mkdir(join(root, 'content/media'), { recursive: true });
  await copyFile('content/media/boots.jpg', join(root, 'content/media/boots.jpg'));
  await writeFile(join(root, 'content/boards.yml'), 'boards:\n  - name: Bench\n');
  await writeFile(join(root, 'content/pins/a.md'), '---\ntitle: A\nboard: Bench\nimage: ../media/boots.jpg\nalt_text: a\n---\nA.\n');
  initWithLocalOrigin(root, originBeside(dir));
  const sim = await startSimulator({ app: { id: 'a', secret: 's' }, refreshTokens: ['r'] });
  const github = await fakeGithub();
  try {
    await publish({
      root,
      env: { PINTEREST_API_BASE: sim.url, PINTEREST_APP_ID: 'a', PINTEREST_APP_SECRET: 's', PINTEREST_REFRESH_TOKEN: 'r' },
      dryRun: false,
      runId: 'bench',
      mask: () => {},
      log: () => {},
      secrets: { ctx: { owner: 'o', repo: 'r', apiUrl: github.url }, token: 't' },
    });
    const pinterest = sim.exchanges.filter((e) => e.route === '/oauth/token' || e.route === '/user_account').length;
    return { pinterest, github: github.calls.length, total: pinterest + github.calls.length };
  } finally {
    await sim.close();
    await github.close();
    await rm(dir, { recursive: true, force: true });
  }
}
