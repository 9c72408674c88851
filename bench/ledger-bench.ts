import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANGED } from './ledger-child.js';

/**
 * The ledger at 10,000 and 50,000 entries (issue #14): each built by the store itself in a
 * throw-away repository with a bare origin (bench/ledger-child.ts), then, each step in a process
 * of its own, LOADS cold loads (their median), and PUSHES pushes of CHANGED changed entries after a load, as a
 * publishing run makes them. A push's local work is its time less that of its `git push`
 * (measured by git's own trace2 events); memory is the peak RSS of the process that pushes. The
 * baseline is the single-file ledger.json of before, run from that commit's own src/; the
 * migration is this checkout's first push on such a ledger.
 */
export const LEDGER_SIZES = [10_000, 50_000];
const PUSHES = 5;
const LOADS = 3;
/** The last commit of the single-file ledger.json. */
const BASELINE = 'be7528c8d987711ce6428a403c17410389e4027d';

interface Figures {
  loadMs: number;
  loadRssMb: number;
  pushMs: number;
  pushLocalMs: number;
  pushRssMb: number;
}

export interface LedgerFigures {
  size: number;
  now: Figures;
  before?: Figures;
  /** This checkout's first push on the single-file ledger (it moves the pins to pins/), and the next. */
  migrationMs?: number;
  afterMigrationMs?: number;
}

interface ChildResult {
  loadMs?: number;
  pushMs?: number[];
  rssMb: number;
}

function child(src: string, args: string[], env: Record<string, string> = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'bench/ledger-child.ts', src, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1) as string) as ChildResult) : reject(new Error(`ledger-child ${args.join(' ')}: ${err}`)),
    );
  });
}

/** A working repository and its bare origin in `dir`. */
function repository(dir: string): string {
  const root = join(dir, 'repo');
  execFileSync('git', ['init', '--quiet', '--bare', join(dir, 'origin.git')]);
  execFileSync('git', ['init', '--quiet', root]);
  execFileSync('git', ['remote', 'add', 'origin', join(dir, 'origin.git')], { cwd: root });
  return root;
}

/** The seconds each top-level `git push` took, in order, from a trace2 event file. */
async function pushSeconds(trace: string): Promise<number[]> {
  const events = (await readFile(trace, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { event: string; sid: string; argv?: string[]; t_abs?: number });
  const pushes = events.filter((e) => e.event === 'start' && !e.sid.includes('/') && e.argv?.[1] === 'push').map((e) => e.sid);
  return pushes.map((sid) => events.find((e) => e.event === 'exit' && e.sid === sid)?.t_abs ?? 0);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function measure(src: string, root: string, size: number, dir: string): Promise<Figures> {
  const trace = join(dir, `trace-${src.replace(/\W/g, '_')}-${size}.json`);
  const push = await child(src, ['push', root, String(size), String(PUSHES)], { GIT_TRACE2_EVENT: trace });
  const git = await pushSeconds(trace);
  const pushMs = push.pushMs ?? [];
  // Cold loads, each a process of its own: the median of a few, as every other figure is.
  const loads: Awaited<ReturnType<typeof child>>[] = [];
  for (let i = 0; i < LOADS; i++) loads.push(await child(src, ['load', root, String(size)]));
  return {
    loadMs: median(loads.map((l) => l.loadMs ?? Number.NaN)),
    loadRssMb: Math.max(...loads.map((l) => l.rssMb)),
    pushMs: median(pushMs),
    pushLocalMs: median(pushMs.map((ms, i) => ms - (git[i] ?? 0) * 1000)),
    pushRssMb: push.rssMb,
  };
}

/** The src/ of the baseline commit, under bench/.work (where it finds node_modules), or undefined when this clone lacks it. */
async function baselineSrc(): Promise<string | undefined> {
  const dir = join('bench', '.work', 'ledger-baseline');
  try {
    execFileSync('git', ['cat-file', '-e', `${BASELINE}^{commit}`], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${BASELINE} src | tar -x -C '${dir}'`]);
  return join(dir, 'src');
}

export async function ledgerBench(sizes = LEDGER_SIZES): Promise<LedgerFigures[]> {
  const dir = await mkdtemp(join(tmpdir(), 'pinops-ledger-bench-'));
  const before = await baselineSrc();
  const out: LedgerFigures[] = [];
  try {
    for (const size of sizes) {
      const root = repository(await mkdtemp(join(dir, 'now-')));
      await child('src', ['build', root, String(size)]);
      const figures: LedgerFigures = { size, now: await measure('src', root, size, dir) };
      if (before) {
        const old = repository(await mkdtemp(join(dir, 'before-')));
        await child(before, ['build', old, String(size)]);
        figures.before = await measure(before, old, size, dir);
        const [first, next] = (await child('src', ['push', old, String(size), '2'])).pushMs ?? [];
        Object.assign(figures, { migrationMs: first, afterMigrationMs: next });
      }
      out.push(figures);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

const ms = (v: number | undefined) => (v === undefined ? '–' : `${v.toFixed(0)} ms`);
const mb = (v: number | undefined) => (v === undefined ? '–' : `${v.toFixed(0)} MB`);

export function printLedgerFigures(results: LedgerFigures[]): void {
  for (const r of results) {
    const b = r.before;
    console.log(`  ${r.size.toLocaleString('en')} entries`);
    console.log(
      `    push of ${CHANGED}, local work         ${ms(r.now.pushLocalMs).padStart(8)} (whole push ${ms(r.now.pushMs)}; before ${ms(b?.pushLocalMs)}, whole ${ms(b?.pushMs)}; target ≤ 300 ms)`,
    );
    console.log(`    memory of the pushing process  ${mb(r.now.pushRssMb).padStart(8)} (before ${mb(b?.pushRssMb)}; target ≤ 300 MB)`);
    console.log(`    cold load                      ${ms(r.now.loadMs).padStart(8)} (before ${ms(b?.loadMs)}; target ≤ 500 ms), ${mb(r.now.loadRssMb)}`);
    if (r.migrationMs !== undefined) console.log(`    first push on the old layout   ${ms(r.migrationMs).padStart(8)} (moves it to pins/; the next ${ms(r.afterMigrationMs)})`);
  }
}

/** The rows of the RESULTS.md table. */
export function ledgerRows(results: LedgerFigures[]): string {
  const rows = ['| entries | figure | before (one ledger.json) | now (pins/) | target |', '|---|---|---|---|---|'];
  for (const r of results) {
    const n = r.size.toLocaleString('en');
    rows.push(`| ${n} | push of ${CHANGED} changed entries, local work | ${ms(r.before?.pushLocalMs)} | ${ms(r.now.pushLocalMs)} | ≤ 300 ms |`);
    rows.push(`| ${n} | the same, with its \`git push\` | ${ms(r.before?.pushMs)} | ${ms(r.now.pushMs)} | |`);
    rows.push(`| ${n} | peak memory of the pushing process | ${mb(r.before?.pushRssMb)} | ${mb(r.now.pushRssMb)} | ≤ 300 MB |`);
    rows.push(`| ${n} | cold load | ${ms(r.before?.loadMs)} | ${ms(r.now.loadMs)} | ≤ 500 ms |`);
    rows.push(`| ${n} | first push on a single-file ledger (migration), then the next | | ${ms(r.migrationMs)}, then ${ms(r.afterMigrationMs)} | |`);
  }
  return rows.join('\n');
}
