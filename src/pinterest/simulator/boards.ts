import { withPinMetrics } from './analytics.js';
import type { SimPin } from './types.js';
import { type Answer, err, lacksScope, mayUse, newId, page, type Route, type SimRequest, type World } from './world.js';

/** Boards, their sections, and the pins on a board. Names compare without case, as on Pinterest. */

export const boardNotFound = (): Answer => err(404, 40, 'Board not found.');

/** Secret boards are listed only to tokens with boards:read_secret, as on Pinterest. */
function listBoards(world: World, { query, headers }: SimRequest): Answer {
  const seesSecret = mayUse(world, headers, 'boards:read_secret');
  return page(
    [...world.state.boards.values()].filter((b) => seesSecret || b.privacy !== 'SECRET'),
    query,
  );
}

/** Whether the board is secret: pinning to it needs pins:write_secret. */
export function isSecretBoard(world: World, boardId: string): boolean {
  return world.state.boards.get(boardId)?.privacy === 'SECRET';
}

function getBoard(world: World, { params }: SimRequest): Answer {
  const board = world.state.boards.get(params.board_id ?? '');
  return board ? { status: 200, body: board } : boardNotFound();
}

function createBoard(world: World, { body, headers }: SimRequest): Answer {
  const b = body as { name?: string; description?: string; privacy?: string };
  if (!b.name) return err(400, 1, 'Invalid parameters: name is required.');
  if (b.privacy === 'SECRET' && !mayUse(world, headers, 'boards:write_secret')) return lacksScope('boards:write_secret');
  if ([...world.state.boards.values()].some((x) => x.name?.toLowerCase() === b.name?.toLowerCase())) return err(409, 58, `A board named "${b.name}" already exists.`);
  const board = {
    id: newId(world),
    name: b.name,
    description: b.description ?? '',
    privacy: (b.privacy ?? 'PUBLIC') as 'PUBLIC' | 'PROTECTED' | 'SECRET',
    created_at: new Date(world.clock()).toISOString(),
    pin_count: 0,
  };
  world.state.boards.set(board.id, board);
  return { status: 201, body: board };
}

function listSections(world: World, { params, query }: SimRequest): Answer {
  const id = params.board_id ?? '';
  return world.state.boards.has(id) ? page(world.state.sections.get(id) ?? [], query) : boardNotFound();
}

function createSection(world: World, { params, body }: SimRequest): Answer {
  const id = params.board_id ?? '';
  if (!world.state.boards.has(id)) return boardNotFound();
  const name = (body as { name?: string }).name ?? '';
  const list = world.state.sections.get(id) ?? [];
  if (list.some((s) => s.name.toLowerCase() === name.toLowerCase())) return err(409, 58, `A section named "${name}" already exists.`);
  const section = { id: newId(world), name };
  list.push(section);
  world.state.sections.set(id, list);
  return { status: 201, body: section };
}

/** GET /boards/{board_id}/pins: newest first; with `pin_metrics=true`, each with its totals. */
function listBoardPins(world: World, { params, query }: SimRequest): Answer {
  if (!world.state.boards.has(params.board_id ?? '')) return boardNotFound();
  const pins = [...world.state.pins.values()].filter((p) => p.board_id === params.board_id).reverse();
  return paged(world, pins, query);
}

/** One page of pins (at most 250), the page's own pins given their metrics when asked. */
export function paged(world: World, pins: SimPin[], query: URLSearchParams): Answer {
  const answer = page(pins, query);
  const body = answer.body as { items: SimPin[] };
  return { ...answer, body: { ...body, items: withPinMetrics(world, body.items, query) } };
}

export const BOARD_ROUTES: Route[] = [
  ['GET', '/boards', listBoards],
  ['GET', '/boards/{board_id}', getBoard],
  ['POST', '/boards', createBoard],
  ['GET', '/boards/{board_id}/sections', listSections],
  ['POST', '/boards/{board_id}/sections', createSection],
  ['GET', '/boards/{board_id}/pins', listBoardPins],
];
