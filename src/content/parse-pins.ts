import matter from 'gray-matter';
import { type Diagnostic, diagnostic, type Position } from '../diagnostics/diagnostic.js';
import { dict } from '../util/dict.js';
import { flattenedLengthBound, tryFlattenMarkdown } from './markdown.js';
import { LIMITS, type PinFields, PinSchema } from './schema.js';
import { checkText, decodeText } from './text.js';
import { type FieldPath, locate, parseYaml, valueAt, type YamlSource } from './yaml-source.js';
import { issuesToDiagnostics } from './zod-diagnostics.js';

/**
 * A file as read from the repository. `path` is repository-relative with `/` separators. The
 * reader passes `text` when the file decoded cleanly as UTF-8, else the raw `bytes`, so that
 * a bad byte can be reported at its exact position.
 */
export type SourceFile = { path: string; bytes: Uint8Array; text?: undefined } | { path: string; text: string; bytes?: undefined };

/** One pin as found in a file, with what is needed to point at any of its fields. */
export interface PinRecord {
  /** The pin's stable key: its `id`, or the file path under content/pins/ without extension. */
  key: string;
  file: string;
  format: 'markdown' | 'yaml';
  source: YamlSource;
  /** Where the pin sits in the YAML document (`[]`, or `['pins', i]`). */
  base: FieldPath;
  /** The fields, when the schema accepted them; `undefined` marks an invalid pin. */
  fields: PinFields | undefined;
  /** The description as written (markdown), trimmed. */
  rawDescription: string;
  /** Where a markdown pin's body starts (YAML pins: the `description` field, located on demand). */
  bodyPos?: Position;
}

/** What one file yielded. */
export interface ParsedFile {
  pins: PinRecord[];
  diagnostics: Diagnostic[];
}

const START: Position = { line: 1, column: 1 };

// gray-matter only splits: the YAML is parsed here, with positions. Passing options also keeps
// gray-matter from caching every file's text in memory; one object serves every file.
const MATTER_OPTIONS = { engines: { yaml: { parse: () => ({}), stringify: () => '' } } };

/** The default key of a pin: its path under content/pins/ without the extension. */
export function defaultKey(file: string, pinsDir: string): string {
  const rel = file.startsWith(`${pinsDir}/`) ? file.slice(pinsDir.length + 1) : file;
  return rel.replace(/\.(md|markdown|ya?ml)$/i, '');
}

/** Parses a pin file (markdown or YAML). Never throws: every problem becomes a diagnostic. */
export function parsePinFile(file: SourceFile, pinsDir: string): ParsedFile {
  const decoded = file.text !== undefined ? checkText(file.text) : decodeText(file.bytes);
  if (!decoded.ok) {
    const hint = decoded.reason === 'not-text' && /\.(md|markdown)$/i.test(file.path) ? 'This .md file holds binary data; put images and video under content/media/.' : undefined;
    return { pins: [], diagnostics: [diagnostic(decoded.reason, `${decoded.detail}`, file.path, decoded.position, hint ? { hint } : {})] };
  }
  const text = decoded.text;
  return /\.(md|markdown)$/i.test(file.path) ? parseMarkdownPin(file.path, text, pinsDir) : parseYamlPins(file.path, text, pinsDir);
}

function parseMarkdownPin(file: string, text: string, pinsDir: string): ParsedFile {
  if (!/^---[ \t]*\r?\n/.test(text)) {
    return { pins: [], diagnostics: [diagnostic('front-matter-missing', 'a markdown pin starts with YAML front matter between `---` lines', file, START)] };
  }
  if (!/\r?\n---[ \t]*(\r?\n|$)/.test(text.slice(3))) {
    return { pins: [], diagnostics: [diagnostic('front-matter-unclosed', 'the front matter has no closing `---` line', file, START)] };
  }
  const split = matter(text, MATTER_OPTIONS);
  const { source, diagnostics } = parseYaml(file, split.matter);
  if (!source) return { pins: [], diagnostics };
  const bodyOffset = text.length - split.content.length;
  const bodyLine = countLines(text, bodyOffset);
  const body = split.content;
  const firstBodyLine = bodyLine + leadingBlankLines(body);
  const pin = toPin(source, [], file, 'markdown', pinsDir, body, { line: firstBodyLine, column: 1 });
  return { pins: pin.record ? [pin.record] : [], diagnostics: pin.diagnostics };
}

