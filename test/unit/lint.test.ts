import { describe, expect, it } from 'vitest';
import { LINT_CODES } from '../../src/diagnostics/codes.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { validateRepository } from '../../src/flows/validate.js';
import { desiredPins } from '../../src/plan/desired.js';
import { BASE, type FixtureFile, mdPin, tempRepos } from '../helpers/repo.js';

const repo = tempRepos();

async function validate(files: Record<string, FixtureFile>) {
  const r = await validateRepository({ root: await repo({ ...BASE, ...files }), env: {} });
  if (!r.ok) throw new Error(`settings failed: ${JSON.stringify(r.diagnostics)}`);
  return r;
}

const lints = (list: readonly Diagnostic[]) =>
  list.filter((d) => (LINT_CODES as readonly string[]).includes(d.code)).map((d) => `${d.file}:${d.line}:${d.severity}:${d.code}: ${d.message}`);

const eleven = Array.from({ length: 11 }, () => '"Cozy Home"').join(', ');

/** One pin per lint, each otherwise clean, and one pin that trips none. */
const FIXTURE: Record<string, FixtureFile> = {
  'content/pins/a.md': mdPin({ title: 'Waterproof boots for snow' }, 'Same words.'),
  'content/pins/b.md': mdPin({ title: 'waterproof  BOOTS for snow', link: 'https://shop.example.com/b' }, 'Same words.'),
  'content/pins/short.md': mdPin({ title: 'Red scarf', link: 'https://www.bit.ly/abc' }, 'Scarf.'),
  'content/pins/many.md': mdPin({ title: 'Wool socks', link: 'https://shop.example.com/socks', boards: `[${eleven}]` }, 'Socks.'),
  'content/pins/long.md': mdPin({ title: 'Leather gloves', link: 'https://shop.example.com/gloves' }, 'g'.repeat(501)),
  'content/pins/vague.md': mdPin({ title: '"🔥🔥 NEW!!! Check this out — best deals 2026 🔥 Boots"', link: 'https://shop.example.com/v' }, 'Vague.'),
  'content/pins/fine.md': mdPin({ title: 'Knitted hat', link: 'https://shop.example.com/hat' }, 'G'.repeat(500)),
};

const EXPECTED = [
  'content/pins/a.md:2:warning:duplicate-title: 2 pins have the title "Waterproof boots for snow"; also content/pins/b.md:2',
  'content/pins/a.md:8:warning:duplicate-description: 2 pins have this description; also content/pins/b.md:2',
  'content/pins/b.md:2:warning:duplicate-title: 2 pins have the title "waterproof  BOOTS for snow"; also content/pins/a.md:2',
  'content/pins/b.md:8:warning:duplicate-description: 2 pins have this description; also content/pins/a.md:2',
  'content/pins/long.md:8:warning:description-cut: the description is 501 characters; the app shows the first 500',
  'content/pins/many.md:7:warning:too-many-boards: `boards:` names 11 boards; more than 10 looks like spam',
  'content/pins/short.md:4:warning:link-shortener: `link` goes through bit.ly, a link shortener or redirect',
  'content/pins/vague.md:2:warning:vague-title: the title\'s first 40 characters ("🔥🔥 NEW!!! Check this out — best deals 20") say nothing about the pin',
];

