import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../src/cli/demo.js';
import { publish } from '../../src/flows/publish.js';
import { validateRepository } from '../../src/flows/validate.js';
import type { Simulator } from '../../src/pinterest/simulator.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { contractSimulator } from '../helpers/publish-env.js';
import { type FixtureFile, PROJECT, tempRepos } from '../helpers/repo.js';

const repos = tempGitRepos();
const local = tempRepos();
const sims: Simulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

/** The bundled example (content/ and pinops.yml), file by file. */
function example(): Record<string, FixtureFile> {
  const files: Record<string, FixtureFile> = { 'pinops.yml': readFileSync(join(PROJECT, 'pinops.yml')) };
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(PROJECT, rel))) {
      const path = `${rel}/${name}`;
      if (statSync(join(PROJECT, path)).isDirectory()) walk(path);
      else files[path] = readFileSync(join(PROJECT, path));
    }
  };
  walk('content');
  return files;
}

describe('the media of a run', () => {
  it('are read from disk once each: validated, fingerprinted, rendered and sent from the same read', async () => {
    const repo = await repos(example());
    const { sim, env, contract } = await contractSimulator();
    sims.push(sim);
    const v = await validateRepository({ root: repo.root, env });
    if (!v.ok) throw new Error('the example does not validate');
    const r = await publish({ root: repo.root, env, now: DEMO_NOW, dryRun: false, runId: 'reads', mask: () => {}, log: () => {}, validated: v });
    // The run sent an image pin, a carousel, a video with its cover and a creative with its logo.
    const sent = r.outcomes.filter((o) => o.action === 'create' && o.result === 'ok').map((o) => o.key);
    expect(sent.length).toBeGreaterThanOrEqual(5);
    const kinds = new Set(r.plan.actions.filter((a) => sent.includes(a.key)).map((a) => a.desired?.media?.kind));
    expect([...kinds].sort()).toEqual(['carousel', 'image', 'template', 'video']);
    expect([...sim.state.media.values()].some((m) => m.uploaded)).toBe(true);
    expect(contract.violations).toEqual([]);
    // Every medium the content names was read, each exactly once.
    const media = readdirSync(join(repo.root, 'content/media')).map((n) => `content/media/${n}`);
    const reads = Object.fromEntries(v.media.reads);
    for (const path of ['content/media/cocoa.mp4', 'content/media/cocoa-cover.jpg', 'content/media/logo.png', 'content/media/look-2.jpg']) expect(reads[path]).toBe(1);
    expect(Object.keys(reads).every((p) => media.includes(p))).toBe(true);
    expect(Object.entries(reads).filter(([, n]) => n !== 1)).toEqual([]);
  });
});

describe('the memory a run keeps for media', () => {
  it('past its limit, a file is read again where it is used, and counted so; the digest is never read again', async () => {
    const { createMediaFiles } = await import('../../src/files/media-library.js');
    const files = createMediaFiles(PROJECT, { keepBytes: readFileSync(join(PROJECT, 'content/media/boots.jpg')).length });
    for (const p of ['content/media/boots.jpg', 'content/media/scarf.jpg']) expect((await files.probe(p)).ok).toBe(true);
    const digests = ['content/media/boots.jpg', 'content/media/scarf.jpg'].map((p) => files.digest(p, 'image'));
    expect(digests.every((d) => /^[0-9a-f]{64}$/.test(d))).toBe(true);
    // boots.jpg filled the memory kept; scarf.jpg was not kept, so sending it reads it again.
    const boots = files.bytes('content/media/boots.jpg', 20e6);
    const scarf = files.bytes('content/media/scarf.jpg', 20e6);
    expect(boots.equals(readFileSync(join(PROJECT, 'content/media/boots.jpg')))).toBe(true);
    expect(scarf.equals(readFileSync(join(PROJECT, 'content/media/scarf.jpg')))).toBe(true);
    expect(Object.fromEntries(files.reads)).toEqual({ 'content/media/boots.jpg': 1, 'content/media/scarf.jpg': 2 });
    // A file read already is still held to the cap of each use.
    expect(() => files.bytes('content/media/boots.jpg', 1000)).toThrow(/over the limit of/);
  });

  it('sends the bytes it validated, even when the file changes on disk in between', async () => {
    const { createMediaFiles } = await import('../../src/files/media-library.js');
    const root = await local({ 'content/media/boots.jpg': readFileSync(join(PROJECT, 'content/media/boots.jpg')) });
    const files = createMediaFiles(root);
    expect((await files.probe('content/media/boots.jpg')).ok).toBe(true);
    writeFileSync(join(root, 'content/media/boots.jpg'), 'not a photo any more');
    expect(files.bytes('content/media/boots.jpg', 20e6).equals(readFileSync(join(PROJECT, 'content/media/boots.jpg')))).toBe(true);
  });

  it('validation alone reads headers and ends, never a whole photo', async () => {
    const { createMediaFiles } = await import('../../src/files/media-library.js');
    const files = createMediaFiles(PROJECT, { whole: false });
    expect(await files.probe('content/media/boots.jpg')).toMatchObject({ ok: true, kind: 'image', format: 'jpg' });
    // Nothing was kept: the digest reads the file (once).
    files.digest('content/media/boots.jpg', 'image');
    files.digest('content/media/boots.jpg', 'image');
    expect(files.reads.get('content/media/boots.jpg')).toBe(1);
  });
});
