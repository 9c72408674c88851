// Run by scripts/build.ts: puts sharp's linux-arm64 natives beside the linux-x64 ones in
// node_modules, so that the build ships both in dist/ (the action runs on x64 and arm64 runners alike, with no
// node_modules of its own). npm installs only the host's natives; these come from the same
// registry through `npm pack`, which checks their integrity, at the exact versions sharp names.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WANTED = ['@img/sharp-linux-arm64', '@img/sharp-libvips-linux-arm64'];
const sharp = JSON.parse(readFileSync('node_modules/sharp/package.json', 'utf8'));
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
const tmp = mkdtempSync(join(tmpdir(), 'pinops-natives-'));
try {
  for (const name of WANTED) {
    const version = sharp.optionalDependencies?.[name];
    if (!version) throw new Error(`sharp ${sharp.version} names no ${name}`);
    const dest = join('node_modules', name);
    const have = existsSync(join(dest, 'package.json')) ? JSON.parse(readFileSync(join(dest, 'package.json'), 'utf8')).version : undefined;
    if (have === version) continue;
    const [cmd, ...pre] = npm;
    const file = execFileSync(cmd, [...pre, 'pack', `${name}@${version}`, '--pack-destination', tmp, '--silent'], { encoding: 'utf8' }).trim().split('\n').at(-1);
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(dest, { recursive: true });
    execFileSync('tar', ['-xzf', join(tmp, file), '-C', dest, '--strip-components=1']);
    console.log(`pinops: added ${name}@${version} for dist/ (linux-arm64 runners)`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
