import { basename } from 'node:path';
import type { Warning } from '../diagnostics/warning.js';
import type { Ledger } from '../ledger/format.js';
import type { FilesChange } from '../ledger/store.js';
import { calendarModel } from '../plan/calendar.js';
import { scheduleIcs } from '../plan/ics.js';
import type { PlannedRun } from './plan-run.js';

/** Where the schedule goes on the ledger branch: a team subscribes to its raw URL in a calendar app. */
export const SCHEDULE_ICS = 'schedule/schedule.ics';
/** Weeks the file looks ahead. */
const ICS_WEEKS = 8;

/**
 * After a publish run, the schedule as it then stands (planned again from the ledger the run
 * leaves), as iCalendar on the ledger branch when it differs from what is there. Its bytes depend
 * only on the schedule, so a run that changes nothing commits nothing. It goes with the run's last
 * push of the ledger (`files`, computed from the ledger that push writes); when the run made no
 * push it could ride with, `write` commits it on its own. A failure is a warning: the pins were
 * published all the same, and the push it rides with must go through.
 */
export class ScheduleFile {
  readonly warnings: Warning[] = [];
  /** Whether a push has carried (or found unchanged) the file. */
  private offered = false;

  constructor(
    private readonly run: PlannedRun,
    private readonly opts: { now: Date; env: Record<string, string | undefined>; root: string },
  ) {}

  /** The file, as a change of the commit that writes `ledger` (nothing when it is unchanged or could not be made). */
  readonly files: FilesChange = async (read, ledger) => {
    this.offered = true;
    try {
      const ics = this.text(ledger);
      return (await read(SCHEDULE_ICS)) === ics ? {} : { [SCHEDULE_ICS]: ics };
    } catch (err) {
      this.warn(err);
      return {};
    }
  };

  /** After the run: the file in a commit of its own, unless a push carried it. */
  async write(): Promise<Warning[]> {
    if (!this.offered) {
      try {
        const { store } = this.run;
        const ledger = await store.load();
        const [folder, name] = SCHEDULE_ICS.split('/') as [string, string];
        const there = (await store.readFolder(folder)).get(name);
        // Compared first, as a ride on a push compares: an unchanged file is no commit.
        const changed = await this.files(async () => there, ledger);
        if (Object.keys(changed).length > 0)
          await store.commit(
            'pinops: the schedule changed',
            () => true,
            () => [],
            async () => changed,
          );
      } catch (err) {
        this.warn(err);
      }
    }
    return this.warnings.slice(0, 1);
  }

  private text(ledger: Ledger): string {
    const { run, opts } = this;
    const { settings } = run.validation;
    const { items } = calendarModel({
      plan: run.replan(ledger),
      ledger,
      desired: run.desired,
      now: opts.now,
      zone: settings.timezone ?? 'UTC',
      weeks: ICS_WEEKS,
      slots: settings.schedule.slots,
    });
    return scheduleIcs(items, { name: `pinops: ${opts.env.GITHUB_REPOSITORY ?? basename(opts.root)}` });
  }

  private warn(err: unknown): void {
    this.warnings.push({ level: 'warning', text: `The schedule (${SCHEDULE_ICS} on the ledger branch) was not updated: ${err instanceof Error ? err.message : String(err)}` });
  }
}
