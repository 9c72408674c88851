import { basename } from 'node:path';
import type { Warning } from '../diagnostics/warning.js';
import { calendarModel } from '../plan/calendar.js';
import { scheduleIcs } from '../plan/ics.js';
import type { PlannedRun } from './plan-run.js';

/** Where the schedule goes on the ledger branch: a team subscribes to its raw URL in a calendar app. */
export const SCHEDULE_ICS = 'schedule/schedule.ics';
/** Weeks the file looks ahead. */
const ICS_WEEKS = 8;

/**
 * After a publish run: the schedule as it now stands (planned again from the ledger the run left),
 * written to the ledger branch as iCalendar when it differs from what is there. Its bytes depend only
 * on the schedule, so a run that changes nothing commits nothing. A failure is a warning: the pins
 * were published all the same.
 */
export async function writeSchedule(run: PlannedRun, opts: { now: Date; env: Record<string, string | undefined>; root: string }): Promise<Warning[]> {
  try {
    const { settings } = run.validation;
    const ledger = await run.store.load();
    const { items } = calendarModel({
      plan: run.replan(ledger),
      ledger,
      desired: run.desired,
      now: opts.now,
      zone: settings.timezone ?? 'UTC',
      weeks: ICS_WEEKS,
      slots: settings.schedule.slots,
    });
    const ics = scheduleIcs(items, { name: `pinops: ${opts.env.GITHUB_REPOSITORY ?? basename(opts.root)}` });
    const [folder, name] = SCHEDULE_ICS.split('/') as [string, string];
    if ((await run.store.readFolder(folder)).get(name) === ics) return [];
    await run.store.commit(
      'pinops: the schedule changed',
      () => true,
      () => [],
      async () => ({ [SCHEDULE_ICS]: ics }),
    );
    return [];
  } catch (err) {
    return [{ level: 'warning', text: `The schedule (${SCHEDULE_ICS} on the ledger branch) was not updated: ${err instanceof Error ? err.message : String(err)}` }];
  }
}
