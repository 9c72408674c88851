import type { Ledger } from '../src/ledger/format.js';
import type { DesiredPin } from '../src/plan/desired.js';
import { plan } from '../src/plan/plan.js';
import { SettingsSchema } from '../src/settings/schema.js';

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
      identityFingerprint: `i${i}`,
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
        identity: i < 8000 ? d.identityFingerprint : `other-${i}`,
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
