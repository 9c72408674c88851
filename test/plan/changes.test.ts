import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { fieldChanges, UNRECORDED, withOldValues } from '../../src/plan/changes.js';
import { contentFingerprint, type DesiredPin } from '../../src/plan/desired.js';
import { plan } from '../../src/plan/plan.js';
import { planJson, planMarkdown, planObject, planText, zonedTime } from '../../src/plan/render.js';
import { defaultSettings } from '../../src/settings/load.js';
import { desiredPin, publishedEntry } from '../helpers/plan-fixtures.js';

const NOW = new Date('2026-12-02T10:00:00Z');

/** A pin with real fingerprints, as desiredPins makes them. */
function pin(key: string, over: Partial<DesiredPin> = {}): DesiredPin {
  const d = desiredPin(key, { description: 'Keep dry all winter.', altText: 'Boots on snow', ...over });
  return { ...d, contentFingerprint: contentFingerprint(d) };
}

/** `now`, published as `before` was. */
const entryOf = (now: DesiredPin, before: DesiredPin) =>
  publishedEntry(now, { content: before.contentFingerprint, title: before.title, board: before.board, ...(before.link ? { link: before.link } : {}) });

describe('an update: old → new for each changed field', () => {
  const before = pin('a', { title: 'Old title', description: 'Keep dry all winter.' });
  const { altText: _, ...withoutAlt } = pin('a', { title: 'New title', description: 'Keep dry all winter. Free returns.' });
  const now = { ...withoutAlt, contentFingerprint: contentFingerprint(withoutAlt) };

  it('from the pin file at the base commit, when it is what the ledger says was published', () => {
    expect(fieldChanges(now, entryOf(now, before), before)).toEqual({
      changes: ['title', 'description', 'alt text'],
      diff: [
        { field: 'title', from: 'Old title', to: 'New title' },
        { field: 'description', from: 'Keep dry all winter.', to: 'Keep dry all winter. Free returns.' },
        { field: 'alt text', from: 'Boots on snow', to: null },
      ],
    });
  });

  it('from the ledger alone when the base commit is not what was published: the other fields are named, not guessed', () => {
    // The base commit has a description that was never published (its push did not publish).
    const unpublished = pin('a', { title: 'Old title', description: 'A draft nobody published.' });
    const got = fieldChanges(now, entryOf(now, before), unpublished);
    expect(got.diff).toEqual([{ field: 'title', from: 'Old title', to: 'New title' }]);
    expect(got.changes).toEqual(['title', UNRECORDED]);
    // Without a base at all, the same.
    expect(fieldChanges(now, entryOf(now, before), undefined)).toEqual(got);
  });

  it('exactly without a base when only recorded fields changed (the fingerprint confirms the rest)', () => {
    const moved = pin('a', { title: 'Old title', board: 'Cozy Home', link: 'https://shop.example.com/a?utm_source=pinterest&v=2' });
    const old = pin('a', { title: 'Old title' });
    expect(fieldChanges(moved, entryOf(moved, old), undefined)).toEqual({
      changes: ['link', 'board'],
      diff: [
        { field: 'link', from: 'https://shop.example.com/a?utm_source=pinterest', to: 'https://shop.example.com/a?utm_source=pinterest&v=2' },
        { field: 'board', from: 'Winter Looks', to: 'Cozy Home' },
      ],
    });
  });

  it('the plan has them, withOldValues refines them from the base pins, and the JSON carries them', () => {
    const ledger = { version: 1 as const, pins: { a: entryOf(now, before) } };
    const p = plan({ desired: [now], ledger, settings: defaultSettings(), now: NOW });
    expect(p.actions[0]?.changes).toEqual(['title', UNRECORDED]);
    const refined = withOldValues(p, new Map([['a', before]]));
    expect(refined.actions[0]?.changes).toEqual(['title', 'description', 'alt text']);
    expect(planObject(refined).actions[0]?.diff).toEqual(refined.actions[0]?.diff);
    expect(planText(refined)).toContain(
      'title: "Old title" → "New title"; description: "Keep dry all winter." → "Keep dry all winter. Free returns."; alt text: "Boots on snow" → (none)',
    );
  });
});

/** The cells of each row of the first table in `md`, as GitHub would render them. */
async function rows(md: string): Promise<string[][]> {
  const html = await marked.parse(md, { gfm: true });
  const table = html.split('</table>')[0] ?? '';
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...(m[1] ?? '').matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1] ?? ''));
}

