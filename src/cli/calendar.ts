import { writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { buildCalendar } from '../flows/calendar.js';
import { EXIT } from '../util/user-error.js';
import { isoTime } from './args.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { OUTPUTS } from './outputs.js';

/** `pinops calendar [--weeks N] [--out FILE] [--ics FILE|-] [--now ISO]`: the schedule as a PNG, and as iCalendar. */
export async function calendarCommand(io: CliIO, root: string, opts: { weeks?: string; out?: string; ics?: string; now?: string; config?: string }): Promise<number> {
  const weeks = opts.weeks === undefined ? 2 : Number(opts.weeks);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 12) throw new UsageError(`--weeks must be a whole number from 1 to 12, not "${opts.weeks}"`);
  const icsOnly = opts.ics !== undefined && opts.out === undefined;
  const r = await buildCalendar({ root, env: io.env, now: opts.now ? isoTime(opts.now) : new Date(), weeks, png: !icsOnly, ...(opts.config ? { config: opts.config } : {}) });
  for (const u of r.undrawn) io.err(`✖ ${u.key}: its preview could not be drawn (${u.error}); a grey card stands in\n`);
  const scheduled = r.items.filter((i) => i.state !== 'published').length;
  if (r.png) {
    const out = resolve(io.cwd, opts.out ?? OUTPUTS.calendar);
    await writeFile(out, r.png);
    io.out(`Wrote ${relative(io.cwd, out)}: ${weeks} week(s) from ${r.model.from}, ${scheduled} pin(s) to come, ${r.items.length - scheduled} published\n`);
  }
  if (opts.ics !== undefined) {
    if (opts.ics === '-') io.out(r.ics);
    else {
      await writeFile(resolve(io.cwd, opts.ics), r.ics);
      io.out(`Wrote ${opts.ics}: ${r.items.filter((i) => i.state === 'scheduled').length} event(s)\n`);
    }
  }
  return EXIT.ok;
}
