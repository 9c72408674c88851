import type { LintCode } from '../diagnostics/codes.js';
import { type Diagnostic, diagnostic, type Position } from '../diagnostics/diagnostic.js';
import type { LintLevel, Settings } from '../settings/schema.js';
import { descriptionOverLimit, descriptionUnreadable, type PinRecord } from './parse-pins.js';
import { LIMITS, type PinFields } from './schema.js';
import { type FieldPath, formatPath, locate, startOf } from './yaml-source.js';

/**
 * Account safety: what gets accounts blocked is mostly visible in the content. Each check is a
 * warning unless `lint:` in pinops.yml makes it an error (the pin is then held back like any pin
 * with an error) or turns it off. The checks that need the ledger are the plan's (plan/plan.ts).
 */

/** Boards in a pin's `boards:` list above which the same pin everywhere looks like spam. */
export const MAX_BOARDS = 10;
/** The description's characters the app shows before "more". */
export const DESCRIPTION_SHOWN = 500;
/** The title's characters the feed shows. */
export const TITLE_SHOWN = 40;

/**
 * Link shorteners and redirect services: they hide where a pin leads, and Pinterest distrusts them.
 * A host matches itself and its subdomains.
 */
export const SHORTENERS: readonly string[] = [
  'bit.ly',
  't.co',
  'tinyurl.com',
  'goo.gl',
  'ow.ly',
  'buff.ly',
  'is.gd',
  'v.gd',
  'rebrand.ly',
  'cutt.ly',
  'shorturl.at',
  'tiny.cc',
  'rb.gy',
  't.ly',
  'bl.ink',
  'lnkd.in',
  'amzn.to',
  'trib.al',
  'dlvr.it',
  'soo.gd',
];

/**
 * Words that say nothing about what a pin shows. A title says nothing when its first 40 characters
 * hold no word of two or more letters outside this list (numbers, punctuation and emoji are no words).
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or of for to in on at by with this that these it its is are my our your you me we ' +
    'new pin pins post image photo picture pic img untitled title click here link bio check out see look view more read ' +
    'best top great amazing awesome cool nice cute love wow omg must have hot sale deal deals offer free now today ' +
    'shop buy get click tap swipe save follow like share'
  ).split(' '),
);

/** How loud `code` is in these settings. */
export function lintLevel(settings: Settings, code: LintCode): LintLevel {
  return settings.lint[code] ?? 'warning';
}

/** A lint finding as a diagnostic at the settings' level, or none when the check is off. */
export function lintDiagnostic(
  settings: Settings,
  code: LintCode,
  message: string,
  file: string,
  pos: Position,
  extra: { field?: string; pin?: string } = {},
): Diagnostic | undefined {
  const level = lintLevel(settings, code);
  if (level === 'off') return undefined;
  return { ...diagnostic(code, message, file, pos, extra), severity: level };
}

/**
 * Every content lint of the pins whose fields could be read; with `only: 'errors'`, only those
 * that `lint:` makes errors (a plan shows no warnings, but holds back a pin with an error).
 */
export function lintContent(settings: Settings, pins: readonly PinRecord[], only: 'all' | 'errors' = 'all'): Diagnostic[] {
  const out: Diagnostic[] = [];
  const on = (code: LintCode) => (only === 'errors' ? lintLevel(settings, code) === 'error' : lintLevel(settings, code) !== 'off');
  const add = (code: LintCode, pin: PinRecord, field: FieldPath, message: string, pos?: Position) => {
    if (!on(code)) return;
    const d = lintDiagnostic(settings, code, message, pin.file, pos ?? at(pin, field), { ...(field.length ? { field: formatPath(field) } : {}), pin: pin.key });
    if (d) out.push(d);
  };
  const valid = pins.filter((p): p is PinRecord & { fields: PinFields } => p.fields !== undefined);
  // Pins that share an id are one pin in error (duplicate-id): their repeated text is not news.
  const keys = new Set<string>();
  const distinct = valid.filter((p) => !keys.has(p.key) && keys.add(p.key));
  if (on('duplicate-title'))
    repeated(
      distinct,
      (p) => p.fields.title,
      (pin, n, others) => add('duplicate-title', pin, ['title'], `${n} pins have the title "${pin.fields.title}"; also ${others}`),
    );
  // Compared as written: flattening every pin's markdown would cost validation a third of its time, and
  // two descriptions that differ only in their markdown are rare.
  if (on('duplicate-description'))
    repeated(
      distinct,
      (p) => p.rawDescription,
      (pin, n, others) => add('duplicate-description', pin, ['description'], `${n} pins have this description; also ${others}`, pin.bodyPos),
    );
  if (PIN_LINTS.some(on)) for (const pin of valid) lintPin(pin, pin.fields, add);
  return out;
}

