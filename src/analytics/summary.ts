import type { Ledger } from '../ledger/format.js';
import { pinUrl } from '../pinterest/client.js';
import { DAY_MS, utcDate, utcMidnight } from '../util/duration.js';
import { mdCell, mdCode } from '../util/md-escape.js';
import type { MetricRow } from './csv.js';
import { type PinTotals, sum90d, type Totals } from './totals.js';

/** What the analytics summary says: the account's totals per day, the best pins and the weakest. */
export interface Summary {
  /** First and last day covered (UTC). */
  from: string;
  to: string;
  days: { date: string; impressions: number; saves: number; outbound_clicks: number; pin_clicks: number }[];
  totals: { impressions: number; saves: number; outbound_clicks: number; pin_clicks: number };
  pins: PinFigures[];
  topByOutbound: PinFigures[];
  topBySaves: PinFigures[];
  /** Pins up for at least a week whose impressions per day are under a quarter of the median pin's. */
  underperforming: PinFigures[];
  /** Pinterest's 90-day totals of every pin (its saves counted as the pin), read on this run (`pin_metrics`). */
  latest?: { asOf: string; pins: number; totals: Totals };
  /** Pins whose daily figures wait for a later run (the run's budget of analytics requests). */
  deferred?: number;
}

/** The summary with this run's totals of every pin, and how many pins' daily figures are still to come. */
export function withTotals(s: Summary, totals: readonly PinTotals[], deferred: number): Summary {
  const asOf = totals[0]?.as_of;
  // A pin's saves to other boards count as the pin, as in the daily figures.
  const pins = new Set(totals.map((t) => t.pin)).size;
  return { ...s, ...(asOf ? { latest: { asOf, pins, totals: sum90d(totals) } } : {}), ...(deferred ? { deferred } : {}) };
}

const TOTAL_WORDS: [keyof Totals, string][] = [
  ['impressions', 'impressions'],
  ['saves', 'saves'],
  ['pin_clicks', 'pin clicks'],
  ['outbound_clicks', 'outbound clicks'],
];

/** "12,345 impressions, 321 pin clicks, … over 90 days, of 1,000 pins (Pinterest's totals on 2026-12-01)", with `b` around the numbers. */
function latestLine(l: NonNullable<Summary['latest']>, b = ''): string {
  const parts = TOTAL_WORDS.filter(([k]) => l.totals[k] !== undefined).map(([k, w]) => `${b}${fmt(l.totals[k] as number)}${b} ${w}`);
  return `${parts.join(', ')} over the last 90 days, from ${fmt(l.pins)} pin(s) (Pinterest's totals on ${l.asOf})`;
}

/** What the daily figures do not show yet. */
function deferredLine(s: Summary): string {
  return s.deferred
    ? `The daily figures of ${fmt(s.deferred)} pin(s) are read on later runs (\`analytics.daily_series_per_run\`): the days above may still miss some of them.`
    : '';
}

export interface PinFigures {
  key: string;
  title: string;
  /** The published pin's page. */
  url?: string;
  impressions: number;
  saves: number;
  outbound_clicks: number;
  pin_clicks: number;
  /** Days with figures in the window. */
  liveDays: number;
}

/**
 * Sums the stored rows over the `days` days before `now` (today's figures are not final), per
 * day and per pin (a pin's saves to other boards count as the pin).
 */
