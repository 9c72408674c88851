import type { Code } from '../diagnostics/codes.js';
import { type Diagnostic, diagnostic, type Position } from '../diagnostics/diagnostic.js';
import { missingFields } from '../render/layout.js';
import type { Settings, Template } from '../settings/schema.js';
import { megabytes } from '../util/bytes.js';
import { dict, own } from '../util/dict.js';
import { suggestion } from '../util/did-you-mean.js';
import { isBoardId } from './board-id.js';
import { PUBLISH_YEARS, parsePublishAt } from './dates.js';
import { lintContent } from './lint.js';
import { MEDIA_LIMITS, type MediaInfo, type MediaRef, resolveMediaRef } from './media.js';
import type { BoardsModel } from './parse-boards.js';
import { descriptionOverLimit, descriptionText, descriptionUnreadable, type PinRecord } from './parse-pins.js';
import { ID_PATTERN, LIMITS, type PinFields } from './schema.js';
import { tagLink, utmLengthBound } from './utm.js';
import { checkVideo } from './validate-video.js';
import { type FieldPath, formatPath, locate, type YamlSource } from './yaml-source.js';

/** Everything validation looks at, already read and parsed. */
export interface ContentModel {
  settings: Settings;
  /** The settings file as parsed, to point at a template's logo (none without pinops.yml). */
  settingsSource?: YamlSource;
  /** `undefined` when content/boards.yml does not exist. */
  boards: BoardsModel | undefined;
  pins: PinRecord[];
  /** Which lints to make: all of them (the default), or only those `lint:` makes errors. */
  lints?: 'all' | 'errors';
}

/** A media file a pin refers to, by field. */
export interface MediaUse {
  pin: PinRecord;
  field: FieldPath;
  ref: string;
  expect: 'image' | 'video';
}

type MediaField = 'image' | 'images' | 'video' | 'cover';

/** Hands each media reference of the valid pins to `each`, field by field (`index`: a carousel's slide). */
function eachMediaRef(pins: readonly PinRecord[], each: (pin: PinRecord, field: MediaField, index: number, ref: string, expect: 'image' | 'video') => void): void {
  for (const pin of pins) {
    const f = pin.fields;
    if (!f) continue;
    if (f.image) each(pin, 'image', 0, f.image, 'image');
    if (f.images) for (let i = 0; i < f.images.length; i++) each(pin, 'images', i, f.images[i] as string, 'image');
    if (f.video) each(pin, 'video', 0, f.video, 'video');
    if (f.cover) each(pin, 'cover', 0, f.cover, 'image');
  }
}

/** Every media reference of the valid pins, so an adapter can probe them before validation. */
export function mediaUses(pins: readonly PinRecord[]): MediaUse[] {
  const out: MediaUse[] = [];
  eachMediaRef(pins, (pin, field, i, ref, expect) => {
    out.push({ pin, field: field === 'images' ? ['images', i] : [field], ref, expect });
  });
  return out;
}

/** The repository paths that need probing (https URLs and escapes need none). */
export function mediaPaths(uses: readonly MediaUse[]): string[] {
  const set = new Set<string>();
  for (const u of uses) {
    const r = resolveMediaRef(u.pin.file, u.ref);
    if (r.kind === 'file') set.add(r.path);
  }
  return [...set];
}

/** Where a template's logo is, resolved like a pin's media (its path is relative to the repository root). */
export function logoRef(path: string): MediaRef {
  return resolveMediaRef(LOGO_BASE, path);
}
const LOGO_BASE = 'pinops.yml';

/** The repository paths of the templates' logos, to probe with the pins' media. */
export function logoPaths(settings: Settings): string[] {
  const out = new Set<string>();
  for (const t of Object.values(settings.templates)) {
    const r = t.logo ? logoRef(t.logo.path) : undefined;
    if (r?.kind === 'file') out.add(r.path);
  }
  return [...out];
}