describe('account-safety lint', () => {
  it('warns at each line with its code, and leaves the pins publishable', async () => {
    const r = await validate(FIXTURE);
    expect(lints(r.diagnostics)).toEqual(EXPECTED);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(desiredPins(r.pins, r.diagnostics, r.settings, new Map()).filter((d) => d.invalid)).toEqual([]);
    expect(r.diagnostics.find((d) => d.code === 'vague-title')?.hint).toContain('first 40 characters');
  });

  it('`lint:` makes each an error (the pin is held back) or turns it off', async () => {
    const settings = `lint:\n${LINT_CODES.map((c) => `  ${c}: ${c === 'vague-title' ? 'off' : 'error'}\n`).join('')}`;
    const r = await validate({ ...FIXTURE, 'pinops.yml': settings });
    expect(lints(r.diagnostics)).toEqual(EXPECTED.filter((l) => !l.includes('vague-title')).map((l) => l.replace(':warning:', ':error:')));
    const invalid = desiredPins(r.pins, r.diagnostics, r.settings, new Map())
      .filter((d) => d.invalid)
      .map((d) => d.key);
    expect(invalid).toEqual(['a', 'b', 'long', 'many', 'short']);
  });

  it("a plan's validation (lints: 'errors') makes only the lints that are errors: the same pins held back, no warnings", async () => {
    const some = 'lint:\n  duplicate-title: error\n  link-shortener: error\n  vague-title: off\n';
    const root = await repo({ ...BASE, ...FIXTURE, 'pinops.yml': some });
    const all = await validateRepository({ root, env: {} });
    const errors = await validateRepository({ root, env: {}, lints: 'errors' });
    if (!all.ok || !errors.ok) throw new Error('settings failed');
    expect(lints(errors.diagnostics)).toEqual(lints(all.diagnostics).filter((l) => l.includes(':error:')));
    expect(lints(errors.diagnostics)).toHaveLength(3);
    const held = (r: typeof all) =>
      desiredPins(r.pins, r.diagnostics, r.settings, new Map())
        .filter((d) => d.invalid)
        .map((d) => `${d.key}: ${d.invalid}`);
    expect(held(errors)).toEqual(held(all));
    expect(held(errors).map((h) => h.split(':')[0])).toEqual(['a', 'b', 'short']);
    // With every lint a warning, nothing is looked for.
    const quiet = await validateRepository({ root: await repo({ ...BASE, ...FIXTURE }), env: {}, lints: 'errors' });
    expect(quiet.ok && lints(quiet.diagnostics)).toEqual([]);
  });

  it('a pin without a title (a typo of the field) gets its errors, not also a warning that its empty title says nothing', async () => {
    const r = await validate({
      'content/pins/typo.yml': 'titel: Red scarf\nboard: Cozy Home\nimage: ../media/boots.jpg\nlink: https://shop.example.com/scarf\nalt_text: a scarf\n',
    });
    expect(r.diagnostics.filter((d) => d.file === 'content/pins/typo.yml').map((d) => d.code)).toEqual(['missing-field', 'unknown-field']);
  });

  it('refuses an unknown lint code or level in pinops.yml', async () => {
    const r = await validateRepository({ root: await repo({ ...BASE, 'pinops.yml': 'lint:\n  link-shortner: error\n  vague-title: loud\n' }), env: {} });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => `${d.line}:${d.code}`)).toEqual(['2:invalid-setting', '3:invalid-setting']);
  });

  it('a title says something once one word of two letters is not generic; shorteners match their subdomains only', async () => {
    const { saysNothing, shortenerOf } = await import('../../src/content/lint.js');
    expect(saysNothing('Pin 1 of 3!!!')).toBe(true);
    expect(saysNothing('Boots')).toBe(false);
    expect(saysNothing('冬のブーツ')).toBe(false);
    expect(saysNothing(`${'.'.repeat(40)}Boots`)).toBe(true);
    expect(shortenerOf('https://go.bit.ly/x')).toBe('bit.ly');
    expect(shortenerOf('https://notbit.ly/x')).toBeUndefined();
    expect(shortenerOf('https://t.co/x')).toBe('t.co');
  });

  it('finds a shortener however its host is written: capitals, percent-escapes, a tab, a wide dot', async () => {
    const { shortenerOf } = await import('../../src/content/lint.js');
    for (const link of ['https://BIT.LY/x', 'https://bit%2Ely/x', 'https://bi\tt.ly/x', 'https://bit\u3002ly/x']) expect(shortenerOf(link), link).toBe('bit.ly');
    expect(shortenerOf('https://shop.example.com/p/1?ref=bit.ly')).toBeUndefined();
  });
});
