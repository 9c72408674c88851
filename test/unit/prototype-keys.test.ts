import { describe, expect, it } from 'vitest';
import { validateRepository } from '../../src/flows/validate.js';
import { emptyLedger, parseLedger, parseShard, serializeShard } from '../../src/ledger/format.js';
import { desiredPins } from '../../src/plan/desired.js';
import { plan } from '../../src/plan/plan.js';
import { withoutLints } from '../helpers/lint.js';
import { BASE, mdPin, tempRepos } from '../helpers/repo.js';

// Keys users write (pin ids, template names, `fields:` keys, entity names) are never looked up
// on Object.prototype.

const repo = tempRepos();

const entry = (title: string) => ({ state: 'published', pin_id: `p-${title}`, board: 'Winter Looks', content: 'c', media: 'm', title, run: 'r' });

describe('the ledger', () => {
  it('keeps `constructor` and `__proto__` entries through a parse and a write, as ordinary keys', () => {
    const pins = `{"__proto__":${JSON.stringify(entry('proto'))},"constructor":${JSON.stringify(entry('ctor'))},"a":${JSON.stringify(entry('a'))}}`;
    // The single-file ledger of before, and a shard of pins/.
    for (const parsed of [parseLedger(`{"version":1,"pins":${pins}}`, 'ledger.json').pins, parseShard(pins, 'pins/00/0.json')]) {
      expect(Object.keys(parsed).sort()).toEqual(['__proto__', 'a', 'constructor']);
      expect(parsed['constructor' as string]?.title).toBe('ctor');
      expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value.title).toBe('proto');
      const again = parseShard(serializeShard(parsed), 'pins/00/0.json');
      expect(again).toEqual(parsed);
      expect(Object.getOwnPropertyDescriptor(again, '__proto__')?.value.title).toBe('proto');
      expect(JSON.parse(serializeShard(again)).constructor.title).toBe('ctor');
    }
  });

  it('an empty ledger has no `toString` pin', () => {
    expect(emptyLedger().pins.toString).toBeUndefined();
    expect(parseLedger('{"version":1,"pins":{}}', 'ledger.json').pins.valueOf).toBeUndefined();
    expect(parseShard('{}', 'pins/00/0.json').valueOf).toBeUndefined();
  });

  it('the plan finds no entry for `constructor` in a ledger that lacks it, even a plain-object one', async () => {
    const root = await repo({ ...BASE, 'content/pins/c.md': mdPin({ id: 'constructor' }) });
    const v = await validateRepository({ root, env: {} });
    if (!v.ok) throw new Error('settings');
    const desired = desiredPins(v.pins, v.diagnostics, v.settings, new Map());
    const p = plan({ desired, ledger: { version: 1, pins: {} }, settings: v.settings, now: new Date('2026-01-01T12:00:00Z') });
    expect(p.actions.map((a) => `${a.key}:${a.kind}`)).toEqual(['constructor:create']);
  });
});

describe('templates, fields and entities', () => {
  it('`template: constructor` (or toString) is an unknown template, and validation goes on', async () => {
    const root = await repo({
      ...BASE,
      'content/pins/a.md': mdPin({ template: 'constructor' }),
      'content/pins/b.md': mdPin({ template: 'toString' }),
      'content/pins/ok.md': mdPin(),
    });
    const v = await validateRepository({ root, env: {} });
    if (!v.ok) throw new Error('settings');
    expect(withoutLints(v.diagnostics).map((d) => `${d.file}:${d.code}`)).toEqual(['content/pins/a.md:unknown-template', 'content/pins/b.md:unknown-template']);
  });

  it('a rule naming the template `constructor` that pinops.yml does not define is a settings error', async () => {
    const settings = 'rules:\n  - name: fresh\n    republish_after: 30d\n    templates: [constructor]\n';
    const v = await validateRepository({ root: await repo({ ...BASE, 'pinops.yml': settings, 'content/pins/a.md': mdPin() }), env: {} });
    expect(v.ok).toBe(false);
    expect(v.diagnostics[0]?.message).toBe('rule "fresh" names the template "constructor", which `templates:` does not define');
  });

  it('a template printing `toString` needs the pin to have that field', async () => {
    const settings = 'templates:\n  card:\n    width: 500\n    height: 750\n    texts:\n      - { field: toString, x: 20, y: 600, width: 460, size: 32 }\n';
    const v = await validateRepository({ root: await repo({ ...BASE, 'pinops.yml': settings, 'content/pins/a.md': mdPin({ template: 'card' }) }), env: {} });
    if (!v.ok) throw new Error(JSON.stringify(v.diagnostics));
    expect(v.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['template-field-missing template "card" prints `toString`, which this pin does not have']);
  });

  it('`&constructor;` in a description stays as written', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin({}, 'Built &constructor; and &amp; more') });
    const v = await validateRepository({ root, env: {} });
    if (!v.ok) throw new Error('settings');
    expect(desiredPins(v.pins, v.diagnostics, v.settings, new Map())[0]?.description).toBe('Built &constructor; and & more');
  });
});
