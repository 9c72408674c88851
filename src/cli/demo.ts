import { cp, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseDocument } from 'yaml';
import { summaryText } from '../analytics/summary.js';
import { countBySeverity } from '../diagnostics/diagnostic.js';
import { formatText } from '../diagnostics/format.js';
import { readLine, runAnalytics } from '../flows/analytics.js';
import { renderPreviews } from '../flows/preview.js';
import { publish } from '../flows/publish.js';
import { summarise } from '../flows/report.js';
import { validateRepository } from '../flows/validate.js';
import { startSimulator } from '../pinterest/simulator.js';
import { planText } from '../plan/render.js';
import { initWithLocalOrigin, originBeside } from '../util/local-repo.js';
import { packageRoot } from '../util/package-root.js';
import { EXIT } from '../util/user-error.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { OUTPUTS } from './outputs.js';

/** What a copy leaves out: git's own folder, installed packages, and what pinops writes into a working tree. */
const NOT_COPIED = new Set(['.git', 'node_modules', OUTPUTS.previews, OUTPUTS.calendar]);

/**
 * A copy of the bundled example, or of the user's repository (its working tree, less NOT_COPIED),
 * in a fresh git repository whose `origin` is a local bare one: the demo publishes from there, so
 * the user's own origin and ledger branch are never written.
 */
async function demoRepository(source: string | undefined): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pinops-demo-'));
  const root = join(dir, 'repo');
  if (source) {
    await cp(source, root, { recursive: true, filter: (path) => !NOT_COPIED.has(basename(path)) || path === source });
    await withoutWebhooks(root);
  } else {
    const src = packageRoot();
    await cp(join(src, 'content'), join(root, 'content'), { recursive: true });
    await cp(join(src, 'pinops.yml'), join(root, 'pinops.yml'));
  }
  initWithLocalOrigin(root, originBeside(dir), source ? 'a copy of your repository' : 'example content');
  return root;
}

/** The copy's pinops.yml without `notify:`: a demo must not tell the user's webhooks of pins that exist only in the simulator. */
async function withoutWebhooks(root: string): Promise<void> {
  const file = join(root, 'pinops.yml');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const doc = parseDocument(text);
  if (!doc.has('notify')) return;
  doc.delete('notify');
  await writeFile(file, doc.toString());
}

/**
 * The moment the demo plans at: the bundled example is written around it (one pin due the next
 * day, one the day after), so the demo shows the same plan on any day it is run.
 */
export const DEMO_NOW = new Date('2026-11-28T12:00:00Z');

/**
 * `pinops demo`: the main job on the bundled example, offline and without credentials: validate,
 * plan, and publish to pinops' own Pinterest simulator, twice; the second run creates nothing
 * (the simulator dates pins four weeks back, so it does save a pin to its `boards:` list). With
 * `repo`, the same on a copy of the user's repository, validated where it is (so that every
 * message names the user's own files and lines), planned as of now.
 */
export async function demoCommand(io: CliIO, opts: { now?: Date; repo?: string } = {}): Promise<number> {
  const now = opts.now ?? (opts.repo ? new Date() : DEMO_NOW);
  if (opts.repo && !(await stat(opts.repo).catch(() => undefined))?.isDirectory())
    throw new UsageError(`\`pinops demo ${opts.repo}\`: there is no such folder; give the root of a repository with a content/ folder, or no REPO for the bundled example`);
  const root = await demoRepository(opts.repo);
  // The simulator dates new pins four weeks back, so the analytics at the end have figures to show.
  const started = Date.now();
  const sim = await startSimulator({
    app: { id: 'demo-app', secret: 'demo-secret' },
    refreshTokens: ['demo-refresh'],
    videoPolls: 1,
    backdateDays: 28,
    now: () => now.getTime() + (Date.now() - started),
  });
  try {
    const what = opts.repo ? `a copy of ${opts.repo}, made` : 'the bundled example, copied';
    io.out(`pinops demo — ${what} to ${root}\nPinterest: pinops' offline simulator at ${sim.url}\n\n`);
    io.out('1. Validate\n');
    const v = await validateRepository({ root: opts.repo ?? root, env: {} });
    io.out(formatText(v.diagnostics, v.ok ? v.files : 0, io.color));
    if (!v.ok) return EXIT.usage;
    const errors = countBySeverity(v.diagnostics).errors;
    if (errors > 0 && opts.repo) io.out('   The pins with errors are left out of what follows; `pinops validate` tells how to fix them.\n');

    const env = (): Record<string, string> => ({
      PINTEREST_API_BASE: sim.url,
      PINTEREST_APP_ID: 'demo-app',
      PINTEREST_APP_SECRET: 'demo-secret',
      PINTEREST_REFRESH_TOKEN: [...sim.state.refreshTokens].at(-1) as string,
    });
    const options = { root, now, mask: () => {}, log: (l: string) => io.out(`   ${l}\n`), batchSize: 5 };
    io.out('\n2. Previews\n');
    const previews = await renderPreviews({ root, env: {}, out: join(root, '..', 'previews') });
    io.out(`   ${previews.written.length} preview(s) in ${join(root, '..', 'previews')}${previews.failed.length ? `; ${previews.failed.length} could not be drawn` : ''}\n`);
    const moment = opts.repo ? 'now' : 'the moment the example content is written for';
    io.out(`\n3. Plan, as of ${now.toISOString().replace(/\.\d{3}Z$/, 'Z')} (${moment}; --now ISO to change it)\n`);
    const dry = await publish({ ...options, env: env(), dryRun: true, runId: 'demo-plan', ...(opts.repo ? {} : { validated: v }) });
    io.out(planText(dry.plan));

    for (const n of [1, 2]) {
      io.out(`\n${n + 3}. Publish, run ${n}\n`);
      const r = await publish({ ...options, env: env(), dryRun: false, runId: `demo-${n}` });
      const s = summarise(r);
      io.out(
        `   Run ${n}: ${s.published} published, ${s.updated} updated, ${s.ruled} by rules, ${s.failed} failed, ${s.unknown} unknown; the simulator now holds ${sim.state.pins.size} pin(s).\n`,
      );
    }
    io.out('\n6. Analytics (the simulator makes up figures as if the pins had been up for four weeks)\n');
    const a = await runAnalytics({ ...options, env: env(), runId: 'demo-analytics' });
    io.out(`   ${readLine(a)}; stored in analytics/ on the ledger branch.\n\n`);
    io.out(summaryText(a.summary).replace(/^(?=.)/gm, '   '));
    io.out(
      `\nThe ledger (what was published, the log of every API call, and the analytics) is on the pinops-ledger branch:\n   git -C ${root} log --oneline origin/pinops-ledger\n`,
    );
    return errors > 0 ? EXIT.content : EXIT.ok;
  } finally {
    await sim.close();
  }
}
