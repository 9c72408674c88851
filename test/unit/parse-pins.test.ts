import { describe, expect, it } from 'vitest';
import { descriptionOverLimit, descriptionText, parsePinFile } from '../../src/content/parse-pins.js';

const enc = (s: string) => new TextEncoder().encode(s);
const parse = (path: string, text: string | Uint8Array) => parsePinFile({ path, bytes: typeof text === 'string' ? enc(text) : text }, 'content/pins');
const one = (path: string, text: string | Uint8Array) => {
  const r = parse(path, text);
  expect(r.diagnostics).toHaveLength(1);
  return r.diagnostics[0];
};

describe('markdown pins', () => {
  it('reads front matter, flattens the body, and defaults the id to the path', () => {
    const r = parse('content/pins/winter/boots.md', '---\ntitle: Boots\nboard: Winter\nimage: a.jpg\n---\nKeep **dry** [all](https://x.y) winter.\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.pins[0]?.key).toBe('winter/boots');
    expect(r.pins[0] && descriptionText(r.pins[0])).toBe('Keep dry all winter.');
    expect(r.pins[0]?.fields?.status).toBe('ready');
  });

  it('places an unknown field at its line and column, counting the opening --- as line 1, with did-you-mean', () => {
    const e = one('content/pins/a.md', '---\ntitle: Boots\nboard: Winter\n\ntitel: Boots\n---\nbody\n');
    expect(e).toMatchObject({ code: 'unknown-field', line: 5, column: 1, field: 'titel', severity: 'error' });
    expect(e?.message).toContain('did you mean `title`?');
  });

  it('keeps positions right with CRLF line endings and a BOM', () => {
    const crlf = '\uFEFF---\r\ntitle: Boots\r\nboard: Winter\r\nimage: a.jpg\r\nstatus: publish\r\n---\r\nbody\r\n';
    const d = one('content/pins/a.md', crlf);
    expect(d).toMatchObject({ code: 'invalid-value', line: 5, column: 9, field: 'status' });
    expect(d?.message).toContain('ready, draft');
  });

  it('reports broken YAML at the line of the break', () => {
    const d = one('content/pins/a.md', '---\ntitle: Boots\nboard: [Winter\nimage: a.jpg\n---\nbody');
    expect(d?.code).toBe('yaml-syntax');
    expect(d?.line).toBeGreaterThanOrEqual(3);
  });

  it('reports a field indented by mistake at its own line, once, with the fix (YAML reads it as more of the value above)', () => {
    const yml = parse('content/pins/a.yml', 'title: Boots\nboard: Winter\nimage: a.jpg\n link: https://shop.example.com/boots\n').diagnostics;
    expect(yml.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ['yaml-syntax', 4, 2, 'YAML syntax error: `link:` is indented, so YAML reads it as part of the value on line 3'],
    ]);
    expect(yml[0]?.hint).toBe('Start `link:` at the same column as the fields above it (pin fields are not nested).');
    // In a markdown file's front matter, at the file's own line.
    const md = parse('content/pins/a.md', '---\ntitle: Boots\n  board: Winter\nimage: a.jpg\n---\nbody\n').diagnostics;
    expect(md.map((d) => [d.code, d.line, d.column])).toEqual([['yaml-syntax', 3, 3]]);
    expect(md[0]?.message).toContain('on line 2');
  });

  it('reports tab indentation as such', () => {
    const d = parse('content/pins/a.yml', 'title: Boots\nboards:\n\t- Winter\n').diagnostics[0];
    expect(d).toMatchObject({ code: 'yaml-syntax', line: 3 });
    expect(d?.message).toMatch(/tab/);
    expect(d?.hint).toMatch(/spaces/);
  });

  it('reports an empty file', () => {
    expect(one('content/pins/a.md', '')).toMatchObject({ code: 'empty-file', line: 1, column: 1 });
    expect(one('content/pins/b.yml', '  \n\n')).toMatchObject({ code: 'empty-file' });
  });

  it('reports a binary file named .md without trying to parse it', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const d = one('content/pins/photo.md', png);
    expect(d).toMatchObject({ code: 'not-text', severity: 'error' });
    expect(d?.hint).toMatch(/media/);
  });

  it('reports non-UTF-8 bytes at their line and column', () => {
    const bytes = new Uint8Array([...enc('---\ntitle: Caf'), 0xe9, ...enc(' au lait\n---\nbody\n')]);
    const d = one('content/pins/a.md', bytes);
    expect(d).toMatchObject({ code: 'invalid-encoding', line: 2, column: 11 });
    expect(d?.message).toContain('0xe9');
  });

  it('reports a 5 MB description as too long at the body, without flattening it', () => {
    const body = 'word '.repeat(1024 * 1024);
    const start = performance.now();
    const r = parse('content/pins/a.md', `---\ntitle: Boots\nboard: Winter\nimage: a.jpg\n---\n\n${body}`);
    expect(performance.now() - start).toBeLessThan(5000);
    expect(r.diagnostics).toEqual([]);
    expect(r.pins[0] && descriptionOverLimit(r.pins[0], 800)).toBe(body.trim().length);
    expect(r.pins[0]?.bodyPos).toEqual({ line: 7, column: 1 });
  });

  it('reports missing and unclosed front matter', () => {
    expect(one('content/pins/a.md', 'title: Boots\n')).toMatchObject({ code: 'front-matter-missing' });
    expect(one('content/pins/a.md', '---\ntitle: Boots\nbody\n')).toMatchObject({ code: 'front-matter-unclosed' });
  });

  it('explains that the body is the description when front matter has one', () => {
    const d = one('content/pins/a.md', '---\ntitle: Boots\ndescription: x\n---\nbody\n');
    expect(d).toMatchObject({ code: 'unknown-field', line: 3 });
    expect(d?.hint).toMatch(/body/);
  });
});

