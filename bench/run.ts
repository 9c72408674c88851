// npm run bench: the figures the issues name, each beside a baseline measured in the same run.
// Results go to stdout and to bench/RESULTS.md.
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import {
  ANALYTICS_ALLOWED_PER_SECOND,
  ANALYTICS_LATENCY_MS,
  ANALYTICS_PINS,
  analyticsBench,
  analyticsLimitsBench,
  analyticsPacingBench,
  createsPacingBench,
  LIMITS_ANALYTICS_PER_MINUTE,
  LIMITS_LATENCY_MS,
  PACING_CREATES,
  PACING_LATENCY_MS,
  PACING_PER_SECOND,
  type PacingFigures,
  pacingLine,
} from './analytics-bench.js';
import { CALENDAR_PINS, calendarBench } from './calendar-bench.js';
import { COMMENT_PINS, commentBench } from './comment-bench.js';
import { credentialsBench } from './credentials-bench.js';
import { ensureFixture, PIN_COUNT } from './fixture.js';
import { IMPORT_SIZES, importBench, importRows } from './import-bench.js';
import { LEDGER_SIZES, ledgerBench, ledgerRows, printLedgerFigures } from './ledger-bench.js';
import { packageBench, suiteBench } from './package-bench.js';
import { checkNewPlanOutput, checkPlanOutput, newPlanRepository, PLAN_NOW, planBench, planRepository } from './plan-bench.js';
import { previewBench, previewRows, printPreviewFigures } from './preview-bench.js';
import { BRANCH_PUSHES, branchRows, PINS_PER_PUSH, previewBranchBench } from './previews-branch-bench.js';
import {
  ALLOWED_PER_SECOND,
  CREATIVE_EVERY,
  FLIGHT_API_LATENCY_MS,
  FLIGHT_PER_SECOND,
  FLIGHT_PINS,
  FLIGHT_PUSH_LATENCY_MS,
  flightLines,
  LATENCY_MS,
  LIMITED_API_LATENCY_MS,
  LIMITED_PER_MINUTE,
  LIMITED_PINS,
  LIMITED_PUSH_LATENCY_MS,
  PUBLISH_PINS,
  publishBench,
  publishFlightBench,
  publishLimitsBench,
  sentLine,
} from './publish-bench.js';

const RUNS = 7;
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

interface Variant {
  name: string;
  args: string[];
  check: (r: { code: number; stdout: string }) => void;
}

/**
 * Measures two variants in turn (A, B, A, B, …) after one unmeasured run of each, so a machine
 * that gets busier or quieter during the benchmark weighs on both alike; each figure is the
 * median of RUNS, the ratio the median of the per-pair ratios.
 */
async function measurePair(a: Variant, b: Variant): Promise<[Sample, Sample, number]> {
  const samples: [Sample[], Sample[]] = [[], []];
  for (const v of [a, b]) v.check(await runOnce(v.args));
  const ratios: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const pair: Sample[] = [];
    for (const [j, v] of [a, b].entries()) {
      const r = await runOnce(v.args);
      v.check(r);
      samples[j]?.push(r);
      pair.push(r);
    }
    ratios.push((pair[1] as Sample).ms / (pair[0] as Sample).ms);
  }
  const out = samples.map((xs) => ({ ms: median(xs.map((x) => x.ms)), rssMb: Math.max(...xs.map((x) => x.rssMb)) })) as [Sample, Sample];
  for (const [j, v] of [a, b].entries()) {
    const s = out[j] as Sample;
    console.log(`  ${v.name.padEnd(34)} ${s.ms.toFixed(0).padStart(6)} ms (median of ${RUNS})  peak ${s.rssMb.toFixed(0)} MB`);
  }
  return [out[0], out[1], median(ratios)];
}

