import { describe, expect, it } from 'vitest';
import { validateRepository } from '../../src/flows/validate.js';
import { desiredPins } from '../../src/plan/desired.js';
import { plan } from '../../src/plan/plan.js';
import { withoutLints } from '../helpers/lint.js';
import { BASE, mdPin, tempRepos } from '../helpers/repo.js';

// Input nested thousands deep is an error at its file; the other files are still checked.

const repo = tempRepos();

describe('deeply nested content', () => {
  it('markdown bodies of 7,000 nested `> `, `*` or `_` markers are errors at their body; the rest of the repository is checked and planned', async () => {
    const root = await repo({
      ...BASE,
      'content/pins/quotes.md': mdPin({ id: 'quotes' }, `${'> '.repeat(7000)}hi`),
      'content/pins/stars.md': mdPin({ id: 'stars' }, `${'*'.repeat(7000)}hi${'*'.repeat(7000)}`),
      'content/pins/under.md': mdPin({ id: 'under' }, `${'_'.repeat(7000)}hi${'_'.repeat(7000)}`),
      'content/pins/yaml.yml': `title: Deep\nboard: Winter Looks\nimage: ../media/boots.jpg\nalt_text: x\ndescription: "${'> '.repeat(7000)}hi"\n`,
      'content/pins/ok.md': mdPin({ id: 'ok' }),
      'content/pins/typo.md': mdPin({ id: 'typo', board: 'Winter Look' }),
    });
    const v = await validateRepository({ root, env: {} });
    if (!v.ok) throw new Error('settings');
    expect(withoutLints(v.diagnostics).map((d) => `${d.file}:${d.line}:${d.code}`)).toEqual([
      'content/pins/quotes.md:9:markdown-too-deep',
      'content/pins/stars.md:9:markdown-too-deep',
      'content/pins/typo.md:3:unknown-board',
      'content/pins/under.md:9:markdown-too-deep',
      'content/pins/yaml.yml:5:markdown-too-deep',
    ]);
    const p = plan({
      desired: desiredPins(v.pins, v.diagnostics, v.settings, new Map()),
      ledger: { version: 1, pins: {} },
      settings: v.settings,
      now: new Date('2026-01-01T12:00:00Z'),
    });
    expect(p.actions.map((a) => `${a.key}:${a.kind}`)).toEqual(['ok:create', 'quotes:invalid', 'stars:invalid', 'typo:invalid', 'under:invalid', 'yaml:invalid']);
  });

  it('YAML nested 7,000 deep is an error at its file, named as such', async () => {
    const root = await repo({ ...BASE, 'content/pins/deep.yml': `title: ${'['.repeat(7000)}${']'.repeat(7000)}\n`, 'content/pins/ok.md': mdPin() });
    const v = await validateRepository({ root, env: {} });
    if (!v.ok) throw new Error('settings');
    expect(v.diagnostics).toMatchObject([{ file: 'content/pins/deep.yml', code: 'yaml-syntax', line: 1 }]);
    expect(v.diagnostics[0]?.message).toContain('nested too deeply');
    expect(v.pins.map((p) => p.file)).toEqual(['content/pins/ok.md']);
  });
});
