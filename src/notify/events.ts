import type { Summary } from '../analytics/summary.js';
import type { Outcome } from '../flows/publish/outcome.js';
import { pinUrl } from '../pinterest/client.js';
import type { Plan } from '../plan/plan.js';
import type { NotifyEventType } from '../settings/notify.js';
import { DAY_MS } from '../util/duration.js';

/**
 * What a webhook is told. Built from a run's results only: the credentials, tokens and webhook
 * URLs never enter an event (an error's text is redacted by the sender, as every log line is).
 */
export interface NotifyEvent {
  event: NotifyEventType;
  /** When the run made it (ISO 8601). */
  at: string;
  run: string;
  /** `owner/name` of the repository, in the action. */
  repository?: string;
  /** One line for a person: what happened. */
  text: string;
  pins?: NotifiedPin[];
  /** token-expiring: the day the refresh token stops working, and the days left (14 and 3 are the marks). */
  renew_by?: string;
  days_left?: number;
  /** analytics: the last 7 days' totals, and the best pins by outbound clicks. */
  week?: {
    from: string;
    to: string;
    impressions: number;
    saves: number;
    outbound_clicks: number;
    pin_clicks: number;
    top: { pin: string; title: string; outbound_clicks: number; url?: string }[];
  };
}

export interface NotifiedPin {
  key: string;
  title?: string;
  url?: string;
  error?: string;
  /** What to do about the error. */
  fix?: string;
}

export interface RunFacts {
  at: Date;
  run: string;
  repository?: string | undefined;
}

const PUBLISHED: readonly Outcome['action'][] = ['create', 'recreate', 'republish', 'adopt'];

/** The events of a publish run: pins published (with links), pins that failed, and a halt. */
export function publishEvents(outcomes: readonly Outcome[], thePlan: Plan, facts: RunFacts): NotifyEvent[] {
  const titles = new Map(thePlan.actions.flatMap((a) => (a.desired ? [[a.key, a.desired.title] as const] : [])));
  const pin = (o: Outcome): NotifiedPin => {
    const title = titles.get(o.key);
    return { key: o.key, ...(title ? { title } : {}) };
  };
  const base = baseOf(facts);
  const out: NotifyEvent[] = [];
  const published = outcomes.filter((o) => o.result === 'ok' && PUBLISHED.includes(o.action) && o.pinId);
  if (published.length)
    out.push({ ...base, event: 'published', text: `${published.length} pin(s) published`, pins: published.map((o) => ({ ...pin(o), url: pinUrl(o.pinId as string) })) });
  // The outcome that halted the run is told as the halt.
  const failed = outcomes.filter((o) => o.result === 'error' && o.halted === undefined);
  if (failed.length)
    out.push({
      ...base,
      event: 'failed',
      text: `${failed.length} pin(s) failed`,
      pins: failed.map((o) => ({ ...pin(o), error: o.error ?? 'failed', ...(o.advice ? { fix: o.advice } : {}) })),
    });
  const halted = outcomes.find((o) => o.halted !== undefined);
  if (halted) out.push(haltEvent(facts, `${halted.error ?? 'publishing stopped'} (${halted.halted})`, halted.advice));
  return out;
}

/** What every event says of its run. */
function baseOf(facts: RunFacts): Pick<NotifyEvent, 'at' | 'run' | 'repository'> {
  return { at: facts.at.toISOString(), run: facts.run, ...(facts.repository ? { repository: facts.repository } : {}) };
}

/** A run that stopped: a spam 429, a revoked token, a ledger it cannot write. */
export function haltEvent(facts: RunFacts, why: string, fix?: string): NotifyEvent {
  return { ...baseOf(facts), event: 'halted', text: `publishing stopped: ${why}${fix ? `. ${fix}` : ''}` };
}

/** The marks at which an expiring refresh token is told, in days before it stops working. */
export const TOKEN_MARKS = [14, 3] as const;

/**
 * The token-expiring event when `renewBy` is within a mark, with the mark's name (`2027-01-30/14d`)
 * so that each mark of each token is sent once, however often the workflow runs.
 */
export function tokenEvent(renewBy: Date, facts: RunFacts): { event: NotifyEvent; mark: string } | undefined {
  const left = (renewBy.getTime() - facts.at.getTime()) / DAY_MS;
  const mark = [...TOKEN_MARKS].reverse().find((m) => left <= m);
  if (mark === undefined) return undefined;
  const day = renewBy.toISOString().slice(0, 10);
  const days = Math.max(0, Math.floor(left));
  return {
    mark: `${day}/${mark}d`,
    event: {
      ...baseOf(facts),
      event: 'token-expiring',
      text: `the Pinterest refresh token stops working by ${day} (${days} day(s) left): renew it with \`npx pinops auth\`, or let pinops store new tokens itself (the action's \`secrets-token\`)`,
      renew_by: day,
      days_left: days,
    },
  };
}

/** The weekly analytics event: the last 7 days of the summary, and its three best pins by outbound clicks. */
export function analyticsEvent(s: Summary, facts: RunFacts): NotifyEvent | undefined {
  const days = s.days.slice(-7);
  if (days.length === 0) return undefined;
  const add = (k: 'impressions' | 'saves' | 'outbound_clicks' | 'pin_clicks') => days.reduce((n, d) => n + d[k], 0);
  const week = {
    from: days[0]?.date as string,
    to: days.at(-1)?.date as string,
    impressions: add('impressions'),
    saves: add('saves'),
    outbound_clicks: add('outbound_clicks'),
    pin_clicks: add('pin_clicks'),
    top: s.topByOutbound.slice(0, 3).map((p) => ({ pin: p.key, title: p.title, outbound_clicks: p.outbound_clicks, ...(p.url ? { url: p.url } : {}) })),
  };
  return {
    ...baseOf(facts),
    event: 'analytics',
    text: `the week ${week.from} – ${week.to}: ${week.impressions} impressions, ${week.saves} saves, ${week.outbound_clicks} outbound clicks`,
    week,
  };
}