await mkdir(work, { recursive: true });
// The CLI runs as users run it, from its bundle (dist-cli/ is built, not committed).
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', 'cli'], { stdio: 'inherit' });
console.log(`pinops benchmarks — ${cpus().length} cores, Node ${process.version}\n`);
console.log(`Validate a repository of ${PIN_COUNT.toLocaleString('en')} pins (a fresh process each run, after one warm-up):`);
const root = await ensureFixture(work);
const [baseline, pinops, ratio] = await measurePair(
  {
    name: 'baseline: read + YAML-parse',
    args: ['bench/baseline-read-parse.mjs', root],
    check: (r) => {
      if (r.code !== 0) throw new Error('baseline failed');
    },
  },
  {
    name: 'pinops validate (bin/pinops.js)',
    args: ['bin/pinops.js', 'validate', '--cwd', root, '--format', 'json'],
    check: (r) => {
      const out = JSON.parse(r.stdout) as { diagnostics: { severity: string }[] };
      const errors = out.diagnostics.filter((d) => d.severity === 'error').length;
      if (r.code !== 0 || errors > 0) throw new Error(`validation of the fixture failed: exit ${r.code}, ${errors} errors`);
    },
  },
);
console.log(`  ratio to baseline                   ${ratio.toFixed(2)}  (target < 2)`);
console.log(`  targets: < 1000 ms → ${pinops.ms < 1000 ? 'met' : 'NOT met'}, < 300 MB → ${pinops.rssMb < 300 ? 'met' : 'NOT met'}`);
// `npm run bench -- validate`: this figure only (RESULTS.md is written by a full run).
if (process.argv[2] === 'validate') process.exit(0);

console.log(`\nPlan and validate the same ${PIN_COUNT.toLocaleString('en')} pins, a ledger of 10,000 entries on origin (in turn, fresh processes):`);
const planRoot = await planRepository(root, work);
const [pv, pp, planRatio] = await measurePair(
  { name: 'pinops validate', args: ['bin/pinops.js', 'validate', '--cwd', planRoot, '--format', 'json'], check: (r) => checkPlanOutput('validate', r) },
  { name: 'pinops plan', args: ['bin/pinops.js', 'plan', '--cwd', planRoot, '--now', PLAN_NOW, '--json'], check: (r) => checkPlanOutput('plan', r) },
);
console.log(`  ratio plan / validate               ${planRatio.toFixed(2)}  (target ≤ 1.3)`);
// The share of the ledger in that: the same content with no ledger on origin, every pin planned as new.
console.log('The same content, no ledger branch on origin (every pin new):');
const newRoot = await newPlanRepository(root, work);
const [nv, np, newRatio] = await measurePair(
  { name: 'pinops validate', args: ['bin/pinops.js', 'validate', '--cwd', newRoot, '--format', 'json'], check: (r) => checkPlanOutput('validate', r) },
  { name: 'pinops plan (no ledger)', args: ['bin/pinops.js', 'plan', '--cwd', newRoot, '--now', PLAN_NOW, '--json'], check: checkNewPlanOutput },
);
console.log(`  ratio plan / validate               ${newRatio.toFixed(2)}`);
// `npm run bench -- plan`: the figures up to here only.
if (process.argv[2] === 'plan') process.exit(0);

console.log('\nPlan 10,000 pins against a ledger of 10,000 entries (in-process, median of 7):');
const p = planBench();
console.log(`  plan                               ${p.planMs.toFixed(0).padStart(6)} ms  (target < 300)`);
console.log(`  baseline: bare ledger join         ${p.baselineMs.toFixed(1).padStart(6)} ms  ratio ${(p.planMs / p.baselineMs).toFixed(0)}`);

console.log(`\nThe preview comment of a ${COMMENT_PINS}-pin pull request (in-process, median of 7):`);
const cm = commentBench();
console.log(`  render                             ${cm.ms.toFixed(1).padStart(6)} ms  (${cm.previews} + ${cm.plan} characters)`);
console.log(`  1,000 pins, every text at its limit ${cm.bigMs.toFixed(1).padStart(5)} ms  (${cm.bigPreviews} + ${cm.bigPlan} characters)`);

console.log(`\nPublish ${PUBLISH_PINS} pins to the simulator (${LATENCY_MS} ms latency, ${ALLOWED_PER_SECOND} writes a second allowed):`);
const pub = await publishBench();
console.log(`  achieved create rate               ${pub.achievedPerSecond.toFixed(2)}/s = ${pub.ratio.toFixed(2)} of allowed (target > 0.9)`);
console.log(`  429s after the first               ${pub.extra429} (target 0)`);
console.log(`  time per pin beyond the rate's     ${pub.ownMsPerPin.toFixed(1)} ms (wall time less ${PUBLISH_PINS} pins at the allowed rate)`);
console.log(`  wall time                          ${(pub.wallMs / 1000).toFixed(1)} s, ${pub.pushes} ledger commits`);
console.log(`  bytes sent                         ${sentLine(pub.sent)}`);

