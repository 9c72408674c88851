import { posix } from 'node:path';
import { LIMITS } from '../content/schema.js';
import { slugFor } from '../drafts/pin-file.js';
import type { ApiBoard, ApiBoardSection, ApiPin } from '../pinterest/types.js';
import { pinFileText } from './pin-text.js';

/**
 * `pinops import --account`, the pure part: a pin of the account as a pin file. Pinterest's own
 * limits bound what it holds, so its texts fit pinops' schema; what Pinterest lacks (a title) is
 * made up and said in the file.
 */

/** Where imported pins and their media go. */
export const IMPORT_DIRS = { pins: 'content/pins/imported', media: 'content/media/imported' } as const;

/** A board of the account, with its sections, as boards.yml will name it. */
export interface AccountBoard {
  id: string;
  /** The name pins give: boards.yml's spelling when it declares the board already. */
  name: string;
  description?: string;
  privacy: 'public' | 'protected' | 'secret';
  sections: { id: string; name: string }[];
}

export function accountBoard(b: ApiBoard, sections: readonly ApiBoardSection[]): AccountBoard {
  return {
    id: String(b.id),
    name: b.name,
    ...(b.description ? { description: b.description.slice(0, 500) } : {}),
    privacy: (b.privacy ?? 'PUBLIC').toLowerCase() as AccountBoard['privacy'],
    sections: sections.map((s) => ({ id: String(s.id), name: String(s.name) })),
  };
}

export type ImportKind = 'image' | 'carousel' | 'video';

/** One pin of the account, as the import sees it. */
export interface AccountPin {
  pinId: string;
  board: AccountBoard;
  section?: string;
  title?: string;
  description: string;
  link?: string;
  altText?: string;
  dominantColor?: string;
  createdAt?: string;
  kind: ImportKind;
  /** The pictures to keep: an image's, a carousel's (2–5), a video's cover. */
  pictures: string[];
}

type Sizes = Record<string, { url?: string; width?: number | null } | undefined> | undefined;

/** The largest size Pinterest offers of a picture. */
function largest(images: Sizes): string | undefined {
  const all = Object.values(images ?? {}).filter((i): i is { url: string; width?: number | null } => typeof i?.url === 'string');
  return all.sort((a, b) => (b.width ?? 0) - (a.width ?? 0))[0]?.url;
}

/** The pin's kind and pictures; undefined for media pinops cannot keep (several videos, mixed media, none). */
function picturesOf(media: ApiPin['media']): { kind: ImportKind; pictures: string[] } | undefined {
  const m = media as { media_type?: string; images?: Sizes; items?: { images?: Sizes }[]; cover_image_url?: string } | undefined;
  if (m?.media_type === 'image') {
    const url = largest(m.images);
    return url ? { kind: 'image', pictures: [url] } : undefined;
  }
  if (m?.media_type === 'multiple_images') {
    const urls = (m.items ?? []).map((i) => largest(i.images)).filter((u): u is string => !!u);
    return urls.length >= LIMITS.carouselMin && urls.length <= LIMITS.carouselMax ? { kind: 'carousel', pictures: urls } : undefined;
  }
  if (m?.media_type === 'video') {
    const cover = m.cover_image_url ?? largest(m.images);
    return cover ? { kind: 'video', pictures: [cover] } : undefined;
  }
  return undefined;
}

/** An account's pin for import, or why it cannot be imported. */
export function accountPin(pin: ApiPin, boards: ReadonlyMap<string, AccountBoard>): AccountPin | { skip: string } {
  const board = boards.get(String(pin.board_id ?? ''));
  if (!board) return { skip: `pin ${pin.id}: its board ${pin.board_id ?? '(none)'} is not among the boards imported` };
  const media = picturesOf(pin.media);
  if (!media) return { skip: `pin ${pin.id}: its media (${(pin.media as { media_type?: string } | undefined)?.media_type ?? 'none'}) cannot be kept in a pin file` };
  const section = board.sections.find((s) => s.id === pin.board_section_id)?.name;
  const opt = <K extends string>(k: K, v: string | null | undefined) => (v ? ({ [k]: v } as Record<K, string>) : {});
  return {
    pinId: String(pin.id),
    board,
    ...opt('section', section),
    ...opt('title', pin.title?.slice(0, LIMITS.title)),
    description: (pin.description ?? '').slice(0, LIMITS.description),
    ...opt('link', pin.link),
    ...opt('altText', pin.alt_text?.slice(0, LIMITS.altText)),
    ...opt('dominantColor', /^#[0-9A-Fa-f]{6}$/.test(pin.dominant_color ?? '') ? pin.dominant_color : undefined),
    ...opt('createdAt', pin.created_at),
    ...media,
  };
}

/** A slug for file names: `Winter Looks` → `winter-looks` (the id when nothing is left). */
export const slug = (text: string | undefined, id: string) => slugFor(text || undefined, `https://www.pinterest.com/pin/${id}`);

/** The pin file's repository path: under its board's folder, named by its title and its Pinterest id (so a later import knows it). */
export function pinFilePath(p: AccountPin): string {
  const name = p.title ? `${slug(p.title, p.pinId).slice(0, 40).replace(/-+$/, '')}-${p.pinId}` : p.pinId;
  return `${IMPORT_DIRS.pins}/${slug(p.board.name, p.board.id)}/${name}.md`;
}

/** The Pinterest id an imported pin file's name ends with. */
export function pinIdOfFile(path: string): string | undefined {
  return /(?:^|[-/])(\d{6,})\.md$/.exec(path)?.[1];
}

/** Where a downloaded picture goes (its extension comes from its bytes). */
export function picturePath(p: AccountPin, n: number, ext: string): string {
  const which = p.kind === 'video' ? 'cover' : p.kind === 'carousel' ? String(n + 1) : '';
  return `${IMPORT_DIRS.media}/${slug(p.board.name, p.board.id)}/${p.pinId}${which ? `-${which}` : ''}.${ext}`;
}

/**
 * The pin file: front matter with the pin's fields and media (repository paths relative to the
 * file, or the https URLs kept), the description as its body. A video keeps its cover as `image:`.
 */
export function accountPinFile(p: AccountPin, media: string[], file: string): string {
  const rel = (m: string) => (/^https?:\/\//.test(m) ? m : posix.relative(posix.dirname(file), m));
  const front: Record<string, unknown> = {
    title: p.title ?? `Pin ${p.pinId}`,
    board: p.board.name,
    ...(p.section ? { section: p.section } : {}),
    ...(p.link ? { link: p.link } : {}),
    ...(p.kind === 'carousel' ? { images: media.map(rel) } : { image: rel(media[0] as string) }),
    ...(p.altText ? { alt_text: p.altText } : {}),
    ...(p.dominantColor ? { dominant_color: p.dominantColor } : {}),
  };
  const notes = [
    `Imported by pinops from Pinterest pin ${p.pinId}${p.createdAt ? ` (published ${p.createdAt.slice(0, 10)})` : ''}.`,
    ...(p.title ? [] : ['The pin has no title on Pinterest: this one was made up, and an edit of the file sends it.']),
    ...(p.kind === 'video' ? ['A video pin: the video itself stays on Pinterest; this file keeps its cover image. Changing the image would make it an image pin.'] : []),
  ];
  return pinFileText(notes, front, p.description);
}
