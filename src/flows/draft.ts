import { lstatSync } from 'node:fs';
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import { dirname, join, posix, resolve, sep } from 'node:path';
import { MEDIA_LIMITS } from '../content/media.js';
import { parseBoards } from '../content/parse-boards.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { draftPinFile, slugFor } from '../drafts/pin-file.js';
import { type ProductPage, readProductPage } from '../drafts/product.js';
import { probeHeader } from '../files/media-probe.js';
import { LAYOUT, loadSettings, readBoardsFile } from '../files/repo.js';
import { type CreativeInput, missingFields } from '../render/layout.js';
import { SettingsError } from '../settings/load.js';
import type { Settings, Template } from '../settings/schema.js';
import { FetchError, privateNetworkFrom, safeFetch } from '../util/safe-fetch.js';
import { DraftError } from './draft-error.js';
import { validateRepository } from './validate.js';

export interface DraftOptions {
  root: string;
  config?: string;
  env: Record<string, string | undefined>;
  url: string;
  /** The pin file to write (repository path); default content/pins/<id>.md. */
  out?: string;
  now?: Date;
  log: (line: string) => void;
}

export interface DraftResult {
  id: string;
  /** Repository paths of what was written. */
  pinFile: string;
  imageFile: string;
  page: ProductPage;
  /** What was shortened or missing: for the person who edits the draft. */
  notes: string[];
  /** The draft's own diagnostics (it validates: no errors). */
  diagnostics: Diagnostic[];
  files: { path: string; data: Buffer }[];
}

/** Limits for what is fetched: a product page is HTML of a few hundred KB, an image a few MB. */
export const DRAFT_LIMITS = { pageBytes: 5 * 1024 * 1024, imageBytes: MEDIA_LIMITS.imageBytes, timeoutMs: 20_000, redirects: 5, imagesTried: 5 } as const;

/**
 * `pinops draft URL`: reads the product page (safely), downloads its image, and writes a
 * `status: draft` pin that names the default creative template, with the price and brand as
 * the template's fields. The draft is validated like every pin.
 */
