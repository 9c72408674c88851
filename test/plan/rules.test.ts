import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/ledger/format.js';
import type { DesiredPin } from '../../src/plan/desired.js';
import { plan } from '../../src/plan/plan.js';
import type { DayFigures } from '../../src/plan/rules.js';
import { defaultSettings } from '../../src/settings/load.js';
import { type Settings, SettingsSchema } from '../../src/settings/schema.js';
import { desiredPin, publishedEntry } from '../helpers/plan-fixtures.js';

const NOW = new Date('2026-12-02T10:00:00Z');
const DAY = 86_400_000;

const pin = (key: string, over: Partial<DesiredPin> = {}) =>
  desiredPin(key, {
    link: `https://shop.example.com/${key}`,
    media: { kind: 'image', image: { path: `content/media/${key}.jpg`, digest: 'x' } },
    fields: { price: '€10' },
    intervalMs: 7 * DAY,
    ...over,
  });
const entry = publishedEntry;

const TEMPLATE = {
  texts: [
    { field: 'title', x: 0, y: 0, width: 100 },
    { field: 'price', x: 0, y: 100, width: 100 },
  ],
};

function settings(extra: Record<string, unknown> = {}): Settings {
  return SettingsSchema.parse({ templates: { fresh: TEMPLATE }, ...extra });
}

function rules(desired: DesiredPin[], entries: Record<string, LedgerEntry>, s: Settings = defaultSettings(), figures?: Map<string, DayFigures[]>) {
  const p = plan({ desired, ledger: { version: 1, pins: entries }, settings: s, now: NOW, ...(figures ? { figures } : {}) });
  return p.rules.map(
    (r) =>
      `${r.key} ${r.kind}${r.board ? ` ${r.board}` : ''}${r.template ? ` ${r.template}` : ''}: ${r.status}${r.at && r.status === 'scheduled' ? ` ${r.at.toISOString().slice(0, 10)}` : ''} (${r.rule})`,
  );
}

const day = (date: string, saves: number): DayFigures => ({ date, impressions: 100, saves, pin_clicks: 1, outbound_clicks: 1 });

