// What a user downloads: the npm package (packed and installed) and the action a runner fetches;
// and how long the test suite takes (issue: pinops reaches its users).
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { du, npm } from '../test/helpers/npm.js';

export interface PackageFigures {
  packedBytes: number;
  unpackedBytes: number;
  installedBytes: number;
  actionTarballBytes: number;
  actionFiles: number;
}

/**
 * npm pack's tarball, installed into an empty project (node_modules measured as du counts bytes);
 * the action as a runner downloads it: the committed tree at HEAD as a gzip tarball (git archive
 * | gzip -6, GitHub's tarball of a tag holds the same files).
 */
export function packageBench(): PackageFigures {
  const work = mkdtempSync(join(tmpdir(), 'pinops-bench-package-'));
  try {
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], '.')) as { filename: string; size: number; unpackedSize: number }[];
    if (!packed) throw new Error('npm pack made nothing');
    const project = join(work, 'shop');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{"name":"shop","private":true}');
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, packed.filename)], project);
    const installedBytes = du(join(project, 'node_modules'));
    const actionTarballBytes = Number(execSync('git archive --format=tar HEAD | gzip -6 | wc -c', { encoding: 'utf8', shell: '/bin/sh' }).trim());
    const actionFiles = execFileSync('git', ['ls-tree', '-r', '--name-only', 'HEAD'], { encoding: 'utf8' }).trim().split('\n').length;
    return { packedBytes: packed.size, unpackedBytes: packed.unpackedSize, installedBytes, actionTarballBytes, actionFiles };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The README's test command's suite (`npm test`), once, wall time. */
export function suiteBench(): { ms: number; passed: number } {
  const start = performance.now();
  // The suite's own config writes its JSON results to .tmp/vitest-results.json.
  execFileSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run'], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1', npm_config_loglevel: 'notice' } });
  const ms = performance.now() - start;
  const r = JSON.parse(readFileSync('.tmp/vitest-results.json', 'utf8')) as { numPassedTests: number };
  return { ms, passed: r.numPassedTests };
}
