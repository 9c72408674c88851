import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/pinterest/simulator.js';
import { initWithLocalOrigin, originBeside } from '../../src/util/local-repo.js';
import { ledgerAt } from '../helpers/ledger-branch.js';
import { du, npm } from '../helpers/npm.js';
import { contractSimulator, currentRefreshToken } from '../helpers/publish-env.js';
import { PROJECT } from '../helpers/repo.js';

// What a user gets: `npm pack`'s tarball (its prepack builds dist-cli/), installed into a new empty
// project from the tarball, and the CLI run there as `npx pinops` runs it.

let work: string;
let project: string;
let packed: { filename: string; size: number; unpackedSize: number; files: { path: string }[] };

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pinops-package-'));
  [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], PROJECT));
  project = join(work, 'shop');
  await writeFile(join(work, 'package.json'), '{}');
  await mkdir(project);
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'shop', private: true }));
  // The cache that `npm ci` filled has sharp and its natives; the registry is asked only for what it lacks.
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, packed.filename)], project);
}, 300_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The installed CLI, as `npx pinops` starts it (its bin, with this Node). */
function pinops(args: string[], env: Record<string, string> = {}, node = process.execPath) {
  const r = spawnSync(node, [join(project, 'node_modules/.bin/pinops'), ...args], {
    cwd: project,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? work, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the npm package', () => {
  it('holds the CLI bundle and what it needs, and none of the sources, tests or the action', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toContain('bin/pinops.js');
    expect(paths).toContain('dist-cli/index.js');
    expect(paths).toContain('dist-cli/fonts/Inter_400Regular.ttf');
    expect(paths).toContain('content/media/welcome.jpg');
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'pinops.yml']));
    const outside = paths.filter((p) => !/^(bin|dist-cli|content|schemas)\//.test(p) && !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'pinops.yml'].includes(p));
    expect(outside).toEqual([]);
    // Targets: packed ≤ 10 MB; installed with its one dependency (sharp and this platform's natives) ≤ 90 MB.
    expect(packed.size).toBeLessThan(10_000_000);
    expect(du(join(project, 'node_modules'))).toBeLessThan(90_000_000);
  });

  it('is accepted by `npm publish --dry-run`', () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8'));
    const out = JSON.parse(npm(['publish', '--dry-run', '--ignore-scripts', '--json'], PROJECT));
    expect(out.id ?? out.pinops?.id).toBe(`pinops@${version}`);
  });

  it('depends only on sharp: every other library is in the bundle', async () => {
    const manifest = JSON.parse(await readFile(join(project, 'node_modules/pinops/package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies)).toEqual(['sharp']);
    expect(manifest.engines.node).toBe('>=22.12.0');
    expect(manifest.private).toBeUndefined();
  });

  it('prints its version', async () => {
    const { version } = JSON.parse(await readFile(join(PROJECT, 'package.json'), 'utf8'));
    const r = pinops(['--version']);
    expect(r.out).toBe(`${version}\n`);
    expect(r.code).toBe(0);
  });

  it('init, validate, preview, plan and publish work in the new project', { timeout: 120_000 }, async () => {
    execFileSync('git', ['init', '--quiet', '--initial-branch=main'], { cwd: project });
    const init = pinops(['init']);
    expect(init.code).toBe(0);
    expect(init.out).toContain('created  content/pins/welcome.md');
    const validate = pinops(['validate']);
    expect(validate.out).toContain('✔ 0 errors');
    expect(validate.code).toBe(0);
    const preview = pinops(['preview', '--out', 'previews']);
    expect(preview.out).toContain('Wrote 1 preview(s) to previews/');
    // The example's welcome image is a smooth gradient: smaller as JPEG than as PNG.
    expect((await readFile(join(project, 'previews/welcome.jpg'))).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    // The welcome pin is a draft; made ready, it is published to the simulator and recorded.
    const pin = join(project, 'content/pins/welcome.md');
    await writeFile(pin, (await readFile(pin, 'utf8')).replace('status: draft', 'status: ready'));
    const plan = pinops(['plan', '--now', '2026-06-01T12:00:00Z']);
    expect(plan.out).toMatch(/create\s+welcome/);
    expect(plan.code).toBe(0);
  });
});

describe('publishing from the installed package', () => {
  let sim: Simulator;
  let env: Record<string, string>;
  let repo: string;
  beforeAll(async () => {
    ({ sim, env } = await contractSimulator());
    repo = await mkdtemp(join(tmpdir(), 'pinops-package-repo-'));
    const root = join(repo, 'repo');
    await mkdir(root);
    execFileSync('cp', ['-r', join(PROJECT, 'content'), join(PROJECT, 'pinops.yml'), root]);
  });
  afterAll(async () => {
    await sim.close();
    await rm(repo, { recursive: true, force: true });
  });

  it('publishes two pins of the bundled example to the simulator and pushes the ledger to origin', { timeout: 120_000 }, async () => {
    const root = join(repo, 'repo');
    initWithLocalOrigin(root, originBeside(repo));
    // Not spawnSync: the simulator answers from this process's event loop.
    const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(project, 'node_modules/.bin/pinops'), 'publish', '--cwd', root, '--limit', '2'], {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? repo, ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    // No failure and no stack trace; the only word on stderr is when to renew the refresh token.
    expect(r.stderr).not.toMatch(/error|failure|\n\s+at /i);
    expect(r.stdout).toContain('Published 2,');
    expect(r.status).toBe(0);
    expect(sim.state.creates).toBe(2);
    const ledger = await ledgerAt(originBeside(repo), 'pinops-ledger');
    expect(Object.values(ledger.pins).filter((e) => e.state === 'published')).toHaveLength(2);
  });
});

describe('an old Node', () => {
  // This machine's own Node is 20 (the project runs on the Node 24 it installs); where there is no
  // older Node beside it, there is nothing to run this with.
  const old = '/usr/bin/node';
  const major = existsSync(old) ? Number(execFileSync(old, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' })) : 99;
  it.runIf(major < 22)('is refused with a clear message, not a crash', () => {
    const r = pinops(['--version'], {}, old);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^pinops needs Node\.js 22\.12 or newer \(this is v\d+\.\d+\.\d+\); install a current LTS/);
    expect(r.out).toBe('');
  });
});
