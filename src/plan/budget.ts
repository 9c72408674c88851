import { simpleLink, withQuery } from '../content/utm.js';
import type { Ledger } from '../ledger/format.js';
import type { Settings } from '../settings/schema.js';
import { durationMs } from '../util/duration.js';
import { dayOf } from './schedule.js';

const TWO_DAYS = 2 * 86_400_000;

/**
 * What the schedule still allows in this run: pins per run and per day, link spacing, and the
 * `limit` on writes. The pins' own creates and the rules' actions draw on this one budget, in
 * that order, so every cap is written once.
 */
export class Budget {
  private createdThisRun = 0;
  private createdToday = 0;
  private writes = 0;
  private readonly lastForLink = new Map<string, number>();
  private readonly spacing: number;
  private readonly nowMs: number;

  constructor(
    ledger: Ledger,
    private readonly settings: Settings,
    now: Date,
    private readonly limit: number | undefined,
  ) {
    this.spacing = durationMs(settings.schedule.min_link_spacing);
    this.nowMs = now.getTime();
    const zone = settings.timezone ?? 'UTC';
    // Today's date in the zone only once a pin is near it: the calendar's first use costs more than the loop.
    let today: string | undefined;
    const isToday = (t: number) => {
      if (Math.abs(this.nowMs - t) >= TWO_DAYS) return false;
      today ??= dayOf(now, zone);
      return dayOf(new Date(t), zone) === today;
    };
    const longAgo = longBefore(this.nowMs - Math.max(this.spacing, TWO_DAYS));
    for (const e of Object.values(ledger.pins)) {
      if (!e.published_at) continue;
      // Only recent pins can be today's or inside the spacing: skip the calendar and URL work for the rest.
      if (!longAgo(e.published_at)) {
        const t = Date.parse(e.published_at);
        if (e.link && this.spacing > 0 && this.nowMs - t < this.spacing) this.lastForLink.set(linkKey(e.link), Math.max(this.lastForLink.get(linkKey(e.link)) ?? 0, t));
        if (isToday(t)) this.createdToday++;
      }
      // Saves to other boards are new pins on Pinterest too: they count against the day's cap.
      if (e.saves) for (const s of e.saves) if (isToday(Date.parse(s.at))) this.createdToday++;
    }
  }

  /** min_link_spacing: when a pin to this link may come, if not now. */
  spacingHold(link: string | undefined): { at: Date; reason: string } | undefined {
    const last = link ? this.lastForLink.get(linkKey(link)) : undefined;
    if (this.spacing <= 0 || last === undefined || this.nowMs - last >= this.spacing) return undefined;
    return { at: new Date(last + this.spacing), reason: `min_link_spacing: ${link} was pinned less than ${this.settings.schedule.min_link_spacing} ago` };
  }

  /** The cap a new pin would go over (per run, then per day), if any. */
  capReached(): string | undefined {
    const { max_per_run, max_per_day } = this.settings.schedule;
    if (this.createdThisRun >= max_per_run) return `max_per_run: ${max_per_run}`;
    if (this.createdToday >= max_per_day) return `max_per_day: ${max_per_day}`;
    return undefined;
  }

  /** Counts one write against `limit`; the reason when it goes over. */
  overLimit(): string | undefined {
    if (this.limit === undefined || ++this.writes <= this.limit) return undefined;
    return `limit: ${this.limit} write(s) in this run`;
  }

  /** A new pin is made in this run (to `link`). */
  take(link: string | undefined): void {
    this.createdThisRun++;
    this.createdToday++;
    if (link) this.lastForLink.set(linkKey(link), this.nowMs);
  }
}

/**
 * Whether an ISO time (`YYYY-MM-DD…`, as pinops and Pinterest write them) is days before `ms`, told
 * from its date's text: most of a ledger was published long ago, and 10,000 parses cost more than
 * the rest of the budget. A day of margin covers any UTC offset; any other text is parsed.
 */
function longBefore(ms: number): (iso: string) => boolean {
  const cutoff = new Date(ms - 86_400_000);
  // A spacing past the calendar's range: every time is parsed.
  if (Number.isNaN(cutoff.getTime())) return () => false;
  const day = cutoff.toISOString().slice(0, 10);
  return (iso) => iso < day && ISO_DAY.test(iso);
}
const ISO_DAY = /^\d{4}-\d\d-\d\d/;

/** Links compare without their UTM parameters: the destination is what spacing (and the lint) is about. */
export function linkKey(link: string): string {
  if (!link.includes('utm_')) return link;
  const simple = simpleLink(link);
  if (simple)
    return withQuery(
      simple.base,
      simple.pairs.filter((p) => !p.startsWith('utm_')),
    );
  try {
    const u = new URL(link);
    const kept = [...u.searchParams].filter(([k]) => !k.startsWith('utm_'));
    // Written once, as deleting the parameters one by one would (each delete writes the whole query again).
    if (kept.length < u.searchParams.size) u.search = new URLSearchParams(kept).toString();
    return u.href;
  } catch {
    return link;
  }
}