/**
 * The repository media paths the pins use, with what they are used as (a path used as both counts
 * as a video: the larger cap). Straight from the fields, without a record of each use: a plan asks
 * it of every pin of the repository.
 */
export function mediaKinds(pins: readonly PinRecord[]): Map<string, 'image' | 'video'> {
  const out = new Map<string, 'image' | 'video'>();
  eachMediaRef(pins, (pin, _field, _i, ref, expect) => {
    const r = resolveMediaRef(pin.file, ref);
    if (r.kind === 'file' && out.get(r.path) !== 'video') out.set(r.path, expect);
  });
  return out;
}

/**
 * The checks that need more than one field or file: ids, boards, sections, templates, limits
 * after flattening and tagging, media, dates. Pure: media facts come in as `media`.
 */
export function validateContent(model: ContentModel, media: ReadonlyMap<string, MediaInfo>): Diagnostic[] {
  const out: Diagnostic[] = [];
  out.push(...duplicateIds(model.pins));
  const logos = checkLogos(model, media, out);
  const images = new Map<PinRecord, PinImage[]>();
  for (const use of mediaUses(model.pins)) {
    const info = checkMedia(use, media, out);
    if (info?.ok && info.kind === 'image') {
      const list = images.get(use.pin) ?? [];
      list.push({ field: use.field, info });
      images.set(use.pin, list);
    }
  }
  for (const pin of model.pins) {
    if (pin.fields) checkPin(pin, pin.fields, model, images.get(pin) ?? [], logos, out);
    if (pin.fields) checkVideo(pin.fields, model.settings, (code, field, message, hint) => report(out, code, pin, field, message, hint));
  }
  out.push(...lintContent(model.settings, model.pins, model.lints));
  return out;
}

function at(pin: PinRecord, path: FieldPath, where: 'key' | 'value' = 'value'): Position {
  return locate(pin.source, [...pin.base, ...path], where);
}

function report(out: Diagnostic[], code: Code, pin: PinRecord, field: FieldPath, message: string, hint?: string, pos?: Position): void {
  out.push(diagnostic(code, message, pin.file, pos ?? at(pin, field), { ...(field.length ? { field: formatPath(field) } : {}), ...(hint ? { hint } : {}), pin: pin.key }));
}

/** How many other places a duplicate-id message names before it says how many more there are. */
const DUPLICATES_LISTED = 3;

/**
 * One diagnostic per pin whose id another pin also uses, with how many pins share it and the first
 * few other places: linear in the number of pins, however many share one id.
 */
