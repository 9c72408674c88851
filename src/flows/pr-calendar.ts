import { withAwaitingImports } from '../import/adopt.js';
import type { Ledger } from '../ledger/format.js';
import { calendarModel } from '../plan/calendar.js';
import type { DesiredPin } from '../plan/desired.js';
import { type Plan, plan } from '../plan/plan.js';
import { loadCalendarRenderer } from '../render/natives.js';
import type { Settings } from '../settings/schema.js';

/** A queued pin the pull request moves to another slot (without changing its file). */
export interface MovedPin {
  key: string;
  from: string;
  to: string;
}

/** Which pull request's calendar, from what: the plan as it would be after the merge, and what it is made of. */
export interface ScheduleInput {
  plan: Plan;
  ledger: Ledger;
  desired: readonly DesiredPin[];
  settings: Settings;
  /** The pull request's files: their pins are the ones it adds or changes. */
  changed: ReadonlySet<string>;
  /** The pins of those files as the base commit has them, when it could be read: the queue before the pull request. */
  base?: readonly DesiredPin[];
  /** The pins' previews by key, as drawn for the comment (thumbnails of the rest are drawn here). */
  thumbs: ReadonlyMap<string, Buffer>;
  draw: (d: DesiredPin) => Promise<Buffer | undefined>;
}

/** The calendar's image name in the pull request's folder of the previews branch. */
export const CALENDAR_IMAGE = 'calendar.png';
const WEEKS = 2;

/** Whether a pull request's comment shows a calendar: when pins are queued into slots or scheduled. */
export function wantsCalendar(thePlan: Plan, settings: Settings): boolean {
  return Object.keys(settings.schedule.slots).length > 0 || thePlan.actions.some((a) => a.kind === 'scheduled');
}

/**
 * Queued pins whose slot the pull request changes though their files are not in it: the plan with
 * the base commit's versions of the pull request's files (or, when those could not be read,
 * without them) is the schedule as it was, so a slot that differs is a move the pull request causes.
 */
export function movedPins(input: Pick<ScheduleInput, 'plan' | 'ledger' | 'desired' | 'settings' | 'changed' | 'base'>): MovedPin[] {
  // With the base commit's pins, an edited pin keeps its place in the queue before, as it does after.
  const unchanged = input.desired.filter((d) => !input.changed.has(d.file));
  const desired = [...unchanged, ...(input.base ?? [])];
  // Held as the plan after the merge holds them: imported files a publish run has not recorded yet take no slot.
  const before = plan({ desired, ledger: input.ledger, settings: input.settings, now: input.plan.now, held: withAwaitingImports(desired, input.ledger) });
  const was = new Map(before.actions.flatMap((a) => (a.slot ? [[a.key, a.slot.toISOString()] as const] : [])));
  const moved: MovedPin[] = [];
  for (const a of input.plan.actions) {
    const from = was.get(a.key);
    const to = a.slot?.toISOString();
    if (from && to && from !== to && a.file && !input.changed.has(a.file)) moved.push({ key: a.key, from, to });
  }
  return moved;
}

/** The next two weeks as they would be after the merge, the pull request's pins (added, changed, moved) framed. */
export async function prCalendar(input: ScheduleInput): Promise<{ image: Buffer; moved: MovedPin[] }> {
  const moved = movedPins(input);
  const highlight = new Set([...input.desired.filter((d) => input.changed.has(d.file)).map((d) => d.key), ...moved.map((m) => m.key)]);
  const { model, items } = calendarModel({
    plan: input.plan,
    ledger: input.ledger,
    desired: input.desired,
    now: input.plan.now,
    zone: input.settings.timezone ?? 'UTC',
    weeks: WEEKS,
    slots: input.settings.schedule.slots,
    highlight,
  });
  const thumbs = new Map(input.thumbs);
  for (const i of items) {
    if (thumbs.has(i.key) || !i.desired) continue;
    const drawn = await input.draw(i.desired).catch(() => undefined);
    if (drawn) thumbs.set(i.key, drawn);
  }
  const { renderCalendar } = await loadCalendarRenderer();
  return { image: await renderCalendar({ model, items, thumbs, title: `After the merge: ${WEEKS} weeks from ${model.from} (${model.zone})` }), moved };
}
