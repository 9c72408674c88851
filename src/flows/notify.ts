import type { Summary } from '../analytics/summary.js';
import type { Warning } from '../diagnostics/warning.js';
import type { LedgerStore } from '../ledger/store.js';
import { analyticsEvent, haltEvent, type NotifyEvent, publishEvents, type RunFacts, tokenEvent } from '../notify/events.js';
import { type DeliveryReport, sendNotifications } from '../notify/send.js';
import type { Plan } from '../plan/plan.js';
import type { Settings } from '../settings/schema.js';
import { DAY_MS } from '../util/duration.js';
import { registerSecret } from '../util/redact.js';
import { privateNetworkFrom } from '../util/safe-fetch.js';
import type { Outcome } from './publish/outcome.js';

/**
 * What a run tells its webhooks, and what it remembers of that on the ledger branch
 * (`notify/sent.json`): the token marks and the analytics week already told, so that an hourly
 * workflow says each once.
 */
const STATE = 'notify/sent.json';

interface Sent {
  /** `2027-01-30/14d`: a token's renew-by day and the mark told. */
  marks: string[];
  /** The Monday (UTC) of the last week whose analytics summary was told. */
  analytics_week?: string;
}

export interface NotifyContext {
  settings: Settings;
  store: LedgerStore;
  env: Record<string, string | undefined>;
  runId: string;
  now: Date;
  log: (line: string) => void;
  mask: (secret: string) => void;
  /** Tests: a short wait between tries. */
  backoffMs?: (attempt: number) => number;
}

/** After a publish run: its pins published and failed, a halt, and an expiring token at its marks. */
export async function notifyPublish(ctx: NotifyContext, outcomes: readonly Outcome[], thePlan: Plan, renewBy: Date | undefined): Promise<Warning[]> {
  if (ctx.settings.notify.length === 0) return [];
  const facts = factsOf(ctx);
  const events = publishEvents(outcomes, thePlan, facts);
  const token = renewBy ? tokenEvent(renewBy, facts) : undefined;
  const sent = await readSent(ctx.store);
  if (token && !sent.marks.includes(token.mark)) events.push(token.event);
  const reports = await send(ctx, events);
  if (token && reports.some((r) => r.ok && r.event === 'token-expiring')) await remember(ctx, (s) => ({ ...s, marks: [...s.marks.filter((m) => m !== token.mark), token.mark] }));
  return said(ctx, reports);
}

/** A run that stopped with an error before or while publishing (a revoked token, a ledger it cannot write). */
export async function notifyHalt(ctx: NotifyContext, err: unknown): Promise<Warning[]> {
  if (ctx.settings.notify.length === 0) return [];
  const event = haltEvent(factsOf(ctx), err instanceof Error ? err.message : String(err));
  return said(ctx, await send(ctx, [event]));
}

/** After an analytics run: the week's summary, once a week (the first run of each week, UTC). */
export async function notifyAnalytics(ctx: NotifyContext, summary: Summary): Promise<Warning[]> {
  if (!ctx.settings.notify.some((e) => e.events.includes('analytics'))) return [];
  const week = mondayOf(ctx.now);
  const sent = await readSent(ctx.store);
  if (sent.analytics_week && sent.analytics_week >= week) return [];
  const event = analyticsEvent(summary, factsOf(ctx));
  if (!event) return [];
  const reports = await send(ctx, [event]);
  if (reports.some((r) => r.ok)) await remember(ctx, (s) => ({ ...s, analytics_week: s.analytics_week && s.analytics_week > week ? s.analytics_week : week }));
  return said(ctx, reports);
}

function factsOf(ctx: NotifyContext): RunFacts {
  return { at: ctx.now, run: ctx.runId, repository: ctx.env.GITHUB_REPOSITORY };
}

async function send(ctx: NotifyContext, events: NotifyEvent[]): Promise<DeliveryReport[]> {
  // A webhook URL given by environment is a secret (a Slack webhook's path is its key).
  for (const e of ctx.settings.notify) {
    for (const name of [e.url_env, e.secret_env]) {
      const v = name ? ctx.env[name] : undefined;
      if (v) {
        ctx.mask(v);
        registerSecret(v);
      }
    }
  }
  return sendNotifications(ctx.settings.notify, events, {
    env: ctx.env,
    allowPrivate: privateNetworkFrom(ctx.env, ctx.settings.allow_private_network),
    ...(ctx.backoffMs ? { backoffMs: ctx.backoffMs } : {}),
  });
}

/** Each delivery in the log; a failed one as a warning (the run it tells about is not failed by it). */
function said(ctx: NotifyContext, reports: DeliveryReport[]): Warning[] {
  const warnings: Warning[] = [];
  for (const r of reports) {
    if (r.ok) ctx.log(`· notified ${r.endpoint}: ${r.event}`);
    else warnings.push({ level: 'warning', text: `The ${r.event} notification to ${r.endpoint} was not delivered${r.attempts ? ` (${r.attempts} tries)` : ''}: ${r.error}` });
  }
  return warnings;
}

async function readSent(store: LedgerStore): Promise<Sent> {
  return parseSent((await store.readFolder('notify')).get('sent.json'));
}

function parseSent(text: string | undefined): Sent {
  try {
    const parsed = text ? (JSON.parse(text) as Partial<Sent>) : {};
    return {
      marks: Array.isArray(parsed.marks) ? parsed.marks.filter((m) => typeof m === 'string') : [],
      ...(typeof parsed.analytics_week === 'string' ? { analytics_week: parsed.analytics_week } : {}),
    };
  } catch {
    // A broken state file only means a mark may be told again.
    return { marks: [] };
  }
}

/**
 * Writes what was told, applied to what the branch has at the commit (again after a lost race): a
 * run beside this one (analytics beside a publish) may have written its own since this one read
 * it. A ledger it cannot write only means a mark may be told again.
 */
async function remember(ctx: NotifyContext, told: (sent: Sent) => Sent): Promise<void> {
  try {
    await ctx.store.commit(
      'pinops: notifications sent',
      () => true,
      () => [],
      async (read) => {
        const next = told(parseSent(await read(STATE)));
        // Only the newest marks matter: a token's marks are of no use once it has expired.
        return { [STATE]: `${JSON.stringify({ ...next, marks: next.marks.slice(-20) }, null, 2)}\n` };
      },
    );
  } catch (err) {
    ctx.log(`warning: could not record the notifications sent (${err instanceof Error ? err.message : String(err)}); they may be sent again`);
  }
}

/** The Monday of `at`'s week, UTC (`2026-11-30`). */
export function mondayOf(at: Date): string {
  const day = (at.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()) - day * DAY_MS).toISOString().slice(0, 10);
}
