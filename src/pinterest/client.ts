import { randomUUID } from 'node:crypto';
import createClient, { type Client } from 'openapi-fetch';
import { type BeforeSend, Transport, type TransportOptions } from './transport.js';
import type { Account, ApiBoard, ApiBoardSection, ApiPin, BoardCreate, MediaDetails, MediaUpload, Paths, PinAnalytics, PinCreate, PinMetric, PinUpdate } from './types.js';

/** Pinterest's API hosts (PRODUCT.md: `api` in pinops.yml). */
export const API_BASES = { production: 'https://api.pinterest.com/v5', sandbox: 'https://api-sandbox.pinterest.com/v5' } as const;

/** A pin's page on Pinterest. */
export const pinUrl = (id: string) => `https://www.pinterest.com/pin/${id}/`;

/** The base URL for a settings `api` value: `production`, `sandbox` or a URL. */
export function apiBase(api: string): string {
  return (API_BASES as Record<string, string>)[api] ?? api.replace(/\/+$/, '');
}

/** A file to upload, read as a stream (a video can be larger than the memory pinops may use). */
export interface UploadFile {
  size: number;
  /** The file's bytes from the first; called again for a retry. */
  stream(): ReadableStream<Uint8Array>;
}

/** What pinops asks of Pinterest; the flows depend on this interface, not on HTTP. */
export interface PinterestApi {
  userAccount(): Promise<Account>;
  listBoards(): Promise<ApiBoard[]>;
  /** One board by id; undefined when Pinterest answers 404 (the board is deleted). */
  getBoard(boardId: string): Promise<ApiBoard | undefined>;
  createBoard(body: BoardCreate): Promise<ApiBoard>;
  listSections(boardId: string): Promise<ApiBoardSection[]>;
  createSection(boardId: string, name: string): Promise<ApiBoardSection>;
  /** The board's pins, newest first, up to `max`. */
  listBoardPins(boardId: string, max: number): Promise<ApiPin[]>;
  getPin(pinId: string): Promise<ApiPin | undefined>;
  /** `beforeSend` runs before each attempt (a retry after a 429 too): it throws to stop the send. */
  createPin(body: PinCreate, beforeSend?: BeforeSend): Promise<ApiPin>;
  updatePin(pinId: string, body: PinUpdate): Promise<ApiPin>;
  deletePin(pinId: string): Promise<void>;
  savePin(pinId: string, boardId: string, sectionId?: string, beforeSend?: BeforeSend): Promise<ApiPin>;
  registerVideo(): Promise<MediaUpload>;
  uploadMedia(upload: MediaUpload, file: UploadFile, fileName: string): Promise<void>;
  getMedia(mediaId: string): Promise<MediaDetails>;
  /**
   * Every pin of the account (or of one board: a secret board's pins are not in the account's
   * list) with its `pin_metrics`: 90-day and lifetime totals, 250 pins a page on the org_read
   * limit (the cheap way to keep every pin's figures fresh).
   */
  listPinsWithMetrics(boardId?: string): Promise<ApiPin[]>;
  /** A pin's daily metrics from `start` to `end` (UTC dates, YYYY-MM-DD; at most 90 days back). */
  pinAnalytics(pinId: string, start: string, end: string, metrics: readonly PinMetric[]): Promise<PinAnalytics>;
  readonly transport: Transport;
}

/** openapi-fetch's client for Pinterest's paths. */
type Http = Client<Paths>;

/** A client for Pinterest API v5, typed from Pinterest's own spec. */
export function createPinterestClient(opts: { base: string; accessToken: string } & TransportOptions): PinterestApi {
  const transport = new Transport(opts);
  const http = createClient<Paths>({ baseUrl: opts.base, fetch: transport.fetch, headers: { Authorization: `Bearer ${opts.accessToken}` } });
  return {
    transport,
    userAccount: async () => must(await http.GET('/user_account')),
    ...boardCalls(http),
    ...pinCalls(http, transport),
    ...mediaCalls(http, transport, opts.timeoutMs),
  };
}

/** Boards, their sections and their pins. */
function boardCalls(http: Http): Pick<PinterestApi, 'listBoards' | 'getBoard' | 'createBoard' | 'listSections' | 'createSection' | 'listBoardPins'> {
  return {
    listBoards: () => paged<ApiBoard>(async (bookmark) => must(await http.GET('/boards', { params: { query: pageQuery(250, bookmark) } }))),
    getBoard: (boardId) => orNotFound(async () => must(await http.GET('/boards/{board_id}', { params: { path: { board_id: boardId } } }))),
    createBoard: async (body) => must(await http.POST('/boards', { body })),
    listSections: (boardId) =>
      paged<ApiBoardSection>(async (bookmark) => must(await http.GET('/boards/{board_id}/sections', { params: { path: { board_id: boardId }, query: pageQuery(250, bookmark) } }))),
    createSection: async (boardId, name) => must(await http.POST('/boards/{board_id}/sections', { params: { path: { board_id: boardId } }, body: { name } })),
    listBoardPins: (boardId, max) =>
      paged<ApiPin>(async (bookmark) => must(await http.GET('/boards/{board_id}/pins', { params: { path: { board_id: boardId }, query: pageQuery(100, bookmark) } })), max),
  };
}

