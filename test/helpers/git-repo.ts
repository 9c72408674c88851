import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { initWithLocalOrigin, originBeside } from '../../src/util/local-repo.js';
import { type FixtureFile, makeRepo } from './repo.js';

const ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };

export function sh(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A working repository with `files` committed on main, and a bare repository as its `origin`. */
export async function makeGitRepo(files: Record<string, FixtureFile>): Promise<{ root: string; origin: string; clone(): Promise<string>; cleanup(): Promise<void> }> {
  const repo = await makeRepo(files);
  const dir = await mkdtemp(join(tmpdir(), 'pinops-origin-'));
  const origin = originBeside(dir);
  initWithLocalOrigin(repo.root, origin);
  const clones: string[] = [];
  return {
    root: repo.root,
    origin,
    async clone() {
      const c = await mkdtemp(join(tmpdir(), 'pinops-clone-'));
      sh(c, 'clone', '--quiet', origin, 'repo');
      clones.push(c);
      return join(c, 'repo');
    },
    async cleanup() {
      await repo.cleanup();
      await rm(dir, { recursive: true, force: true });
      for (const c of clones) await rm(c, { recursive: true, force: true });
    },
  };
}

/** For a test file: git repositories removed after each test. */
export function tempGitRepos(): (files: Record<string, FixtureFile>) => ReturnType<typeof makeGitRepo> {
  const made: { cleanup(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const m of made.splice(0)) await m.cleanup();
  });
  return async (files) => {
    const r = await makeGitRepo(files);
    made.push(r);
    return r;
  };
}
