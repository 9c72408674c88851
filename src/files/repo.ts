import { closeSync, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { SourceFile } from '../content/parse-pins.js';
import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.js';
import { parseSettings, type SettingsResult } from '../settings/load.js';
import { capText, sizeText } from '../util/bytes.js';
import { TURN_EVERY, turn } from '../util/turn.js';
import { contained } from './contained.js';

/** The folders of the user's repository that pinops reads (PRODUCT.md, "The user's repository"). */
export const LAYOUT = { content: 'content', pins: 'content/pins', boards: ['content/boards.yml', 'content/boards.yaml'], settings: 'pinops.yml' } as const;

/**
 * The most pinops reads of each kind of file: generous for real use, and checked before the file
 * is read (a 600 MB pinops.yml is refused from its size, not read into memory).
 */
export const FILE_CAPS = { pin: 16 * 1024 * 1024, boards: 1024 * 1024, settings: 1024 * 1024 } as const;
const MAX_PIN_FILE = FILE_CAPS.pin;
const PIN_FILE = /\.(md|markdown|ya?ml)$/i;

/** What the content folder holds, as bytes, before anything is parsed. */
export interface ContentFiles {
  /** False when the repository has no content/ folder at all. */
  present: boolean;
  boards?: { path: string; bytes: Uint8Array };
  /** boards.yml exists but was not read (a link out of content/, too large): its diagnostic says why. */
  boardsUnread?: string;
  pins: SourceFile[];
  /** Problems met while reading (files too large, links out of the repository). */
  diagnostics: Diagnostic[];
}

const toPosix = (p: string) => p.split(sep).join('/');
const START = { line: 1, column: 1 };

/** Reading one text file of the repository: its bytes, nothing (it does not exist), or why it was not read. */
export type TextRead = { ok: true; bytes: Uint8Array } | { ok: false; missing: true } | { ok: false; missing?: false; problem: 'outside' | 'too-large'; message: string };

/**
 * Reads a text file that must really lie inside the folder `within` (a real path): a symbolic
 * link out of it, or into the repository's .git, is not followed. The size is checked on the open
 * file before anything is read, and at most `cap + 1` bytes are ever read.
 */
export function readTextFile(abs: string, within: string, realRoot: string, cap: number, what: string, where: string): TextRead {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
    let link = false;
    try {
      link = lstatSync(abs).isSymbolicLink();
    } catch {
      link = false;
    }
    if (!link) return { ok: false, missing: true };
    return { ok: false, problem: 'outside', message: 'the file is a symbolic link that leads nowhere (its target does not exist)' };
  }
  if (!contained(real, within, realRoot)) {
    return {
      ok: false,
      problem: 'outside',
      message: `the file is a symbolic link that leads outside ${where} (or into .git); pinops does not follow it`,
    };
  }
  const fd = openSync(real, 'r');
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, missing: true };
    if (st.size > cap) return { ok: false, problem: 'too-large', message: `the file is ${sizeText(st.size)}; ${what} files are read up to ${capText(cap)}` };
    const buf = Buffer.allocUnsafe(Math.min(st.size, cap) + 1);
    let n = 0;
    for (;;) {
      const read = readSync(fd, buf, n, buf.length - n, null);
      if (read === 0) break;
      n += read;
      // The file grew since fstat: it is over the cap.
      if (n > cap) return { ok: false, problem: 'too-large', message: `the file is over ${capText(cap)}; ${what} files are read up to ${capText(cap)}` };
      if (n === buf.length) break;
    }
    return { ok: true, bytes: new Uint8Array(buf.buffer, buf.byteOffset, n) };
  } finally {
    closeSync(fd);
  }
}

/** Reads and parses the settings file (pinops.yml unless `file` says otherwise). */
export async function loadSettings(root: string, file: string | undefined, env: Record<string, string | undefined>): Promise<SettingsResult> {
  const name = file ?? LAYOUT.settings;
  const read = await readSettingsFile(root, name);
  if (read !== undefined && !(read instanceof Uint8Array)) return { ok: false, diagnostics: [diagnostic('invalid-setting', read.message, name, START, { hint: read.hint })] };
  return parseSettings(name, read, env);
}

/**
 * Reads pinops.yml (`file` is relative to the root, or absolute): `undefined` when it does not
 * exist, or why it was not read (a link out of the repository, a file over 1 MB).
 */
export async function readSettingsFile(root: string, file: string = LAYOUT.settings): Promise<Uint8Array | undefined | { message: string; hint: string }> {
  const realRoot = await realpath(root);
  const abs = resolve(root, file);
  // Inside the repository (the usual pinops.yml, the action's `config`), the file may not lead out
  // of it; a file named outside it on purpose (`--config ../other.yml`) may not lead out of its folder.
  const outside = relative(root, abs).startsWith('..') || isAbsolute(relative(root, abs));
  const within = outside ? await realpath(dirname(abs)).catch(() => dirname(abs)) : realRoot;
  const read = readTextFile(abs, within, outside ? within : realRoot, FILE_CAPS.settings, 'settings', outside ? 'its folder' : 'the repository');
  if (read.ok) return read.bytes;
  if (read.missing) return undefined;
  const hint =
    read.problem === 'outside'
      ? 'Make the settings file a regular file of the repository (or a link to one outside .git).'
      : `The settings file holds settings only; keep it under ${capText(FILE_CAPS.settings)}.`;
  return { message: read.message, hint };
}