function parseYamlPins(file: string, text: string, pinsDir: string): ParsedFile {
  const { source, diagnostics } = parseYaml(file, text);
  if (!source) return { pins: [], diagnostics };
  const root = source.data;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    return { pins: [], diagnostics: [diagnostic('not-a-mapping', 'a pin file holds `field: value` lines, or `pins:` with a list of pins', file, locate(source, []))] };
  }
  if (!('pins' in root)) {
    const pin = toPin(source, [], file, 'yaml', pinsDir);
    return { pins: pin.record ? [pin.record] : [], diagnostics: pin.diagnostics };
  }
  const out: ParsedFile = { pins: [], diagnostics: [] };
  for (const key of Object.keys(root)) {
    if (key !== 'pins')
      out.diagnostics.push(
        diagnostic('unknown-field', `unknown field \`${key}\` beside \`pins:\``, file, locate(source, [key], 'key'), {
          field: key,
          hint: 'A file with `pins:` holds only that list; move the field into each pin.',
        }),
      );
  }
  const items = (root as { pins: unknown }).pins;
  if (!Array.isArray(items) || items.length === 0) {
    out.diagnostics.push(diagnostic('wrong-type', '`pins` must be a list of pins', file, locate(source, ['pins']), { field: 'pins' }));
    return out;
  }
  items.forEach((_, i) => {
    const pin = toPin(source, ['pins', i], file, 'yaml', pinsDir, undefined, undefined, true);
    if (pin.record) out.pins.push(pin.record);
    out.diagnostics.push(...pin.diagnostics);
  });
  return out;
}

function toPin(
  source: YamlSource,
  base: FieldPath,
  file: string,
  format: 'markdown' | 'yaml',
  pinsDir: string,
  body?: string,
  bodyPos?: Position,
  inList = false,
): { record?: PinRecord; diagnostics: Diagnostic[] } {
  const raw = valueAt(source, base);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const what = raw === null || raw === undefined ? 'empty' : Array.isArray(raw) ? 'a list' : 'a single value';
    return { diagnostics: [diagnostic('not-a-mapping', `a pin must be a mapping of fields, not ${what}`, file, locate(source, base))] };
  }
  const diagnostics: Diagnostic[] = [];
  const rawId = (raw as { id?: unknown }).id;
  if (inList && rawId === undefined) diagnostics.push(diagnostic('missing-id', 'a pin in a `pins:` list needs its own `id`', file, locate(source, base)));
  const key = typeof rawId === 'string' && rawId ? rawId : inList ? `${defaultKey(file, pinsDir)}#${String(base[1])}` : defaultKey(file, pinsDir);

  if (format === 'markdown' && 'description' in raw) {
    diagnostics.push(
      diagnostic('unknown-field', 'unknown field `description` in front matter', file, locate(source, ['description'], 'key'), {
        field: 'description',
        hint: 'In a markdown pin the body below the front matter is the description; remove `description:`.',
      }),
    );
  }
  const parsed = PinSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) diagnostics.push(...issuesToDiagnostics(PinSchema, parsed.error, source, { base }));
  // Every problem names its pin, so that one bad pin in a `pins:` list never holds back the others.
  for (const d of diagnostics) d.pin = key;
  // A pin whose only faults are unknown fields (a typo, mostly), a missing field (`titel:` for
  // `title:`) or text over its limit is checked for everything else too (board, link, media,
  // limits), from its known fields: all its problems show at once, and its preview shows its
  // picture. It stays invalid.
  let fields = parsed.success && diagnostics.length === 0 ? parsed.data : undefined;
  if (!fields && diagnostics.every((d) => READ_ALL_THE_SAME.has(d.code))) fields = knownFields(raw, parsed);
  // `fields:` keys are the user's: no prototype, so a template printing `constructor` finds nothing inherited.
  if (fields?.fields) fields = { ...fields, fields: dict(Object.entries(fields.fields)) };

  const rawDescription = (body ?? (typeof (raw as { description?: unknown }).description === 'string' ? String((raw as { description: string }).description) : '')).trim();
  const record: PinRecord = {
    key,
    file,
    format,
    source,
    base,
    fields,
    rawDescription,
    ...(bodyPos ? { bodyPos } : {}),
  };
  return { record, diagnostics };
}

