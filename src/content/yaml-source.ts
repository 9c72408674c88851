import { CORE_SCHEMA, constructFromEvents, EVENT_ID, type Event, getScalarValue, parseEvents, YAMLException } from 'js-yaml';
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { type Diagnostic, diagnostic, type Position } from '../diagnostics/diagnostic.js';

/** A path into parsed YAML: map keys and list indexes. */
export type FieldPath = readonly (string | number)[];

/**
 * A parsed YAML text. `data` comes from js-yaml (YAML 1.2 core schema), which is about seven
 * times faster than a parse that keeps positions; the positioned parse (the `yaml` package) runs
 * only when a diagnostic needs a line and column, so valid files never pay for it.
 * `text` may be a fragment of the file (front matter) as long as its line 1 is the file's line 1;
 * gray-matter's `matter` string is exactly that.
 */
export interface YamlSource {
  file: string;
  text: string;
  data: unknown;
  /** Where the root node and the items of its top-level lists start, kept from js-yaml's parse (see `startOf`). */
  starts?: NodeStarts;
}

/**
 * Offsets into `text` from the first parse's events: of the root node (`root`), and of the items
 * of the root mapping's lists (`items`, by key). -1 where the offset might differ from the
 * positioned parser's (an anchor or tag, an alias): `startOf` asks that parser there.
 */
export interface NodeStarts {
  root: number;
  items: Map<string, number[]>;
}

interface Positioned {
  doc: Document.Parsed;
  lines: LineCounter;
}

const positioned = new WeakMap<YamlSource, Positioned>();

function parsePositioned(text: string): Positioned {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return { doc, lines };
}

function positionsOf(source: YamlSource): Positioned {
  let p = positioned.get(source);
  if (!p) {
    p = parsePositioned(source.text);
    positioned.set(source, p);
  }
  return p;
}

/**
 * How far YAML aliases (`*name`) may expand, as the `yaml` package counts it (each alias times the
 * aliases inside what it names): a few hundred repeated values are fine, a "billion laughs" of
 * nested aliases, or ten thousand copies of one pin, is refused at its file.
 */
export const MAX_ALIAS_COUNT = 1000;

/**
 * Text that may hold an alias: `*name` where a node starts (a line's start, after `key: `, `- `,
 * `? ` or inside `[`, `{`, `,`). Files without one (nearly all) skip the count; `**bold**` in a
 * description is not one.
 */
