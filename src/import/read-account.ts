import type { PinterestApi } from '../pinterest/client.js';
import type { ApiPin } from '../pinterest/types.js';
import { type AccountBoard, type AccountPin, accountBoard, accountPin } from './account-pin.js';
import { ImportError } from './errors.js';

/** What the import read of the account. */
export interface AccountRead {
  boards: AccountBoard[];
  /** Newest first, within the board, date and media pinops can keep. */
  pins: AccountPin[];
  /** Pins left out, and why. */
  skipped: string[];
}

/**
 * Reads the account: its boards with their sections, and each board's pins (paginated; the
 * transport keeps to the rate limits). Only reads. `board` limits it to one board (any case);
 * `since` to pins published then or later. `declared` gives a board the name boards.yml has for it.
 */
export async function readAccount(api: PinterestApi, opts: { board?: string; since?: Date; declared: (name: string) => string }): Promise<AccountRead> {
  const listed = (await api.listBoards()).filter((b) => b.id && b.name && (!opts.board || b.name.toLowerCase() === opts.board.toLowerCase()));
  if (opts.board && listed.length === 0) throw new ImportError(`the account has no board "${opts.board}" (\`pinops boards\` lists them)`);
  const boards: AccountBoard[] = [];
  for (const b of listed) boards.push({ ...accountBoard(b, await api.listSections(String(b.id))), name: opts.declared(b.name) });
  const byId = new Map(boards.map((b) => [b.id, b]));
  const pins: AccountPin[] = [];
  const skipped: string[] = [];
  for (const b of boards) {
    for (const p of await api.listBoardPins(b.id, Number.POSITIVE_INFINITY)) {
      if (!wanted(p, b.id, opts.since)) continue;
      const a = accountPin(p, byId);
      if ('skip' in a) skipped.push(a.skip);
      else pins.push(a);
    }
  }
  return { boards, pins, skipped };
}

/** A pin of the board itself (not a save of someone else's pin), published at or after `since`. */
function wanted(p: ApiPin, boardId: string, since: Date | undefined): boolean {
  if (String(p.board_id) !== boardId) return false;
  return !since || (p.created_at !== undefined && Date.parse(p.created_at) >= since.getTime());
}