/** Reads content/boards.yml (or .yaml), which must lie in content/: the file, nothing, or a diagnostic. */
export async function readBoardsFile(root: string): Promise<{ path: string; bytes: Uint8Array } | Diagnostic | undefined> {
  const realRoot = await realpath(root);
  let realContent: string;
  try {
    realContent = await realpath(join(root, LAYOUT.content));
  } catch {
    return undefined;
  }
  if (!contained(realContent, realRoot, realRoot)) return undefined;
  for (const b of LAYOUT.boards) {
    const read = readTextFile(join(root, b), realContent, realRoot, FILE_CAPS.boards, 'boards', 'the content/ folder');
    if (read.ok) return { path: b, bytes: read.bytes };
    if (!read.missing) return diagnostic(read.problem === 'outside' ? 'outside-repo' : 'file-too-large', read.message, b, START);
  }
  return undefined;
}

/** Reads boards.yml and every pin file under content/pins/, in a stable order. */
export async function readContent(root: string): Promise<ContentFiles> {
  const out: ContentFiles = { present: false, pins: [], diagnostics: [] };
  try {
    if (!(await stat(join(root, LAYOUT.content))).isDirectory()) return out;
  } catch {
    return out;
  }
  out.present = true;
  const realRoot = await realpath(root);
  const realContent = await realpath(join(root, LAYOUT.content));
  if (!contained(realContent, realRoot, realRoot)) {
    out.diagnostics.push(
      diagnostic('outside-repo', 'content/ is a symbolic link that leads outside the repository (or into .git); pinops does not follow it', LAYOUT.content, START),
    );
    return out;
  }
  const boards = await readBoardsFile(root);
  if (boards && 'bytes' in boards) out.boards = boards;
  else if (boards) {
    out.diagnostics.push(boards);
    out.boardsUnread = boards.file;
  }
  const listed = await listPinFiles(root, realContent, realRoot);
  if (!Array.isArray(listed)) {
    out.diagnostics.push(listed);
    return out;
  }
  // Sync reads on purpose: for thousands of small files, promise-based reads spend more time in
  // the thread pool than reading (10,000 pins: about 700 ms against 60 ms, see bench/).
  for (const [i, e] of listed.entries()) {
    if (i % TURN_EVERY === TURN_EVERY - 1) await turn();
    const f = readPinEntry(e, root, realContent, realRoot);
    if ('severity' in f) out.diagnostics.push(f);
    else out.pins.push(f);
  }
  out.pins.sort((a, b) => (a.path < b.path ? -1 : 1));
  return out;
}

/** A file or symbolic link found under content/pins/. */
type PinEntry = { name: string; parentPath: string; isFile(): boolean; isSymbolicLink(): boolean };

/** The files under content/pins/ named like pin files (none when the folder cannot be read), or why it is not read. */
async function listPinFiles(root: string, realContent: string, realRoot: string): Promise<PinEntry[] | Diagnostic> {
  const pinsDir = join(root, LAYOUT.pins);
  let entries: PinEntry[];
  try {
    if (!contained(await realpath(pinsDir), realContent, realRoot)) {
      return diagnostic('outside-repo', 'content/pins is a symbolic link that leads outside the content/ folder; pinops does not follow it', LAYOUT.pins, START);
    }
    // Recursive readdir does not follow symbolic links to folders, so only linked files need a check.
    entries = await readdir(pinsDir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries.filter((e) => PIN_FILE.test(e.name) && (e.isFile() || e.isSymbolicLink()));
}

/** One pin file, by its repository path; a symbolic link is followed only to a file inside content/. */
function readPinEntry(e: PinEntry, root: string, realContent: string, realRoot: string): SourceFile | Diagnostic {
  const abs = join(e.parentPath, e.name);
  const path = toPosix(relative(root, abs));
  if (!e.isSymbolicLink()) return readSmallFile(abs, path);
  let real: string | undefined;
  try {
    real = realpathSync(abs);
  } catch {
    real = undefined;
  }
  // A pin may link to another file of content/, never out of it: not to .git/config, not to /etc/passwd.
  if (real === undefined || !contained(real, realContent, realRoot)) {
    return diagnostic('outside-repo', 'the file is a symbolic link that leads outside the content/ folder (or nowhere); pinops does not follow it', path, START);
  }
  return readSmallFile(real, path);
}

/** One buffer for every pin file: most are a few hundred bytes, and allocating per file costs more than reading. */
let shared = Buffer.allocUnsafe(256 * 1024);

/**
 * Reads a pin file into the shared buffer with plain open/read/close (no stat: a read that would
 * pass the limit stops there, so a huge file is never read whole). Text comes through one UTF-8
 * decode; a file that shows a replacement character or a NUL byte is kept as bytes, so that
 * validation can say exactly where the bad byte is.
 */
function readSmallFile(abs: string, path: string): SourceFile | Diagnostic {
  let fd: number;
  try {
    fd = openSync(abs, 'r');
  } catch {
    return { path, text: '' };
  }
  try {
    let n = 0;
    for (;;) {
      if (n === shared.length) {
        if (n > MAX_PIN_FILE) {
          return diagnostic('file-too-large', `the file is ${sizeText(fstatSync(fd).size)}; pin files are read up to ${capText(MAX_PIN_FILE)}`, path, START);
        }
        const bigger = Buffer.allocUnsafe(Math.min(shared.length * 4, MAX_PIN_FILE + 1));
        shared.copy(bigger, 0, 0, n);
        shared = bigger;
      }
      let read: number;
      try {
        read = readSync(fd, shared, n, shared.length - n, null);
      } catch (err) {
        // A folder (or a link to one) named like a pin file: nothing to read.
        if ((err as NodeJS.ErrnoException).code === 'EISDIR') return { path, text: '' };
        throw err;
      }
      if (read === 0) break;
      n += read;
    }
    const text = shared.toString('utf8', 0, n);
    if (text.includes('\uFFFD') || text.slice(0, 8000).includes('\0')) return { path, bytes: new Uint8Array(shared.subarray(0, n)) };
    return { path, text };
  } finally {
    closeSync(fd);
  }
}