console.log(
  `\nPublish ${LIMITED_PINS} pins against Pinterest as documented (${LIMITED_PER_MINUTE} writes a minute, no headers, ${LIMITED_API_LATENCY_MS} ms API, ${LIMITED_PUSH_LATENCY_MS} ms a push):`,
);
const lim = await publishLimitsBench();
console.log(`  achieved create rate               ${lim.achievedPerMinute.toFixed(1)}/min = ${lim.ratio.toFixed(3)} of allowed (target ≥ 0.95), ${lim.rateLimited} 429s`);
console.log(`  ledger pushes                      ${lim.pushes} = ${lim.pushesPerPin.toFixed(2)} a pin`);
console.log(`  wall time                          ${(lim.wallMs / 1000).toFixed(1)} s (the first ${LIMITED_PER_MINUTE} creates in ${(lim.firstHundredMs / 1000).toFixed(1)} s)`);

console.log(`\nPublish ${FLIGHT_PINS} pins, creates in flight (${FLIGHT_PER_SECOND} writes a second, ${FLIGHT_API_LATENCY_MS} ms API, ${FLIGHT_PUSH_LATENCY_MS} ms a push):`);
const fl = await publishFlightBench();
for (const line of flightLines(fl)) console.log(line);

console.log(`\nThe ledger at ${LEDGER_SIZES.map((n) => n.toLocaleString('en')).join(' and ')} entries (each step a process of its own; before: the single ledger.json):`);
const ledger = await ledgerBench();
printLedgerFigures(ledger);

console.log('\nPreviews and creatives of real photos (bench/photos.ts), each beside bare sharp doing the same work:');
const prev = await previewBench();
printPreviewFigures(prev);
const worstCard = Math.max(...prev.photos.map((p) => p.preview.bytes));
const worstRatio = Math.max(...prev.photos.map((p) => p.preview.ms / p.preview.baselineMs));
const slowestCard = Math.max(...prev.photos.map((p) => p.preview.ms));

console.log('\npinops import --account of a simulated account (3 boards, a section, a carousel, a video):');
const imports = [];
for (const n of IMPORT_SIZES) {
  const f = await importBench(n);
  imports.push(f);
  console.log(
    `  ${String(n).padEnd(5)} pins  ${(f.ms / 1000).toFixed(1)} s, ${f.requests} API requests, ${f.downloads} pictures; again: ${(f.againMs / 1000).toFixed(1)} s, ${f.againRequests} requests`,
  );
}

console.log(`\npinops calendar of ${CALENDAR_PINS} queued pins over the bench photographs:`);
const calendars = await calendarBench();
for (const c of calendars)
  console.log(
    `  ${String(c.weeks).padStart(2)} weeks  ${(c.ms / 1000).toFixed(2)} s (plan alone ${(c.baselineMs / 1000).toFixed(2)} s), ${(c.bytes / 1024).toFixed(0)} KB, ${c.pinsShown} pins shown`,
  );

console.log('\nAPI calls that credentials add to a publishing run that rotates the refresh token:');
const cred = await credentialsBench();
const branch = await previewBranchBench();
console.log(`previews branch after ${BRANCH_PUSHES} pushes: a clone fetches ${branch.after.bytes} bytes (was ${branch.before.bytes})`);
console.log(`  Pinterest                          ${cred.pinterest} (refresh + account check)`);
console.log(`  GitHub                             ${cred.github} (public key + secret)`);

console.log(
  `\nAnalytics of ${ANALYTICS_PINS} pins, a scheduled run against Pinterest as documented (${LIMITS_ANALYTICS_PER_MINUTE} analytics a minute, no headers, ${LIMITS_LATENCY_MS} ms latency):`,
);
const al = await analyticsLimitsBench();
console.log(`  wall time                          ${(al.wallMs / 1000).toFixed(1)} s (target ≤ 180 s)`);
console.log(`  pins with fresh totals             ${al.freshTotals} of ${ANALYTICS_PINS} (${al.listingRequests} listing requests)`);
console.log(`  daily series read                  ${al.series} (${al.deferred} deferred; every pin within ${al.runsToReadAll} runs), ${al.rateLimited} 429s`);
console.log(`  before (one series a pin)          ≥ ${(ANALYTICS_PINS / LIMITS_ANALYTICS_PER_MINUTE).toFixed(1)} min at ${LIMITS_ANALYTICS_PER_MINUTE} a minute`);
console.log(`\nAnalytics backfill of ${ANALYTICS_PINS} pins, 30 days each (${ANALYTICS_LATENCY_MS} ms latency, ${ANALYTICS_ALLOWED_PER_SECOND} requests a second allowed):`);
const an = await analyticsBench();
console.log(`  achieved request rate              ${an.achievedPerSecond.toFixed(1)}/s = ${an.ratio.toFixed(2)} of allowed, ${an.rateLimited} 429s`);
console.log(`  wall time                          ${(an.wallMs / 1000).toFixed(1)} s (${an.rows.toLocaleString('en')} rows stored)`);
console.log(
  `  summary (median of 7)              ${an.summaryMs.toFixed(1)} ms; bare per-day sum ${an.baselineMs.toFixed(1)} ms, ratio ${(an.summaryMs / an.baselineMs).toFixed(1)}`,
);

