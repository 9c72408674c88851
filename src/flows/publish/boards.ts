import { isBoardId } from '../../content/board-id.js';
import type { BoardsModel } from '../../content/parse-boards.js';
import type { PinterestApi } from '../../pinterest/client.js';
import { PinterestError } from '../../pinterest/errors.js';
import type { ApiBoard } from '../../pinterest/types.js';

/** A board's id on Pinterest, and its sections by lower-cased name once they were listed. */
export interface BoardIds {
  id: string;
  sections: Map<string, string> | undefined;
}

/**
 * The account's boards and sections as this run knows them: listed once, created on demand (as
 * `boards.yml` declares them), and forgotten when one turns out to be deleted so that it is created
 * again. Board names compare without case, as on Pinterest.
 */
export class BoardDirectory {
  private readonly byName = new Map<string, BoardIds>();
  private listed = false;

  constructor(
    private readonly api: PinterestApi,
    private readonly declared: BoardsModel | undefined,
    /** Told of each board created, for the ledger's log. */
    private readonly onCreated: (name: string, id: string) => Promise<void>,
    private readonly log: (line: string) => void,
    /** The account's boards (a listing the run made already, or a new one). */
    private readonly list: () => Promise<ApiBoard[]> = () => api.listBoards(),
  ) {}

  /** The board named (or given by id): known, listed, or created now. */
  async board(name: string): Promise<BoardIds> {
    if (isBoardId(name)) return { id: name, sections: undefined };
    const known = await this.find(name);
    if (known) return known;
    const declared = this.declared?.boards?.find((b) => b.name === name);
    let created: { id?: string };
    try {
      created = await this.api.createBoard({
        name,
        ...(declared?.description ? { description: declared.description } : {}),
        privacy: (declared?.privacy ?? 'public').toUpperCase() as 'PUBLIC' | 'PROTECTED' | 'SECRET',
      });
    } catch (err) {
      // Another run created it a moment ago: use that one.
      if (!(err instanceof PinterestError && err.kind === 'conflict')) throw err;
      const existing = (await this.api.listBoards()).find((b) => b.name?.toLowerCase() === name.toLowerCase());
      if (!existing?.id) throw err;
      return this.remember(name, { id: existing.id, sections: undefined });
    }
    const ids = this.remember(name, { id: created.id as string, sections: new Map<string, string>() });
    await this.onCreated(name, ids.id);
    this.log(`✔ created board "${name}" (${ids.id})`);
    return ids;
  }

  /** The id of a board this run already knows by name (for an intent written before the board is asked for). */
  known(name: string): string | undefined {
    return isBoardId(name) ? name : this.byName.get(name.toLowerCase())?.id;
  }

  /** The section's id on the board: listed once per board, created on demand. */
  async section(boardName: string, ids: BoardIds, section: string): Promise<string> {
    if (!ids.sections) {
      ids.sections = new Map();
      for (const s of await this.api.listSections(ids.id)) if (s.id) ids.sections.set(s.name.toLowerCase(), s.id);
    }
    const have = ids.sections.get(section.toLowerCase());
    if (have) return have;
    let created: { id?: string };
    try {
      created = await this.api.createSection(ids.id, section);
    } catch (err) {
      if (!(err instanceof PinterestError && err.kind === 'conflict')) throw err;
      const existing = (await this.api.listSections(ids.id)).find((s) => s.name.toLowerCase() === section.toLowerCase());
      if (!existing?.id) throw err;
      ids.sections.set(section.toLowerCase(), existing.id);
      return existing.id;
    }
    ids.sections.set(section.toLowerCase(), created.id as string);
    this.log(`✔ created section "${section}" on "${boardName}"`);
    return created.id as string;
  }

  /** A board that turned out to be deleted on Pinterest: the next `board()` creates it again. */
  forget(name: string): void {
    this.byName.delete(name.toLowerCase());
  }

  private async find(name: string): Promise<BoardIds | undefined> {
    const cached = this.byName.get(name.toLowerCase());
    if (cached || this.listed) return cached;
    this.listed = true;
    for (const b of await this.list()) if (b.id && b.name && !this.byName.has(b.name.toLowerCase())) this.byName.set(b.name.toLowerCase(), { id: b.id, sections: undefined });
    return this.byName.get(name.toLowerCase());
  }

  private remember(name: string, ids: BoardIds): BoardIds {
    this.byName.set(name.toLowerCase(), ids);
    return ids;
  }
}
