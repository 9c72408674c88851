import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { megabytes } from '../util/bytes.js';
import { EXIT, UserError } from '../util/user-error.js';
import { contained } from './contained.js';

/** Why a media file is not read: the same problems validation names (see content/media.ts). */
export type MediaFileProblem = 'not-found' | 'outside' | 'not-media' | 'too-large';

/** A media file that was refused before a byte of it was read. */
export class MediaFileError extends UserError {
  override name = 'MediaFileError';
  readonly exitCode = EXIT.content;
  constructor(
    readonly problem: MediaFileProblem,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

/** The refusal of a file over its size cap. */
export function tooLarge(path: string, size: number, maxBytes: number): MediaFileError {
  return new MediaFileError('too-large', path, `${megabytes(size)}, over the limit of ${megabytes(maxBytes)}`);
}

/** A media file opened for reading after its checks: a regular file inside the repository, within its size cap. */
export interface OpenMedia {
  fd: number;
  size: number;
  /** Reads up to `length` bytes at `position`, never past the size that was checked. */
  read(position: number, length: number, into?: Buffer): Buffer;
  close(): void;
}

const realRoots = new Map<string, string>();
function realRoot(root: string): string {
  let r = realRoots.get(root);
  if (!r) {
    r = realpathSync(root);
    if (realRoots.size > 100) realRoots.clear();
    realRoots.set(root, r);
  }
  return r;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder, not a file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device, not a file';
  if (st.isFIFO()) return 'a named pipe, not a file';
  if (st.isSocket()) return 'a socket, not a file';
  return 'not a regular file';
}

/**
 * Opens the repository file `path` (repository-relative) for reading, after the checks every
 * reader of media makes first: it exists, its real path (symbolic links resolved) is inside the
 * repository, it is a regular file (never a device such as /dev/zero, a pipe or a folder), and it
 * is at most `maxBytes`. The file opened is the one checked (same device and inode), and reads stop
 * at the size checked, so a file that grows meanwhile is never read past it.
 */
export function openMediaFile(root: string, path: string, maxBytes: number): OpenMedia {
  const abs = resolve(root, path);
  if (!abs.startsWith(resolve(root) + sep)) throw new MediaFileError('outside', path, 'a path that leaves the repository');
  try {
    lstatSync(abs);
  } catch {
    throw new MediaFileError('not-found', path, 'no such file');
  }
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    throw new MediaFileError('not-found', path, 'a symbolic link to a file that does not exist');
  }
  const rr = realRoot(root);
  if (!contained(real, rr, rr)) throw new MediaFileError('outside', path, real.startsWith(rr + sep) ? 'a file inside .git' : 'a symbolic link that leads outside the repository');
  const st = statSync(real);
  if (!st.isFile()) throw new MediaFileError(st.isDirectory() ? 'not-found' : 'not-media', path, kindOf(st));
  if (st.size > maxBytes) throw tooLarge(path, st.size, maxBytes);
  // O_NONBLOCK: should a pipe be put in its place in between, opening it does not wait for a writer.
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw new MediaFileError('not-found', path, `the file cannot be opened (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const opened = fstatSync(fd);
  if (!opened.isFile() || opened.ino !== st.ino || opened.dev !== st.dev) {
    closeSync(fd);
    throw new MediaFileError('not-media', path, 'the file changed while it was being opened');
  }
  const size = Math.min(opened.size, maxBytes);
  return {
    fd,
    size,
    read(position, length, into) {
      const n = Math.max(0, Math.min(length, size - position));
      const buf = into && into.length >= n ? into : Buffer.allocUnsafe(n);
      let got = 0;
      while (got < n) {
        const r = readSync(fd, buf, got, n - got, position + got);
        if (r === 0) break;
        got += r;
      }
      return buf.subarray(0, got);
    },
    close: () => closeSync(fd),
  };
}

/** The whole of an opened media file; one that became shorter since its checks is refused. */
export function readOpened(f: OpenMedia, path: string): Buffer {
  const bytes = f.read(0, f.size);
  if (bytes.length !== f.size) throw new MediaFileError('not-media', path, 'the file became shorter while it was read');
  return bytes;
}

const CHUNK = 1024 * 1024;
let chunk: Buffer | undefined;

/** SHA-256 of an opened media file, read in 1 MB chunks (a 2 GB video costs 1 MB of memory). */
export function hashOpened(f: OpenMedia): string {
  chunk ??= Buffer.allocUnsafe(CHUNK);
  const hash = createHash('sha256');
  for (let at = 0; at < f.size; ) {
    const part = f.read(at, CHUNK, chunk);
    if (part.length === 0) break;
    hash.update(part);
    at += part.length;
  }
  return hash.digest('hex');
}

/** What an upload reads: a byte stream that starts again from the first byte at each call (for a retry). */
export interface UploadSource {
  size: number;
  stream(): ReadableStream<Uint8Array>;
  close(): void;
}

/** An upload in 1 MB chunks, from an opened file or from bytes read already; `close()` releases the file. */
export function uploadSource(from: OpenMedia | Buffer, path: string): UploadSource {
  const f = Buffer.isBuffer(from) ? bytesAsFile(from) : from;
  return {
    size: f.size,
    stream() {
      let at = 0;
      return new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            if (at >= f.size) return controller.close();
            const part = f.read(at, CHUNK);
            if (part.length === 0) return controller.error(new MediaFileError('not-media', path, 'the file became shorter while it was uploaded'));
            at += part.length;
            controller.enqueue(part);
          },
        },
        { highWaterMark: 0 },
      );
    },
    close: () => f.close(),
  };
}

/** Bytes read already, seen as an opened file (reads copy nothing). */
export function bytesAsFile(bytes: Buffer): OpenMedia {
  return {
    fd: -1,
    size: bytes.length,
    read: (position, length) => bytes.subarray(position, Math.min(bytes.length, position + Math.max(0, length))),
    close: () => undefined,
  };
}
