import { parsePublishAt } from '../content/dates.js';
import { type MediaRef, resolveMediaRef } from '../content/media.js';
import { descriptionText, type PinRecord } from '../content/parse-pins.js';
import type { PinFields } from '../content/schema.js';
import { tagLink } from '../content/utm.js';
import { startOf } from '../content/yaml-source.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Settings, Template } from '../settings/schema.js';
import { dict, own } from '../util/dict.js';
import { durationMs } from '../util/duration.js';
import { fingerprint, orderedFingerprint } from '../util/hash.js';

/** Where a picture comes from: a file in the repository (with its digest) or an https URL. */
export type MediaSource = { path: string; digest: string } | { url: string };

export type MediaSpec =
  | { kind: 'image'; image: MediaSource }
  | { kind: 'carousel'; images: MediaSource[] }
  /** A video's cover: an image, or the frame at `coverTime` seconds (validation makes sure it is one of them). */
  | { kind: 'video'; video: MediaSource; cover?: MediaSource; coverTime?: number }
  | { kind: 'template'; template: string; spec: Template; image?: MediaSource; fields: Record<string, string | number> };

/** A pin as it should be on Pinterest: what the planner compares with the ledger. */
export interface DesiredPin {
  key: string;
  file: string;
  line: number;
  status: 'ready' | 'draft';
  /** Why the pin cannot be published, when it cannot. */
  invalid?: string;
  /** A board name from boards.yml, or a numeric board id. */
  board: string;
  section?: string;
  title: string;
  description: string;
  link?: string;
  altText?: string;
  dominantColor?: string;
  media?: MediaSpec;
  publishAt?: Date;
  /** Takes the next free posting slot (`publish_at: next`, or `schedule.queue`), in order of priority, then file. */
  queued?: { priority: number };
  /** Text fields, board and section: a change is an update (PATCH). */
  contentFingerprint: string;
  /** The media: a change needs the pin to be created again. */
  mediaFingerprint: string;
  /** The link as the pin file has it, before UTM tagging: the pin's identity uses it (identityFingerprint). */
  linkAsWritten?: string;
  /** Further boards for interval pinning. */
  saves: { board: string; section?: string }[];
  /** Free values for creative templates (`fields:`). */
  fields: Record<string, string | number>;
  intervalMs: number;
}

/** What an update (PATCH) can change: the text fields, board and section, as the ledger fingerprints them. */
export interface PinText {
  title: string;
  description: string;
  link?: string | undefined;
  altText?: string | undefined;
  board: string;
  section?: string | undefined;
  dominantColor?: string | undefined;
}

/**
 * The fingerprint of a pin's text that the ledger keeps (`content`): a change is an update. The
 * keys are written in canonical (sorted) order, which lets `fingerprint` skip sorting them.
 */
export function contentFingerprint(p: PinText): string {
  return orderedFingerprint({ a: p.altText ?? null, b: p.board, c: p.dominantColor ?? null, d: p.description, l: p.link ?? null, s: p.section ?? null, t: p.title });
}

/**
 * What the pin is, whatever its key (the ledger's `identity`): text, board and the link as written
 * (the tagged link carries the pin id in utm_campaign, which a rename changes), so that a renamed
 * file is known. Worked out when asked for (a pin published or looked for among renamed ones), not
 * for every pin of every plan.
 */
export function identityFingerprint(d: DesiredPin): string {
  return orderedFingerprint({ b: d.board, d: d.description, l: d.linkAsWritten ?? null, s: d.section ?? null, t: d.title });
}

/** The pin's one picture (an image pin's, or a template pin's photo); none for carousels and videos. */
export function pinImage(d: DesiredPin): MediaSource | undefined {
  return d.media?.kind === 'image' ? d.media.image : d.media?.kind === 'template' ? d.media.image : undefined;
}

/**
 * Turns validated pins into desired state. `digests` maps repository media paths to their
 * SHA-256; `diagnostics` marks the pins that cannot be published.
 */
