import { z } from 'zod';

/** Pinterest's own limits (API v5 spec: PinCreate, BoardSection). */
export const LIMITS = {
  title: 100,
  description: 800,
  link: 2048,
  altText: 500,
  sectionName: 180,
  carouselMin: 2,
  carouselMax: 5,
} as const;

/** Pin ids: the stable keys that tie a file to its published pin. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_\-/.]*$/;

const duration = z
  .string()
  .regex(/^(\d+[wdhm])+$/, 'a duration such as 30m, 48h, 7d or 1d12h')
  .meta({ description: 'A duration: a number and a unit (w, d, h, m), e.g. `48h`, `7d`, `1d12h`.' });

const utmParams = z
  .strictObject({
    utm_source: z.string().min(1).optional().meta({ description: 'Default `pinterest`.' }),
    utm_medium: z.string().min(1).optional().meta({ description: 'Default `social`.' }),
    utm_campaign: z.string().min(1).optional().meta({ description: 'Default: the pin id.' }),
    utm_content: z.string().min(1).optional(),
    utm_term: z.string().min(1).optional(),
  })
  .meta({ description: 'UTM parameters added to the link (a parameter already in the link is kept).' });

/** UTM tagging: parameters to add, or `false` to leave links untouched. */
export const UtmSchema = z.union([z.literal(false), utmParams]);

// Numbers are not limited to safe integers here: an unquoted 19-digit id loses digits in YAML,
// and the board check says so with the fix (quotes) instead of a bare range error.
const boardRef = z.union([z.string().min(1), z.number()]).meta({ description: 'A board name from content/boards.yml, or a numeric board id (quote long ids).' });

/** One pin, as written in a YAML file or a markdown file's front matter. */
export const PinSchema = z
  .strictObject({
    id: z
      .string()
      .regex(ID_PATTERN, 'letters, digits, `-`, `_`, `.` and `/`')
      .optional()
      .meta({ description: 'Stable key of the pin. Defaults to the file path under content/pins/ without extension. Required in a `pins:` list.' }),
    title: z
      .string()
      .min(1)
      .max(LIMITS.title)
      .meta({ description: `Pin title, at most ${LIMITS.title} characters.` }),
    description: z
      .string()
      .optional()
      .meta({ description: `Description (YAML pins; in a markdown pin the body is the description). Markdown, at most ${LIMITS.description} characters once flattened to text.` }),
    board: boardRef.optional().meta({ description: 'Board name from content/boards.yml or numeric board id. Defaults to `defaults.board` in pinops.yml.' }),
    section: z.string().min(1).max(LIMITS.sectionName).optional().meta({ description: 'A section of the board, as declared in content/boards.yml.' }),
    link: z
      .string()
      .min(1)
      .optional()
      .meta({ description: `Destination URL (http or https), at most ${LIMITS.link} characters after UTM tagging.` }),
    image: z.string().min(1).optional().meta({ description: 'Image: a repository path relative to this file, or an https URL.' }),
    images: z
      .array(z.string().min(1))
      .optional()
      .meta({ description: `Carousel: ${LIMITS.carouselMin}–${LIMITS.carouselMax} images of equal dimensions.` }),
    video: z.string().min(1).optional().meta({ description: 'Video file (MP4, MOV or M4V); needs `cover:` or `cover_time:`.' }),
    cover: z.string().min(1).optional().meta({ description: 'Cover image of a video pin (or give `cover_time:`).' }),
    cover_time: z.number().int().min(0).optional().meta({
      description: "Instead of `cover:`: the video's frame at this second becomes its cover (a whole number of seconds from the start; past the end, the last frame).",
    }),
    alt_text: z
      .string()
      .max(LIMITS.altText)
      .optional()
      .meta({ description: `Alternative text for the image, at most ${LIMITS.altText} characters.` }),
    publish_at: z.string().optional().meta({
      description:
        'When to publish: ISO 8601, e.g. `2026-12-01T09:00:00+01:00` (without an offset, `timezone` in pinops.yml applies), or `next`: the next free posting slot (`schedule.slots`). Omitted: as soon as merged (with `schedule.queue: true`, the next free slot).',
    }),
    priority: z.number().int().optional().meta({ description: 'Order in the posting queue: higher goes first (default 0); equal priorities go by file path.' }),
    status: z.enum(['ready', 'draft']).default('ready').meta({ description: '`ready` pins are published; `draft` pins are validated and previewed only.' }),
    template: z.string().min(1).optional().meta({ description: 'Render the pin image from this creative template (pinops.yml `templates:`).' }),
    dominant_color: z
      .string()
      .regex(/^#[0-9A-Fa-f]{6}$/, 'a hex colour such as #6E7874')
      .optional()
      .meta({ description: 'Dominant colour shown while the image loads, e.g. `#6E7874`.' }),
    utm: UtmSchema.optional().meta({ description: 'Override the UTM parameters of `defaults.utm`, or `false` to leave the link as written.' }),
    boards: z
      .array(z.union([z.string().min(1), z.strictObject({ board: boardRef, section: z.string().min(1).max(LIMITS.sectionName).optional() })]))
      .optional()
      .meta({ description: 'More boards to save the pin to, one after another on `interval` (interval pinning).' }),
    interval: duration.optional().meta({ description: 'Time between saves to the `boards:` list. Default 7d.' }),
    fields: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.union([z.string(), z.number()]))
      .optional()
      .meta({ description: 'Free values for creative templates, e.g. `price: "€89"`.' }),
  })
  .meta({ title: 'pinops pin', description: 'One Pinterest pin.' });

export type PinFields = z.infer<typeof PinSchema>;

/** A YAML pin file: one pin, or `pins:` with a list. */
export const PinFileSchema = z
  .union([PinSchema, z.strictObject({ pins: z.array(PinSchema).min(1).meta({ description: 'The pins of this file; each needs an `id`.' }) })])
  .meta({ title: 'pinops pin file', description: 'One pin, or `pins:` with a list of pins.' });

/** One board that pins may name; created on publish if the account lacks it. */
export const BoardSchema = z.strictObject({
  name: z.string().min(1).meta({ description: 'Board name as shown on Pinterest; pins refer to it by this name.' }),
  description: z.string().max(500).optional().meta({ description: 'Board description.' }),
  privacy: z.enum(['public', 'protected', 'secret']).default('public').meta({ description: 'Board privacy.' }),
  sections: z.array(z.string().min(1).max(LIMITS.sectionName)).default([]).meta({ description: 'Section names.' }),
});

export const BoardsFileSchema = z
  .strictObject({ boards: z.array(BoardSchema).meta({ description: 'The boards pins may name.' }) })
  .meta({ title: 'pinops boards', description: 'content/boards.yml: the boards (and sections) that pins may name.' });

export type Board = z.infer<typeof BoardSchema>;