console.log(`\nPacing at ${PACING_PER_SECOND} requests a second allowed (fixed 1 s windows, ${PACING_LATENCY_MS} ms latency), by how the simulator tells its limit:`);
const pacing: { what: string; f: PacingFigures }[] = [];
for (const h of ['fraction', 'whole-seconds', 'none'] as const) pacing.push({ what: `analytics of ${ANALYTICS_PINS} pins, headers: ${h}`, f: await analyticsPacingBench(h) });
for (const h of ['fraction', 'none'] as const) pacing.push({ what: `${PACING_CREATES} creates, 3 at once, headers: ${h}`, f: await createsPacingBench(h) });
for (const p of pacing) console.log(pacingLine(p.what, p.f));

console.log('\nWhat users download, and the test suite:');
const pkg = packageBench();
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
console.log(`  npm package, packed                ${mb(pkg.packedBytes)} (target ≤ 10 MB); unpacked ${mb(pkg.unpackedBytes)}`);
console.log(`  installed into an empty project    ${mb(pkg.installedBytes)} (target ≤ 90 MB)`);
console.log(`  the action's tarball (HEAD)        ${mb(pkg.actionTarballBytes)} (target ≤ 20 MB), ${pkg.actionFiles} files`);
const suite = suiteBench();
console.log(`  the test suite (npm test)          ${(suite.ms / 1000).toFixed(0)} s, ${suite.passed} tests (target ≤ 150 s)`);

