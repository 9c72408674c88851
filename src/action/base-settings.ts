import { spawn } from 'node:child_process';
import type { GithubClient } from '../github/client.js';
import { GithubError } from '../github/errors.js';
import { query, repoPath, segs } from '../github/paths.js';
import { git } from '../ledger/git.js';
import { defaultSettings, parseSettings } from '../settings/load.js';
import type { Settings } from '../settings/schema.js';
import { branchNameProblem } from '../util/ref-name.js';

/** The base branch's settings, where they were read, and why they could not be when they could not. */
export interface BaseSettings {
  settings: Settings;
  /** "the base branch's pinops.yml (1a2b3c4)", or "pinops' defaults". */
  from: string;
  problem?: string;
}

/** A file's bytes at a commit; `undefined` when the commit has no such file. */
type Read = (ref: string, path: string) => Promise<Buffer | undefined>;

/** git's output as bytes (pinops.yml may be UTF-16, a batch of blobs is binary). */
function gitBytes(cwd: string, args: string[], input?: string): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString() }));
    if (child.stdin) {
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    }
  });
}

/**
 * The commit `ref` names in the checkout's git: the runner checks out the merge commit, often
 * shallow, so the base commit is fetched from `origin` when it is not there. A branch name is
 * always fetched, never taken from a local branch of that name.
 */
export async function gitCommitOf(root: string, ref: string): Promise<string> {
  const shallow = (await git(root, ['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
  const depth = shallow ? ['--depth=1'] : [];
  if (/^[0-9a-f]{40}$/.test(ref)) {
    if ((await git(root, ['cat-file', '-e', `${ref}^{commit}`])).code !== 0) {
      const r = await git(root, ['fetch', '--quiet', '--no-tags', ...depth, 'origin', ref]);
      if (r.code !== 0) throw new Error(`git cannot fetch ${ref.slice(0, 7)} from origin: ${r.stderr.trim()}`);
    }
    return ref;
  }
  const problem = branchNameProblem(ref);
  if (problem) throw new Error(`"${ref}" is not a branch name: it ${problem}`);
  const r = await git(root, ['fetch', '--quiet', '--no-tags', ...depth, 'origin', `+refs/heads/${ref}:refs/pinops/base`]);
  if (r.code !== 0) throw new Error(`git cannot fetch ${ref} from origin: ${r.stderr.trim()}`);
  return (await git(root, ['rev-parse', 'refs/pinops/base'])).stdout.trim();
}

/**
 * Files at a commit, as git blobs (never through a symbolic link): their bytes, `not-a-file` for
 * a path that is something else there (a link, a folder), nothing for a path the commit lacks.
 * Two git processes, however many files.
 */
export async function gitFilesAt(root: string, commit: string, paths: readonly string[]): Promise<Map<string, Buffer | 'not-a-file'>> {
  const out = new Map<string, Buffer | 'not-a-file'>();
  if (paths.length === 0) return out;
  const listed = await gitBytes(root, ['--literal-pathspecs', 'ls-tree', '-z', commit, '--', ...paths]);
  if (listed.code !== 0) throw new Error(`git cannot read ${commit.slice(0, 7)}: ${listed.stderr.trim()}`);
  const blobs: [string, string][] = [];
  for (const line of listed.stdout.toString('utf8').split('\0').filter(Boolean)) {
    const tab = line.indexOf('\t');
    const [mode, type, sha] = line.slice(0, tab).split(' ');
    const path = line.slice(tab + 1);
    if (type === 'blob' && (mode === '100644' || mode === '100755')) blobs.push([path, sha as string]);
    else out.set(path, 'not-a-file');
  }
  if (blobs.length === 0) return out;
  const batch = await gitBytes(root, ['cat-file', '--batch'], `${blobs.map(([, sha]) => sha).join('\n')}\n`);
  if (batch.code !== 0) throw new Error(`git cannot read the files at ${commit.slice(0, 7)}: ${batch.stderr.trim()}`);
  // Each answer: "<sha> blob <size>\n", the bytes, "\n" ("<sha> missing\n" where a partial clone lacks it).
  let at = 0;
  for (const [path] of blobs) {
    const eol = batch.stdout.indexOf(10, at);
    const [, type, size] = batch.stdout.subarray(at, Math.max(at, eol)).toString('latin1').split(' ');
    if (eol < 0 || type !== 'blob') throw new Error(`git cannot read ${path} at ${commit.slice(0, 7)}: its blob is not in the checkout`);
    out.set(path, batch.stdout.subarray(eol + 1, eol + 1 + Number(size)));
    at = eol + 1 + Number(size) + 1;
  }
  return out;
}

/** From the checkout's git (see gitCommitOf). */
function fromGit(root: string): Read {
  return async (ref, path) => {
    const commit = await gitCommitOf(root, ref);
    const file = (await gitFilesAt(root, commit, [path])).get(path);
    if (file === 'not-a-file') throw new Error(`${path} is not a regular file at ${commit.slice(0, 7)}`);
    return file;
  };
}

/** From the GitHub contents API, with the job's token (the workflow_run job has no checkout). */
function fromGithub(gh: GithubClient): Read {
  return async (ref, path) => {
    try {
      const file = await gh.request<{ type?: string; encoding?: string; content?: string }>('GET', `${repoPath(gh.repo)}/contents/${segs(path)}?${query({ ref })}`);
      if (file?.type !== 'file' || file.encoding !== 'base64' || typeof file.content !== 'string') throw new Error(`${path} is not a regular file at ${ref.slice(0, 12)}`);
      return Buffer.from(file.content, 'base64');
    } catch (err) {
      if (err instanceof GithubError && err.status === 404) return undefined;
      throw err;
    }
  };
}

/**
 * The settings of the base branch, at `ref` (a commit, or a branch name), read from the checkout's
 * git and else from the GitHub API. When neither can read them, pinops' defaults, which are the
 * safe side: no private networks, its own branches.
 */
export async function baseSettings(opts: {
  config: string;
  ref: string | undefined;
  env: Record<string, string | undefined>;
  root?: string;
  github?: GithubClient;
}): Promise<BaseSettings> {
  const fallback = (problem: string): BaseSettings => ({ settings: parseDefaults(opts.env), from: "pinops' defaults", problem });
  if (!opts.ref) return fallback('the event names no base commit');
  const ref = opts.ref;
  const sources: [string, Read][] = [];
  if (opts.root) sources.push(['git', fromGit(opts.root)]);
  if (opts.github) sources.push(['the GitHub API', fromGithub(opts.github)]);
  const problems: string[] = [];
  for (const [name, read] of sources) {
    let bytes: Buffer | undefined;
    try {
      bytes = await read(ref, opts.config);
    } catch (err) {
      problems.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    const parsed = parseSettings(opts.config, bytes, opts.env);
    const at = /^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 7) : ref;
    if (!parsed.ok) return fallback(`the base branch's ${opts.config} (${at}) is invalid: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
    return { settings: parsed.settings, from: bytes ? `the base branch's ${opts.config} (${at})` : `pinops' defaults (the base branch, ${at}, has no ${opts.config})` };
  }
  return fallback(problems.join('; ') || 'neither git nor a token to read it with');
}

/** The defaults, with what the environment sets (PINTEREST_API_BASE). */
function parseDefaults(env: Record<string, string | undefined>): Settings {
  const r = parseSettings('pinops.yml', undefined, env);
  return r.ok ? r.settings : defaultSettings();
}