export async function draftFromUrl(opts: DraftOptions): Promise<DraftResult> {
  const parsed = await loadSettings(opts.root, opts.config, opts.env);
  if (!parsed.ok) throw new SettingsError(parsed.diagnostics);
  const settings = parsed.settings;
  const allowPrivate = privateNetworkFrom(opts.env, settings.allow_private_network);
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    throw new DraftError(`"${opts.url}" is not a URL: give the product page's address, such as https://shop.example.com/boots`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DraftError(`${opts.url}: only http and https pages are read`);

  const fetched = await fetchPage(url.href, allowPrivate);
  const type = fetched.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const text = decode(fetched.bytes, fetched.contentType);
  if (type ? !/^(text\/html|application\/xhtml\+xml)$/.test(type) : !/^\s*</.test(text)) {
    throw new DraftError(`${fetched.url} is not an HTML page (it is ${type || 'of no declared type'}): give the address of the product's page`);
  }
  const page = readProductPage(text, fetched.url);
  opts.log(`· read ${fetched.url}: ${page.title ? `"${page.title}"` : 'no title'}${page.price ? `, ${page.price}` : ''}${page.brand ? `, ${page.brand}` : ''}`);

  const image = await pickImage(page, allowPrivate, opts.log);
  // A new id when its pin file (unless --out names one) or its image file exists: nothing is overwritten.
  const taken = (id: string) => (!opts.out && present(join(opts.root, LAYOUT.pins, `${id}.md`))) || present(join(opts.root, 'content/media', `${id}.${image.format}`));
  const base = slugFor(page.title, fetched.url);
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  const pinFile = opts.out ?? `${LAYOUT.pins}/${id}.md`;
  if (present(join(opts.root, pinFile))) throw new DraftError(`${pinFile} exists already: give another --out, or move it first`);
  const imageFile = `content/media/${id}.${image.format}`;
  const boards = await declaredBoards(opts.root);
  // What a creative of the draft has to show: the page's text, price and brand, and its board.
  const board = settings.defaults.board === undefined ? boards[0] : String(settings.defaults.board);
  const fields: Record<string, string> = { ...(page.price ? { price: page.price } : {}), ...(page.brand ? { brand: page.brand } : {}) };
  const creative: CreativeInput = { title: page.title ?? id, description: page.description ?? '', board: board ?? '', link: page.url, fields };
  const { text: pinText, notes } = draftPinFile(page, {
    id,
    image: posix.relative(posix.dirname(pinFile), imageFile),
    ...(settings.defaults.board === undefined && boards[0] ? { board: boards[0] } : {}),
    ...templateChoice(settings, creative),
    now: opts.now ?? new Date(),
  });
  const missing = templateGaps(settings, creative);
  if (missing) notes.push(missing);
  if (settings.defaults.board === undefined && boards.length === 0) notes.push('no board is declared in content/boards.yml and pinops.yml has no default board: add `board:`');
  else if (settings.defaults.board === undefined) notes.push(`the board is the first in content/boards.yml (${boards[0]}): change it if another fits`);
  const files = [
    { path: imageFile, data: image.bytes },
    { path: pinFile, data: Buffer.from(pinText) },
  ];
  // Every file's place is checked before any is written.
  for (const f of files) await placeInside(opts.root, f.path);
  for (const f of files) await writeInside(opts.root, f.path, f.data);
  const v = await validateRepository({ root: opts.root, env: opts.env, ...(opts.config ? { config: opts.config } : {}) });
  const diagnostics = v.diagnostics.filter((d) => d.file === pinFile || d.file === imageFile);
  return { id, pinFile, imageFile, page, notes, diagnostics, files };
}

/** Whether anything is at `abs`, a link that leads nowhere included. */
export function present(abs: string): boolean {
  try {
    lstatSync(abs);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a new file of the draft goes: inside the repository, its folder too once links are
 * followed. Makes the folder; throws a DraftError otherwise.
 */
async function placeInside(root: string, path: string): Promise<string> {
  const realRoot = await realpath(root);
  const abs = resolve(root, path);
  if (!abs.startsWith(resolve(root) + sep)) throw new DraftError(`${path} leaves the repository: nothing was written`);
  const inside = async (dir: string) => {
    const real = await realpath(dir).catch(() => '');
    return real === realRoot || real.startsWith(realRoot + sep);
  };
  const refuse = () => new DraftError(`${posix.dirname(path)} is (or is under) a symbolic link that leads outside the repository: nothing was written`);
  // The nearest folder that exists, as it really is, before any folder is made under it.
  let dir = dirname(abs);
  while (!present(dir)) dir = dirname(dir);
  if (!(await inside(dir))) throw refuse();
  await mkdir(dirname(abs), { recursive: true });
  if (!(await inside(dirname(abs)))) throw refuse();
  return abs;
}

/**
 * Writes a new file of the draft: in its checked place, and created, never written over or
 * through a link (O_EXCL), so a link planted in content/media/ cannot make a draft write elsewhere.
 */
export async function writeInside(root: string, path: string, data: Uint8Array): Promise<void> {
  await writeFile(await placeInside(root, path), data, { flag: 'wx' });
}

/** A fetch within the draft's limits (time, redirects, `maxBytes`). */
function fetchWithin(href: string, maxBytes: number, allowPrivate: boolean | readonly string[]) {
  return safeFetch(href, { allowPrivate, maxBytes, timeoutMs: DRAFT_LIMITS.timeoutMs, maxRedirects: DRAFT_LIMITS.redirects });
}

async function fetchPage(href: string, allowPrivate: boolean | readonly string[]) {
  try {
    return await fetchWithin(href, DRAFT_LIMITS.pageBytes, allowPrivate);
  } catch (err) {
    if (err instanceof FetchError) throw new DraftError(`the page could not be read: ${err.message}`);
    throw err;
  }
}

/** The page's charset when it declares one TextDecoder knows; UTF-8 otherwise. */
function decode(bytes: Buffer, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(bytes.subarray(0, 2048).toString('latin1'))?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/**
 * The first declared image that is a picture Pinterest takes; without a declared one, the largest
 * of the page's pictures. Each is checked by its header only: an SVG (which can be a decompression
 * bomb) or an image over the pixel limit is never decoded.
 */
async function pickImage(page: ProductPage, allowPrivate: boolean | readonly string[], log: (l: string) => void): Promise<{ bytes: Buffer; format: string; url: string }> {
  const problems: string[] = [];
  let best: { bytes: Buffer; format: string; url: string; pixels: number; from: string } | undefined;
  for (const candidate of page.images.slice(0, DRAFT_LIMITS.imagesTried)) {
    // A declared image that works is the one; page pictures compete by size.
    if (best && best.from !== 'img') break;
    let got: Awaited<ReturnType<typeof safeFetch>>;
    try {
      got = await fetchWithin(candidate.url, DRAFT_LIMITS.imageBytes, allowPrivate);
    } catch (err) {
      problems.push(err instanceof Error ? err.message : String(err));
      continue;
    }
    const why = imageProblem(got.bytes);
    if (typeof why === 'string') {
      problems.push(`${candidate.url}: ${why}`);
      continue;
    }
    if (!best || why.pixels > best.pixels) best = { bytes: got.bytes, format: why.format, url: candidate.url, pixels: why.pixels, from: candidate.from };
  }
  if (!best) {
    throw new DraftError(
      page.images.length === 0
        ? `${page.url} names no image (no og:image, no schema.org Product image, no <img>): download one into content/media/ and write the pin by hand`
        : `no usable image on ${page.url}: ${problems.join('; ')}`,
    );
  }
  for (const p of problems) log(`· skipped an image: ${p}`);
  log(`· image: ${best.url}`);
  return best;
}

/** Why these bytes are not an image to use, or its format and pixel count (header only, as validation reads media). */
export function imageProblem(bytes: Buffer): string | { format: string; pixels: number } {
  if (bytes.length === 0) return 'an empty file';
  const info = probeHeader(bytes, bytes.length);
  if (info === 'need-more') return 'an image whose header cannot be read';
  if (!info.ok) {
    if (info.problem === 'unsupported' && info.format === 'svg')
      return 'an SVG image: Pinterest does not take SVG, and pinops does not render SVG from the web (one can be a decompression bomb)';
    return info.problem === 'unsupported' ? `${info.detail}, which Pinterest does not take` : info.detail;
  }
  if (info.kind !== 'image') return `a ${info.format.toUpperCase()} video, not an image`;
  const pixels = info.width * info.height;
  if (pixels > MEDIA_LIMITS.imagePixels) return `${info.width}×${info.height} pixels, over the limit of ${MEDIA_LIMITS.imagePixels.toLocaleString('en-US')}`;
  return { format: info.format, pixels };
}

/**
 * The creative template to name: none when the default one can be filled from the page; else the
 * first template the page fills.
 */
function templateChoice(settings: Settings, creative: CreativeInput): { template?: string } {
  const def = settings.defaults.template ? settings.templates[settings.defaults.template] : undefined;
  if (def && missingFields(creative, def).length === 0) return {};
  const fits = Object.entries(settings.templates).find(([, t]) => missingFields(creative, t).length === 0)?.[0];
  return fits ? { template: fits } : {};
}

/** A note when no template can be filled from the page. */
function templateGaps(settings: Settings, creative: CreativeInput): string | undefined {
  const names = Object.keys(settings.templates);
  if (names.length === 0 || Object.values(settings.templates).some((t) => missingFields(creative, t).length === 0)) return undefined;
  const first = (settings.defaults.template ?? names[0]) as string;
  const gaps = missingFields(creative, settings.templates[first] as Template);
  return `the page gives no ${gaps.join(' or ')} for the template "${first}": ${settings.defaults.template ? `add \`fields: { ${gaps.map((g) => `${g}: …`).join(', ')} }\`` : 'no template is named; add one with the fields it prints, or use the photo as it is'}`;
}

/** Board names from content/boards.yml, in order (nothing when it is missing or broken: validation says so). */
export async function declaredBoards(root: string): Promise<string[]> {
  // Read as validation reads it: never through a link out of content/, never past the size cap.
  const file = await readBoardsFile(root).catch(() => undefined);
  if (!file || !('bytes' in file)) return [];
  return (parseBoards(file.path, file.bytes).model.boards ?? []).map((b) => b.name);
}
