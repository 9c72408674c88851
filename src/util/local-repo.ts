import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'pinops',
  GIT_AUTHOR_EMAIL: 'pinops@users.noreply.github.com',
  GIT_COMMITTER_NAME: 'pinops',
  GIT_COMMITTER_EMAIL: 'pinops@users.noreply.github.com',
};

/**
 * Turns the folder `root` into a git repository whose files are committed on `main` and pushed
 * to a bare `origin` at `originPath`, so the ledger's pushes are real pushes (the demo, the
 * benchmarks and the tests use it).
 */
export function initWithLocalOrigin(root: string, originPath: string, message = 'content'): void {
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: { ...process.env, ...IDENTITY }, stdio: 'pipe' });
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', originPath);
  git(root, 'init', '--quiet', '--initial-branch=main');
  git(root, 'add', '-A');
  git(root, 'commit', '--quiet', '-m', message);
  git(root, 'remote', 'add', 'origin', originPath);
  git(root, 'push', '--quiet', 'origin', 'main');
}

/** `dir/origin.git`, beside a working repository in `dir/repo`. */
export const originBeside = (dir: string) => join(dir, 'origin.git');
