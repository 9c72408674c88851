import { describe, expect, it } from 'vitest';
import { locate, parseYaml, startOf, type YamlSource } from '../../src/content/yaml-source.js';

/** The same text parsed once more, without the starts the first parse kept: `locate` alone places it. */
function positioned(source: YamlSource): YamlSource {
  return { file: source.file, text: source.text, data: source.data };
}

function parsed(text: string): YamlSource {
  const r = parseYaml('f.yml', text);
  if (!r.source) throw new Error(`did not parse: ${JSON.stringify(r.diagnostics)}`);
  return r.source;
}

const TEXTS = [
  'id: a\ntitle: b\n',
  '\nid: a\ntitle: b\n',
  '# a comment\n\n  id: a\n  title: b\n',
  '--- \nid: a\n',
  '%YAML 1.2\n---\nid: x\n',
  '&a id: 1\n',
  '&m\nid: 1\n',
  '!!map\nid: 1\n',
  '{id: a, title: b}\n',
  '"id": a\n',
  '? id\n: a\n',
  'id: a\r\ntitle: b\r\n',
  '\uFEFFid: a\n',
  'pins:\n  - id: a\n    t: b\n  -   id: c\n  - {id: d}\n  - &x\n    id: e\n  - !!map\n    id: f\n  -\n    id: g\n  - &k id: h\n',
  'pins:\n- id: a\n- id: b\n# comment\n-\n\n  id: c\n',
  'pins: [{id: a}, {id: b}]\n',
  'pins: [id: a, id: b]\n',
  'other: 1\npins:\n  - id: a\n  - plain\n  - [1, 2]\n  - id: b\n',
  '"pins":\n  - id: a\n',
  'pins:\n  - id: a\n    nested:\n      - x: 1\n  - id: b\n',
  'a: &r\n  - id: 1\npins: *r\n',
  'pins:\n  - id: ünïcødé 🎉\n  - id: b\n',
  // Long enough that its later pins start past where lines are counted one by one.
  `# many\npins:\n${Array.from({ length: 60 }, (_, i) => `  - id: p${i}\n    title: "Pin ${i}"\n`).join('')}`,
];

describe('startOf: where a pin starts, from the first parse', () => {
  it('gives the positioned parser’s place for the root and every list item', () => {
    for (const text of TEXTS) {
      const source = parsed(text);
      const paths: (string | number)[][] = [[]];
      const data = source.data as Record<string, unknown> | null;
      const lists = data && typeof data === 'object' && !Array.isArray(data) ? Object.entries(data) : [];
      for (const [k, v] of lists) if (Array.isArray(v)) for (let i = 0; i < v.length; i++) paths.push([k, i]);
      for (const path of paths) expect([text, path, startOf(source, path)]).toEqual([text, path, locate(positioned(source), path)]);
    }
  });

  it('keeps the start of plain mappings, and leaves the ones with an anchor, a tag or an alias to the positioned parser', () => {
    const s = parsed('pins:\n  - id: a\n  - &x\n    id: e\n  - !!map\n    id: f\n  - &k id: h\n  - plain\n');
    expect(s.starts?.items.get('pins')).toEqual([10, -1, -1, -1, -1]);
    expect(parsed('&a id: 1\n').starts?.root).toBe(-1);
    expect(parsed('\n\nid: 1\n').starts?.root).toBe(2);
  });

  it('places pins on generated files of many shapes as the positioned parser does', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pieces = ['', '# note\n', '\n', '\r\n'];
    for (let round = 0; round < 200; round++) {
      let text = pieces[rnd(4)] as string;
      if (rnd(2)) text += `title: t${round}\n`;
      text += 'pins:\n';
      const indent = ' '.repeat(rnd(4));
      for (let i = 0, n = 1 + rnd(6); i < n; i++) {
        const gap = ' '.repeat(1 + rnd(3));
        text += `${indent}-${gap}id: p${i}\n${indent} ${gap}board: "B ${i}"\n${pieces[rnd(4)]}`;
      }
      const source = parsed(text);
      const count = (source.data as { pins: unknown[] }).pins.length;
      for (let i = 0; i < count; i++) expect([text, startOf(source, ['pins', i])]).toEqual([text, locate(positioned(source), ['pins', i])]);
    }
  });
});
