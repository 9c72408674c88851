// npm run bench: the figures the issues name, each beside a baseline measured in the same run.
// Results go to stdout and to bench/RESULTS.md.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ensureFixture, PIN_COUNT } from './fixture.js';

const RUNS = 5;
const work = join('bench', '.work');

interface Sample {
  ms: number;
  rssMb: number;
}

function runOnce(args: string[]): Promise<Sample & { code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['bench/measure.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      const kb = Number(/maxrss_kb=(\d+)/.exec(stderr)?.[1] ?? Number.NaN);
      resolve({ ms, rssMb: kb / 1024, code: code ?? -1, stdout });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function measure(name: string, args: string[], check: (r: { code: number; stdout: string }) => void): Promise<Sample> {
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await runOnce(args);
    check(r);
    samples.push(r);
  }
  const s = { ms: median(samples.map((x) => x.ms)), rssMb: Math.max(...samples.map((x) => x.rssMb)) };
  console.log(`  ${name.padEnd(34)} ${s.ms.toFixed(0).padStart(6)} ms (median of ${RUNS})  peak ${s.rssMb.toFixed(0)} MB`);
  return s;
}

await mkdir(work, { recursive: true });
console.log(`pinops benchmarks — ${cpus().length} cores, Node ${process.version}\n`);
console.log(`Validate a repository of ${PIN_COUNT.toLocaleString('en')} pins (whole process, cold start each run):`);
const root = await ensureFixture(work);
const baseline = await measure('baseline: read + YAML-parse', ['bench/baseline-read-parse.mjs', root], (r) => {
  if (r.code !== 0) throw new Error('baseline failed');
});
const pinops = await measure('pinops validate (dist/cli)', ['dist/cli/index.js', 'validate', '--cwd', root, '--format', 'json'], (r) => {
  const out = JSON.parse(r.stdout) as { diagnostics: { severity: string }[] };
  const errors = out.diagnostics.filter((d) => d.severity === 'error').length;
  if (r.code !== 0 || errors > 0) throw new Error(`validation of the fixture failed: exit ${r.code}, ${errors} errors`);
});
const ratio = pinops.ms / baseline.ms;
console.log(`  ratio to baseline                   ${ratio.toFixed(2)}  (target < 2)`);
console.log(`  targets: < 1000 ms → ${pinops.ms < 1000 ? 'met' : 'NOT met'}, < 300 MB → ${pinops.rssMb < 300 ? 'met' : 'NOT met'}`);

const date = new Date().toISOString().slice(0, 10);
const md = `# Benchmark results

Latest run: ${date}, ${cpus().length} cores, Node ${process.version}. Produced by \`npm run bench\`; every figure is the median
of ${RUNS} cold runs (a fresh process each, wall time measured from spawn to exit), peak memory is the largest
max RSS of those runs.

## Validate 10,000 pins (issue: the foundation)

The generated repository (bench/fixture.ts) has 6,000 markdown pins, 2,000 single-pin YAML files and
200 YAML files of 10 pins each, with 200 real JPEGs that the pins share. pinops runs as the built CLI:
\`node dist/cli/index.js validate --format json\`. The baseline only reads every file and YAML-parses it
(the front matter of markdown files) the way pinops does: sync reads and js-yaml on the YAML 1.2 core schema.

| figure | baseline (read + parse) | pinops validate | target |
|---|---|---|---|
| wall time | ${baseline.ms.toFixed(0)} ms | ${pinops.ms.toFixed(0)} ms | < 1000 ms |
| peak memory (max RSS) | ${baseline.rssMb.toFixed(0)} MB | ${pinops.rssMb.toFixed(0)} MB | < 300 MB |
| ratio to baseline | 1 | ${ratio.toFixed(2)} | < 2 |
`;
await writeFile(join('bench', 'RESULTS.md'), md);
console.log('\nwrote bench/RESULTS.md');
