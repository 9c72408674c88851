import type { ServerResponse } from 'node:http';
import { DAY_MS } from '../../util/duration.js';
import { simPin } from './pins.js';
import type { SimPin } from './types.js';
import { newId, type World } from './world.js';

/**
 * An account that exists before pinops: boards, sections and pins made on Pinterest itself, with
 * their pictures served from the simulator (as i.pinimg.com serves them), for `pinops import`.
 */
export interface SeedAccount {
  boards: { name: string; description?: string; privacy?: 'PUBLIC' | 'PROTECTED' | 'SECRET'; sections?: string[] }[];
  /** Oldest first; each is dated a day after the one before, ending a day before the clock's now. */
  pins: SeedPin[];
  /** The picture every pin shows (a JPEG or PNG), with its size. */
  image: { bytes: Uint8Array; type: 'image/jpeg' | 'image/png'; width: number; height: number };
}

export interface SeedPin {
  board: string;
  section?: string;
  title?: string;
  description?: string;
  link?: string;
  alt_text?: string;
  /** `carousel`: three images; `video`: a cover image (the video itself is not served, as for most apps). */
  kind?: 'image' | 'carousel' | 'video';
}

/** Puts the seed into the account; the pictures' URLs point at the simulator (`/files/…`). */
export function seedAccount(world: World, seed: SeedAccount): void {
  const boardIds = new Map<string, string>();
  for (const b of seed.boards) {
    const id = newId(world);
    boardIds.set(b.name, id);
    world.state.boards.set(id, {
      id,
      name: b.name,
      description: b.description ?? '',
      privacy: b.privacy ?? 'PUBLIC',
      created_at: new Date(world.clock() - 400 * DAY_MS).toISOString(),
    });
    if (b.sections?.length)
      world.state.sections.set(
        id,
        b.sections.map((name) => ({ id: newId(world), name })),
      );
  }
  const origin = world.baseUrl.replace(/\/v5$/, '');
  const ext = seed.image.type === 'image/png' ? 'png' : 'jpg';
  seed.pins.forEach((p, i) => {
    const boardId = boardIds.get(p.board);
    if (!boardId) throw new Error(`seed: pin ${i} names the board "${p.board}", which the seed does not have`);
    const sectionId = p.section ? world.state.sections.get(boardId)?.find((s) => s.name === p.section)?.id : undefined;
    const id = newId(world);
    const picture = (n: string) => {
      world.state.files.set(`${id}-${n}.${ext}`, { type: seed.image.type, bytes: seed.image.bytes });
      return sizes(`${origin}/files/${id}-${n}.${ext}`, seed.image);
    };
    const pin = simPin({
      id,
      created_at: new Date(world.clock() - (seed.pins.length - i) * DAY_MS).toISOString(),
      title: p.title ?? null,
      description: p.description ?? null,
      link: p.link ?? null,
      alt_text: p.alt_text ?? null,
      dominant_color: null,
      board_id: boardId,
      board_section_id: sectionId ?? null,
      media: mediaOf(p.kind ?? 'image', picture),
    });
    world.state.pins.set(id, pin);
  });
}

type Sizes = ReturnType<typeof sizes>;

/** The pin's `media` as the spec shapes it: an image's sizes, a carousel's items, a video's cover. */
function mediaOf(kind: NonNullable<SeedPin['kind']>, picture: (n: string) => Sizes): SimPin['media'] {
  if (kind === 'carousel')
    return { media_type: 'multiple_images', items: ['1', '2', '3'].map((n) => ({ item_type: 'image', images: picture(n), title: null, description: null, link: null })) };
  if (kind === 'video') {
    const images = picture('cover');
    return { media_type: 'video', cover_image_url: images['1200x'].url, images, duration: 12_000, width: 1000, height: 1500, video_url: null };
  }
  return { media_type: 'image', images: picture('1') };
}

/** The spec's ImageSize: every size names the one file here (the simulator does not resize). */
function sizes(url: string, image: SeedAccount['image']) {
  const at = (w: number, h: number) => ({ url, width: w, height: h });
  return { '150x150': at(150, 150), '400x300': at(400, 300), '600x': at(600, Math.round((600 * image.height) / image.width)), '1200x': at(image.width, image.height) };
}

/** GET /files/{name}: a seeded picture, as a CDN answers (no token asked). */
export function serveFile(world: World, name: string, res: ServerResponse): void {
  const f = world.state.files.get(name);
  if (!f) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found.');
    return;
  }
  world.state.fileReads++;
  res.writeHead(200, { 'content-type': f.type, 'content-length': String(f.bytes.length) }).end(f.bytes);
}
