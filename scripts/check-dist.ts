// Checks that dist/ is what src/ builds: builds into a temporary folder and compares every file.
// `npm run check:dist`; run once by .ci/run, the CI workflow and the release workflow (a build
// takes about a minute, too long to repeat inside every `npm test`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const listFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();

/** dist/ as git sees it: committed or to be committed, not what the action unpacks at run time. */
const tracked = (): string[] =>
  execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', 'dist'], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && existsSync(f))
    .map((f) => relative('dist', f))
    .sort();

const out = mkdtempSync(join(tmpdir(), 'pinops-dist-'));
try {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', 'action', out], { stdio: 'inherit' });
  const fresh = new Set(listFiles(out));
  const committed = new Set(tracked());
  const problems = [
    ...[...fresh].filter((f) => !committed.has(f)).map((f) => `dist/${f} is missing`),
    ...[...committed].filter((f) => !fresh.has(f)).map((f) => `dist/${f} is not built any more`),
    ...[...fresh].filter((f) => committed.has(f) && !readFileSync(join(out, f)).equals(readFileSync(join('dist', f)))).map((f) => `dist/${f} differs from a fresh build`),
  ];
  if (problems.length) {
    console.error(`dist/ is stale (run \`npm run build\` and commit dist/):\n  ${problems.slice(0, 20).join('\n  ')}`);
    process.exitCode = 1;
  } else console.log(`dist/ is fresh: ${fresh.size} files match a build of src/`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
