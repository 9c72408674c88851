import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { digestFiles } from '../../src/files/digest.js';
import { createMediaFiles } from '../../src/files/media-library.js';
import { mediaSource } from '../../src/flows/publish/bodies.js';
import type { PinterestApi } from '../../src/pinterest/client.js';
import type { Simulator } from '../../src/pinterest/simulator.js';
import { realClock } from '../../src/pinterest/transport.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { runMeasured } from '../helpers/measured.js';
import { contractSimulator, currentRefreshToken } from '../helpers/publish-env.js';
import { BASE, mdPin, PROJECT, tempRepos } from '../helpers/repo.js';

const repos = tempGitRepos();
const sims: Simulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

const LIMIT = { limitMb: 500, timeoutMs: 60_000 };

describe('media that is not a file of the repository is never read', () => {
  it('a link to /dev/zero and a link out of the repository: validate reports them at their line; plan and publish skip those pins, quickly and in little memory, and publish the others', async () => {
    const repo = await repos({
      ...BASE,
      'content/media/zero.jpg': { symlink: '/dev/zero' },
      'content/media/elsewhere.jpg': { symlink: join(PROJECT, 'content/media/scarf.jpg') },
      'content/pins/good.md': mdPin({ id: 'good', title: 'Good' }),
      'content/pins/zero.md': mdPin({ id: 'zero', title: 'Zero', image: '../media/zero.jpg' }),
      'content/pins/elsewhere.md': mdPin({ id: 'elsewhere', title: 'Elsewhere', image: '../media/elsewhere.jpg' }),
    });
    const validate = await runMeasured(['validate', '--cwd', repo.root], {}, LIMIT);
    expect(validate.stopped).toBeUndefined();
    expect(validate.code).toBe(1);
    expect(validate.out).toMatch(/content\/pins\/zero\.md:5:\d+ .*outside-repo/);
    expect(validate.out).toMatch(/content\/pins\/elsewhere\.md:5:\d+ .*outside-repo/);

    const plan = await runMeasured(['plan', '--cwd', repo.root, '--json'], {}, LIMIT);
    expect(plan.stopped).toBeUndefined();
    expect(plan.peakMb).toBeLessThan(500);
    const actions = (JSON.parse(plan.out.slice(0, plan.out.lastIndexOf('}') + 1)) as { actions: { key: string; action: string }[] }).actions;
    expect(actions.map((a) => `${a.key}:${a.action}`).sort()).toEqual(['elsewhere:invalid', 'good:create', 'zero:invalid']);

    const { sim, env } = await contractSimulator();
    sims.push(sim);
    const publish = await runMeasured(['publish', '--cwd', repo.root], { ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) }, LIMIT);
    expect(publish.stopped).toBeUndefined();
    expect(publish.peakMb).toBeLessThan(500);
    expect(publish.ms).toBeLessThan(30_000);
    expect([...sim.state.pins.values()].map((p) => p.title)).toEqual(['Good']);
  }, 120_000);
});

describe('every reader of media checks the file before reading it', () => {
  const local = tempRepos();

  it('the digest, the upload, the renderer and the previews refuse a link to /dev/zero, a pipe and a link out of the repository', async () => {
    const root = await local({
      ...BASE,
      'content/media/zero.jpg': { symlink: '/dev/zero' },
      'content/media/elsewhere.jpg': { symlink: join(PROJECT, 'content/media/scarf.jpg') },
    });
    execFileSync('mkfifo', [join(root, 'content/media/pipe.jpg')]);
    const bad = ['content/media/zero.jpg', 'content/media/pipe.jpg', 'content/media/elsewhere.jpg'];
    const digests = digestFiles(createMediaFiles(root), new Map([...bad, 'content/media/boots.jpg'].map((p) => [p, 'image'] as const)));
    expect([...digests.keys()]).toEqual(['content/media/boots.jpg']);
    const { renderCreative, renderPreview } = await import('../../src/render/sharp.js');
    const api = {} as PinterestApi;
    for (const path of bad) {
      const why = /outside the repository|a device, not a file|a named pipe, not a file/;
      await expect(mediaSource(createMediaFiles(root), { kind: 'image', image: { path, digest: '' } }, api, realClock)).rejects.toThrow(why);
      await expect(renderCreative(createMediaFiles(root), { width: 100, height: 150, background: '#fff', layers: [{ kind: 'photo', path, focus: 'center' }] })).rejects.toThrow(
        why,
      );
      await expect(
        renderCreative(createMediaFiles(root), { width: 100, height: 150, background: '#fff', layers: [{ kind: 'logo', path, x: 0, y: 0, width: 10 }] }),
      ).rejects.toThrow(why);
      await expect(renderPreview(createMediaFiles(root), { picture: { path }, title: 't', excerpt: '', footer: '' })).rejects.toThrow(why);
    }
    // A template's logo that climbs out by `..` is refused by its path, before the file system is asked.
    await expect(
      renderCreative(createMediaFiles(root), { width: 100, height: 150, background: '#fff', layers: [{ kind: 'logo', path: '../../../etc/passwd', x: 0, y: 0, width: 10 }] }),
    ).rejects.toThrow(/a path that leaves the repository/);
  });
});

/** An MP4 of `size` bytes: cocoa.mp4's `ftyp` and `moov` boxes, then an `mdat` box over the rest, sparse (instant to make). */
async function bigVideo(path: string, size: number): Promise<void> {
  const real = readFileSync(join(PROJECT, 'content/media/cocoa.mp4'));
  const boxes = real.subarray(0, 32 + 1415);
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(size - boxes.length, 0);
  mdat.write('mdat', 4, 'latin1');
  await writeFile(path, Buffer.concat([boxes, mdat]));
  await truncate(path, size);
}

describe('videos are streamed, never held in memory', () => {
  it('publishes a 1.5 GB video in under 500 MB of memory, the whole file uploaded as multipart form-data', async () => {
    const repo = await repos({ ...BASE, 'content/pins/small.md': mdPin({ id: 'small' }) });
    const size = 1.5 * 1024 ** 3;
    await bigVideo(join(repo.root, 'content/media/big.mp4'), size);
    await writeFile(join(repo.root, 'content/pins/big.yml'), 'id: big\ntitle: Big\nboard: Cozy Home\nvideo: ../media/big.mp4\ncover: ../media/cover.jpg\nalt_text: big\n');
    const { sim, contract, env } = await contractSimulator();
    sims.push(sim);
    const r = await runMeasured(['publish', '--cwd', repo.root], { ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) }, { limitMb: 500, timeoutMs: 150_000 });
    expect(r.stopped).toBeUndefined();
    expect(r.code).toBe(0);
    expect(r.peakMb).toBeLessThan(500);
    expect([...sim.state.media.values()].map((m) => m.bytes)).toEqual([size]);
    expect([...sim.state.pins.values()].map((p) => p.title).sort()).toEqual(['Big', 'Waterproof boots']);
    expect(contract.violations).toEqual([]);
    console.log(`1.5 GB video: publish peaked at ${Math.round(r.peakMb)} MB in ${Math.round(r.ms)} ms`);
  }, 180_000);
});