export function desiredPins(pins: readonly PinRecord[], diagnostics: readonly Diagnostic[], settings: Settings, digests: ReadonlyMap<string, string>): DesiredPin[] {
  const errors = firstErrors(diagnostics);
  const ctx: Context = { settings, digests, pictures: new Map() };
  return pins.map((pin) => {
    const line = startOf(pin.source, pin.base).line;
    const own = errors.ofPin(pin, line);
    if (!pin.fields) return unreadablePin(pin, line, own ?? errors.byFile.get(pin.file) ?? 'the pin has errors (see validation)');
    return desiredPin(pin, pin.fields, line, own ?? errors.byFile.get(pin.file), ctx);
  });
}

/** What every pin of one repository is worked out with, and the image pins' media made already. */
interface Context {
  settings: Settings;
  digests: ReadonlyMap<string, string>;
  /**
   * An image pin's media and its fingerprint, by its picture as resolved (resolveMediaRef gives
   * the same reference for the same file named from the same folder): most pins share a few
   * pictures, and a fingerprint is a third of a pin's cost.
   */
  pictures: Map<MediaRef, { media: MediaSpec; print: string }>;
}

type Reason = { line: number; text: string };

/**
 * The error to show for each pin, and the first of each file for errors that belong to no pin (a
 * file that does not parse). Pins that share a key (a duplicate id) are told apart by their file
 * and line, so each shows its own error: the other file's name, not its own.
 */
function firstErrors(diagnostics: readonly Diagnostic[]): { ofPin(pin: PinRecord, line: number): string | undefined; byFile: Map<string, string> } {
  const byPin = new Map<string, Reason[]>();
  const byFile = new Map<string, string>();
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    const text = `${d.message} (${d.file}:${d.line})`;
    if (!d.pin) {
      if (!byFile.has(d.file)) byFile.set(d.file, text);
      continue;
    }
    const id = `${d.file}\0${d.pin}`;
    const list = byPin.get(id);
    if (list) list.push({ line: d.line, text });
    else byPin.set(id, [{ line: d.line, text }]);
  }
  // The pin's own error: the first reported at or after the line the pin starts on (two pins of
  // one `pins:` list may share a key).
  const ofPin = (pin: PinRecord, line: number) => {
    const list = byPin.get(`${pin.file}\0${pin.key}`);
    return (list?.find((r) => r.line >= line) ?? list?.[0])?.text;
  };
  return { ofPin, byFile };
}

/** A pin whose fields could not be read: its key and place, and why it cannot be published. */
function unreadablePin(pin: PinRecord, line: number, invalid: string): DesiredPin {
  return {
    key: pin.key,
    file: pin.file,
    line,
    status: 'ready',
    invalid,
    board: '',
    title: '',
    description: '',
    contentFingerprint: '',
    mediaFingerprint: '',
    saves: [],
    fields: {},
    intervalMs: 0,
  };
}

/** The `fields` of the many pins that have none: one record, read only. */
const NO_FIELDS: Record<string, string | number> = Object.freeze(dict<string | number>());

/** Pins' `interval`s are nearly all the same few texts: each is read once per process. */
const intervals = new Map<string, number>();
function intervalMs(text: string): number {
  const known = intervals.get(text);
  if (known !== undefined) return known;
  const ms = durationMs(text);
  intervals.set(text, ms);
  return ms;
}

