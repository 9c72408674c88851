import { spawn } from 'node:child_process';

/** Result of one git command. */
export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

type GitOptions = { input?: string | Buffer; env?: Record<string, string> };

/** Runs git in `cwd` with `input` on stdin, its output as bytes. Never throws for a non-zero exit. */
function gitBytes(cwd: string, args: string[], opts: GitOptions = {}): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const stdin = opts.input === undefined ? 'ignore' : 'pipe';
    const child = spawn('git', args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...opts.env }, stdio: [stdin, 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString() }));
    if (child.stdin) {
      child.stdin.on('error', () => {}); // a command that exits without reading its input
      child.stdin.end(opts.input);
    }
  });
}

/** Runs git in `cwd` with `input` on stdin. Never throws for a non-zero exit: callers decide. */
export async function git(cwd: string, args: string[], opts: GitOptions = {}): Promise<GitResult> {
  const r = await gitBytes(cwd, args, opts);
  return { ...r, stdout: r.stdout.toString() };
}

/** Like `git`, but a non-zero exit is an error naming the command. */
export async function gitOk(cwd: string, args: string[], opts: GitOptions = {}): Promise<string> {
  const r = await git(cwd, args, opts);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr.trim() || r.stdout.trim()}`);
  return r.stdout;
}

/**
 * Many objects in one git process (`cat-file --batch`): each of `specs` (an object id, or
 * `commit:path`) as text, or undefined where there is no such object.
 */
export async function readObjects(cwd: string, specs: readonly string[]): Promise<(string | undefined)[]> {
  if (specs.length === 0) return [];
  const r = await gitBytes(cwd, ['cat-file', '--batch'], { input: `${specs.join('\n')}\n` });
  if (r.code !== 0) throw new Error(`git cat-file --batch failed: ${r.stderr.trim()}`);
  const out: (string | undefined)[] = [];
  const buf = r.stdout;
  let at = 0;
  while (out.length < specs.length && at < buf.length) {
    const eol = buf.indexOf(10, at);
    const header = buf.toString('utf8', at, eol).split(' ');
    at = eol + 1;
    // `<id> <type> <size>`, then the content and a newline; `<spec> missing` (or ambiguous) alone.
    const size = header.length === 3 && /^\d+$/.test(header[2] ?? '') ? Number(header[2]) : Number.NaN;
    if (Number.isNaN(size)) out.push(undefined);
    else {
      out.push(buf.toString('utf8', at, at + size));
      at += size + 1;
    }
  }
  return out;
}
