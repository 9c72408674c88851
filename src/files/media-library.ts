import { createHash } from 'node:crypto';
import { MEDIA_LIMITS, type MediaInfo } from '../content/media.js';
import { decodeProblem } from '../render/decode.js';
import { bytesAsFile, hashOpened, MediaFileError, type OpenMedia, openMediaFile, readOpened, tooLarge, type UploadSource, uploadSource } from './media-file.js';
import { type ImageDecoder, limiter, probeOpened, refusedInfo } from './media-probe.js';

/** Bytes of media a run keeps in memory for its later readers; past it, a file sent is read again. */
const KEEP_BYTES = 256 * 1024 * 1024;

/** What a run's readers of media need: validation's probe, fingerprints, bodies, the renderer. */
export interface MediaFiles {
  readonly root: string;
  /** What a file is (format, size), for validation; cached per path, since pins often share media. */
  probe(path: string): Promise<MediaInfo>;
  /** The file's SHA-256 (its media fingerprint), within the cap of its use; throws MediaFileError. */
  digest(path: string, use: 'image' | 'video'): string;
  /** The whole file, within `maxBytes`, for an upload or a render; throws MediaFileError. */
  bytes(path: string, maxBytes: number): Buffer;
  /** The file as an upload stream (a video), within `maxBytes`; throws MediaFileError. */
  upload(path: string, maxBytes: number): UploadSource;
  /** How many times each file was read from disk: once per run, unless it was past the memory kept. */
  readonly reads: ReadonlyMap<string, number>;
}

export interface MediaFilesOptions {
  /**
   * Read each file whole when it is first probed, for a run that will fingerprint and send it
   * (the default); `false` for validation alone, which reads only headers and ends.
   */
  whole?: boolean;
  /** Bytes kept in memory for later readers (256 MB by default). */
  keepBytes?: number;
  /** Decodes an image in full (TIFF at validation); tests may pass their own. */
  decode?: ImageDecoder;
}

interface Known {
  size: number;
  digest: string;
  bytes?: Buffer;
}

/**
 * The media files of one run, each checked before a byte is read (files/media-file.ts) and read
 * from disk once: its digest is computed from that read, and its bytes are kept for the bodies
 * and the renderer while they fit in the memory kept, so the bytes validated are the bytes sent.
 * A file past that memory (a long video) is read again where it is used, and counted so.
 */
export function createMediaFiles(root: string, opts: MediaFilesOptions = {}): MediaFiles {
  return new Library(root, opts.whole ?? true, opts.keepBytes ?? KEEP_BYTES, opts.decode ?? decodeProblem);
}

class Library implements MediaFiles {
  readonly reads = new Map<string, number>();
  private readonly known = new Map<string, Known>();
  private readonly probes = new Map<string, Promise<MediaInfo>>();
  private readonly gate = limiter();

  constructor(
    readonly root: string,
    private readonly whole: boolean,
    private keep: number,
    private readonly decode: ImageDecoder,
  ) {}

  probe(path: string): Promise<MediaInfo> {
    let hit = this.probes.get(path);
    if (!hit) {
      hit = this.probeFile(path);
      this.probes.set(path, hit);
    }
    return hit;
  }

  digest(path: string, use: 'image' | 'video'): string {
    const cap = use === 'video' ? MEDIA_LIMITS.videoBytes : MEDIA_LIMITS.imageBytes;
    const k = this.known.get(path);
    if (k) return this.within(path, k, cap).digest;
    return this.opened(path, cap, (f) => (f.size <= this.keep ? this.take(path, f).digest : this.hash(path, f)));
  }

  bytes(path: string, maxBytes: number): Buffer {
    const k = this.known.get(path);
    if (k?.bytes) return this.within(path, k, maxBytes).bytes as Buffer;
    return this.opened(path, maxBytes, (f) => {
      this.count(path);
      return readOpened(f, path);
    });
  }

  upload(path: string, maxBytes: number): UploadSource {
    const k = this.known.get(path);
    if (k?.bytes) return uploadSource(this.within(path, k, maxBytes).bytes as Buffer, path);
    const f = openMediaFile(this.root, path, maxBytes);
    this.count(path);
    return uploadSource(f, path);
  }

  /** Probes from the whole file when the run will read it anyway, else from its header and end. */
  private async probeFile(path: string): Promise<MediaInfo> {
    let f: OpenMedia;
    try {
      f = openMediaFile(this.root, path, Number.MAX_SAFE_INTEGER);
    } catch (err) {
      if (err instanceof MediaFileError) return refusedInfo(err);
      throw err;
    }
    if (this.whole && f.size <= Math.max(MEDIA_LIMITS.imageBytes, this.keep)) {
      let known: Known & { bytes: Buffer };
      try {
        known = this.take(path, f);
      } finally {
        f.close();
      }
      return probeOpened(bytesAsFile(known.bytes), this.decode, this.gate);
    }
    return probeOpened(f, this.decode, this.gate);
  }

  /** Reads an opened file whole: its digest is always remembered, its bytes while they fit. */
  private take(path: string, f: OpenMedia): Known & { bytes: Buffer } {
    const bytes = readOpened(f, path);
    this.count(path);
    const known: Known = { size: bytes.length, digest: createHash('sha256').update(bytes).digest('hex') };
    if (bytes.length <= this.keep) {
      this.keep -= bytes.length;
      known.bytes = bytes;
    }
    this.known.set(path, known);
    return { ...known, bytes };
  }

  /** A file too large to keep: hashed in chunks, its digest remembered. */
  private hash(path: string, f: OpenMedia): string {
    this.count(path);
    const digest = hashOpened(f);
    this.known.set(path, { size: f.size, digest });
    return digest;
  }

  private opened<T>(path: string, maxBytes: number, use: (f: OpenMedia) => T): T {
    const f = openMediaFile(this.root, path, maxBytes);
    try {
      return use(f);
    } finally {
      f.close();
    }
  }

  /** A file read already still has to be within the cap of this use (an image cap is smaller than a video's). */
  private within(path: string, k: Known, maxBytes: number): Known {
    if (k.size > maxBytes) throw tooLarge(path, k.size, maxBytes);
    return k;
  }

  private count(path: string): void {
    this.reads.set(path, (this.reads.get(path) ?? 0) + 1);
  }
}
