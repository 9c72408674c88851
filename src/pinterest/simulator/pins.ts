import { DAY_MS } from '../../util/duration.js';
import type { ApiPin } from '../types.js';
import { boardNotFound, isSecretBoard, paged } from './boards.js';
import type { SimPin } from './types.js';
import { type Answer, err, lacksScope, mayUse, newId, type Route, type SimRequest, type World } from './world.js';

/** Pins: created from an image, a carousel, an image URL or an uploaded video; read, changed, saved, deleted. */

type MediaSource = { source_type?: string; data?: string; content_type?: string; items?: { data?: string; content_type?: string }[]; media_id?: string; url?: string };

const pinNotFound = () => err(404, 50, 'Pin not found.');

/** What Pinterest answers a Trial app that creates a pin in production. */
const trialRefusal = () =>
  err(403, 29, 'Apps with Trial access may not create Pins in production. Please use API Sandbox (https://api-sandbox.pinterest.com/v5) or upgrade to Standard access.');

function createPin(world: World, { body, headers }: SimRequest): Answer {
  if (world.opts.trialApp) return trialRefusal();
  const b = body as Record<string, unknown>;
  const boardId = String(b.board_id ?? '');
  if (!world.state.boards.has(boardId)) return boardNotFound();
  if (isSecretBoard(world, boardId) && !mayUse(world, headers, 'pins:write_secret')) return lacksScope('pins:write_secret');
  const sectionId = b.board_section_id as string | undefined;
  if (sectionId && !(world.state.sections.get(boardId) ?? []).some((s) => s.id === sectionId)) return err(404, 40, 'Board section not found.');
  const problem = checkText(b as Partial<ApiPin>);
  if (problem) return err(400, 1, problem);
  const mediaType = mediaTypeOf(world, b.media_source as MediaSource | undefined);
  if (typeof mediaType !== 'string') return mediaType;
  world.state.creates++;
  const text = (k: string) => (b[k] as string | undefined) ?? null;
  const pin = simPin({
    id: newId(world),
    created_at: new Date(world.clock() - (world.opts.backdateDays ?? 0) * DAY_MS).toISOString(),
    link: text('link'),
    title: text('title'),
    description: text('description'),
    alt_text: text('alt_text'),
    dominant_color: text('dominant_color'),
    board_id: boardId,
    board_section_id: sectionId ?? null,
    media: { media_type: mediaType },
  });
  world.state.pins.set(pin.id, pin);
  return { status: 201, body: pin };
}

/** A pin as the simulator keeps it: the fields given, and those every pin of the account has alike. */
export function simPin(
  fields: Record<'id' | 'created_at' | 'link' | 'title' | 'description' | 'alt_text' | 'dominant_color' | 'board_id' | 'board_section_id' | 'media', unknown>,
): SimPin {
  return { ...fields, board_owner: { username: 'pinops-simulator' }, parent_pin_id: null, note: null, is_owner: true, is_standard: true, has_been_promoted: false } as SimPin;
}

/** The pin's media type for its `media_source`, or why the source is refused. */
function mediaTypeOf(world: World, source: MediaSource | undefined): string | Answer {
  switch (source?.source_type) {
    case 'image_base64':
      if (!isImage(source.data, source.content_type)) return err(400, 1, 'Invalid image: the data is not a JPEG or PNG of the content type given.');
      return 'image';
    case 'multiple_image_base64':
      if (!source.items || source.items.length < 2 || source.items.length > 5) return err(400, 1, 'A carousel takes 2 to 5 images.');
      if (!source.items.every((i) => isImage(i.data, i.content_type))) return err(400, 1, 'Invalid image in the carousel.');
      return 'multiple_images';
    case 'image_url':
      if (!source.url?.startsWith('http')) return err(400, 1, 'Invalid image URL.');
      return 'image';
    case 'video_id':
      if (world.opts.sandbox) return err(400, 1, 'Video Pins cannot be created in the API Sandbox.');
      if (!world.state.media.get(source.media_id ?? '')?.uploaded) return err(400, 1, 'The video has not been uploaded or processed.');
      return 'video';
    default:
      return err(400, 1, 'Invalid media_source.');
  }
}