function duplicateIds(pins: readonly PinRecord[]): Diagnostic[] {
  const byKey = new Map<string, PinRecord[]>();
  for (const p of pins) {
    const list = byKey.get(p.key);
    if (list) list.push(p);
    else byKey.set(p.key, [p]);
  }
  const out: Diagnostic[] = [];
  for (const [key, list] of byKey) {
    if (list.length < 2) continue;
    // Only the first few places are ever named: locate them once.
    const places = list.slice(0, DUPLICATES_LISTED + 1).map((o) => `${o.file}:${at(o, ['id']).line}`);
    list.forEach((p, i) => {
      const others = places.filter((_, j) => j !== i).slice(0, DUPLICATES_LISTED);
      const more = list.length - 1 - others.length;
      const message =
        list.length === 2
          ? `pin id "${key}" is also used in ${others[0]}`
          : `pin id "${key}" is used by ${list.length} pins; also in ${others.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
      report(out, 'duplicate-id', p, ['id'], message);
    });
  }
  out.push(...idsDifferingInCase(byKey));
  return out;
}

/** A warning at each pin whose id another id equals but for case (`Boots`, `boots`). */
function idsDifferingInCase(byKey: ReadonlyMap<string, PinRecord[]>): Diagnostic[] {
  const byFolded = new Map<string, string[]>();
  for (const key of byKey.keys()) {
    const folded = key.toLowerCase();
    const list = byFolded.get(folded);
    if (list) list.push(key);
    else byFolded.set(folded, [key]);
  }
  const out: Diagnostic[] = [];
  for (const keys of byFolded.values()) {
    if (keys.length < 2) continue;
    const first = new Map(keys.slice(0, DUPLICATES_LISTED + 1).map((k) => [k, byKey.get(k)?.[0] as PinRecord]));
    for (const key of keys) {
      const others = keys.filter((k) => k !== key && first.has(k)).slice(0, DUPLICATES_LISTED);
      const named = others.map((k) => {
        const o = first.get(k) as PinRecord;
        return `"${k}" (${o.file}:${at(o, ['id']).line})`;
      });
      const more = keys.length - 1 - others.length;
      const message = `pin id "${key}" differs only in case from ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
      for (const p of byKey.get(key) ?? []) report(out, 'id-case', p, ['id'], message);
    }
  }
  return out;
}

type ImageInfo = Extract<MediaInfo, { ok: true; kind: 'image' }>;

/** An image of the pin whose file could be probed, by the field that names it. */
type PinImage = { field: FieldPath; info: ImageInfo };

/** The checks of one pin that need settings, boards, templates or its probed images, in the order they are reported. */
function checkPin(pin: PinRecord, f: PinFields, model: ContentModel, images: readonly PinImage[], logos: ReadonlyMap<string, Diagnostic>, out: Diagnostic[]): void {
  const { settings } = model;
  checkFileNameId(pin, f, out);
  const board = f.board ?? settings.defaults.board;
  checkBoards(pin, f, board, model, out);
  checkDescriptionLength(pin, out);
  if (f.link !== undefined) checkLink(pin, f.link, f, settings, out);
  const templateName = f.template ?? settings.defaults.template;
  if (templateName !== undefined) checkTemplate(pin, f, templateName, board, settings, logos, out);
  checkMediaShape(pin, f, templateName !== undefined, out);
  checkCarouselDimensions(pin, images, out);
  checkInvisible(pin, 'title', f.title, out);
  if (f.alt_text !== undefined) checkInvisible(pin, 'alt_text', f.alt_text, out);
  if (pin.rawDescription) checkInvisible(pin, 'description', pin.rawDescription, out);
  if (f.alt_text === undefined || f.alt_text.trim() === '') report(out, 'alt-text-missing', pin, [], 'the pin has no `alt_text`');
  // A template draws its own picture: the photo's shape does not matter then, but its size does.
  if (templateName === undefined) checkAspectRatio(pin, images, out);
  else checkTemplatePhoto(pin, images, own(settings.templates, templateName), out);
  if (f.publish_at?.trim() === 'next') checkQueued(pin, settings, out);
  else if (f.publish_at !== undefined) checkPublishAt(pin, f.publish_at, settings.timezone, out);
}

/** A pin without `id:` takes its file's name, which may hold characters an id cannot. */
function checkFileNameId(pin: PinRecord, f: PinFields, out: Diagnostic[]): void {
  // A `pins:` item without an id has a made-up key (`file#2`), and missing-id already says what to do.
  if (f.id !== undefined || pin.base.length > 0 || ID_PATTERN.test(pin.key)) return;
  report(
    out,
    'invalid-id',
    pin,
    [],
    `the id "${pin.key}" taken from the file name has characters ids cannot have`,
    'Rename the file (letters, digits, `-`, `_`) or give the pin an `id:`.',
  );
}

/** The pin's board (its own or the default) and the further boards of its `boards:` list, with their sections. */
function checkBoards(pin: PinRecord, f: PinFields, board: string | number | undefined, model: ContentModel, out: Diagnostic[]): void {
  if (board === undefined) report(out, 'no-board', pin, [], 'the pin names no board and pinops.yml has no `defaults.board`');
  else checkBoard(pin, f.board === undefined ? [] : ['board'], board, f.section, ['section'], model, out);
  f.boards?.forEach((b, i) => {
    if (typeof b === 'string') checkBoard(pin, ['boards', i], b, undefined, [], model, out);
    else checkBoard(pin, ['boards', i, 'board'], b.board, b.section, ['boards', i, 'section'], model, out);
  });
}

/** The description's limit holds for its plain text, which only exists once the markdown is flattened. */
function checkDescriptionLength(pin: PinRecord, out: Diagnostic[]): void {
  const descriptionLength = descriptionOverLimit(pin, LIMITS.description);
  if (descriptionUnreadable(pin)) {
    const message = 'the description is markdown nested too deeply to read (thousands of `>`, list or emphasis markers inside one another)';
    out.push(diagnostic('markdown-too-deep', message, pin.file, pin.bodyPos ?? at(pin, ['description']), { field: 'description', pin: pin.key }));
  } else if (descriptionLength !== undefined) {
    const pos = pin.bodyPos ?? at(pin, ['description']);
    const message = `the description is ${descriptionLength} characters as plain text; the limit is ${LIMITS.description}`;
    out.push(diagnostic('too-long', message, pin.file, pos, { field: 'description', pin: pin.key }));
  }
}

/** The pin's template (its own or the default) exists and can be drawn for this pin: its logo, fonts and fields. */
function checkTemplate(
  pin: PinRecord,
  f: PinFields,
  name: string,
  board: string | number | undefined,
  settings: Settings,
  logos: ReadonlyMap<string, Diagnostic>,
  out: Diagnostic[],
): void {
  // A default template is the pin's whole entry, not a field of it.
  const field: FieldPath = f.template ? ['template'] : [];
  const template = own(settings.templates, name);
  if (!template) {
    report(out, 'unknown-template', pin, field, `template "${name}" is not defined in pinops.yml${suggestion(name, Object.keys(settings.templates))}`);
    return;
  }
  const logo = logos.get(name);
  if (logo) {
    report(
      out,
      logo.code,
      pin,
      field,
      `template "${name}" cannot be drawn: its logo is refused (${logo.file}:${logo.line}: ${logo.message})`,
      'Fix `logo.path` of the template in pinops.yml.',
    );
  }
  for (const t of template.texts) {
    if (t.font !== undefined && t.font.toLowerCase() !== 'inter') {
      report(out, 'template-font-missing', pin, field, `template "${name}" asks for the font "${t.font}", which pinops does not ship`);
    }
  }
  const input = { title: f.title, description: descriptionText(pin), board: String(board ?? ''), fields: f.fields ?? dict(), ...(f.link ? { link: f.link } : {}) };
  // A pin without a board has its own error (no-board); the board's text is not reported again.
  for (const missing of missingFields(input, template).filter((x) => x !== 'board' || board !== undefined)) {
    report(out, 'template-field-missing', pin, field, `template "${name}" prints \`${missing}\`, which this pin does not have`, missingFieldFix(missing));
  }
}

/** How to give a pin what its template prints: the pin's own fields for the built-in ones, `fields:` for the rest. */
function missingFieldFix(field: string): string {
  if (field === 'domain') return 'Give the pin a `link:` (the template prints its domain).';
  if (field === 'title' || field === 'description' || field === 'board') return `Give the pin a \`${field}\`.`;
  return `Add it under the pin's \`fields:\`, e.g. \`fields: { ${field}: "…" }\` (a \`${field}:\` of its own is not a pin field).`;
}

/** One kind of media (a template may stand in for it), and a carousel of the allowed size (video covers: validate-video.ts). */
function checkMediaShape(pin: PinRecord, f: PinFields, templated: boolean, out: Diagnostic[]): void {
  const kinds = (['image', 'images', 'video'] as const).filter((k) => f[k] !== undefined);
  if (kinds.length === 0 && !templated) report(out, 'missing-media', pin, [], 'the pin has no image, carousel or video');
  if (kinds.length > 1) report(out, 'conflicting-media', pin, [kinds[1] as string], `the pin has both \`${kinds[0]}\` and \`${kinds[1]}\``);
  if (f.images && (f.images.length < LIMITS.carouselMin || f.images.length > LIMITS.carouselMax)) {
    report(out, 'carousel-size', pin, ['images'], `a carousel has ${LIMITS.carouselMin} to ${LIMITS.carouselMax} images; this one has ${f.images.length}`);
  }
}

/** Every slide of a carousel has the size of the first. */
function checkCarouselDimensions(pin: PinRecord, images: readonly PinImage[], out: Diagnostic[]): void {
  const slides = images.filter((i) => i.field[0] === 'images');
  const first = slides[0];
  if (!first) return;
  for (const s of slides.slice(1)) {
    if (s.info.width !== first.info.width || s.info.height !== first.info.height) {
      report(
        out,
        'carousel-dimensions',
        pin,
        s.field,
        `carousel images differ in size: ${formatPath(s.field)} is ${s.info.width}×${s.info.height}, ${formatPath(first.field)} is ${first.info.width}×${first.info.height}`,
      );
    }
  }
}

/** A warning when the pin's picture (its image, or a carousel's first slide) is far from Pinterest's 2:3. */
function checkAspectRatio(pin: PinRecord, images: readonly PinImage[], out: Diagnostic[]): void {
  const shown = images.find((i) => i.field[0] === 'image' || i.field[0] === 'images');
  if (!shown) return;
  const ratio = shown.info.width / shown.info.height;
  if (Math.abs(ratio / (2 / 3) - 1) > 0.2) {
    report(out, 'aspect-ratio', pin, shown.field, `the image is ${shown.info.width}×${shown.info.height} (${ratio.toFixed(2)}:1), far from Pinterest's 2:3`);
  }
}

/**
 * A template's photo is cropped to fill the canvas: one enlarged more than twice to do so is
 * visibly soft in the pin pinops draws (Pinterest does not see the photo, only the creative).
 */
function checkTemplatePhoto(pin: PinRecord, images: readonly PinImage[], template: Template | undefined, out: Diagnostic[]): void {
  const photo = images.find((i) => i.field[0] === 'image');
  if (!photo || !template) return;
  const scale = Math.max(template.width / photo.info.width, template.height / photo.info.height);
  if (scale > 2)
    report(
      out,
      'template-photo-small',
      pin,
      photo.field,
      `the photo is ${photo.info.width}×${photo.info.height}: filling the template's ${template.width}×${template.height} canvas enlarges it ${scale.toFixed(1)}×`,
    );
}

/** `publish_at: next` takes a posting slot: there must be some. */
function checkQueued(pin: PinRecord, settings: Settings, out: Diagnostic[]): void {
  if (Object.keys(settings.schedule.slots).length === 0)
    report(out, 'publish-at-next-no-slots', pin, ['publish_at'], '`publish_at: next` takes the next free posting slot, but pinops.yml declares no `schedule.slots`');
}

/** `publish_at` is a date and time pinops can publish at: ISO 8601, in a year it takes, with an offset or pinops.yml's `timezone`. */
function checkPublishAt(pin: PinRecord, value: string, timezone: string | undefined, out: Diagnostic[]): void {
  const p = parsePublishAt(value, timezone);
  if (p.ok) return;
  if (p.reason === 'invalid') report(out, 'publish-at-invalid', pin, ['publish_at'], `\`publish_at\` "${value}" is not an ISO 8601 date and time`);
  if (p.reason === 'out-of-range')
    report(
      out,
      'publish-at-invalid',
      pin,
      ['publish_at'],
      `\`publish_at\` "${value}" is in the year ${p.year}; pinops publishes between ${PUBLISH_YEARS.first} and ${PUBLISH_YEARS.last}`,
      'Check the year: a date between 1970 and 2100, e.g. 2026-12-01T09:00:00+01:00.',
    );
  if (p.reason === 'no-timezone')
    report(out, 'publish-at-no-timezone', pin, ['publish_at'], `\`publish_at\` "${value}" has no time zone offset and pinops.yml sets no \`timezone\``);
}

/**
 * Characters nobody sees: controls (but tab and line breaks), bidirectional embeddings, overrides
 * and isolates (U+202A–202E, U+2066–2069), and zero-width ones. They make a pin read differently
 * from how it looks, or hide text in it.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200D\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;

const INVISIBLE_NAMES: Record<number, string> = {
  8203: 'ZERO WIDTH SPACE',
  8204: 'ZERO WIDTH NON-JOINER',
  8205: 'ZERO WIDTH JOINER',
  8234: 'LEFT-TO-RIGHT EMBEDDING',
  8235: 'RIGHT-TO-LEFT EMBEDDING',
  8236: 'POP DIRECTIONAL FORMATTING',
  8237: 'LEFT-TO-RIGHT OVERRIDE',
  8238: 'RIGHT-TO-LEFT OVERRIDE',
  8288: 'WORD JOINER',
  8294: 'LEFT-TO-RIGHT ISOLATE',
  8295: 'RIGHT-TO-LEFT ISOLATE',
  8296: 'FIRST STRONG ISOLATE',
  8297: 'POP DIRECTIONAL ISOLATE',
  65279: 'ZERO WIDTH NO-BREAK SPACE',
};

/** The first invisible character of `text` and where it is; joiners inside emoji and scripts that need them are fine. */
export function findInvisible(text: string): { index: number; codePoint: number } | undefined {
  INVISIBLE.lastIndex = 0;
  for (let m = INVISIBLE.exec(text); m; m = INVISIBLE.exec(text)) {
    const cp = m[0].codePointAt(0) as number;
    // U+200C and U+200D join emoji (👩‍👧) and letters of Persian or Indic text: only between two
    // ASCII characters (`pay\u200Dpal`) are they a trick.
    if ((cp === 0x200c || cp === 0x200d) && !(isAscii(text.charCodeAt(m.index - 1)) || isAscii(text.charCodeAt(m.index + 1)))) continue;
    return { index: m.index, codePoint: cp };
  }
  return undefined;
}

const isAscii = (c: number) => c >= 0x20 && c < 0x7f;

function checkInvisible(pin: PinRecord, field: 'title' | 'alt_text' | 'description', text: string, out: Diagnostic[]): void {
  const found = findInvisible(text);
  if (!found) return;
  const hex = `U+${found.codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const what = INVISIBLE_NAMES[found.codePoint] ? `${hex} ${INVISIBLE_NAMES[found.codePoint]}` : `the control character ${hex}`;
  const pos = invisiblePosition(pin, field, text, found);
  const message = `\`${field}\` holds an invisible character, ${what}, which can make the text read differently from how it looks`;
  out.push(diagnostic('invisible-character', message, pin.file, pos, { field, pin: pin.key }));
}

/** The line and column of the character: in a markdown body from the body's start, in YAML from the field's line on. */
function invisiblePosition(pin: PinRecord, field: string, text: string, found: { index: number; codePoint: number }): Position {
  const before = text.slice(0, found.index);
  const lineStart = before.lastIndexOf('\n') + 1;
  if (field === 'description' && pin.bodyPos) {
    let lines = 0;
    for (let i = 0; i < before.length; i++) if (before.charCodeAt(i) === 10) lines++;
    return { line: pin.bodyPos.line + lines, column: [...before.slice(lineStart)].length + 1 };
  }
  const start = at(pin, [field]);
  // The character as written in the file, from the field's line on (an escape such as "\u202E" is not found: the field's line).
  const char = String.fromCodePoint(found.codePoint);
  const lines = pin.source.text.split('\n');
  for (let i = start.line - 1; i < lines.length; i++) {
    const col = (lines[i] as string).indexOf(char);
    if (col >= 0) return { line: i + 1, column: [...(lines[i] as string).slice(0, col)].length + 1 };
  }
  return start;
}

function checkBoard(pin: PinRecord, field: FieldPath, board: string | number, section: string | undefined, sectionField: FieldPath, model: ContentModel, out: Diagnostic[]): void {
  if (typeof board === 'number') {
    if (!Number.isSafeInteger(board) || board <= 0)
      report(
        out,
        'unknown-board',
        pin,
        field,
        `board id ${board} is too long for a YAML number and loses digits`,
        'Write numeric board ids in quotes, e.g. board: "549755885175".',
      );
    return;
  }
  if (isBoardId(board)) return;
  const declared = model.boards?.boards;
  const where = model.boards ? model.boards.file : 'content/boards.yml';
  const found = declared?.find((b) => b.name === board);
  if (!found) {
    const hint = model.boards ? undefined : 'content/boards.yml is missing: create it and list the board there, or use a numeric board id.';
    report(out, 'unknown-board', pin, field, `board "${board}" is not declared in ${where}${boardSuggestion(board, declared ?? [])}`, hint, field.length ? undefined : at(pin, []));
    return;
  }
  if (section !== undefined && !found.sections.includes(section)) {
    report(out, 'unknown-section', pin, sectionField, `board "${board}" has no section "${section}" in ${where}${suggestion(section, found.sections)}`);
  }
}

/** How many declared boards an unknown board's error lists, when none is a likely typo of it. */
const BOARDS_LISTED = 8;

/** A likely typo's correction, else the declared boards when there are few (a new user's "Space Prints" for "Space Posters"). */
function boardSuggestion(board: string, declared: readonly { name: string }[]): string {
  const names = declared.map((b) => b.name);
  const typo = suggestion(board, names);
  if (typo || names.length === 0 || names.length > BOARDS_LISTED) return typo;
  return ` (it declares ${names.map((n) => `"${n}"`).join(', ')})`;
}

function checkLink(pin: PinRecord, link: string, f: PinFields, settings: Settings, out: Diagnostic[]): void {
  // The usual link answers both questions without building a URL object.
  if (!(/^https?:\/\//i.test(link) && URL.canParse(link))) {
    if (!URL.canParse(link)) {
      report(out, 'invalid-link', pin, ['link'], `\`link\` "${link.slice(0, 80)}" is not a URL`);
      return;
    }
    const protocol = new URL(link).protocol;
    if (protocol !== 'http:' && protocol !== 'https:') {
      report(out, 'invalid-link', pin, ['link'], `\`link\` uses ${protocol.slice(0, -1)}:, not http or https`);
      return;
    }
  }
  // A user name or password in the link would be shown to everyone who sees the pin.
  if (link.includes('@')) {
    const u = new URL(link);
    if (u.username || u.password) {
      report(
        out,
        'invalid-link',
        pin,
        ['link'],
        `\`link\` holds a ${u.password ? 'user name and password' : 'user name'} (\`…@${u.host}\`), which Pinterest would show to everyone`,
        'Remove the `user:password@` part; a pin links to a public page.',
      );
      return;
    }
  }
  if (link.length + utmLengthBound(pin.key, f.utm, settings.defaults.utm) <= LIMITS.link) return;
  const tagged = tagLink(link, pin.key, f.utm, settings.defaults.utm);
  if (tagged.length > LIMITS.link) {
    const why = tagged.length === link.length ? '' : ` after UTM tagging (${link.length} as written)`;
    report(
      out,
      'too-long',
      pin,
      ['link'],
      `\`link\` is ${tagged.length} characters${why}; the limit is ${LIMITS.link}`,
      'Shorten the link, or set `utm: false` on the pin to send it as written.',
    );
  }
}

type Problem = { code: Code; message: string; hint?: string };

/** What is wrong with a media file (`name` says which reference); none when it can be used. */
function mediaProblems(name: string, path: string, info: MediaInfo, expect: 'image' | 'video'): Problem[] {
  if (!info.ok) {
    const code: Code =
      info.problem === 'not-found'
        ? 'media-not-found'
        : info.problem === 'outside'
          ? 'outside-repo'
          : info.problem === 'unsupported'
            ? 'media-unsupported-format'
            : expect === 'video'
              ? 'media-not-video'
              : 'media-not-image';
    const detail = info.problem === 'unsupported' ? `${info.detail}, which Pinterest does not take` : info.detail;
    return [{ code, message: `${name} (${path}): ${detail}` }];
  }
  if (info.kind !== expect) {
    return [
      {
        code: expect === 'video' ? 'media-not-video' : 'media-not-image',
        message: `${name} is ${info.kind === 'video' ? 'a video' : 'an image'}, not ${expect === 'video' ? 'a video' : 'an image'}`,
        ...(info.kind === 'video' ? { hint: 'Use `video:` (with `cover:`) for video files.' } : {}),
      },
    ];
  }
  const out: Problem[] = [];
  const limit = info.kind === 'image' ? MEDIA_LIMITS.imageBytes : MEDIA_LIMITS.videoBytes;
  if (info.bytes > limit) out.push({ code: 'media-too-large', message: `${name} is ${megabytes(info.bytes)}; Pinterest takes ${info.kind}s up to ${megabytes(limit)}` });
  if (info.kind === 'image' && info.width * info.height > MEDIA_LIMITS.imagePixels) {
    out.push({ code: 'media-too-many-pixels', message: `${name} is ${info.width}×${info.height} pixels, over the limit of ${MEDIA_LIMITS.imagePixels / 1e6} megapixels` });
  }
  return out;
}

function checkMedia(use: MediaUse, media: ReadonlyMap<string, MediaInfo>, out: Diagnostic[]): MediaInfo | undefined {
  const { pin, field, ref, expect } = use;
  const r = resolveMediaRef(pin.file, ref);
  const name = `\`${formatPath(field)}\` "${ref}"`;
  if (r.kind === 'outside') return void report(out, 'outside-repo', pin, field, `${name} leaves the repository`);
  if (r.kind === 'bad-url') return void report(out, 'media-invalid-url', pin, field, `${name} is not an https URL`);
  if (r.kind === 'url') return undefined;
  const info = media.get(r.path);
  if (!info) return undefined;
  const problems = mediaProblems(name, r.path, info, expect);
  for (const p of problems) report(out, p.code, pin, field, p.message, p.hint);
  // An image too large (in bytes) still has a size that counts for carousels and the aspect ratio.
  if (!info.ok) return info;
  return problems.some((p) => p.code !== 'media-too-large') ? undefined : info;
}

/**
 * Each template's logo, checked like a pin's media and reported at its line in pinops.yml; the
 * templates whose logo is refused, with that diagnostic (their pins are held back).
 */
function checkLogos(model: ContentModel, media: ReadonlyMap<string, MediaInfo>, out: Diagnostic[]): Map<string, Diagnostic> {
  const refused = new Map<string, Diagnostic>();
  for (const [name, t] of Object.entries(model.settings.templates)) {
    if (!t.logo) continue;
    const field: FieldPath = ['templates', name, 'logo', 'path'];
    const label = `\`${formatPath(field)}\` "${t.logo.path}"`;
    const r = logoRef(t.logo.path);
    const info = r.kind === 'file' ? media.get(r.path) : undefined;
    const problem =
      r.kind === 'outside'
        ? { code: 'outside-repo' as const, message: `${label} leaves the repository` }
        : r.kind !== 'file'
          ? { code: 'invalid-setting' as const, message: `${label} is not a file in the repository (a logo cannot be a URL)` }
          : info
            ? mediaProblems(label, r.path, info, 'image')[0]
            : undefined;
    if (!problem) continue;
    const file = model.settingsSource?.file ?? LOGO_BASE;
    const pos = model.settingsSource ? locate(model.settingsSource, field) : { line: 1, column: 1 };
    const d = diagnostic(problem.code, problem.message, file, pos, { field: formatPath(field) });
    out.push(d);
    refused.set(name, d);
  }
  return refused;
}
