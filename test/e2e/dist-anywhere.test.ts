import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempGitRepos } from '../helpers/git-repo.js';
import { contractSimulator } from '../helpers/publish-env.js';
import { BASE, mdPin, PROJECT } from '../helpers/repo.js';
import { runAction } from '../helpers/runner.js';

const repos = tempGitRepos();
let dir: string;
// dist/ copied where no node_modules is above it, as a runner checks out the action.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pinops-dist-'));
  await cp(join(PROJECT, 'dist'), join(dir, 'dist'), { recursive: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SETTINGS = 'templates:\n  card:\n    width: 500\n    height: 750\n    texts:\n      - { field: title, x: 20, y: 600, width: 460, size: 32, weight: bold }\n';

describe('dist/ runs without node_modules (sharp natives and fonts travel with it)', () => {
  it('the action publishes a template pin, rendering its creative', async () => {
    const repo = await repos({ ...BASE, 'pinops.yml': SETTINGS, 'content/pins/t.md': mdPin({ id: 't', template: 'card' }) });
    const { sim, env } = await contractSimulator();
    try {
      const run = await runAction({ workspace: repo.root, event: 'schedule', env, entry: join(dir, 'dist/index.js') });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.outputs.published).toBe('1');
      const body = sim.exchanges.find((e) => e.route === '/pins')?.requestBody as { media_source: { content_type: string; data: string } };
      // The creative was drawn on the pin's photo, so it is sent as a JPEG.
      expect(body.media_source.content_type).toBe('image/jpeg');
      expect(Buffer.from(body.media_source.data, 'base64').subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      // This machine's libvips was unpacked beside its compressed copy, once.
      const lib = join(dir, `dist/node_modules/@img/sharp-libvips-linux-${process.arch}/lib`);
      const names = (await readdir(lib)).filter((f) => f.startsWith('libvips'));
      const packed = names.filter((f) => f.endsWith('.br'));
      expect(packed).toHaveLength(1);
      expect(names.sort()).toEqual([(packed[0] as string).slice(0, -'.br'.length), packed[0]]);
    } finally {
      await sim.close();
    }
  });
});

describe('dist/ carries the natives of both runner architectures', () => {
  /** The ELF machine of a shared object: 0x3e is x86-64, 0xb7 is AArch64. */
  async function machine(path: string): Promise<number> {
    const { readFile } = await import('node:fs/promises');
    const { brotliDecompressSync } = await import('node:zlib');
    const b = path.endsWith('.br') ? brotliDecompressSync(await readFile(path)) : await readFile(path);
    expect(b.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    return b.readUInt16LE(18);
  }

  it.each([
    ['x64', 0x3e],
    ['arm64', 0xb7],
  ])('linux-%s: the sharp addon and libvips, built for that CPU', async (arch, elf) => {
    const dir = join(PROJECT, `dist/node_modules/@img/sharp-linux-${arch}/lib`);
    const addon = (await readdir(dir)).find((f) => f.endsWith('.node'));
    expect(addon).toMatch(new RegExp(`^sharp-linux-${arch}`));
    expect(await machine(join(dir, addon as string))).toBe(elf);
    const lib = join(PROJECT, `dist/node_modules/@img/sharp-libvips-linux-${arch}/lib`);
    const so = (await readdir(lib)).find((f) => f.startsWith('libvips-cpp.so') && f.endsWith('.br'));
    expect(so).toBeDefined();
    expect(await machine(join(lib, so as string))).toBe(elf);
  });
});

describe('dist/ carries the CJK fallback fonts, cut to the commonly used characters', () => {
  it.each([
    ['NotoSansSC-Common_400Regular.ttf', 'han', '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'],
    ['NotoSansKR-Common_400Regular.ttf', 'hangul', '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf'],
  ] as const)('%s keeps every character of its set that the whole font has', async (file, kind, source) => {
    const { readFile } = await import('node:fs/promises');
    const hb = await import('harfbuzzjs');
    const { cjkCharacters } = await import('../../scripts/cjk-characters.js');
    const unicodes = async (path: string) => new Set(new hb.Face(new hb.Blob((await readFile(path)).buffer as ArrayBuffer)).collectUnicodes());
    const subset = await unicodes(join(PROJECT, 'dist/fonts', file));
    const whole = await unicodes(join(PROJECT, 'node_modules', source));
    const wanted = [...cjkCharacters(kind)].map((c) => c.codePointAt(0) as number).filter((c) => whole.has(c));
    expect(wanted.length).toBeGreaterThan(kind === 'han' ? 9000 : 2500);
    expect(wanted.filter((c) => !subset.has(c))).toEqual([]);
    // A cut, not a copy: the rarer characters stay out.
    expect(subset.size).toBeLessThan(whole.size / 2);
  });
});
