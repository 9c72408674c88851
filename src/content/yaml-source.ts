import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { type Diagnostic, diagnostic, type Position } from '../diagnostics/diagnostic.js';

/** A path into parsed YAML: map keys and list indexes. */
export type FieldPath = readonly (string | number)[];

/** A parsed YAML text that can answer "where is this field?" in file coordinates. */
export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/**
 * Parses YAML keeping positions. `text` may be a fragment of the file (front matter) as long as
 * its line 1 is the file's line 1; gray-matter's `matter` string is exactly that.
 */
export function parseYaml(file: string, text: string): { source: YamlSource; diagnostics: Diagnostic[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const source: YamlSource = { file, doc, lines };
  const diagnostics = doc.errors.map((err) => {
    const pos = toPosition(lines, err.pos[0]);
    const tab = err.code === 'TAB_AS_INDENT' || /\btab/i.test(err.message);
    const message = tab ? 'tab characters are not allowed for indentation in YAML' : `YAML syntax error: ${firstLine(err.message)}`;
    return diagnostic('yaml-syntax', message, file, pos, tab ? { hint: 'Indent with spaces instead of tabs.' } : {});
  });
  return { source, diagnostics };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i < 0 ? s : s.slice(0, i)).replace(/ at line \d+, column \d+:?$/, '');
}

function toPosition(lines: LineCounter, offset: number): Position {
  const p = lines.linePos(offset);
  return { line: p.line, column: p.col };
}

/** The key and value nodes at `path`, and the deepest node found on the way. */
function walk(doc: Document.Parsed, path: FieldPath): { key?: Node | undefined; value?: Node | undefined; deepest?: Node | undefined } {
  let cur: unknown = doc.contents;
  let key: Node | undefined;
  let deepest: Node | undefined = (doc.contents as Node | null) ?? undefined;
  for (const seg of path) {
    key = undefined;
    if (isMap(cur)) {
      const pair = cur.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return { deepest };
      key = pair.key as Node;
      cur = pair.value;
      deepest = (cur as Node | null) ?? key;
    } else if (isSeq(cur) && typeof seg === 'number') {
      cur = cur.items[seg];
      if (cur === undefined) return { deepest };
      deepest = cur as Node;
    } else {
      return { deepest };
    }
  }
  const value = (cur as Node | null) ?? undefined;
  return key ? { key, value } : { value };
}

/**
 * Where a field is. `at: 'key'` points at the field's name (unknown fields), `'value'` at its value;
 * a field that is absent points at the nearest enclosing node, so the user lands in the right pin.
 */
export function locate(source: YamlSource, path: FieldPath, at: 'key' | 'value' = 'value'): Position {
  const { key, value, deepest } = walk(source.doc, path);
  const node = at === 'key' ? (key ?? value) : value?.range ? value : key;
  const target = node?.range ? node : deepest;
  return target?.range ? toPosition(source.lines, target.range[0]) : { line: 1, column: 1 };
}

/** Renders a field path the way users write it: `pins[2].images[0]`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}
