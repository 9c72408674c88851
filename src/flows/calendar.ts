import { cpus } from 'node:os';
import { basename } from 'node:path';
import { type CalendarItem, type CalendarModel, calendarModel } from '../plan/calendar.js';
import { scheduleIcs } from '../plan/ics.js';
import { loadCalendarRenderer, loadRenderer } from '../render/natives.js';
import { previewCard } from '../render/preview.js';
import { mapLimit } from '../util/concurrency.js';
import { registerSecret } from '../util/redact.js';
import { wantsCalendar } from './pr-calendar.js';
import { notDrawable, remoteImages } from './preview.js';
import { planRun } from './publish.js';

export interface CalendarResult {
  model: CalendarModel;
  items: CalendarItem[];
  /** The PNG, when asked for. */
  png?: Buffer;
  ics: string;
  /** Pins whose preview could not be drawn: shown as grey cards. */
  undrawn: { key: string; error: string }[];
  /** Whether there is a schedule to show: posting slots, or pins scheduled for later. */
  wanted: boolean;
  previewBranch: string;
}

/**
 * The schedule of the next `weeks` weeks, as the plan of the repository against its ledger makes
 * it (nothing is sent, no credentials are needed): as a PNG with the pins' previews, and as ICS.
 */
export async function buildCalendar(opts: {
  root: string;
  config?: string;
  env: Record<string, string | undefined>;
  now: Date;
  weeks: number;
  png: boolean;
  highlight?: ReadonlySet<string>;
}): Promise<CalendarResult> {
  const run = await planRun({
    root: opts.root,
    env: opts.env,
    dryRun: true,
    now: opts.now,
    runId: 'calendar',
    mask: registerSecret,
    log: () => {},
    ...(opts.config ? { config: opts.config } : {}),
  });
  const { settings } = run.validation;
  const desired = run.result.plan.actions.flatMap((a) => (a.desired ? [a.desired] : []));
  const { model, items } = calendarModel({
    plan: run.result.plan,
    ledger: run.ledger,
    desired,
    now: opts.now,
    zone: settings.timezone ?? 'UTC',
    weeks: opts.weeks,
    slots: settings.schedule.slots,
    ...(opts.highlight ? { highlight: opts.highlight } : {}),
  });
  const ics = scheduleIcs(items, { name: `pinops: ${basename(opts.root)}` });
  const about = { wanted: wantsCalendar(run.result.plan, settings), previewBranch: settings.preview_branch };
  if (!opts.png) return { model, items, ics, undrawn: [], ...about };
  const { renderPreview } = await loadRenderer();
  const thumbs = new Map<string, Buffer>();
  const undrawn: CalendarResult['undrawn'] = [];
  await mapLimit(
    items.filter((i) => i.desired),
    Math.max(1, cpus().length),
    async (i) => {
      const d = i.desired as NonNullable<CalendarItem['desired']>;
      try {
        const refused = notDrawable(d, run.validation.diagnostics);
        if (refused) throw new Error(refused);
        thumbs.set(i.key, (await renderPreview(run.validation.media, previewCard(d), remoteImages(settings.allow_private_network, opts.env))).data);
      } catch (err) {
        undrawn.push({ key: i.key, error: err instanceof Error ? err.message : String(err) });
      }
    },
  );
  const { renderCalendar } = await loadCalendarRenderer();
  const png = await renderCalendar({ model, items, thumbs, title: `Schedule from ${model.from} (${model.zone}), ${opts.weeks} week(s)` });
  return { model, items, png, ics, undrawn: undrawn.sort((a, b) => (a.key < b.key ? -1 : 1)), ...about };
}
