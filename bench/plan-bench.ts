import { existsSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mediaKinds } from '../src/content/validate.js';
import { digestFiles } from '../src/files/digest.js';
import { validateRepository } from '../src/flows/validate.js';
import type { Ledger } from '../src/ledger/format.js';
import { gitLedgerStore } from '../src/ledger/store.js';
import { type DesiredPin, desiredPins, identityFingerprint } from '../src/plan/desired.js';
import { plan } from '../src/plan/plan.js';
import { SettingsSchema } from '../src/settings/schema.js';
import { initWithLocalOrigin, originBeside } from '../src/util/local-repo.js';

const N = 10_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * Plan 10,000 pins against a ledger of 10,000 entries: 8,000 unchanged, 1,000 edited, 1,000 new
 * (some scheduled), 1,000 ledger entries whose files are gone; with posting windows, jitter and
 * link spacing on. The baseline is the bare join: look up every pin in the ledger and compare
 * fingerprints.
 */
export function planBench(): { planMs: number; baselineMs: number; actions: number } {
  const now = new Date('2026-12-02T10:00:00Z');
  const desired: DesiredPin[] = [];
  const ledger: Ledger = { version: 1, pins: {} };
  for (let i = 0; i < N; i++) {
    const key = `pin-${i}`;
    const d: DesiredPin = {
      key,
      file: `content/pins/${key}.md`,
      line: 2,
      status: 'ready',
      board: `Board ${i % 20}`,
      title: `Title ${i}`,
      description: 'A description',
      link: `https://shop.example.com/p/${i}?utm_source=pinterest&utm_campaign=${key}`,
      contentFingerprint: `c${i}`,
      mediaFingerprint: `m${i}`,
      saves: [],
      fields: {},
      intervalMs: 0,
      ...(i % 10 === 9 ? { publishAt: new Date(now.getTime() + (i % 50) * 3_600_000) } : {}),
    };
    desired.push(d);
    if (i < 9000) {
      ledger.pins[i < 8000 ? key : `gone-${i}`] = {
        state: 'published',
        pin_id: String(1e15 + i),
        board: d.board,
        content: i >= 7000 && i < 8000 ? 'edited' : d.contentFingerprint,
        media: d.mediaFingerprint,
        identity: i < 8000 ? identityFingerprint(d) : `other-${i}`,
        title: d.title,
        link: d.link as string,
        published_at: '2026-11-20T10:00:00Z',
        run: 'r',
      };
    }
  }
  for (let i = 0; i < 1000; i++)
    ledger.pins[`orphan-${i}`] = { state: 'published', pin_id: String(2e15 + i), board: 'B', content: 'x', media: 'y', identity: 'z', title: 't', run: 'r' };
  const settings = SettingsSchema.parse({
    timezone: 'Europe/Berlin',
    schedule: { windows: ['mon-sun 06:00-23:00'], jitter: '30m', min_link_spacing: '24h', max_per_run: 1000, max_per_day: 1000 },
  });

  const planTimes: number[] = [];
  const baseTimes: number[] = [];
  let actions = 0;
  for (let r = 0; r < 7; r++) {
    let t = performance.now();
    const p = plan({ desired, ledger, settings, now });
    planTimes.push(performance.now() - t);
    actions = p.actions.length;
    t = performance.now();
    let changed = 0;
    for (const d of desired) {
      const e = ledger.pins[d.key];
      if (!e || e.content !== d.contentFingerprint || e.media !== d.mediaFingerprint) changed++;
    }
    baseTimes.push(performance.now() - t);
    if (changed === 0) throw new Error('baseline found nothing');
  }
  return { planMs: median(planTimes), baselineMs: median(baseTimes), actions };
}

/** The moment the CLI plans the repository of `planRepository` at (its pins' `publish_at` are around it). */
export const PLAN_NOW = '2026-12-02T10:00:00Z';

