import { lstat, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { LINT_CODES } from '../diagnostics/codes.js';
import { ACTION_KINDS, type Plan } from '../plan/plan.js';
import { planObject } from '../plan/render.js';
import { RULE_STATUSES } from '../plan/rules.js';
import { EXTENSION, type ImageFormat, PREVIEW_JPEG } from '../render/formats.js';
import { loadSharp } from '../render/natives.js';
import { CARD } from '../render/preview.js';
import { isTimeZone } from '../settings/schema.js';
import { EXIT, UserError } from '../util/user-error.js';
import { CALENDAR_IMAGE, type MovedPin } from './pr-calendar.js';

/** An added or changed pin of a pull request, as its preview comment shows it. */
export interface PreviewPin {
  key: string;
  title: string;
  file: string;
  /** The line of its file where the pin starts. */
  line?: number;
  /** The first problem validation found with the pin. */
  problem?: { severity: 'error' | 'warning'; message: string };
  draft: boolean;
  /** Its preview's file name (a key of `images`). */
  image?: string;
  /** Why no preview was drawn. */
  error?: string;
}

/**
 * What a pull request's previews are, apart from where they go: the pins, their images and the plan
 * as data. The pull_request job makes it; it is posted at once, or (for a fork, whose token is
 * read-only) uploaded as an artifact and posted by the workflow_run job, which renders the
 * comment itself from the data: nothing in the artifact is posted as it was written.
 */
export interface PreviewBundle {
  headSha: string;
  pins: PreviewPin[];
  /** What merging would publish. */
  plan?: Plan;
  /** Why the plan could not be made. */
  planError?: string;
  /** The settings' `timezone`, which the comment shows times in. */
  timezone?: string;
  images: Map<string, Buffer>;
  /** The next weeks' calendar as they would be after the merge (a key of `images`), and the queued pins the PR moves. */
  calendar?: { image: string; moved: MovedPin[] };
}

/** Previews drawn (and posted) for one pull request at most; the comment lists the rest by count. */
export const MAX_PREVIEWS = 40;
/** A preview pinops draws is 720 × 1380 pixels, RGB: about 3 MB even uncompressed. */
export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;
/** The previews of one artifact together. */
export const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
const MAX_JSON_BYTES = 8 * 1024 * 1024;
/** Version 3 names previews `.jpg` or `.png` and carries each update's old → new values; version 2's (PNGs only) are read too. */
const FORMAT = 'pinops-previews/3';

const text = (max: number) => z.string().max(max);
const time = z.iso.datetime({ offset: true });

/** The plan as `pinops plan --json` writes it (planObject), checked. */
const PlanJson = z.object({
  now: time,
  actions: z
    .array(
      z.object({
        key: text(300),
        action: z.enum(ACTION_KINDS),
        file: text(500).nullable(),
        line: z.number().int().min(0).nullable(),
        at: time.nullable(),
        slot: time.nullable().optional(),
        pin_id: z
          .string()
          .regex(/^[0-9]{1,40}$/)
          .nullable(),
        reason: text(2000).nullable(),
        changes: z.array(text(100)).max(50).nullable(),
        renamed_from: text(300).nullable(),
        diff: z
          .array(z.strictObject({ field: text(50), from: text(5000).nullable(), to: text(5000).nullable() }))
          .max(20)
          .nullable()
          .optional(),
        warnings: z
          .array(z.strictObject({ code: z.enum(LINT_CODES), message: text(2000), hint: text(2000) }))
          .max(20)
          .nullable()
          .optional(),
      }),
    )
    .max(10_000),
  removed: z
    .array(
      z.object({
        key: text(300),
        pinId: z
          .string()
          .regex(/^[0-9]{1,40}$/)
          .optional(),
      }),
    )
    .max(10_000),
  rules: z
    .array(
      z.object({
        key: text(300),
        rule: text(200),
        action: z.enum(['save', 'republish']),
        status: z.enum(RULE_STATUSES),
        board: text(300).nullable(),
        section: text(300).nullable(),
        template: text(200).nullable(),
        at: time.nullable(),
        reason: text(2000),
      }),
    )
    .max(10_000),
  notes: z.array(text(2000)).max(20).optional(),
});

const BundleJson = z.strictObject({
  format: z.enum([FORMAT, 'pinops-previews/2'], { error: 'not made by this version of pinops' }),
  headSha: z.string().regex(/^[0-9a-f]{7,40}$/),
  plan: PlanJson.optional(),
  planError: text(2000).optional(),
  timezone: z.string().max(100).refine(isTimeZone).optional(),
  calendar: z.strictObject({ image: z.literal(CALENDAR_IMAGE), moved: z.array(z.strictObject({ key: text(300), from: time, to: time })).max(1000) }).optional(),
  pins: z
    .array(
      z.strictObject({
        key: text(300),
        title: text(500),
        file: text(500),
        line: z.number().int().min(1).max(10_000_000).optional(),
        problem: z.strictObject({ severity: z.enum(['error', 'warning']), message: text(2000) }).optional(),
        draft: z.boolean(),
        image: z
          .string()
          .regex(/^[A-Za-z0-9._-]{1,200}\.(jpg|png)$/)
          .refine((n) => !n.startsWith('.'))
          .optional(),
        error: text(2000).optional(),
      }),
    )
    .max(10_000),
});

const date = (iso: string | null) => (iso ? new Date(iso) : undefined);

function planFromJson(p: z.infer<typeof PlanJson>): Plan {
  return {
    now: new Date(p.now),
    actions: p.actions.map((a) => ({
      key: a.key,
      kind: a.action,
      ...(a.file !== null ? { file: a.file } : {}),
      ...(a.line !== null ? { line: a.line } : {}),
      ...(a.at ? { at: date(a.at) as Date } : {}),
      ...(a.slot ? { slot: date(a.slot) as Date } : {}),
      ...(a.pin_id ? { pinId: a.pin_id } : {}),
      ...(a.reason !== null ? { reason: a.reason } : {}),
      ...(a.changes ? { changes: a.changes } : {}),
      ...(a.renamed_from !== null ? { renamedFrom: a.renamed_from } : {}),
      ...(a.diff ? { diff: a.diff } : {}),
      ...(a.warnings ? { warnings: a.warnings } : {}),
    })),
    removed: p.removed.map((r) => ({ key: r.key, ...(r.pinId ? { pinId: r.pinId } : {}) })),
    rules: p.rules.map((r) => ({
      key: r.key,
      rule: r.rule,
      kind: r.action,
      status: r.status,
      reason: r.reason,
      ...(r.board !== null ? { board: r.board } : {}),
      ...(r.section !== null ? { section: r.section } : {}),
      ...(r.template !== null ? { template: r.template } : {}),
      ...(r.at ? { at: date(r.at) as Date } : {}),
    })),
    notes: p.notes ?? [],
  };
}

/** Writes a bundle as a folder: previews.json (data only) and the images (uploaded as the previews artifact). */
export async function saveBundle(bundle: PreviewBundle, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const data = {
    format: FORMAT,
    headSha: bundle.headSha,
    ...(bundle.plan ? { plan: planObject(bundle.plan) } : {}),
    ...(bundle.planError ? { planError: bundle.planError } : {}),
    ...(bundle.timezone ? { timezone: bundle.timezone } : {}),
    ...(bundle.calendar ? { calendar: bundle.calendar } : {}),
    pins: bundle.pins,
  };
  await writeFile(join(dir, 'previews.json'), JSON.stringify(data, null, 2));
  for (const [name, image] of bundle.images) await writeFile(join(dir, name), image);
}

/** A file of the artifact, if it is a regular file no larger than `max` bytes (no symbolic links). */
async function smallFile(path: string, max: number): Promise<Buffer | 'missing' | 'too-large'> {
  try {
    const s = await lstat(path);
    if (!s.isFile()) return 'missing';
    if (s.size > max) return 'too-large';
    return await readFile(path);
  } catch {
    return 'missing';
  }
}

/**
 * A preview as pinops draws it, or why not: it must decode as an image of the format its name
 * says (`.jpg` a JPEG, `.png` a PNG) and of exactly a preview's size. What is posted is the
 * decoded pixels encoded again, in that format (a JPEG at the quality pinops draws with), so
 * nothing else the file held (text chunks, metadata, bytes after its end) reaches the repository.
 */
async function checkedPreview(name: string, data: Buffer): Promise<Buffer | string> {
  const sharp = await loadSharp();
  const size = { width: CARD.width, height: CARD.image + CARD.panel };
  const format: ImageFormat = name.endsWith(`.${EXTENSION.jpeg}`) ? 'jpeg' : 'png';
  try {
    const image = sharp(data, { limitInputPixels: size.width * size.height, failOn: 'error' });
    const meta = await image.metadata();
    if (meta.format !== format) return `not a ${format === 'jpeg' ? 'JPEG' : 'PNG'} (${meta.format ?? 'unknown'})`;
    if (meta.width !== size.width || meta.height !== size.height) return `${meta.width} × ${meta.height} pixels, not a preview's ${size.width} × ${size.height}`;
    const { data: pixels, info } = await image.raw().toBuffer({ resolveWithObject: true });
    const again = sharp(pixels, { raw: { width: info.width, height: info.height, channels: info.channels } });
    return await (format === 'jpeg' ? again.jpeg(PREVIEW_JPEG) : again.png()).toBuffer();
  } catch (err) {
    return `not a readable image (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** A calendar is at most this many pixels each way (12 weeks of many slots fit). */
const CALENDAR_MAX = { width: 2000, height: 20_000 };

/**
 * The artifact's calendar, checked like its previews: a PNG of a calendar's size, decoded and
 * encoded again, so that only its pixels are posted. A calendar that is not is left out.
 */
async function checkedCalendar(dir: string, c: { moved: MovedPin[] }): Promise<{ data: Buffer; moved: MovedPin[] } | undefined> {
  const data = await smallFile(join(dir, CALENDAR_IMAGE), MAX_IMAGE_BYTES);
  if (typeof data === 'string') return undefined;
  const sharp = await loadSharp();
  try {
    const image = sharp(data, { limitInputPixels: CALENDAR_MAX.width * CALENDAR_MAX.height, failOn: 'error' });
    const meta = await image.metadata();
    if (meta.format !== 'png' || (meta.width ?? 0) > CALENDAR_MAX.width || (meta.height ?? 0) > CALENDAR_MAX.height) return undefined;
    const { data: pixels, info } = await image.raw().toBuffer({ resolveWithObject: true });
    return {
      data: await sharp(pixels, { raw: { width: info.width, height: info.height, channels: info.channels } })
        .png({ compressionLevel: 9 })
        .toBuffer(),
      moved: c.moved,
    };
  } catch {
    return undefined;
  }
}

/** A previews artifact that is not pinops' (missing, too large, not its format): refused, never posted. */
export class ArtifactError extends UserError {
  override name = 'ArtifactError';
  readonly exitCode = EXIT.usage;
}

/** The pins' images of an artifact that are previews as pinops draws them, and why the others were refused. */
async function checkedImages(dir: string, list: readonly { image?: string | undefined }[]): Promise<{ images: Map<string, Buffer>; refused: Map<string, string> }> {
  const images = new Map<string, Buffer>();
  const refused = new Map<string, string>();
  let total = 0;
  for (const p of list) {
    if (!p.image || images.has(p.image) || refused.has(p.image)) continue;
    const why = (reason: string) => refused.set(p.image as string, reason);
    if (images.size >= MAX_PREVIEWS) {
      why(`more than ${MAX_PREVIEWS} previews`);
      continue;
    }
    const data = await smallFile(join(dir, p.image), MAX_IMAGE_BYTES);
    if (data === 'missing') why('no such image in the artifact');
    else if (data === 'too-large') why(`over ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
    else if (total + data.length > MAX_TOTAL_BYTES) why(`the previews are over ${MAX_TOTAL_BYTES / 1024 / 1024} MB together`);
    else {
      const checked = await checkedPreview(p.image, data);
      if (typeof checked === 'string') why(checked);
      else {
        images.set(p.image, checked);
        total += data.length;
      }
    }
  }
  return { images, refused };
}

/**
 * Reads a bundle from a downloaded artifact. It was made by a pull request's job, maybe a fork's,
 * so it is checked like any untrusted input: previews.json must be pinops' data (its shape and
 * sizes), and only images that decode as previews of pinops' size are taken, at most
 * MAX_PREVIEWS of them and MAX_TOTAL_BYTES together. An image refused says why, in its pin's place.
 */
export async function loadBundle(dir: string): Promise<PreviewBundle> {
  const json = await smallFile(join(dir, 'previews.json'), MAX_JSON_BYTES);
  if (json === 'missing') throw new ArtifactError(`the previews artifact has no previews.json in ${dir}`);
  if (json === 'too-large') throw new ArtifactError(`the previews artifact's previews.json is over ${MAX_JSON_BYTES / 1024 / 1024} MB`);
  let raw: unknown;
  try {
    raw = JSON.parse(json.toString('utf8'));
  } catch {
    throw new ArtifactError("the previews artifact is not in pinops' format: previews.json is not JSON");
  }
  const parsed = BundleJson.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ArtifactError(`the previews artifact is not in pinops' format: ${issue?.path.join('.') || 'previews.json'}: ${issue?.message ?? 'invalid'}`);
  }
  const { images, refused } = await checkedImages(dir, parsed.data.pins);
  const pins = parsed.data.pins.map((p): PreviewPin => {
    const { image, error, problem, line, ...rest } = p;
    const why = image ? refused.get(image) : undefined;
    return {
      ...rest,
      ...(line ? { line } : {}),
      ...(problem ? { problem } : {}),
      ...(image && images.has(image) ? { image } : {}),
      ...(why ? { error: `the artifact's image was refused: ${why}` } : error ? { error } : {}),
    };
  });
  const calendar = parsed.data.calendar ? await checkedCalendar(dir, parsed.data.calendar) : undefined;
  if (calendar) images.set(CALENDAR_IMAGE, calendar.data);
  return {
    headSha: parsed.data.headSha,
    pins,
    images,
    ...(calendar ? { calendar: { image: CALENDAR_IMAGE, moved: calendar.moved } } : {}),
    ...(parsed.data.plan ? { plan: planFromJson(parsed.data.plan) } : {}),
    ...(parsed.data.planError ? { planError: parsed.data.planError } : {}),
    ...(parsed.data.timezone ? { timezone: parsed.data.timezone } : {}),
  };
}