/** Pins: made, saved, changed, deleted, and their metrics. */
function pinCalls(http: Http, transport: Transport): Pick<PinterestApi, 'getPin' | 'createPin' | 'updatePin' | 'deletePin' | 'savePin' | 'listPinsWithMetrics' | 'pinAnalytics'> {
  return {
    listPinsWithMetrics: (boardId) =>
      paged<ApiPin>(async (bookmark) => {
        const query = { pin_metrics: true, ...pageQuery(250, bookmark) };
        return boardId ? must(await http.GET('/boards/{board_id}/pins', { params: { path: { board_id: boardId }, query } })) : must(await http.GET('/pins', { params: { query } }));
      }),
    getPin: (pinId) => orNotFound(async () => must(await http.GET('/pins/{pin_id}', { params: { path: { pin_id: pinId } } }))),
    createPin: async (body, beforeSend) => must(await http.POST('/pins', { body, ...guarded(transport, beforeSend) })),
    updatePin: async (pinId, body) => must(await http.PATCH('/pins/{pin_id}', { params: { path: { pin_id: pinId } }, body })),
    deletePin: async (pinId) => {
      await http.DELETE('/pins/{pin_id}', { params: { path: { pin_id: pinId } } });
    },
    savePin: async (pinId, boardId, sectionId, beforeSend) =>
      must(
        await http.POST('/pins/{pin_id}/save', {
          params: { path: { pin_id: pinId } },
          body: { board_id: boardId, ...(sectionId ? { board_section_id: sectionId } : {}) },
          ...guarded(transport, beforeSend),
        }),
      ),
    pinAnalytics: async (pinId, start, end, metrics) =>
      must(
        await http.GET('/pins/{pin_id}/analytics', {
          params: { path: { pin_id: pinId }, query: { start_date: start, end_date: end, metric_types: [...metrics] } },
          // The spec's `explode: false`: metric_types=IMPRESSION,SAVE.
          querySerializer: { array: { style: 'form', explode: false } },
        }),
      ),
  };
}

/** A video's media: registered, uploaded, and asked after (video.ts waits for Pinterest to process it). */
function mediaCalls(http: Http, transport: Transport, timeoutMs: number | undefined): Pick<PinterestApi, 'registerVideo' | 'uploadMedia' | 'getMedia'> {
  return {
    registerVideo: async () => must(await http.POST('/media', { body: { media_type: 'video' } })),
    uploadMedia: async (upload, file, fileName) => {
      // The upload goes to the URL Pinterest named, as a multipart form with its parameters and
      // the file last, streamed from disk with its length declared (the upload URL takes no chunked bodies).
      if (!upload.upload_url) throw new Error('Pinterest gave no upload URL for the video');
      const form = multipart(upload.upload_parameters ?? {}, file, fileName);
      // A slow link is given time: a minute, and a second more for every MB.
      await transport.postStream(upload.upload_url, form.headers, form.body, Math.max(timeoutMs ?? 30_000, 60_000 + Math.ceil(file.size / 1_000_000) * 1000));
    },
    getMedia: async (mediaId) => must(await http.GET('/media/{media_id}', { params: { path: { media_id: mediaId } } })),
  };
}

/** openapi-fetch returns `{data, error}`; the transport already threw on every error status. */
const must = <T>(r: { data?: T }): T => r.data as T;

/** A read whose 404 means "there is none". */
async function orNotFound<T>(get: () => Promise<T>): Promise<T | undefined> {
  try {
    return await get();
  } catch (err) {
    if ((err as { kind?: string }).kind === 'not-found') return undefined;
    throw err;
  }
}

/** A request whose every attempt is checked first (a run's lease on the pin it creates). */
const guarded = (transport: Transport, beforeSend: BeforeSend | undefined) => (beforeSend ? { fetch: (req: Request) => transport.fetch(req, { beforeSend }) } : {});

/** One page of a list: `size` items, after `bookmark` when it is not the first. */
const pageQuery = (size: number, bookmark: string | undefined) => ({ page_size: size, ...(bookmark ? { bookmark } : {}) });

/** Follows `bookmark` pagination. The spec types list items loosely (Paginated's `object[]`). */
async function paged<T>(get: (bookmark: string | undefined) => Promise<{ items: unknown[]; bookmark?: string | null | undefined }>, max = Number.POSITIVE_INFINITY): Promise<T[]> {
  const out: T[] = [];
  let bookmark: string | undefined;
  do {
    const page = await get(bookmark);
    out.push(...(page.items as T[]));
    bookmark = page.bookmark ?? undefined;
  } while (bookmark && out.length < max);
  return out.slice(0, max);
}

/** Quotes a form-data name as browsers do (HTML's multipart/form-data encoding). */
const formName = (s: string) => s.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/**
 * A multipart/form-data body of string fields and one file, as a stream made anew for each
 * attempt: the file's bytes pass through, never all in memory, and the length is known up front.
 */
export function multipart(fields: Record<string, unknown>, file: UploadFile, fileName: string): { headers: Headers; body: () => ReadableStream<Uint8Array> } {
  const boundary = `----pinops-${randomUUID()}`;
  const enc = new TextEncoder();
  let text = '';
  for (const [k, v] of Object.entries(fields)) if (typeof v === 'string') text += `--${boundary}\r\nContent-Disposition: form-data; name="${formName(k)}"\r\n\r\n${v}\r\n`;
  text += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${formName(fileName)}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const head = enc.encode(text);
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  const headers = new Headers({ 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + file.size + tail.length) });
  const body = () => {
    let stage = 0;
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (stage === 0) {
            stage = 1;
            return controller.enqueue(head);
          }
          if (stage === 1) {
            reader ??= file.stream().getReader();
            const { done, value } = await reader.read();
            if (!done) return controller.enqueue(value);
            stage = 2;
          }
          controller.enqueue(tail);
          controller.close();
        },
        cancel: (reason) => reader?.cancel(reason),
      },
      { highWaterMark: 0 },
    );
  };
  return { headers, body };
}
