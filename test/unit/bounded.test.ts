import { describe, expect, it } from 'vitest';
import { validateRepository } from '../../src/flows/validate.js';
import { validateInChild } from '../helpers/child.js';
import { withoutLints } from '../helpers/lint.js';
import { BASE, mdPin, tempRepos } from '../helpers/repo.js';

// Validation's time, memory and output grow with the size of the content, never faster: these run
// in a child process with a 500 MB heap, and its peak memory is checked.

const repo = tempRepos();

const pin = (id: string) => `  - id: ${id}\n    title: Boots\n    board: Winter Looks\n    image: ../media/boots.jpg\n    alt_text: Boots on snow\n`;

describe('YAML aliases', () => {
  it('a 112 KB file of aliases to one pin is an error at that file, in bounded memory; the other files are checked', async () => {
    const aliases = `pins:\n  - &p\n    id: same\n    title: Boots\n    board: Winter Looks\n    image: ../media/boots.jpg\n    alt_text: Boots on snow\n${'  - *p\n'.repeat(16_000)}`;
    expect(aliases.length).toBeGreaterThan(112_000);
    const root = await repo({ ...BASE, 'content/pins/aliases.yml': aliases, 'content/pins/ok.md': mdPin({ board: 'Nowhere' }) });
    const r = await validateInChild(root, { maxOldSpaceMb: 500 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.diagnostics?.map((d) => `${d.file}:${d.line}:${d.code}`)).toEqual(['content/pins/aliases.yml:8:yaml-aliases', 'content/pins/ok.md:3:unknown-board']);
    expect(r.maxRssMb).toBeLessThan(500);
  });

  it('nested aliases (a "billion laughs") are refused at the file', async () => {
    const levels = Array.from({ length: 12 }, (_, i) => `  l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]\n`).join('');
    const laughs = `title: Laughs\nboard: Winter Looks\nimage: ../media/boots.jpg\nfields:\n  l0: &l0 lol\n${levels}`;
    const r = await validateInChild(await repo({ ...BASE, 'content/pins/laughs.yml': laughs }), { maxOldSpaceMb: 500 });
    expect(r.code).toBe(0);
    expect(r.diagnostics).toMatchObject([{ file: 'content/pins/laughs.yml', code: 'yaml-aliases', line: 6 }]);
  });

  it('a few hundred aliases of a value are fine', async () => {
    const list = Array.from(
      { length: 300 },
      (_, i) => `  - id: p${i}\n    title: Boots\n    board: ${i === 0 ? '&board Winter Looks' : '*board'}\n    image: ../media/boots.jpg\n    alt_text: x\n`,
    );
    const r = await validateRepository({ root: await repo({ ...BASE, 'content/pins/many.yml': `pins:\n${list.join('')}` }), env: {} });
    expect(r.ok && r.pins.length).toBe(300);
    expect(withoutLints(r.diagnostics)).toEqual([]);
  });
});

describe('duplicate ids', () => {
  it('3,000 pins sharing one id: one short diagnostic per pin with the count, in bounded memory', async () => {
    const root = await repo({ ...BASE, 'content/pins/same.yml': `pins:\n${Array.from({ length: 3000 }, () => pin('same')).join('')}`, 'content/pins/ok.md': mdPin({ id: 'ok' }) });
    const r = await validateInChild(root, { maxOldSpaceMb: 500 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const list = r.diagnostics ?? [];
    expect(list).toHaveLength(3000);
    expect(list.every((d) => d.code === 'duplicate-id' && d.file === 'content/pins/same.yml' && d.message.length < 200)).toBe(true);
    expect(list[0]?.message).toBe('pin id "same" is used by 3000 pins; also in content/pins/same.yml:7, content/pins/same.yml:12, content/pins/same.yml:17 and 2996 more');
    expect(list[1]?.message).toBe('pin id "same" is used by 3000 pins; also in content/pins/same.yml:2, content/pins/same.yml:12, content/pins/same.yml:17 and 2996 more');
    expect(r.maxRssMb).toBeLessThan(500);
  });

  it('three pins sharing an id name each other', async () => {
    const r = await validateRepository({
      root: await repo({ ...BASE, 'content/pins/a.md': mdPin({ id: 'x' }), 'content/pins/b.md': mdPin({ id: 'x' }), 'content/pins/c.md': mdPin({ id: 'x' }) }),
      env: {},
    });
    expect(r.diagnostics.map((d) => `${d.file} ${d.message}`)).toEqual([
      'content/pins/a.md pin id "x" is used by 3 pins; also in content/pins/b.md:7, content/pins/c.md:7',
      'content/pins/b.md pin id "x" is used by 3 pins; also in content/pins/a.md:7, content/pins/c.md:7',
      'content/pins/c.md pin id "x" is used by 3 pins; also in content/pins/a.md:7, content/pins/b.md:7',
    ]);
  });
});
