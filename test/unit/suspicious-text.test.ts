import { describe, expect, it } from 'vitest';
import { parsePublishAt } from '../../src/content/dates.js';
import { findInvisible } from '../../src/content/validate.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { validateRepository } from '../../src/flows/validate.js';
import { withoutLints } from '../helpers/lint.js';
import { BASE, type FixtureFile, mdPin, tempRepos } from '../helpers/repo.js';

const repo = tempRepos();

async function diagnosticsOf(files: Record<string, FixtureFile>): Promise<Diagnostic[]> {
  const r = await validateRepository({ root: await repo({ ...BASE, ...files }), env: {} });
  if (!r.ok) throw new Error(`settings failed: ${JSON.stringify(r.diagnostics)}`);
  return withoutLints(r.diagnostics);
}

const where = (list: Diagnostic[]) => list.map((d) => `${d.file}:${d.line}:${d.column}:${d.severity}:${d.code}`);

describe('invisible characters in the text people read', () => {
  it('a right-to-left override in a title, a zero-width space in the body, a control character in alt text: a warning at each line', async () => {
    const d = await diagnosticsOf({
      'content/pins/title.md': mdPin({ title: 'Boots \u202Egnp.exe' }),
      'content/pins/body.md': mdPin({}, 'First line.\n\nSecond with a hidden\u200Bspace.'),
      'content/pins/alt.yml': 'title: Boots\nboard: Winter Looks\nimage: ../media/boots.jpg\nalt_text: "Boots \\u0007 on snow"\n',
      'content/pins/isolate.yml': 'title: Boots\nboard: Winter Looks\nimage: ../media/boots.jpg\nalt_text: x\ndescription: |\n  Warm boots.\n  Made \u2066in\u2069 Italy.\n',
    });
    expect(where(d)).toEqual([
      'content/pins/alt.yml:4:11:warning:invisible-character',
      'content/pins/body.md:10:21:warning:invisible-character',
      'content/pins/isolate.yml:7:8:warning:invisible-character',
      'content/pins/title.md:2:14:warning:invisible-character',
    ]);
    expect(d.find((x) => x.file === 'content/pins/title.md')?.message).toBe(
      '`title` holds an invisible character, U+202E RIGHT-TO-LEFT OVERRIDE, which can make the text read differently from how it looks',
    );
    expect(d.find((x) => x.file === 'content/pins/alt.yml')?.message).toContain('the control character U+0007');
    expect(d.find((x) => x.file === 'content/pins/isolate.yml')?.field).toBe('description');
  });

  it('leaves emoji sequences, Persian text, tabs and line breaks alone', async () => {
    expect(findInvisible('Family 👩\u200D👧 night')).toBeUndefined();
    expect(findInvisible('می\u200Cخواهم')).toBeUndefined();
    expect(findInvisible('a\tb\nc\r\nd')).toBeUndefined();
    expect(findInvisible('pay\u200Dpal')).toEqual({ index: 3, codePoint: 0x200d });
    const d = await diagnosticsOf({ 'content/pins/a.md': mdPin({ title: 'Family 👩‍👧 night' }, 'Lines\n\tand tabs') });
    expect(d).toEqual([]);
  });
});

describe('ids that differ only in case', () => {
  it('are a warning at each pin, naming the other', async () => {
    const d = await diagnosticsOf({ 'content/pins/a.md': mdPin({ id: 'Boots' }), 'content/pins/b.md': mdPin({ id: 'boots' }), 'content/pins/c.md': mdPin({ id: 'other' }) });
    expect(d.map((x) => `${x.file}:${x.line}:${x.severity}:${x.code} ${x.message}`)).toEqual([
      'content/pins/a.md:7:warning:id-case pin id "Boots" differs only in case from "boots" (content/pins/b.md:7)',
      'content/pins/b.md:7:warning:id-case pin id "boots" differs only in case from "Boots" (content/pins/a.md:7)',
    ]);
  });
});

describe('links and dates validation refuses', () => {
  it('a link with a user name or password is an error that does not repeat the password', async () => {
    const d = await diagnosticsOf({
      'content/pins/a.md': mdPin({ link: 'https://admin:hunter2@shop.example.com/boots' }),
      'content/pins/b.md': mdPin({ link: 'https://someone@shop.example.com/boots' }),
      'content/pins/c.md': mdPin({ link: 'https://shop.example.com/boots?contact=me@example.com' }),
    });
    expect(where(d)).toEqual(['content/pins/a.md:4:7:error:invalid-link', 'content/pins/b.md:4:7:error:invalid-link']);
    expect(d[0]?.message).toBe('`link` holds a user name and password (`…@shop.example.com`), which Pinterest would show to everyone');
    expect(d[1]?.message).toContain('holds a user name (');
    expect(JSON.stringify(d)).not.toContain('hunter2');
  });

  it('a publish_at before 1970 or after 2100 is an error; the years between are fine', async () => {
    expect(parsePublishAt('1969-12-31T23:59:59Z', undefined)).toEqual({ ok: false, reason: 'out-of-range', year: 1969 });
    expect(parsePublishAt('2101-01-01T00:00:00Z', undefined)).toEqual({ ok: false, reason: 'out-of-range', year: 2101 });
    expect(parsePublishAt('9999-01-01', 'UTC')).toEqual({ ok: false, reason: 'out-of-range', year: 9999 });
    expect(parsePublishAt('2100-12-31T23:00:00Z', undefined)).toMatchObject({ ok: true });
    const d = await diagnosticsOf({
      'content/pins/a.md': mdPin({ publish_at: '0001-01-01T00:00:00Z' }),
      'content/pins/b.md': mdPin({ publish_at: '+275760-09-13T00:00:00Z' }),
      'content/pins/c.md': mdPin({ publish_at: '2027-03-01T09:00:00Z' }),
    });
    expect(where(d)).toEqual(['content/pins/a.md:7:13:error:publish-at-invalid', 'content/pins/b.md:7:13:error:publish-at-invalid']);
    expect(d[0]?.message).toBe('`publish_at` "0001-01-01T00:00:00Z" is in the year 1; pinops publishes between 1970 and 2100');
  });
});
