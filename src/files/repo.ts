import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { SourceFile } from '../content/parse-pins.js';
import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.js';
import { parseSettings, type SettingsResult } from '../settings/load.js';

/** The folders of the user's repository that pinops reads (PRODUCT.md, "The user's repository"). */
export const LAYOUT = { content: 'content', pins: 'content/pins', boards: ['content/boards.yml', 'content/boards.yaml'], settings: 'pinops.yml' } as const;

const MAX_PIN_FILE = 16 * 1024 * 1024;
const PIN_FILE = /\.(md|markdown|ya?ml)$/i;

/** What the content folder holds, as bytes, before anything is parsed. */
export interface ContentFiles {
  /** False when the repository has no content/ folder at all. */
  present: boolean;
  boards?: { path: string; bytes: Uint8Array };
  pins: SourceFile[];
  /** Problems met while reading (files too large, links out of the repository). */
  diagnostics: Diagnostic[];
}

const toPosix = (p: string) => p.split(sep).join('/');

/** Reads and parses the settings file (pinops.yml unless `file` says otherwise). */
export async function loadSettings(root: string, file: string | undefined, env: Record<string, string | undefined>): Promise<SettingsResult> {
  const name = file ?? LAYOUT.settings;
  return parseSettings(name, await readSettingsFile(root, name), env);
}

/** Reads pinops.yml; `undefined` when it does not exist. */
export async function readSettingsFile(root: string, file: string = LAYOUT.settings): Promise<Uint8Array | undefined> {
  try {
    return await readFile(join(root, file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
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
  for (const b of LAYOUT.boards) {
    const bytes = await readFile(join(root, b)).catch(() => undefined);
    if (bytes) {
      out.boards = { path: b, bytes: new Uint8Array(bytes) };
      break;
    }
  }
  const pinsDir = join(root, LAYOUT.pins);
  let entries: { name: string; parentPath: string; isFile(): boolean; isSymbolicLink(): boolean }[] = [];
  try {
    if (!(await realpath(pinsDir)).startsWith(realRoot + sep)) {
      out.diagnostics.push(diagnostic('outside-repo', 'content/pins is a symbolic link that leads outside the repository', LAYOUT.pins, { line: 1, column: 1 }));
      return out;
    }
    // Recursive readdir does not follow symbolic links to folders, so only linked files need a check.
    entries = await readdir(pinsDir, { recursive: true, withFileTypes: true });
  } catch {
    return out;
  }
  const wanted = entries.filter((e) => PIN_FILE.test(e.name) && (e.isFile() || e.isSymbolicLink()));
  // Sync reads on purpose: for thousands of small files, promise-based reads spend more time in
  // the thread pool than reading (10,000 pins: about 700 ms against 60 ms, see bench/).
  const files = wanted.map((e): SourceFile | Diagnostic => {
    const abs = join(e.parentPath, e.name);
    const path = toPosix(relative(root, abs));
    if (e.isSymbolicLink()) {
      let real: string | undefined;
      try {
        real = realpathSync(abs);
      } catch {
        real = undefined;
      }
      if (!real?.startsWith(realRoot + sep)) {
        return diagnostic('outside-repo', 'the file is a symbolic link that leads outside the repository (or nowhere)', path, { line: 1, column: 1 });
      }
    }
    return readSmallFile(abs, path);
  });
  for (const f of files) {
    if ('severity' in f) out.diagnostics.push(f);
    else out.pins.push(f);
  }
  out.pins.sort((a, b) => (a.path < b.path ? -1 : 1));
  return out;
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
          const size = fstatSync(fd).size;
          return diagnostic('file-too-large', `the file is ${(size / 1048576).toFixed(1)} MB; pin files are read up to 16 MB`, path, { line: 1, column: 1 });
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