describe('the plan as markdown: values escaped and shortened, files linked, times local', () => {
  it('old → new values are code, escaped by their span, shortened where they differ, and the table stays whole', async () => {
    const long = 'A very long description that goes on about boots and snow and winter for quite a while before it';
    const before = pin('a', { title: 'Old | `title` <b>', description: `${long} ends.` });
    const now = pin('a', { title: 'New *title* @octocat', description: `${long} ends differently now.` });
    const p = withOldValues(plan({ desired: [now], ledger: { version: 1, pins: { a: entryOf(now, before) } }, settings: defaultSettings(), now: NOW }), new Map([['a', before]]));
    const md = planMarkdown(p);
    const cells = (await rows(md)).slice(1);
    expect(cells).toHaveLength(1);
    expect(cells[0]).toHaveLength(4);
    const detail = cells[0]?.[3] ?? '';
    expect(detail).toContain('title: <code>Old | `title` &lt;b&gt;</code> → <code>New *title* @octocat</code>');
    // The shared beginning is cut so that the change shows.
    expect(detail).toMatch(/description: <code>…[^<]*before it ends\.<\/code> → <code>…[^<]*before it ends differently now\.<\/code>/);
    expect(detail).not.toContain('A very long');
    expect(detail).not.toContain('\\');
  });

  it('links each file at its line when told how, and writes times in the settings’ zone with UTC in brackets', async () => {
    const p = plan({ desired: [pin('later', { publishAt: new Date('2026-12-24T23:30:00Z') })], ledger: { version: 1, pins: {} }, settings: defaultSettings(), now: NOW });
    const md = planMarkdown(p, 'Plan', { timeZone: 'Europe/Berlin', fileUrl: (f, l) => `https://github.com/acme/pins/blob/abc1234/${f}#L${l}` });
    expect(md).toContain('Times are in Europe/Berlin, with UTC in brackets.');
    expect(md).toContain(
      '| 🕒 | `later` ([`content/pins/later.md:2`](https://github.com/acme/pins/blob/abc1234/content/pins/later.md#L2)) | scheduled | 2026-12-25 00:30 +01:00 (2026-12-24 23:30 UTC); publish_at |',
    );
    // The JSON keeps ISO UTC.
    expect(planObject(p).actions[0]?.at).toBe('2026-12-24T23:30:00.000Z');
    expect(planMarkdown(p)).toContain('| scheduled | 2026-12-24 23:30 UTC; publish_at |');
  });

  it('plan --json: the plan object as it is, one line per action and per rule, the rest indented', () => {
    const ledger = { version: 1 as const, pins: { kept: publishedEntry(pin('kept')), gone: publishedEntry(pin('gone')) } };
    const desired = [pin('new'), pin('later', { publishAt: new Date('2026-12-24T23:30:00Z'), title: 'Line\nbreak "quoted"' }), pin('kept')];
    const p = plan({ desired, ledger, settings: defaultSettings(), now: NOW });
    const text = planJson(p);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(planObject(p))));
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('    {"key":')).map((l) => JSON.parse(l.replace(/,$/, '')).key)).toEqual(['new', 'later', 'kept']);
    expect(lines.slice(0, 2)).toEqual(['{', '  "now": "2026-12-02T10:00:00.000Z",']);
    expect(text).toContain('  "removed": [\n    {\n      "key": "gone",');
    expect(text).toContain('  "rules": [],\n  "counts": {');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('zonedTime: the zone’s offset in summer and winter, the UTC date when it differs, seconds when there are', () => {
    expect(zonedTime(new Date('2026-07-01T07:00:00Z'), 'Europe/Berlin')).toBe('2026-07-01 09:00 +02:00 (07:00 UTC)');
    expect(zonedTime(new Date('2026-01-01T07:00:00Z'), 'Europe/Berlin')).toBe('2026-01-01 08:00 +01:00 (07:00 UTC)');
    expect(zonedTime(new Date('2026-01-01T02:00:05Z'), 'America/New_York')).toBe('2025-12-31 21:00:05 -05:00 (2026-01-01 02:00:05 UTC)');
    expect(zonedTime(new Date('2026-01-01T02:00:00Z'))).toBe('2026-01-01 02:00 UTC');
    expect(zonedTime(new Date('2026-01-01T02:00:00Z'), 'Etc/UTC')).toBe('2026-01-01 02:00 UTC');
  });

  it("an in-progress pin's lease shows in the zone too; an invalid pin's message is left as it was written", () => {
    const p = {
      now: NOW,
      removed: [],
      rules: [],
      notes: [],
      actions: [
        { key: 'busy', kind: 'in-progress' as const, reason: 'run 42 is creating it now (its lease lasts until 2026-12-02T10:10:00.000Z); this run leaves it alone' },
        { key: 'bad', kind: 'invalid' as const, reason: '`publish_at` 2026-12-02T10:10:00Z is odd' },
      ],
    };
    const md = planMarkdown(p, 'Plan', { timeZone: 'Europe/Berlin' });
    expect(md).toContain('its lease lasts until 2026-12-02 11:10 +01:00 (10:10 UTC)');
    expect(md).toContain('`publish_at` 2026-12-02T10:10:00Z is odd');
  });
});