/** The codes of lintPin's checks. */
const PIN_LINTS: readonly LintCode[] = ['link-shortener', 'too-many-boards', 'description-cut', 'vague-title'];

type Add = (code: LintCode, pin: PinRecord, field: FieldPath, message: string, pos?: Position) => void;

/** The checks of one pin on its own. */
function lintPin(pin: PinRecord, f: PinFields, add: Add): void {
  const host = f.link ? shortenerOf(f.link) : undefined;
  if (host) add('link-shortener', pin, ['link'], `\`link\` goes through ${host}, a link shortener or redirect`);
  if (f.boards && f.boards.length > MAX_BOARDS)
    add('too-many-boards', pin, ['boards', MAX_BOARDS], `\`boards:\` names ${f.boards.length} boards; more than ${MAX_BOARDS} looks like spam`);
  // Over Pinterest's own limit it is an error (too-long) already; unreadable markdown has its own.
  const length = descriptionOverLimit(pin, DESCRIPTION_SHOWN);
  if (length !== undefined && length <= LIMITS.description && !descriptionUnreadable(pin))
    add('description-cut', pin, ['description'], `the description is ${length} characters; the app shows the first ${DESCRIPTION_SHOWN}`, pin.bodyPos);
  // A missing or empty title has its own error: that it also says nothing is no news.
  if (f.title.trim() !== '' && saysNothing(f.title))
    add('vague-title', pin, ['title'], `the title's first ${TITLE_SHOWN} characters ("${[...f.title].slice(0, TITLE_SHOWN).join('')}") say nothing about the pin`);
}

/**
 * Whether a link might go through a shortener: its host holds a shortener's name as written, or
 * may once decoded (percent-escapes, tabs and line breaks the URL parser drops, characters beyond
 * ASCII that IDNA maps to dots and letters).
 * Most links are then known not to without parsing them.
 */
const MAYBE_SHORTENED = new RegExp(`[%\\t\\n\\r]|[^\\x00-\\x7f]|${SHORTENERS.map((s) => s.replace(/\./g, '\\.')).join('|')}`, 'i');

/** The shortener a link goes through, if it goes through one. */
export function shortenerOf(link: string): string | undefined {
  if (!MAYBE_SHORTENED.test(link) || !URL.canParse(link)) return undefined;
  const host = new URL(link).hostname.toLowerCase().replace(/^www\./, '');
  return SHORTENERS.find((s) => host === s || host.endsWith(`.${s}`));
}

/** Whether a title's first 40 characters hold no word of two or more letters outside GENERIC_WORDS. */
export function saysNothing(title: string): boolean {
  // Up to 40 UTF-16 units are at most 40 characters: only a longer title needs splitting into them,
  // and its first 40 characters are within its first 80 units.
  const shown = (title.length <= TITLE_SHOWN ? title : [...title.slice(0, 2 * TITLE_SHOWN)].slice(0, TITLE_SHOWN).join('')).toLowerCase();
  // The words one by one: the first that says something ends the search (usually the first word).
  for (const [w] of shown.matchAll(LETTERS)) if (isWord(w) && !GENERIC_WORDS.has(w)) return false;
  return true;
}

const LETTERS = /[\p{L}\p{M}]+/gu;
const CJK = /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u;

/** Two letters or more, or one CJK character (a word on its own). */
function isWord(w: string): boolean {
  if (w.length >= 3 || (w.length === 2 && [...w].length === 2)) return true;
  return w.length > 0 && CJK.test(w);
}

/** How many other places a repetition names before it says how many more there are. */
const LISTED = 3;

/** Calls `found` for each pin whose text (compared without case and spacing) other pins share, with where the others are. */
function repeated<P extends PinRecord>(pins: readonly P[], text: (p: P) => string, found: (pin: P, count: number, others: string) => void): void {
  const groups = new Map<string, P[]>();
  for (const p of pins) {
    const key = text(p).trim().replace(/\s+/g, ' ').toLowerCase();
    if (!key) continue;
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const places = list.slice(0, LISTED + 1).map((o) => `${o.file}:${startOf(o.source, o.base).line}`);
    list.forEach((p, i) => {
      const others = places.filter((_, j) => j !== i).slice(0, LISTED);
      const more = list.length - 1 - others.length;
      found(p, list.length, `${others.join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
    });
  }
}

function at(pin: PinRecord, path: FieldPath): Position {
  return locate(pin.source, [...pin.base, ...path]);
}