describe('YAML pins', () => {
  it('reports a wrong type at the value', () => {
    const d = one('content/pins/a.yml', 'title: Boots\nboard: Winter\nimage: a.jpg\nalt_text: [a, b]\n');
    expect(d).toMatchObject({ code: 'wrong-type', line: 4, column: 11, field: 'alt_text' });
    expect(d?.message).toContain('must be text, not a list');
  });

  it('reports a title over the limit with its length', () => {
    const d = one('content/pins/a.yml', `title: ${'x'.repeat(101)}\nimage: a.jpg\n`);
    expect(d).toMatchObject({ code: 'too-long', line: 1, column: 8 });
    expect(d?.message).toBe('`title` is 101 characters; the limit is 100');
  });

  it('reports a missing required field at the pin', () => {
    expect(one('content/pins/a.yml', 'board: Winter\nimage: a.jpg\n')).toMatchObject({ code: 'missing-field', line: 1, message: 'missing required field `title`' });
  });

  it('checks every pin of a `pins:` list: one invalid item does not hide the valid ones', () => {
    const text = [
      'pins:',
      '  - id: one',
      '    title: One',
      '    image: a.jpg',
      '  - id: two',
      '    title: Two',
      '    image: a.jpg',
      '    boardd: Winter',
      '  - id: three',
      '    title: Three',
      '    image: a.jpg',
      '  - title: Four',
      '    image: a.jpg',
    ].join('\n');
    const r = parse('content/pins/many.yml', text);
    // Every pin is read (the faulty ones too, for the rest of their checks); each problem names its pin.
    expect(r.pins.map((p) => [p.key, p.fields?.title])).toEqual([
      ['one', 'One'],
      ['two', 'Two'],
      ['three', 'Three'],
      ['many#3', 'Four'],
    ]);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.field, d.pin])).toEqual([
      ['unknown-field', 8, 'boardd', 'two'],
      ['missing-id', 12, undefined, 'many#3'],
    ]);
    expect(r.diagnostics[0]?.message).toContain('`pins[1].boardd` — did you mean `board`?');
  });

  it('rejects other top-level fields beside `pins:`', () => {
    const r = parse('content/pins/many.yml', 'board: X\npins:\n  - id: a\n    title: A\n    image: a.jpg\n');
    expect(r.diagnostics).toMatchObject([{ code: 'unknown-field', line: 1, field: 'board' }]);
    expect(r.pins).toHaveLength(1);
  });

  it('refuses a file that is not a mapping', () => {
    expect(one('content/pins/a.yml', '- just\n- a list\n')).toMatchObject({ code: 'not-a-mapping' });
  });

  it('reports duplicate keys in one pin', () => {
    expect(one('content/pins/a.yml', 'title: A\ntitle: B\n')).toMatchObject({ code: 'yaml-syntax', line: 2 });
  });
});