/**
 * `work`/NAME/repo: the fixture's content as a git repository with a bare origin beside it, made
 * once (`fill` runs on it then) and reused.
 */
async function fixtureRepository(fixture: string, work: string, name: string, fill: (root: string) => Promise<void> = async () => {}): Promise<string> {
  const dir = join(work, name);
  const root = join(dir, 'repo');
  if (existsSync(join(dir, '.complete'))) return root;
  await rm(dir, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  await cp(join(fixture, 'content'), join(root, 'content'), { recursive: true });
  initWithLocalOrigin(root, originBeside(dir), 'pins');
  await fill(root);
  await writeFile(join(dir, '.complete'), '');
  return root;
}

/**
 * The 10,000-pin fixture (bench/fixture.ts) whose origin's ledger branch records 9,000 of its pins
 * as published (1,000 of them edited since) and 1,000 pins whose files are gone, written by the
 * product's own ledger store: `pinops plan` there compares every pin with the ledger, as on a
 * repository in use.
 */
export function planRepository(fixture: string, work: string): Promise<string> {
  return fixtureRepository(fixture, work, 'plan-10k', publishedLedger);
}

async function publishedLedger(root: string): Promise<void> {
  const v = await validateRepository({ root });
  if (!v.ok) throw new Error('the plan fixture does not validate');
  const desired = desiredPins(v.pins, v.diagnostics, v.settings, digestFiles(v.media, mediaKinds(v.pins)));
  await gitLedgerStore(root, v.settings.ledger_branch).commit(
    'bench ledger',
    (ledger) => {
      desired.slice(0, 9000).forEach((d, i) => {
        ledger.pins[d.key] = {
          state: 'published',
          pin_id: String(1e15 + i),
          board: d.board,
          content: i < 8000 ? d.contentFingerprint : 'edited',
          media: d.mediaFingerprint,
          identity: identityFingerprint(d),
          title: d.title,
          ...(d.link ? { link: d.link } : {}),
          published_at: '2026-11-20T10:00:00Z',
          run: 'bench',
        };
      });
      for (let i = 0; i < 1000; i++)
        ledger.pins[`gone-${i}`] = { state: 'published', pin_id: String(2e15 + i), board: 'Board 0', content: 'x', media: 'y', identity: 'z', title: 't', run: 'bench' };
      return true;
    },
    () => [],
  );
}

/** The same content with an origin that has no ledger branch: what a plan costs without the ledger to read and compare with (every pin new). */
export function newPlanRepository(fixture: string, work: string): Promise<string> {
  return fixtureRepository(fixture, work, 'plan-10k-new');
}

/** Throws unless a plan of the repository without a ledger plans every one of its pins as new. */
export function checkNewPlanOutput(r: { code: number; stdout: string }): void {
  if (r.code !== 0) throw new Error(`pinops plan of the repository without a ledger failed: exit ${r.code}`);
  const out = JSON.parse(r.stdout) as { counts: Record<string, number>; actions: unknown[] };
  if (out.actions.length !== N || out.counts.unchanged || out.counts.update) throw new Error(`unexpected plan without a ledger: ${JSON.stringify(out.counts)}`);
}

/** Throws unless a run of `pinops validate` or `pinops plan` on the plan repository gave what it should. */
export function checkPlanOutput(command: 'validate' | 'plan', r: { code: number; stdout: string }): void {
  if (r.code !== 0) throw new Error(`pinops ${command} of the plan repository failed: exit ${r.code}`);
  if (command === 'validate') return;
  const out = JSON.parse(r.stdout) as { counts: Record<string, number>; removed: unknown[]; actions: { line: number | null }[] };
  const { unchanged, update } = out.counts;
  if (unchanged !== 8000 || update !== 1000 || out.removed.length !== 1000 || out.actions.some((a) => !a.line))
    throw new Error(`unexpected plan of the plan repository: ${JSON.stringify(out.counts)}, ${out.removed.length} removed`);
}
