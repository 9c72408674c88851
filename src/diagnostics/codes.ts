/**
 * Every diagnostic pinops can report, with its severity and the fix a user should make.
 * The codes are stable: users grep for them and the README documents each one
 * (a test fails when a code here is missing from the README).
 */
export const CODES = {
  // Reading files
  'no-content': { severity: 'error', fix: 'Create a content/ folder with boards.yml and pins/, or run `npx pinops init`.' },
  'empty-file': { severity: 'error', fix: 'Write a pin into the file or delete it.' },
  'not-text': { severity: 'error', fix: 'Pin files are UTF-8 text; move binary files (images, video) to content/media/.' },
  'invalid-encoding': { severity: 'error', fix: 'Save the file as UTF-8 (most editors: "Save with encoding").' },
  'yaml-syntax': { severity: 'error', fix: 'Fix the YAML at the position shown; indent with spaces, quote values that contain ": " or start with a special character.' },
  'yaml-aliases': {
    severity: 'error',
    fix: 'Write the values out instead of repeating them through YAML aliases (`*name`); aliases may stand for a few hundred values per file, not thousands.',
  },
  'front-matter-missing': { severity: 'error', fix: 'Start the markdown pin with a `---` line, the YAML fields, and a closing `---` line.' },
  'front-matter-unclosed': { severity: 'error', fix: 'Add the closing `---` line after the front matter.' },
  'not-a-mapping': { severity: 'error', fix: 'A pin is a set of `field: value` lines; a YAML pin file holds one pin or `pins:` with a list of pins.' },
  'file-too-large': { severity: 'error', fix: 'Pin files are small text files: keep each under 16 MB, and content/boards.yml under 1 MB.' },
  // Fields
  'unknown-field': { severity: 'error', fix: 'Remove the field or fix its spelling; the schema in schemas/pin.schema.json lists every field.' },
  'missing-field': { severity: 'error', fix: 'Add the required field.' },
  'wrong-type': { severity: 'error', fix: 'Give the field a value of the type shown.' },
  'invalid-value': { severity: 'error', fix: 'Use one of the values shown.' },
  'too-long': { severity: 'error', fix: 'Shorten the text to the limit shown; pinops never truncates silently.' },
  'markdown-too-deep': { severity: 'error', fix: 'Write the description as plain paragraphs and lists; markdown nested thousands deep cannot be shown on Pinterest.' },
  'invalid-link': { severity: 'error', fix: 'Use a full http:// or https:// URL.' },
  'invalid-id': { severity: 'error', fix: 'Ids start with a letter or digit and use letters, digits, `-`, `_`, `.` and `/` only.' },
  'missing-id': { severity: 'error', fix: 'Give every pin in a `pins:` list its own `id:`.' },
  'duplicate-id': { severity: 'error', fix: 'Give each pin a unique `id`; ids are the keys that tie a file to its published pin.' },
  'missing-media': { severity: 'error', fix: 'Give the pin `image:`, `images:` (2–5) or `video:` with `cover:` (or `cover_time:`), or a `template:`.' },
  'conflicting-media': { severity: 'error', fix: 'Use only one of `image:`, `images:` and `video:`, and for a video only one of `cover:` and `cover_time:`.' },
  'no-board': { severity: 'error', fix: 'Name a `board:` in the pin or set `defaults.board` in pinops.yml.' },
  'unknown-board': { severity: 'error', fix: 'Add the board to content/boards.yml, fix the name, or use the numeric board id (in quotes).' },
  'unknown-section': { severity: 'error', fix: 'Add the section to the board in content/boards.yml or fix the name.' },
  'unknown-template': { severity: 'error', fix: 'Define the template under `templates:` in pinops.yml or fix the name.' },
  'template-field-missing': { severity: 'error', fix: 'Give the pin the field that the template prints (under `fields:` for custom ones).' },
  'template-font-missing': { severity: 'error', fix: 'Use `font: Inter` (the font pinops ships) or leave `font:` out.' },
  'publish-at-invalid': { severity: 'error', fix: 'Write an ISO 8601 date and time, e.g. 2026-12-01T09:00:00+01:00.' },
  'publish-at-no-timezone': { severity: 'error', fix: 'Add an offset (e.g. +01:00 or Z) or set `timezone:` in pinops.yml.' },
  'publish-at-next-no-slots': { severity: 'error', fix: 'Declare posting slots in pinops.yml (`schedule.slots`, e.g. `mon-fri: ["09:00"]`), or give a date and time.' },
  // Media
  'media-not-found': { severity: 'error', fix: 'Fix the path (it is relative to the pin file) or add the file.' },
  'outside-repo': {
    severity: 'error',
    fix: "Keep pins and media inside the repository (media under content/media/, a template's `logo.path` too); a path may not leave it by `..`, an absolute path or a symbolic link.",
  },
  'media-not-image': { severity: 'error', fix: 'The file is not an image by its contents, or it does not decode (truncated or corrupt); export it again as JPEG or PNG.' },
  'media-not-video': { severity: 'error', fix: 'The file is not a video by its contents, or its MP4 boxes are incomplete (a cut or fake file); export it as MP4 (H.264) or MOV.' },
  'media-unsupported-format': { severity: 'error', fix: 'Use JPEG, PNG, WebP, GIF or TIFF for images (BMP: convert it to PNG); MP4, MOV or M4V for video.' },
  'media-too-large': { severity: 'error', fix: 'Compress or resize the file under the limit shown.' },
  'media-too-many-pixels': { severity: 'error', fix: 'Resize the image; 1000×1500 is what Pinterest shows.' },
  'media-invalid-url': { severity: 'error', fix: 'Remote media must be an https:// URL.' },
  'carousel-size': { severity: 'error', fix: 'A carousel has 2 to 5 images.' },
  'carousel-dimensions': { severity: 'error', fix: 'Export every carousel image at the same width and height.' },
  'video-cover-missing': { severity: 'error', fix: 'Add `cover:` with an image for the video, or `cover_time:` with the second of the video whose frame is the cover.' },
  'sandbox-video': {
    severity: 'error',
    fix: "Pinterest's API Sandbox (`api: sandbox`) cannot create video pins: publish this pin once the app has Standard access (with `api: production`), or give it an `image:` to try the rest in the sandbox.",
  },
  'invisible-character': {
    severity: 'warning',
    fix: 'Delete the character (retype the text, or paste it as plain text); control, zero-width and direction-changing characters make a pin read differently from how it looks.',
  },
  'id-case': {
    severity: 'warning',
    fix: 'Write the ids in one case: ids that differ only in case are two pins to pinops, but one file name on macOS and Windows (previews, drafts).',
  },
  'alt-text-missing': { severity: 'warning', fix: 'Add `alt_text:` describing the image for people using screen readers.' },
  'aspect-ratio': { severity: 'warning', fix: 'Use a 2:3 image (e.g. 1000×1500); Pinterest crops other shapes.' },
  'template-photo-small': {
    severity: 'warning',
    fix: "Use a photo at least half the template's width and height (its full size is best); an enlarged photo looks soft in the pin.",
  },
  // Account safety (lint): warnings by default; `lint:` in pinops.yml makes each an error or turns it off.
  'duplicate-title': {
    severity: 'warning',
    fix: 'Give each pin its own title: Pinterest treats the same title on many pins as repetition (spam).',
  },
  'duplicate-description': {
    severity: 'warning',
    fix: 'Write each pin its own description: Pinterest treats the same text on many pins as repetition (spam).',
  },
  'same-media-and-link': {
    severity: 'warning',
    fix: 'Give the new pin another image or another link: Pinterest merges the figures of pins with the same image and link and treats the copy as spam. To show a published pin on another board, add that board to its `boards:` list.',
  },
  'link-shortener': {
    severity: 'warning',
    fix: 'Link to the page itself: Pinterest distrusts shorteners and redirects (bit.ly, t.co, …), which hide where a pin leads. pinops adds the UTM tags itself.',
  },
  'too-many-boards': { severity: 'warning', fix: 'Save the pin to at most 10 boards (`boards:`): the same pin on many boards looks like spam.' },
  'description-cut': {
    severity: 'warning',
    fix: 'Say what matters in the first 500 characters of the description: the app shows no more without a tap.',
  },
  'vague-title': {
    severity: 'warning',
    fix: 'Start the title with words that say what the pin shows: the feed shows its first 40 characters, and punctuation, emoji, numbers and generic words ("new", "sale", "check this out") say nothing.',
  },
  'link-changed': {
    severity: 'warning',
    fix: "Keep the link of a published pin, and make a new pin for the new page: Pinterest's community guidelines call redirecting existing pins to new destinations manipulation.",
  },
  // boards.yml and pinops.yml
  'boards-missing': { severity: 'warning', fix: 'Create content/boards.yml listing the boards pins may name.' },
  'duplicate-board': { severity: 'error', fix: 'List each board once in content/boards.yml.' },
  'invalid-setting': { severity: 'error', fix: 'Fix the setting in pinops.yml; schemas/settings.schema.json lists every setting.' },
} as const satisfies Record<string, { severity: 'error' | 'warning'; fix: string }>;

/**
 * The account-safety checks, each of which `lint:` in pinops.yml can make an error or turn off
 * (`link-changed` and `same-media-and-link` need the ledger, so the plan makes them).
 */
export const LINT_CODES = [
  'duplicate-title',
  'duplicate-description',
  'same-media-and-link',
  'link-shortener',
  'too-many-boards',
  'description-cut',
  'vague-title',
  'link-changed',
] as const satisfies readonly (keyof typeof CODES)[];

export type LintCode = (typeof LINT_CODES)[number];

/** A stable diagnostic code, e.g. `unknown-field`. */
export type Code = keyof typeof CODES;
