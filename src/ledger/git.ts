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
export function readObjects(cwd: string, specs: readonly string[]): Promise<(string | undefined)[]> {
  return eachObject(cwd, specs, (text) => text);
}

/**
 * Like `readObjects`, handing each object to `each` as soon as it has come in, so that a caller
 * that parses keeps only what it parsed (a 50,000-pin ledger is 26 MB of text). An error thrown
 * by `each` rejects the whole, once git is done.
 */
export function eachObject<T>(cwd: string, specs: readonly string[], each: (text: string | undefined, index: number) => T): Promise<T[]> {
  if (specs.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch', '--buffer'], { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: T[] = [];
    let failed: unknown;
    const reader = new BatchReader((text) => {
      if (failed === undefined) {
        try {
          out.push(each(text, out.length));
        } catch (err) {
          failed = err;
        }
      }
    });
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => reader.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (failed !== undefined) reject(failed);
      else if (code !== 0 || out.length < specs.length) reject(new Error(`git cat-file --batch failed: ${Buffer.concat(err).toString().trim() || `exit ${code}`}`));
      else resolve(out);
    });
    child.stdin.on('error', () => {});
    child.stdin.end(`${specs.join('\n')}\n`);
  });
}

/**
 * `cat-file --batch` output, parsed as it arrives: `<id> <type> <size>`, the content and a
 * newline; `<spec> missing` alone. Chunks are joined only once an object is whole (a large one
 * spans many).
 */
class BatchReader {
  private chunks: Buffer[] = [];
  private length = 0;
  /** Bytes the next object needs before it can be read. */
  private need = 0;

  constructor(private readonly each: (text: string | undefined) => void) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    if (this.length < this.need) return;
    let buf = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.length);
    for (;;) {
      const eol = buf.indexOf(10);
      if (eol < 0) {
        this.need = buf.length + 1;
        break;
      }
      const header = buf.toString('utf8', 0, eol).split(' ');
      const size = header.length === 3 && /^\d+$/.test(header[2] ?? '') ? Number(header[2]) : Number.NaN;
      const end = Number.isNaN(size) ? eol + 1 : eol + 1 + size + 1;
      if (buf.length < end) {
        this.need = end;
        break;
      }
      this.each(Number.isNaN(size) ? undefined : buf.toString('utf8', eol + 1, eol + 1 + size));
      buf = buf.subarray(end);
    }
    this.chunks = buf.length ? [buf] : [];
    this.length = buf.length;
  }
}