export function summarize(rows: readonly MetricRow[], ledger: Ledger, now: Date, days = 30, top = 5): Summary {
  const toT = utcMidnight(now) - DAY_MS;
  const from = utcDate(toT - (days - 1) * DAY_MS);
  const to = utcDate(toT);
  const byDay = new Map<string, Summary['days'][number]>();
  for (let t = toT - (days - 1) * DAY_MS; t <= toT; t += DAY_MS) {
    const date = utcDate(t);
    byDay.set(date, { date, impressions: 0, saves: 0, outbound_clicks: 0, pin_clicks: 0 });
  }
  const byPin = new Map<string, PinFigures & { dates: Set<string> }>();
  for (const r of rows) {
    const day = byDay.get(r.date);
    if (!day) continue;
    const m = r.metrics;
    let p = byPin.get(r.pin);
    if (!p) {
      const e = ledger.pins[r.pin];
      p = {
        key: r.pin,
        title: e?.title ?? r.pin,
        ...(e?.pin_id ? { url: pinUrl(e.pin_id) } : {}),
        impressions: 0,
        saves: 0,
        outbound_clicks: 0,
        pin_clicks: 0,
        liveDays: 0,
        dates: new Set(),
      };
      byPin.set(r.pin, p);
    }
    for (const target of [day, p]) {
      target.impressions += m.impressions ?? 0;
      target.saves += m.saves ?? 0;
      target.outbound_clicks += m.outbound_clicks ?? 0;
      target.pin_clicks += m.pin_clicks ?? 0;
    }
    p.dates.add(r.date);
  }
  const pins: PinFigures[] = [...byPin.values()].map(({ dates, ...p }) => ({ ...p, liveDays: dates.size }));
  const totals = { impressions: 0, saves: 0, outbound_clicks: 0, pin_clicks: 0 };
  for (const d of byDay.values()) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += d[k];
  const ranked = (k: 'outbound_clicks' | 'saves') =>
    pins
      .filter((p) => p[k] > 0)
      .sort((a, b) => b[k] - a[k] || (a.key < b.key ? -1 : 1))
      .slice(0, top);
  const perDay = (p: PinFigures) => p.impressions / Math.max(1, p.liveDays);
  const rates = pins.map(perDay).sort((a, b) => a - b);
  const median = rates.length ? (rates[Math.floor((rates.length - 1) / 2)] as number) : 0;
  const weekAgo = now.getTime() - 7 * DAY_MS;
  const underperforming = pins
    .filter((p) => {
      const published = ledger.pins[p.key]?.published_at;
      return published !== undefined && Date.parse(published) <= weekAgo && perDay(p) < median / 4;
    })
    .sort((a, b) => perDay(a) - perDay(b) || (a.key < b.key ? -1 : 1))
    .slice(0, top);
  return { from, to, days: [...byDay.values()], totals, pins, topByOutbound: ranked('outbound_clicks'), topBySaves: ranked('saves'), underperforming };
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** A mermaid bar or line chart of one figure per day (GitHub renders mermaid in markdown). */
function chart(title: string, kind: 'bar' | 'line', s: Summary, key: 'impressions' | 'saves' | 'outbound_clicks'): string {
  const labels = s.days.map((d) => `"${d.date.slice(5)}"`).join(', ');
  const values = s.days.map((d) => d[key]);
  return `\`\`\`mermaid\nxychart-beta\n  title "${title}"\n  x-axis [${labels}]\n  y-axis "${title}" 0 --> ${Math.max(1, ...values)}\n  ${kind} [${values.join(', ')}]\n\`\`\`\n`;
}

function pinTable(list: readonly PinFigures[], first: 'outbound_clicks' | 'saves' | 'impressions'): string {
  const cols: ['outbound_clicks' | 'saves' | 'impressions', string][] = [
    ['outbound_clicks', 'Outbound clicks'],
    ['saves', 'Saves'],
    ['impressions', 'Impressions'],
  ];
  const order = [...cols.filter(([k]) => k === first), ...cols.filter(([k]) => k !== first)];
  let out = `| Pin | ${order.map(([, h]) => h).join(' | ')} |\n|---|${order.map(() => '---:').join('|')}|\n`;
  for (const p of list) out += `| ${p.url ? `[${mdCell(p.title)}](${p.url})` : mdCell(p.title)} (${mdCode(p.key)}) | ${order.map(([k]) => fmt(p[k])).join(' | ')} |\n`;
  return out;
}

/** The job summary: totals, charts, the top pins, the under-performers. */
export function summaryMarkdown(s: Summary): string {
  let out = `## Pinterest analytics, ${s.from} to ${s.to}\n\n`;
  const latest = `${s.latest ? `${latestLine(s.latest, '**')}\n\n` : ''}${s.deferred ? `> ${deferredLine(s)}\n\n` : ''}`;
  if (s.pins.length === 0) return `${out}${latest}No figures yet for these days: pins show figures from the day after they are published.\n`;
  out += `**${fmt(s.totals.impressions)}** impressions · **${fmt(s.totals.saves)}** saves · **${fmt(s.totals.pin_clicks)}** pin clicks · **${fmt(s.totals.outbound_clicks)}** outbound clicks, from ${s.pins.length} pin(s)\n\n`;
  out += latest;
  out += chart('Impressions per day', 'bar', s, 'impressions');
  out += chart('Saves per day', 'line', s, 'saves');
  out += chart('Outbound clicks per day', 'line', s, 'outbound_clicks');
  out += `\n### Top pins by outbound clicks\n\n${s.topByOutbound.length ? pinTable(s.topByOutbound, 'outbound_clicks') : 'None had an outbound click.\n'}`;
  out += `\n### Top pins by saves\n\n${s.topBySaves.length ? pinTable(s.topBySaves, 'saves') : 'None was saved.\n'}`;
  if (s.underperforming.length) {
    out += `\n### Under-performing pins\n\nUp for a week or more, with under a quarter of the median pin's impressions per day. A fresh creative (an \`evergreen\` rule), a better board or a better title may help.\n\n${pinTable(s.underperforming, 'impressions')}`;
  }
  return out;
}

/** The same for a terminal. */
export function summaryText(s: Summary): string {
  let out = `Pinterest analytics, ${s.from} to ${s.to}\n`;
  const latest = `${s.latest ? `  ${latestLine(s.latest)}\n` : ''}${s.deferred ? `  ${deferredLine(s)}\n` : ''}`;
  if (s.pins.length === 0) return `${out}${latest}  No figures yet for these days.\n`;
  out += `  ${fmt(s.totals.impressions)} impressions, ${fmt(s.totals.saves)} saves, ${fmt(s.totals.pin_clicks)} pin clicks, ${fmt(s.totals.outbound_clicks)} outbound clicks, from ${s.pins.length} pin(s)\n`;
  out += latest;
  const table = (title: string, list: readonly PinFigures[]) => {
    if (!list.length) return '';
    const w = Math.min(40, Math.max(...list.map((p) => p.title.length)));
    let t = `\n${title}\n  ${'pin'.padEnd(w)}  ${'outbound'.padStart(8)}  ${'saves'.padStart(7)}  ${'impressions'.padStart(11)}\n`;
    for (const p of list) {
      const name = p.title.length > w ? `${p.title.slice(0, w - 1)}…` : p.title;
      t += `  ${name.padEnd(w)}  ${fmt(p.outbound_clicks).padStart(8)}  ${fmt(p.saves).padStart(7)}  ${fmt(p.impressions).padStart(11)}\n`;
    }
    return t;
  };
  out += table('Top pins by outbound clicks', s.topByOutbound);
  out += table('Top pins by saves', s.topBySaves);
  out += table('Under-performing pins (up a week or more, under a quarter of the median impressions per day)', s.underperforming);
  return out;
}