const MAYBE_ALIAS = /(?:^[ \t]*|[:?-][ \t]+|[[{,][ \t]*)\*[^\s,[\]{}*]/m;

/** Parses YAML. Never throws: syntax errors come back as diagnostics with their position. */
export function parseYaml(file: string, text: string): { source?: YamlSource; diagnostics: Diagnostic[] } {
  try {
    const events = parseEvents(text, {});
    const source: YamlSource = { file, text, data: single(constructFromEvents(events, { source: text, schema: CORE_SCHEMA })), starts: nodeStarts(text, events) };
    const alias = MAYBE_ALIAS.exec(text);
    if (alias) {
      // js-yaml shares what an alias names; what reads the data afterwards walks every copy.
      const p = parsePositioned(text);
      positioned.set(source, p);
      // The rare text only js-yaml takes is not counted by the other parser: its errors are reported.
      if (p.doc.errors.length > 0) return { diagnostics: syntaxDiagnostics(file, p, text) };
      try {
        p.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (err) {
        if (!(err instanceof ReferenceError)) throw err;
        const at = toPosition(p.lines, alias.index + alias[0].indexOf('*'));
        return {
          diagnostics: [diagnostic('yaml-aliases', `the YAML aliases (\`*name\`) of this file expand to more than ${MAX_ALIAS_COUNT} values; pinops does not read it`, file, at)],
        };
      }
    }
    return { source, diagnostics: [] };
  } catch (err) {
    // Lists or mappings nested past js-yaml's depth limit (100), or deep enough to overflow a stack:
    // an error at the file, without asking the other parser (which would overflow too).
    const mark = (err as YAMLException).mark;
    if (err instanceof RangeError || /maxDepth/.test((err as YAMLException).reason ?? '')) {
      return { diagnostics: [tooDeep(file, { line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1 })] };
    }
    // The positioned parser words errors better and places them exactly; js-yaml's own mark is
    // the fallback for the rare input only js-yaml refuses.
    let p: Positioned;
    try {
      p = parsePositioned(text);
    } catch (again) {
      if (again instanceof RangeError) return { diagnostics: [tooDeep(file, { line: 1, column: 1 })] };
      throw again;
    }
    // js-yaml refuses a document of comments only; it is an empty one (pinops.yml: the defaults).
    if (p.doc.errors.length === 0 && p.doc.contents === null) return { source: { file, text, data: null }, diagnostics: [] };
    if (p.doc.errors.length > 0) return { diagnostics: syntaxDiagnostics(file, p, text) };
    const reason = (err as YAMLException).reason ?? String(err);
    return { diagnostics: [syntaxDiagnostic(file, { line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1 }, reason, /\btab/i.test(reason))] };
  }
}

/** js-yaml's `load`: one document, or its errors for none or several. */
function single(documents: unknown[]): unknown {
  if (documents.length === 0) throw new YAMLException('expected a document, but the input is empty');
  if (documents.length > 1) throw new YAMLException('expected a single document in the stream, but found more');
  return documents[0];
}

/** The index of the event after the node that starts at `i` (a scalar, an alias, or a whole collection). */
function after(events: readonly Event[], i: number): number {
  let depth = 0;
  do {
    const t = events[i]?.type;
    if (t === EVENT_ID.MAPPING || t === EVENT_ID.SEQUENCE) depth++;
    else if (t === EVENT_ID.POP) depth--;
    else if (t === undefined) return i;
    i++;
  } while (depth > 0);
  return i;
}

/**
 * Where the mapping at `i` starts, when the positioned parser says the same: a mapping without an
 * anchor or tag whose first key has none either (`&a key:` starts that parser's mapping at the key). Else -1.
 */
function mappingStart(events: readonly Event[], i: number): number {
  const e = events[i];
  if (e?.type !== EVENT_ID.MAPPING || e.anchorStart !== -1 || e.tagStart !== -1) return -1;
  const first = events[i + 1];
  if (first?.type === EVENT_ID.POP) return e.start;
  return first?.type === EVENT_ID.SCALAR && first.anchorStart === -1 && first.tagStart === -1 ? e.start : -1;
}

/** The starts of the root node and of its lists' items (only mappings' starts are kept: a pin is one). */
function nodeStarts(text: string, events: readonly Event[]): NodeStarts {
  // events[0] opens the document, events[1] is its root node.
  const out: NodeStarts = { root: mappingStart(events, 1), items: new Map() };
  if (events[1]?.type !== EVENT_ID.MAPPING) return out;
  for (let i = 2; i < events.length && events[i]?.type !== EVENT_ID.POP; ) {
    const key = events[i] as Event;
    const value = after(events, i);
    if (key.type === EVENT_ID.SCALAR && events[value]?.type === EVENT_ID.SEQUENCE) {
      const items: number[] = [];
      for (let j = value + 1; j < events.length && events[j]?.type !== EVENT_ID.POP; j = after(events, j)) items.push(mappingStart(events, j));
      out.items.set(getScalarValue(text, key), items);
    }
    i = after(events, value);
  }
  return out;
}

function tooDeep(file: string, pos: Position): Diagnostic {
  return diagnostic('yaml-syntax', 'the YAML is nested too deeply to read (over 100 lists or mappings inside one another)', file, pos, {
    hint: 'Pins are flat `field: value` lines; remove the nesting.',
  });
}

function syntaxDiagnostics(file: string, { doc, lines }: Positioned, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  let indented: number | undefined;
  for (const e of doc.errors) {
    // The parser's second word on a line indented by mistake, at the same place: said once already.
    if (e.code === 'MULTILINE_IMPLICIT_KEY' && e.pos[0] === indented) continue;
    const line = e.code === 'BLOCK_AS_IMPLICIT_KEY' ? indentedLine(text, e.pos[0]) : undefined;
    if (line) {
      indented = e.pos[0];
      out.push(indentedDiagnostic(file, toPosition(lines, e.pos[0]).line, toPosition(lines, line.at), line.key));
    } else out.push(syntaxDiagnostic(file, toPosition(lines, e.pos[0]), e.message, e.code === 'TAB_AS_INDENT' || /\btab/i.test(e.message)));
  }
  return out;
}

/**
 * A `key:` line indented under a plain value (` link: …` after `image: a.jpg`): YAML reads it as
 * more of that value and says so at the value. The line the user got wrong is the indented one.
 */
function indentedLine(text: string, valueAt: number): { at: number; key: string } | undefined {
  const start = text.indexOf('\n', valueAt) + 1;
  if (start === 0) return undefined;
  const end = text.indexOf('\n', start);
  const m = /^( +)([^\s:#][^:]*):(?: |$)/.exec(text.slice(start, end < 0 ? undefined : end));
  return m ? { at: start + (m[1] as string).length, key: (m[2] as string).trim() } : undefined;
}

function indentedDiagnostic(file: string, valueLine: number, pos: Position, key: string): Diagnostic {
  return diagnostic('yaml-syntax', `YAML syntax error: \`${key}:\` is indented, so YAML reads it as part of the value on line ${valueLine}`, file, pos, {
    hint: `Start \`${key}:\` at the same column as the fields above it (pin fields are not nested).`,
  });
}

function syntaxDiagnostic(file: string, pos: Position, message: string, tab: boolean): Diagnostic {
  const text = tab ? 'tab characters are not allowed for indentation in YAML' : `YAML syntax error: ${firstLine(message)}`;
  return diagnostic('yaml-syntax', text, file, pos, tab ? { hint: 'Indent with spaces instead of tabs.' } : {});
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
  const { doc, lines } = positionsOf(source);
  const { key, value, deepest } = walk(doc, path);
  const node = at === 'key' ? (key ?? value) : value?.range ? value : key;
  const target = node?.range ? node : deepest;
  return target?.range ? toPosition(lines, target.range[0]) : { line: 1, column: 1 };
}

const lineStarts = new WeakMap<YamlSource, number[]>();

/** The position of `offset` in the source's text, as the positioned parser's LineCounter gives it. */
function positionAt(source: YamlSource, offset: number): Position {
  let starts = lineStarts.get(source);
  // A root mapping starts within the first few lines: counting them beats indexing every line of the file.
  if (!starts && offset < 256) {
    let line = 1;
    let lineStart = 0;
    for (let i = source.text.indexOf('\n'); i >= 0 && i < offset; i = source.text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { line, column: offset - lineStart + 1 };
  }
  if (!starts) {
    starts = [0];
    for (let i = source.text.indexOf('\n'); i >= 0; i = source.text.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStarts.set(source, starts);
  }
  // The last line starting at or before `offset`.
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

/**
 * Where the node at `path` starts — the root (`[]`) or an item of a top-level list (`['pins', 2]`)
 * — as `locate` gives it, from the first parse when it kept that start: a plan shows every pin's
 * line, and parsing every file again for it cost three times validation's time.
 */
export function startOf(source: YamlSource, path: FieldPath): Position {
  const s = source.starts;
  const offset = !s ? -1 : path.length === 0 ? s.root : path.length === 2 && typeof path[1] === 'number' ? (s.items.get(String(path[0]))?.[path[1]] ?? -1) : -1;
  return offset >= 0 ? positionAt(source, offset) : locate(source, path);
}

/** The plain value at `path` in the parsed data. */
export function valueAt(source: YamlSource, path: FieldPath): unknown {
  let cur = source.data;
  for (const seg of path) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
  return cur;
}

/** Renders a field path the way users write it: `pins[2].images[0]`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}