/** The faults that leave a pin's other fields readable (and checked): see knownFields. */
const READ_ALL_THE_SAME: ReadonlySet<string> = new Set(['unknown-field', 'missing-id', 'too-long', 'missing-field']);

/** What stands in for a missing text while the schema reads the other fields; the field is then empty. */
const STAND_IN = '?';

/**
 * The fields of a pin, leaving out unknown ones, taking text over its limit as written and a
 * missing text as empty: the schema is given each long text cut to its limit and a stand-in for
 * each missing one, and the field then gets its whole text back (or nothing, `''`).
 */
function knownFields(raw: object, parsed: ReturnType<typeof PinSchema.safeParse>): PinFields | undefined {
  if (parsed.success) return parsed.data;
  const cut = structuredClone(raw);
  const restore: { path: readonly PropertyKey[]; text: string }[] = [];
  for (const i of parsed.error.issues) {
    if (i.code === 'too_big' && i.origin === 'string') {
      const text = setAt(cut, i.path, (v) => (typeof v === 'string' ? v.slice(0, Number(i.maximum)) : v));
      if (typeof text === 'string') restore.push({ path: i.path, text });
    } else if (i.code === 'invalid_type' && i.input === undefined && i.expected === 'string') {
      setAt(cut, i.path, () => STAND_IN);
      restore.push({ path: i.path, text: '' });
    }
  }
  const known = PinSchema.strip().safeParse(cut);
  if (!known.success) return undefined;
  for (const { path, text } of restore) setAt(known.data, path, () => text);
  return known.data;
}

/** Sets the value at `path` inside `root` (objects and arrays) to `to(value)`; returns the value it replaced. */
function setAt(root: object, path: readonly PropertyKey[], to: (value: unknown) => unknown): unknown {
  let cur: unknown = root;
  for (const seg of path.slice(0, -1)) cur = cur !== null && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[seg] : undefined;
  const last = path.at(-1);
  if (cur === null || typeof cur !== 'object' || last === undefined) return undefined;
  const value = (cur as Record<PropertyKey, unknown>)[last];
  (cur as Record<PropertyKey, unknown>)[last] = to(value);
  return value;
}

function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function leadingBlankLines(body: string): number {
  // Only the prefix is looked at: a 5 MB body is not split into lines to count two blank ones.
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 10) {
      n++;
    } else if (c !== 32 && c !== 9 && c !== 13) break;
  }
  return n;
}

const flattened = new WeakMap<PinRecord, string>();
const unreadable = new WeakSet<PinRecord>();

/**
 * Descriptions longer than this (as written) are never flattened: flattening cannot bring a text
 * twenty times over the limit back under it, and a 5 MB markdown parse is not free.
 */
const FLATTEN_MAX = LIMITS.description * 20;

/**
 * The pin's description as the plain text Pinterest shows (flattened once, on first use). Never
 * throws: a description too long to flatten, or nested too deeply to (see `descriptionUnreadable`),
 * comes back as written; validation has refused the pin.
 */
export function descriptionText(pin: PinRecord): string {
  let text = flattened.get(pin);
  if (text === undefined) {
    const flat = pin.rawDescription.length > FLATTEN_MAX ? undefined : tryFlattenMarkdown(pin.rawDescription);
    if (flat === undefined && pin.rawDescription.length <= FLATTEN_MAX) unreadable.add(pin);
    text = flat ?? pin.rawDescription;
    flattened.set(pin, text);
  }
  return text;
}

/** Whether the description's markdown could not be flattened (nested thousands deep); known once it was tried. */
export function descriptionUnreadable(pin: PinRecord): boolean {
  return unreadable.has(pin);
}

/**
 * The description's length as plain text when it is over `limit`, else `undefined`. Cheap for the
 * usual short description (a bound, no parse); a huge one is measured raw, since flattening cannot
 * bring a text twenty times over the limit back under it and a 5 MB markdown parse is not free.
 */
export function descriptionOverLimit(pin: PinRecord, limit: number): number | undefined {
  const raw = pin.rawDescription;
  if (flattenedLengthBound(raw) <= limit) return undefined;
  if (raw.length > limit * 20) return raw.length;
  const length = [...descriptionText(pin)].length;
  return length > limit ? length : undefined;
}