/** A pin as it should be on Pinterest: its fields with the settings' defaults, its link tagged, its media resolved. */
function desiredPin(pin: PinRecord, f: PinFields, line: number, invalid: string | undefined, ctx: Context): DesiredPin {
  const { settings } = ctx;
  const template = f.template ?? settings.defaults.template;
  const spec = template ? own(settings.templates, template) : undefined;
  const { media, print } = mediaOf(pin.file, f, template, spec, ctx);
  const link = f.link ? tagLink(f.link, pin.key, f.utm, settings.defaults.utm) : undefined;
  const queued = f.publish_at?.trim() === 'next' || (f.publish_at === undefined && settings.schedule.queue);
  const publish = f.publish_at && !queued ? parsePublishAt(f.publish_at, settings.timezone) : undefined;
  const d: DesiredPin = {
    key: pin.key,
    file: pin.file,
    line,
    status: f.status,
    board: String(f.board ?? settings.defaults.board ?? ''),
    title: f.title,
    description: descriptionText(pin),
    saves: f.boards ? f.boards.map((b) => (typeof b === 'string' ? { board: b } : { board: String(b.board), ...(b.section ? { section: b.section } : {}) })) : [],
    intervalMs: intervalMs(f.interval ?? '7d'),
    fields: f.fields ?? NO_FIELDS,
    contentFingerprint: '',
    mediaFingerprint: '',
  };
  if (invalid) d.invalid = invalid;
  if (f.section) d.section = f.section;
  if (link) d.link = link;
  if (f.link) d.linkAsWritten = f.link;
  if (f.alt_text) d.altText = f.alt_text;
  if (f.dominant_color) d.dominantColor = f.dominant_color;
  if (media) d.media = media;
  if (publish?.ok) d.publishAt = publish.date;
  if (queued) d.queued = { priority: f.priority ?? 0 };
  d.contentFingerprint = contentFingerprint(d);
  d.mediaFingerprint = print;
  return d;
}

/** What the pin shows, and its fingerprint (`media` in the ledger): a change needs the pin created again. */
function mediaOf(pinFile: string, f: PinFields, template: string | undefined, spec: Template | undefined, ctx: Context): { media: MediaSpec | undefined; print: string } {
  // An image pin (pinMedia's last case) shows its one picture: the pins that name it share its media, made once.
  if (f.image && !f.video && !f.images && !(template && spec)) {
    const ref = resolveMediaRef(pinFile, f.image);
    let known = ctx.pictures.get(ref);
    if (!known) {
      const media: MediaSpec = { image: sourceOf(ref, f.image, ctx.digests), kind: 'image' };
      known = { media, print: fingerprint({ media, template: null }) };
      ctx.pictures.set(ref, known);
    }
    return known;
  }
  const media = pinMedia(pinFile, f, template, spec, ctx.digests);
  return { media, print: fingerprint({ media: media ?? null, template: spec ?? null }) };
}

/** What the pin shows: a template's creative before anything else, then a video with its cover, a carousel, an image (keys in canonical order, as above). */
function pinMedia(pinFile: string, f: PinFields, template: string | undefined, spec: Template | undefined, digests: ReadonlyMap<string, string>): MediaSpec | undefined {
  const source = (ref: string) => mediaSource(pinFile, ref, digests);
  if (template && spec) return { kind: 'template', template, spec, ...(f.image ? { image: source(f.image) } : {}), fields: f.fields ?? NO_FIELDS };
  if (f.video) return { ...(f.cover ? { cover: source(f.cover) } : f.cover_time !== undefined ? { coverTime: f.cover_time } : {}), kind: 'video', video: source(f.video) };
  if (f.images) return { images: f.images.map(source), kind: 'carousel' };
  if (f.image) return { image: source(f.image), kind: 'image' };
  return undefined;
}

/** A media reference as a source: an https URL, or a repository file with its digest ('' when it was not probed). */
function mediaSource(pinFile: string, ref: string, digests: ReadonlyMap<string, string>): MediaSource {
  return sourceOf(resolveMediaRef(pinFile, ref), ref, digests);
}

/** `mediaSource` of a reference resolved already (`ref`: as written). */
function sourceOf(r: MediaRef, ref: string, digests: ReadonlyMap<string, string>): MediaSource {
  if (r.kind === 'url') return { url: r.url };
  // A reference validation refused (out of the repository, not https) is kept as written.
  const path = r.kind === 'file' ? r.path : ref;
  return { digest: digests.get(path) ?? '', path };
}