describe('rules in the plan', () => {
  it('interval pinning: the next board of `boards:` one interval after the last save', () => {
    const a = pin('a', { saves: [{ board: 'Cozy Home' }, { board: 'Gift Ideas' }] });
    expect(rules([a], { a: entry(a) })).toEqual(['a save Cozy Home: due (interval)']);
    const saved = entry(a, { saves: [{ board: 'Cozy Home', pin_id: 's1', at: '2026-11-30T09:00:00Z', rule: 'interval' }] });
    expect(rules([a], { a: saved })).toEqual(['a save Gift Ideas: scheduled 2026-12-07 (interval)']);
    const done = entry(a, { saves: [...(saved.saves ?? []), { board: 'Gift Ideas', pin_id: 's2', at: '2026-12-01T09:00:00Z', rule: 'interval' }] });
    expect(rules([a], { a: done })).toEqual([]);
  });

  it('save_to: acts once the thresholds are reached within the window, and only once per board', () => {
    const s = settings({ rules: [{ name: 'popular', when: { saves: 20, within: '30d' }, save_to: ['Gift Ideas'] }] });
    const a = pin('a');
    const b = pin('b');
    const figures = new Map([
      ['a', [day('2026-11-20', 15), day('2026-11-25', 6), day('2026-10-01', 100)]],
      ['b', [day('2026-11-20', 15), day('2026-10-01', 100)]],
    ]);
    expect(rules([a, b], { a: entry(a), b: entry(b) }, s, figures)).toEqual(['a save Gift Ideas: due (popular)']);
    const p = plan({ desired: [a], ledger: { version: 1, pins: { a: entry(a) } }, settings: s, now: NOW, figures });
    expect(p.rules[0]?.reason).toBe('21 saves ≥ 20 in 30d');
    const saved = entry(a, { saves: [{ board: 'Gift Ideas', pin_id: 's', at: '2026-12-01T00:00:00Z', rule: 'popular' }] });
    expect(rules([a], { a: saved }, s, figures)).toEqual([]);
  });

  it('evergreen: republishes with the templates in turn after the set time, and says when it cannot', () => {
    const s = settings({
      templates: { fresh: TEMPLATE, other: { texts: [{ field: 'title', x: 0, y: 0, width: 10 }] } },
      rules: [{ name: 'evergreen', republish_after: '30d', templates: ['fresh', 'other'] }],
    });
    const a = pin('a');
    const carousel = pin('c', { media: { kind: 'carousel', images: [] } });
    const young = pin('y');
    expect(rules([a, carousel, young], { a: entry(a), c: entry(carousel), y: entry(young, { published_at: '2026-11-20T00:00:00Z' }) }, s)).toEqual([
      'a republish fresh: due (evergreen)',
      'y republish fresh: scheduled 2026-12-20 (evergreen)',
      'c republish fresh: not-possible (evergreen)',
    ]);
    const second = entry(a, { earlier: [{ pin_id: 'old', at: '2026-09-01T00:00:00Z', rule: 'evergreen' }] });
    expect(rules([a], { a: second }, s)).toEqual(['a republish other: due (evergreen)']);
    const noPrice = pin('n', { fields: {} });
    const plain = settings({ rules: [{ name: 'evergreen', republish_after: '30d', templates: ['fresh'] }] });
    expect(plan({ desired: [noPrice], ledger: { version: 1, pins: { n: entry(noPrice) } }, settings: plain, now: NOW }).rules[0]?.reason).toMatch(
      /prints price, which the pin's fields do not have/,
    );
  });

  it('obeys the caps, the posting windows, link spacing and limit, and one rule action per pin per run', () => {
    const a = pin('a', { saves: [{ board: 'Cozy Home' }] });
    const b = pin('b', { saves: [{ board: 'Cozy Home' }] });
    const fresh = pin('f');
    const ledger = { a: entry(a), b: entry(b) };
    const capped = settings({ schedule: { max_per_run: 2 } });
    // One create first, then one rule action fits under max_per_run: 2.
    expect(rules([a, b, fresh], ledger, capped)).toEqual(['a save Cozy Home: due (interval)', 'b save Cozy Home: rate-capped (interval)']);
    expect(rules([a, b], ledger, settings({ schedule: { windows: ['06:00-08:00'] } }))).toEqual([
      'a save Cozy Home: scheduled 2026-12-03 (interval)',
      'b save Cozy Home: scheduled 2026-12-03 (interval)',
    ]);
    const withLimit = plan({ desired: [a, b], ledger: { version: 1, pins: ledger }, settings: settings(), now: NOW, limit: 1 });
    expect(withLimit.rules.map((r) => `${r.key}:${r.status}`)).toEqual(['a:due', 'b:rate-capped']);
    const both = settings({ rules: [{ name: 'evergreen', republish_after: '10d', templates: ['fresh'] }] });
    expect(rules([a], { a: entry(a) }, both)).toEqual(['a save Cozy Home: due (interval)', 'a republish fresh: rate-capped (evergreen)']);
    // A republish sends the same link again: min_link_spacing holds it back after a recent pin to it.
    const spaced = settings({ schedule: { min_link_spacing: '48h' }, rules: [{ name: 'evergreen', republish_after: '10d', templates: ['fresh'] }] });
    const c = pin('c');
    const twin = pin('t', { link: c.link as string });
    expect(rules([c, twin], { c: entry(c), t: entry(twin, { published_at: '2026-12-01T12:00:00Z' }) }, spaced)).toContain('c republish fresh: scheduled 2026-12-03 (evergreen)');
  });

  it('an earlier run that died mid-rule leaves an intent: it is looked for before anything else', () => {
    const a = pin('a', { saves: [{ board: 'Cozy Home' }] });
    const pending = entry(a, { pending: { kind: 'save', rule: 'interval', board: 'Cozy Home', at: '2026-12-02T09:00:00Z', run: 'r9' } });
    expect(rules([a], { a: pending })).toEqual(['a save Cozy Home: unknown (interval)']);
  });
});

describe('rules in pinops.yml', () => {
  it('refuses a rule naming a template that does not exist, and a save rule without a threshold, naming the line', async () => {
    const { parseSettings } = await import('../../src/settings/load.js');
    const text = 'templates:\n  fresh: { texts: [] }\nrules:\n  - name: evergreen\n    republish_after: 90d\n    templates: [fresh, frsh]\n';
    const r = parseSettings('pinops.yml', new TextEncoder().encode(text));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      '6:24 invalid-setting rule "evergreen" names the template "frsh", which `templates:` does not define',
    ]);
    const none = parseSettings('pinops.yml', new TextEncoder().encode('rules:\n  - name: popular\n    when: { within: 30d }\n    save_to: [Gifts]\n'));
    expect(!none.ok && none.diagnostics[0]?.message).toMatch(/name at least one of impressions, saves, pin_clicks, outbound_clicks/);
  });
});
