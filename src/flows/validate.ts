import type { MediaInfo } from '../content/media.js';
import { type BoardsModel, parseBoards } from '../content/parse-boards.js';
import { type PinRecord, parsePinFile } from '../content/parse-pins.js';
import { logoPaths, mediaPaths, mediaUses, validateContent } from '../content/validate.js';
import { type Diagnostic, diagnostic, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { createMediaFiles, type MediaFiles } from '../files/media-library.js';
import { LAYOUT, loadSettings, readContent } from '../files/repo.js';
import type { Settings } from '../settings/schema.js';
import { mapLimit } from '../util/concurrency.js';
import { TURN_EVERY, turn } from '../util/turn.js';

/** How to validate: the repository, its settings file, and optionally a subset of paths. */
export interface ValidateOptions {
  root: string;
  config?: string;
  env?: Record<string, string | undefined>;
  /** Report only on these files or folders (repository-relative); everything is still read, for duplicate ids. */
  paths?: string[];
  /**
   * The run's media files. By default validation makes them and reads each file whole, for the
   * fingerprints and bodies that come after; `pinops validate` alone passes its own, reading headers only.
   */
  media?: MediaFiles;
  /** Called once the settings are read, before the content is (a plan starts fetching the ledger then). */
  onSettings?: (settings: Settings) => void;
  /**
   * `errors`: the lints below `error` are not made, for a caller that shows no warnings (`pinops
   * plan`): what holds a pin back is found all the same.
   */
  lints?: 'all' | 'errors';
}

/** A validation that found usable settings (content errors are in its diagnostics). */
export type Validated = Extract<ValidateResult, { ok: true }>;

export type ValidateResult =
  /** Settings that do not parse stop before the content is read: the one file read is the settings file. */
  | { ok: false; reason: 'settings'; diagnostics: Diagnostic[]; files: 1 }
  | {
      ok: true;
      settings: Settings;
      pins: PinRecord[];
      boards: BoardsModel | undefined;
      diagnostics: Diagnostic[];
      files: number;
      /** The media files as read for validation: later steps of the run read them from here. */
      media: MediaFiles;
    };

/** Reads and validates the repository's content; every problem in every file is reported. */
export async function validateRepository(opts: ValidateOptions): Promise<ValidateResult> {
  const settingsResult = await loadSettings(opts.root, opts.config, opts.env ?? {});
  if (!settingsResult.ok) return { ok: false, reason: 'settings', diagnostics: sortDiagnostics(settingsResult.diagnostics), files: 1 };
  const { settings } = settingsResult;
  opts.onSettings?.(settings);

  const media = opts.media ?? createMediaFiles(opts.root);
  const content = await readContent(opts.root);
  if (!content.present) {
    const d = diagnostic('no-content', 'the repository has no content/ folder, so there are no pins to check', LAYOUT.content, { line: 1, column: 1 });
    return { ok: true, settings, pins: [], boards: undefined, diagnostics: [d], files: 0, media };
  }
  const diagnostics: Diagnostic[] = [...content.diagnostics];
  let boards: BoardsModel | undefined;
  if (content.boards) {
    const parsed = parseBoards(content.boards.path, content.boards.bytes);
    boards = parsed.model;
    diagnostics.push(...parsed.diagnostics);
  } else if (content.boardsUnread) {
    boards = { file: content.boardsUnread, boards: undefined };
  } else {
    diagnostics.push(diagnostic('boards-missing', 'content/boards.yml does not exist; pins can name only numeric board ids', LAYOUT.boards[0], { line: 1, column: 1 }));
  }
  const pins: PinRecord[] = [];
  for (const [i, file] of content.pins.entries()) {
    if (i % TURN_EVERY === TURN_EVERY - 1) await turn();
    const parsed = parsePinFile(file, LAYOUT.pins);
    pins.push(...parsed.pins);
    diagnostics.push(...parsed.diagnostics);
  }
  const paths = [...new Set([...mediaPaths(mediaUses(pins)), ...logoPaths(settings)])];
  const infos = await mapLimit(paths, 32, (p) => media.probe(p));
  const facts = new Map<string, MediaInfo>(paths.map((p, i) => [p, infos[i] as MediaInfo]));
  await turn();
  diagnostics.push(
    ...validateContent(
      { settings, boards, pins, ...(settingsResult.source ? { settingsSource: settingsResult.source } : {}), ...(opts.lints ? { lints: opts.lints } : {}) },
      facts,
    ),
  );

  // With paths, the report (and its "in N files") covers only the files under them.
  const asked = (file: string) => !opts.paths?.length || opts.paths.some((p) => inPath(file, p));
  const selected = diagnostics.filter((d) => asked(d.file));
  const files = content.pins.filter((f) => asked(f.path)).length + (content.boards && asked(content.boards.path) ? 1 : 0);
  return { ok: true, settings, pins, boards, diagnostics: sortDiagnostics(selected), files, media };
}

function inPath(file: string, selector: string): boolean {
  const s = selector.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  return s === '' || s === '.' || file === s || file.startsWith(`${s}/`);
}