/** Pinterest's limits on a pin's texts: the first one broken, or `undefined`. */
function checkText(b: Partial<ApiPin>): string | undefined {
  if ((b.title ?? '').length > 100) return 'Title must be at most 100 characters.';
  if ((b.description ?? '').length > 800) return 'Description must be at most 800 characters.';
  if ((b.link ?? '').length > 2048) return 'Link must be at most 2048 characters.';
  if ((b.alt_text ?? '').length > 500) return 'Alt text must be at most 500 characters.';
  return undefined;
}

/** Whether base64 data starts as the content type says: PNG or JPEG, the types pinops sends. */
function isImage(data: string | undefined, contentType: string | undefined): boolean {
  if (!data || !/^[A-Za-z0-9+/=]+$/.test(data)) return false;
  const head = Buffer.from(data.slice(0, 16), 'base64');
  if (contentType === 'image/png') return head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47;
  if (contentType === 'image/jpeg') return head[0] === 0xff && head[1] === 0xd8;
  return false;
}

/**
 * GET /pins: the account's pins, newest first; with `pin_metrics=true`, each with its totals. As
 * the spec reads, pins on secret boards come only with `pin_type=PRIVATE` (and then only they).
 */
function listPins(world: World, { query }: SimRequest): Answer {
  const secret = (p: SimPin) => world.state.boards.get(p.board_id ?? '')?.privacy === 'SECRET';
  const privateOnly = query.get('pin_type') === 'PRIVATE';
  return paged(world, [...world.state.pins.values()].filter((p) => secret(p) === privateOnly).reverse(), query);
}

function getPin(world: World, { params }: SimRequest): Answer {
  const pin = world.state.pins.get(params.pin_id ?? '');
  return pin ? { status: 200, body: pin } : pinNotFound();
}

function updatePin(world: World, { params, body }: SimRequest): Answer {
  if (world.opts.updatesRefused) return err(403, 29, 'You are not permitted to access that resource: this endpoint is in beta and not available to your app.');
  const pin = world.state.pins.get(params.pin_id ?? '');
  if (!pin) return pinNotFound();
  const b = body as Partial<ApiPin>;
  const problem = checkText(b);
  if (problem) return err(400, 1, problem);
  if (b.board_id !== undefined && !world.state.boards.has(b.board_id)) return boardNotFound();
  Object.assign(pin, b);
  return { status: 200, body: pin };
}

function deletePin(world: World, { params }: SimRequest): Answer {
  return world.state.pins.delete(params.pin_id ?? '') ? { status: 204 } : pinNotFound();
}

/** POST /pins/{pin_id}/save: a copy of the pin on another board, pointing back at it. */
function savePin(world: World, { params, body, headers }: SimRequest): Answer {
  if (world.opts.trialApp) return trialRefusal();
  const pin = world.state.pins.get(params.pin_id ?? '');
  if (!pin) return pinNotFound();
  const b = body as { board_id?: string; board_section_id?: string };
  if (!b.board_id || !world.state.boards.has(b.board_id)) return boardNotFound();
  if (isSecretBoard(world, b.board_id) && !mayUse(world, headers, 'pins:write_secret')) return lacksScope('pins:write_secret');
  const saved: SimPin = {
    ...pin,
    id: newId(world),
    board_id: b.board_id,
    board_section_id: b.board_section_id ?? null,
    parent_pin_id: pin.id,
    created_at: new Date(world.clock()).toISOString(),
  };
  world.state.pins.set(saved.id, saved);
  return { status: 201, body: saved };
}

export const PIN_ROUTES: Route[] = [
  ['POST', '/pins', createPin],
  ['GET', '/pins', listPins],
  ['GET', '/pins/{pin_id}', getPin],
  ['PATCH', '/pins/{pin_id}', updatePin],
  ['DELETE', '/pins/{pin_id}', deletePin],
  ['POST', '/pins/{pin_id}/save', savePin],
];