const date = new Date().toISOString().slice(0, 10);
const md = `# Benchmark results

Latest run: ${date}, ${cpus().length} cores, Node ${process.version}. Produced by \`npm run bench\`; every figure is the median
of ${RUNS} runs after one unmeasured warm-up (a fresh process each, wall time measured from spawn to exit), peak memory is the largest
peak resident size of those runs (the process's own VmHWM: Linux keeps ru_maxrss across exec, so a child of the large bench
runner would report the runner's size). A figure and its baseline are measured in turn (baseline, pinops, baseline, …), so that load from elsewhere on
the machine weighs on both alike.

## Validate 10,000 pins (issue: the foundation)

The generated repository (bench/fixture.ts) has 6,000 markdown pins, 2,000 single-pin YAML files and
200 YAML files of 10 pins each, with 200 real JPEGs that the pins share. pinops runs as users run it:
\`node bin/pinops.js validate --format json\` (the bundled CLI, with Node's compile cache on). The baseline only reads every file and YAML-parses it
(the front matter of markdown files) the way pinops does: sync reads and js-yaml on the YAML 1.2 core schema.

| figure | baseline (read + parse) | pinops validate | target |
|---|---|---|---|
| wall time | ${baseline.ms.toFixed(0)} ms | ${pinops.ms.toFixed(0)} ms | < 1000 ms |
| peak memory (VmHWM) | ${baseline.rssMb.toFixed(0)} MB | ${pinops.rssMb.toFixed(0)} MB | < 300 MB |
| ratio to baseline (median of the ${RUNS} pairs) | 1 | ${ratio.toFixed(2)} | < 2 |

Target of a ratio under 2: ${ratio < 2 ? 'met in this run' : '**not met in this run**'}. On this 2-core machine, shared with other work, single runs of
either side vary by a third from one minute to the next; measuring them in turn keeps the ratio steadier. Runs have given 1.77 to 1.94
before the CLI became the npm package's bundle, and 1.98 to 2.06 since (the higher ones on a busy machine): at 2, with no margin.

## Plan as fast as validate (issue #14)

\`pinops plan --json\` and \`pinops validate --format json\` of the same repository, measured in turn as above: the
fixture of the section before as a git repository whose ledger branch on a bare origin (written by pinops' own ledger
store) records 9,000 of its pins as published, 1,000 of them edited since, and 1,000 pins whose files are gone
(bench/plan-bench.ts). The plan fetches the ledger, compares every pin with it and prints every pin's line.

| figure | pinops validate | pinops plan | target |
|---|---|---|---|
| wall time | ${pv.ms.toFixed(0)} ms | ${pp.ms.toFixed(0)} ms | |
| peak memory (VmHWM) | ${pv.rssMb.toFixed(0)} MB | ${pp.rssMb.toFixed(0)} MB | |
| ratio plan / validate (median of the ${RUNS} pairs) | 1 | ${planRatio.toFixed(2)} | ≤ 1.3 (${planRatio <= 1.3 ? 'met' : '**not met**'}) |

What the ledger weighs in that: the same content beside an origin without a ledger branch (bench/plan-bench.ts,
newPlanRepository), where the plan has no ledger to fetch, read or compare with and plans every pin as new.

| figure | pinops validate | pinops plan, no ledger | |
|---|---|---|---|
| wall time | ${nv.ms.toFixed(0)} ms | ${np.ms.toFixed(0)} ms | |
| peak memory (VmHWM) | ${nv.rssMb.toFixed(0)} MB | ${np.rssMb.toFixed(0)} MB | |
| ratio plan / validate (median of the ${RUNS} pairs) | 1 | ${newRatio.toFixed(2)} | |

## Plan 10,000 pins against a ledger of 10,000 entries (issue: publishing)

8,000 unchanged, 1,000 edited, 1,000 new (a tenth of them scheduled), 1,000 ledger entries whose files are gone;
posting windows, jitter and link spacing on (bench/plan-bench.ts). In-process, median of 7. The baseline is
the bare join: look up every pin in the ledger and compare fingerprints.

| figure | value | target |
|---|---|---|
| plan | ${p.planMs.toFixed(0)} ms | < 300 ms |
| baseline (bare join) | ${p.baselineMs.toFixed(1)} ms | |
| ratio to baseline | ${(p.planMs / p.baselineMs).toFixed(0)} | |

## The preview comment of a ${COMMENT_PINS}-pin pull request (issue: a PR comment that scales)

The bundle of bench/comment-bench.ts (test/helpers/big-pull.ts): ${COMMENT_PINS} pins, 40 of them drawn, titles at the
100-character limit full of markup, problems, drafts, updates with old → new values, scheduled times; and 1,000 pins
with every text at its limit. In-process, median of 7. Each comment must stay under GitHub's 65,536 characters
(pinops keeps each under 60,000; the plan goes to a second comment when the two do not fit in one).

| figure | ${COMMENT_PINS} pins | 1,000 pins at the limits |
|---|---|---|
| render | ${cm.ms.toFixed(1)} ms | ${cm.bigMs.toFixed(1)} ms |
| previews comment | ${cm.previews.toLocaleString('en')} characters | ${cm.bigPreviews.toLocaleString('en')} characters |
| plan comment | ${cm.plan.toLocaleString('en')} characters | ${cm.bigPlan.toLocaleString('en')} characters |

## Publish ${PUBLISH_PINS} pins to the simulator with a rate limit (issue: publishing)

The simulator answers after ${LATENCY_MS} ms and allows ${ALLOWED_PER_SECOND} writes a second (fixed one-second windows with
\`x-ratelimit-*\` headers); a real git repository with a bare \`origin\` holds the ledger (bench/publish-bench.ts).
The pins are over the bench photographs (the four real ones and the 2000×3000 product shot, see Previews below),
one in ${CREATIVE_EVERY} a creative of its photo from the bench template (1000×1500).
With creates in flight (up to 3 at once) time in requests overlaps, so what pinops adds is measured against the
limit instead: the wall time less ${PUBLISH_PINS} creates at the allowed rate, per pin (validation, the plan, media,
and the ledger's pushes, 3 git processes a commit now, that the creates do not hide). Bytes sent are the create
requests' JSON bodies, the image in base64 within them.

| figure | value | target |
|---|---|---|
| achieved create rate | ${pub.achievedPerSecond.toFixed(2)}/s | |
| as a ratio of the allowed rate | ${pub.ratio.toFixed(2)} | > 0.9 |
| 429s received after the first | ${pub.extra429} | 0 |
| time per pin beyond the allowed rate's (wall time less ${PUBLISH_PINS} pins at ${ALLOWED_PER_SECOND}/s) | ${pub.ownMsPerPin.toFixed(1)} ms | |
| wall time | ${(pub.wallMs / 1000).toFixed(1)} s (${pub.pushes} ledger commits) | |
| bytes sent per pin | ${sentLine(pub.sent)} | |

## Publish ${LIMITED_PINS} pins within Pinterest's documented limits (issue: Pinterest as it is for real apps)

pinops' defaults (Standard access: 100 writes a minute, paced without headers) against a simulator that enforces
${LIMITED_PER_MINUTE} org_write requests a minute without sending any rate-limit header and answers after ${LIMITED_API_LATENCY_MS} ms; the
ledger's bare origin takes ${LIMITED_PUSH_LATENCY_MS} ms for every push (a pre-receive hook that sleeps, and counts the pushes).
${LIMITED_PINS} = 2 × ${LIMITED_PER_MINUTE} + 1 creates: at the allowed rate the last is two minutes after the first, whatever the
windows' alignment, so the achieved rate is ${LIMITED_PINS - 1} creates over the span from the first create to the last
(bench/publish-bench.ts, publishLimitsBench). pinops waits a second a minute more than the window (for varying latencies),
which is the most it can reach: 60/61 = 0.984.

| figure | value | target |
|---|---|---|
| achieved create rate | ${lim.achievedPerMinute.toFixed(1)}/min | |
| as a ratio of the allowed rate | ${lim.ratio.toFixed(3)} | ≥ 0.95 |
| 429s received | ${lim.rateLimited} | 0 |
| ledger pushes | ${lim.pushes} (${lim.pushesPerPin.toFixed(2)} a pin) | |
| the first ${LIMITED_PER_MINUTE} creates took | ${(lim.firstHundredMs / 1000).toFixed(1)} s (under a minute: the limit sets the pace, not the pushes) | |
| wall time | ${(lim.wallMs / 1000).toFixed(1)} s | |

## Publish ${FLIGHT_PINS} pins with creates in flight (issue: #14, at scale)

A simulator that allows ${FLIGHT_PER_SECOND} org_write requests a second (fixed one-second windows, with \`x-ratelimit-*\` headers) and
answers after ${FLIGHT_API_LATENCY_MS} ms; the ledger's bare origin takes ${FLIGHT_PUSH_LATENCY_MS} ms for every push (GitHub's slowest; a pre-receive hook
that sleeps and counts the pushes). Photo pins, no creatives (bench/publish-bench.ts, publishFlightBench). The fraction
over the whole run is the ${FLIGHT_PINS / FLIGHT_PER_SECOND} s that ${FLIGHT_PINS} creates take at the allowed rate against the wall time of \`publish\`
(validation, plan, credentials, boards, the first and the last push included).

| figure | value | target |
|---|---|---|
| fraction of the allowed rate, over the creates | ${fl.ratio.toFixed(3)} | |
| fraction of the allowed rate, over the whole run | ${fl.wallRatio.toFixed(3)} | ≥ 0.85 |
| 429s received | ${fl.rateLimited} | |
| ledger pushes | ${fl.pushes} (${fl.pushesPerPin.toFixed(3)} a pin) | |
| the first create | after ${(fl.firstCreateMs / 1000).toFixed(1)} s and ${fl.pushesBeforeFirst} push(es) | |
| wall time | ${(fl.wallMs / 1000).toFixed(1)} s | ≈ 35 s |

## The ledger at ${LEDGER_SIZES.map((n) => n.toLocaleString('en')).join(' and ')} entries (issue #14: at scale)

Each ledger is built by the store itself (one commit of realistic published entries) in a throw-away repository
with a bare origin (bench/ledger-bench.ts, bench/ledger-child.ts). Then, each in a process of its own: a load
followed by 5 pushes of 30 changed entries with their log lines, as a publishing run makes them (the median
push; local work is the push less its \`git push\`, timed by git's trace2 events; memory is that process's
peak RSS), and three cold loads (fetch and read: the median, and the largest peak memory). "Before" is the single ledger.json, run from the src/ of the commit
before this layout; the migration is today's first push on such a ledger, which moves its pins to \`pins/\`.

${ledgerRows(ledger)}

## Previews and creatives of real photos (issues: previews, #16)

The four photographs of test/fixtures/photos/ (CC0 and public domain, see its README) and a 2000×3000 product
shot made from coffee.png at bench time (bench/photos.ts: scaled up, fine grain from a fixed seed, JPEG quality
92; the same bytes every run). For each, in-process, the median of 15 runs measured in turn with its baseline:
- the preview card (720×1380: the picture cropped by sharp's attention strategy, the text panel, encoded as JPEG
  quality 90 without chroma subsampling, or PNG where that is smaller), against bare sharp decoding the same
  file, cover-resizing it to the card's 720×1080 picture and encoding the same JPEG;
- the creative of the bench template (1000×1500: the photo, a band, title, domain and logo, JPEG quality 92
  without chroma subsampling, or PNG where smaller), against bare sharp decoding, cover-resizing to 1000×1500 and
  encoding the same JPEG.

Bytes are what pinops stores (previews) or uploads before base64 (creatives), beside the PNG of the same pixels.
50 pins over these photos (one in ten a template creative) then go through \`pinops preview\` in a fresh process
on both cores.

${previewRows(prev)}

| figure | value | target |
|---|---|---|
| largest preview card of a photo | ${(worstCard / 1024).toFixed(0)} KB | ≤ 300 KB (${worstCard <= 300 * 1024 ? 'met' : 'not met'}) |
| largest ratio of a card to bare sharp | ${worstRatio.toFixed(2)} | ≤ 2 (${worstRatio <= 2 ? 'met' : 'not met'}) |
| slowest card of a photo | ${slowestCard.toFixed(0)} ms | < 60 ms |
| 50 pins, wall time | ${(prev.wall50Ms / 1000).toFixed(2)} s | < 3 s |
| 50 pins, peak memory | ${prev.peakMb.toFixed(0)} MB | < 400 MB |

## Analytics of ${ANALYTICS_PINS} pins within Pinterest's rate limits (issue: Pinterest as it is for real apps)

${ANALYTICS_PINS} published pins, 30 days old, on the simulator and in a real ledger (bench/analytics-bench.ts). The simulator
enforces Standard access's limits per category (org_analytics ${LIMITS_ANALYTICS_PER_MINUTE} a minute, org_read 1,000, org_write 100)
without sending any rate-limit header, as Pinterest documents none, and answers after ${LIMITS_LATENCY_MS} ms. pinops runs with its
defaults: the totals of every pin from \`GET /pins?pin_metrics=true\` (250 a page, org_read), and the daily figures of 120 pins
(\`analytics.daily_series_per_run\`), the others in turns. Real time, from loading the ledger to pushing the files.

| figure | value | target |
|---|---|---|
| wall time | ${(al.wallMs / 1000).toFixed(1)} s | ≤ 180 s |
| pins with totals read in this run | ${al.freshTotals} of ${ANALYTICS_PINS} (${al.listingRequests} requests) | all |
| daily series read | ${al.series} (${al.analyticsRequests} requests); ${al.deferred} wait their turn | |
| runs until every pin's daily figures were read | ${al.runsToReadAll} | |
| 429s received | ${al.rateLimited} | 0 |
| before: one daily series a pin, every run | ≥ ${(ANALYTICS_PINS / LIMITS_ANALYTICS_PER_MINUTE).toFixed(1)} min (${ANALYTICS_PINS} requests at ${LIMITS_ANALYTICS_PER_MINUTE} a minute; a trial app's day) | |

## Analytics backfill of ${ANALYTICS_PINS} pins (issue: analytics)

${ANALYTICS_PINS} published pins, 30 days old, on the simulator and in a real ledger, every pin's daily series in one run
(a budget of ${ANALYTICS_PINS}). The simulator answers after ${ANALYTICS_LATENCY_MS} ms and allows ${ANALYTICS_ALLOWED_PER_SECOND} analytics requests a second (fixed
one-second windows with \`x-ratelimit-*\` headers); pinops sends up to 6 at once and paces by the headers. The
rate is measured from the first answer to the last, so it can slightly exceed the allowed rate: fixed
windows let the first and last window be used in part. Wall time includes reading the ledger and pushing
the month files. The summary is summed, ranked and rendered to markdown from the stored rows in-process;
the baseline only sums impressions per day over the same rows.

| figure | value | target |
|---|---|---|
| achieved request rate | ${an.achievedPerSecond.toFixed(1)}/s | |
| as a ratio of the allowed rate | ${an.ratio.toFixed(2)} | close to 1 |
| 429s received | ${an.rateLimited} | 0 |
| wall time, collect and store | ${(an.wallMs / 1000).toFixed(1)} s (${an.rows.toLocaleString('en')} rows) | |
| render the summary | ${an.summaryMs.toFixed(1)} ms | |
| baseline (bare per-day sum) | ${an.baselineMs.toFixed(1)} ms | |
| ratio to baseline | ${(an.summaryMs / an.baselineMs).toFixed(1)} | |

## Pacing that never storms (issue: at scale)

The simulator allows ${PACING_PER_SECOND} requests a second in fixed one-second windows aligned to its clock and answers after
${PACING_LATENCY_MS} ms (bench/analytics-bench.ts). Analytics reads every pin's daily series, 6 at a time; the creates go
through the client 3 at a time. Headers \`fraction\`: \`x-ratelimit-*\` with the reset to the millisecond;
\`whole-seconds\`: the reset rounded down to whole seconds (pinops waits a second more); \`none\`: Pinterest as
documented, pinops given ${PACING_PER_SECOND * 60} a minute in \`rate_limits\`. The rate is counted from the first accepted request to the last, so
it can slightly exceed 1 (fixed windows let the first and last be used in part).

| run | fraction of the allowed rate | 429s | share of requests | target |
|---|---|---|---|---|
${pacing.map((p) => `| ${p.what} | ${p.f.ratio.toFixed(2)} | ${p.f.rateLimited} of ${p.f.requests} | ${(p.f.share * 100).toFixed(1)}% | ≥ 0.9, ≤ 2% |`).join('\n')}

## What users download, and the test suite (issue: pinops reaches its users)

The npm package is \`npm pack\`'s tarball (its prepack builds dist-cli/), installed with \`npm install
./pinops-X.tgz\` into an empty project; installed size is its node_modules (pinops, sharp and this
platform's natives), as \`du -sb\` counts it. The action is what a runner downloads for \`uses:
pinops/pinops@v1\`: the repository's tree at the tag as a gzip tarball, measured as \`git archive
--format=tar HEAD | gzip -6 | wc -c\`. The suite is \`npm test\` once, in this run, on a warm machine
(\`.ci/run\` on a fresh clone adds \`npm ci\` and the dist check).

| figure | value | target |
|---|---|---|
| npm package, packed | ${mb(pkg.packedBytes)} (unpacked ${mb(pkg.unpackedBytes)}) | ≤ 10 MB |
| npm package, installed (linux-x64) | ${mb(pkg.installedBytes)} | ≤ 90 MB |
| action tarball a runner fetches | ${mb(pkg.actionTarballBytes)} (${pkg.actionFiles} files) | ≤ 20 MB |
| test suite (\`npm test\`, 2 cores) | ${(suite.ms / 1000).toFixed(0)} s, ${suite.passed} tests | ≤ 150 s |

## API calls that credentials add to a run (issue: credentials)

One publishing run against the simulator that refreshes the token and stores the rotated refresh token
back as a secret (bench/credentials-bench.ts; test/credentials/rotation.test.ts asserts the same counts).

| calls | count | target |
|---|---|---|
| Pinterest (token refresh, account check) | ${cred.pinterest} | 2 |
| GitHub (public key, secret update) | ${cred.github} | 2 when rotating |

## Importing an existing account (issue 18: take over an existing account)

\`pinops import --account\` of a simulated account (3 boards, one section, a carousel, a video, the
rest images) into an empty repository, pictures downloaded from the simulator; then a second import
of the same account, which writes nothing (bench/import-bench.ts). API requests include the token
refresh and the account check; the boards' pins are listed 100 a page.

| pins | import | API requests | pictures downloaded | second import |
|---|---|---|---|---|
${importRows(imports)}

## The calendar (issue #17: see the schedule)

\`pinops calendar\` of ${CALENDAR_PINS} pins queued into three weekday slots and one on Saturday, over the bench
photographs, in process (bench/calendar-bench.ts; median of 3): validation, the plan, each shown pin's
preview as its thumbnail, and the PNG. Beside it, the same without the PNG (\`--ics\` alone: validation
and the plan), so the difference is what drawing the calendar costs.

| weeks | calendar | plan alone | PNG | pins shown | target |
|---|---|---|---|---|---|
${calendars.map((c) => `| ${c.weeks} | ${(c.ms / 1000).toFixed(2)} s | ${(c.baselineMs / 1000).toFixed(2)} s | ${(c.bytes / 1024).toFixed(0)} KB | ${c.pinsShown} | ≤ 400 KB |`).join('\n')}

## The previews branch after ${BRANCH_PUSHES} pull request pushes (issue: real photos, real reviews)

${BRANCH_PUSHES} pushes of ${PINS_PER_PUSH} photo pins each (the real photographs as preview-card JPEGs, a band changed per
push so every push's images differ as re-renders do), ten pull requests five at a time, the first
five closed halfway (bench/previews-branch-bench.ts). "Before" is the old shape built with git
plumbing; "now" is pinops' own update through the fake GitHub mirrored into a real bare repository.
Fetched is the pack a fresh \`git clone --single-branch --branch pinops-previews\` receives.

| history | fetched | objects | commits |
|---|---|---|---|
${branchRows(branch)}
`;
await writeFile(join('bench', 'RESULTS.md'), md);
console.log('\nwrote bench/RESULTS.md');
