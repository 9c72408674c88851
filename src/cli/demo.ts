import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import type { CliIO } from './io.js';

/** A copy of the bundled example in a fresh git repository whose `origin` is a local bare one. */
async function demoRepository(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pinops-demo-'));
  const root = join(dir, 'repo');
  const src = packageRoot();
  await cp(join(src, 'content'), join(root, 'content'), { recursive: true });
  await cp(join(src, 'pinops.yml'), join(root, 'pinops.yml'));
  initWithLocalOrigin(root, originBeside(dir), 'example content');
  return root;
}

/**
 * The moment the demo plans at: the bundled example is written around it (one pin due the next
 * day, one the day after), so the demo shows the same plan on any day it is run.
 */
export const DEMO_NOW = new Date('2026-11-28T12:00:00Z');

/**
 * `pinops demo`: the main job on the bundled example, offline and without credentials: validate,
 * plan, and publish to pinops' own Pinterest simulator, twice; the second run creates nothing
 * (the simulator dates pins four weeks back, so it does save a pin to its `boards:` list).
 */
export async function demoCommand(io: CliIO, now: Date = DEMO_NOW): Promise<number> {
  const root = await demoRepository();
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
    io.out(`pinops demo — the bundled example, copied to ${root}\nPinterest: pinops' offline simulator at ${sim.url}\n\n`);
    io.out('1. Validate\n');
    const v = await validateRepository({ root, env: {} });
    io.out(formatText(v.diagnostics, v.ok ? v.files : 0, io.color));
    if (!v.ok) return EXIT.usage;

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
    io.out(`\n3. Plan, as of ${now.toISOString().replace('.000', '')} (the moment the example content is written for; --now ISO to change it)\n`);
    const dry = await publish({ ...options, env: env(), dryRun: true, runId: 'demo-plan', validated: v });
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
    return countBySeverity(v.diagnostics).errors > 0 ? EXIT.content : EXIT.ok;
  } finally {
    await sim.close();
  }
}
