import { classify, PinterestError } from './errors.js';
import { categoryOf, type RateLimits, STANDARD_LIMITS } from './limits.js';
import { CategoryPace, WINDOW_MS, windowHeaders } from './pacing.js';

/** How the transport waits and tells the time; tests pass fakes. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export interface TransportOptions {
  clock?: Clock;
  /** Per-request time limit. */
  timeoutMs?: number;
  /** Retries for a request that may be repeated (reads, PATCH, DELETE, and any request answered 429). */
  maxRetries?: number;
  /** First backoff; doubles each retry (with jitter), capped at 30 s. */
  backoffMs?: number;
  /** Called for every answer, for counting and logs (never with secrets). */
  onResponse?: (info: { method: string; path: string; status: number; attempt: number }) => void;
  /** Called before each wait: for a rate limit's window or Retry-After, or before a retry. */
  onWait?: (info: WaitInfo) => void;
  /**
   * The most a category may send while its answers carry no rate-limit headers (default:
   * Pinterest's documented values for Standard access). A daily cap is never waited out: the
   * request that would pass it fails as a rate limit, and the next run carries on.
   */
  limits?: RateLimits;
}

/** Checked right before a request is sent, after any wait: throws to stop the send. */
export type BeforeSend = () => Promise<void>;

/** A wait the transport is about to make, so that a person is told what it waits for. */
export interface WaitInfo {
  category: string;
  ms: number;
  reason: 'rate-limit' | 'retry';
  /** How far the work that waits has come, when its flow said (`Transport.progress`). */
  done?: number;
  total?: number;
}

/** One request as the transport sends it, the same on every try. */
interface Outgoing {
  url: string;
  method: string;
  /** The URL's path, for errors and logs. */
  path: string;
  headers: Headers;
  /** The body anew for each try (a stream can be read only once); undefined for a GET or HEAD. */
  makeBody: (() => ArrayBuffer | ReadableStream<Uint8Array>) | undefined;
  timeoutMs: number;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE']);
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Sends requests to Pinterest: paces each rate-limit category (pacing.ts) by its answers'
 * rate-limit headers where they come, and by the category's `limits` where they do not (Pinterest
 * documents none), more evenly after a 429; honours Retry-After, retries what is safe to retry with backoff, and never
 * repeats a request that may have taken effect (a create whose answer was lost): that one fails
 * as `unknown-outcome`, for the caller to resolve by looking.
 */
export class Transport {
  private readonly clock: Clock;
  /** Per rate-limit category: when its next request may leave (pacing.ts). */
  private readonly paces = new Map<string, CategoryPace>();
  /** Pinterest's rate-limit category per endpoint, learned from `x-ratelimit-category` (else the spec's, `categoryOf`). */
  private readonly categories = new Map<string, string>();
  /** Per category: the sends of this process (the daily cap). */
  private readonly sentToday = new Map<string, number>();
  /** Per category: until when the last wait that was announced lasts (concurrent waits are announced once). */
  private readonly announced = new Map<string, number>();
  private readonly limits: RateLimits;
  /** Requests sent, 429s received, time spent waiting (pacing, backoff) and in requests. */
  readonly stats = { requests: 0, rateLimited: 0, waitedMs: 0, requestMs: 0 };
  /** How far the current work has come (a flow sets it): wait notices say "142 of 300 done". */
  progress: (() => { done: number; total: number }) | undefined;

  constructor(private readonly opts: TransportOptions = {}) {
    this.clock = opts.clock ?? realClock;
    this.limits = opts.limits ?? STANDARD_LIMITS;
  }

  /** The `fetch` that openapi-fetch calls. */
  readonly fetch = async (input: Request, per: { beforeSend?: BeforeSend } = {}): Promise<Response> => {
    const method = input.method.toUpperCase();
    const body = method === 'GET' || method === 'HEAD' ? undefined : await input.arrayBuffer();
    const path = new URL(input.url).pathname;
    const req: Outgoing = { url: input.url, method, path, headers: input.headers, makeBody: body === undefined ? undefined : () => body, timeoutMs: this.opts.timeoutMs ?? 30_000 };
    return this.send(req, `${method} ${path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`, per.beforeSend);
  };

  /**
   * POSTs a body too large to hold in memory (a video upload): `body()` makes the stream again for
   * each attempt, and `headers` must give its Content-Length. Never follows a redirect (following
   * one would keep a copy of the whole body for sending it again). The upload URL is not Pinterest's
   * API, so no rate limit of the API applies to it.
   */
  readonly postStream = (url: string, headers: Headers, body: () => ReadableStream<Uint8Array>, timeoutMs: number): Promise<Response> =>
    this.send({ url, method: 'POST', path: new URL(url).pathname, headers, makeBody: body, timeoutMs }, 'upload');

  /** Sends a request, and again as long as the rate limits, the backoff and its method allow. */
  private async send(req: Outgoing, endpoint: string, beforeSend?: BeforeSend): Promise<Response> {
    const category = () => (endpoint === 'upload' ? 'upload' : (this.categories.get(endpoint) ?? categoryOf(req.method, req.path)));
    for (let attempt = 0; ; attempt++) {
      const pace = this.paceOf(category());
      const granted = await this.pace(category(), pace);
      // After the wait, which may have been long: is this request still this run's to send?
      await beforeSend?.().catch((err: unknown) => {
        pace?.lost();
        throw err;
      });
      let res: Response;
      try {
        res = await this.sendOnce(req, pace, granted);
      } catch (err) {
        pace?.lost();
        await this.retryUnanswered(req, err, attempt);
        continue;
      }
      this.opts.onResponse?.({ method: req.method, path: req.path, status: res.status, attempt });
      const learned = res.headers.get('x-ratelimit-category');
      if (learned) this.categories.set(endpoint, learned);
      if (res.ok) return res;
      await this.retryFailed(req, res, attempt);
    }
  }

  /**
   * One try on the wire, its turn `granted` at that moment. Its answer's rate-limit headers (and a
   * 429) are told to the category's pace at once, before any request waiting for a turn looks again.
   */
  private async sendOnce(req: Outgoing, pace: CategoryPace | undefined, granted: number): Promise<Response> {
    const started = performance.now();
    const sentAt = this.clock.now();
    this.stats.requests++;
    const body = req.makeBody?.();
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      ...(body instanceof ReadableStream ? { body, duplex: 'half', redirect: 'error' } : body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    this.stats.requestMs += performance.now() - started;
    const now = this.clock.now();
    if (res.status === 429) this.stats.rateLimited++;
    // A refusal counts against the hold by when its turn was given: a request let go just before
    // another's 429 began a hold is of the same burst, though it reaches the wire a moment after.
    pace?.answered(now, windowHeaders(res.headers, now), res.status === 429 ? { sentAt: granted, retryAfterMs: retryAfterMs(res.headers, now) } : undefined, sentAt);
    return res;
  }

  /**
   * No answer came: backs off for another try when the request may be repeated or never left
   * (the connection was refused), and otherwise throws, as `unknown-outcome` when it may have taken effect.
   */
  private async retryUnanswered(req: Outgoing, err: unknown, attempt: number): Promise<void> {
    const code = errorCode(err);
    const sent = !NOT_SENT.has(code);
    if (this.mayRetry(attempt) && (IDEMPOTENT.has(req.method) || !sent)) return this.backoff(attempt);
    if (sent && !IDEMPOTENT.has(req.method)) throw new PinterestError('unknown-outcome', undefined, `no answer to ${req.method} ${req.path} (${code})`, undefined, undefined);
    throw new PinterestError('network', undefined, `cannot reach Pinterest for ${req.method} ${req.path} (${code})`, undefined, undefined);
  }

  /**
   * An error answer: waits for another try when one is safe (a rate limit's 429, a server error
   * of a request that may be repeated), and otherwise throws it as a PinterestError.
   */
  private async retryFailed(req: Outgoing, res: Response, attempt: number): Promise<void> {
    const rid = res.headers.get('x-pinterest-rid') ?? undefined;
    const { code, message } = await errorBody(res);
    const kind = classify(res.status, message, code);
    if (res.status === 429) {
      // The category's pace has taken the 429 in (sendOnce): its hold, or its window's reset, is
      // waited out before the next try. A 429 means the request was not carried out, so even a
      // create may be sent again; the spam kind is not retried: more requests would make it worse.
      if (kind === 'rate-limit' && this.mayRetry(attempt)) return;
      throw new PinterestError(kind, 429, message, rid, code, retryAfterMs(res.headers, this.clock.now()) ?? WINDOW_MS);
    }
    if (res.status >= 500) {
      if (IDEMPOTENT.has(req.method) && this.mayRetry(attempt)) return this.backoff(attempt);
      if (!IDEMPOTENT.has(req.method)) throw new PinterestError('unknown-outcome', res.status, message, rid, code);
    }
    throw new PinterestError(kind, res.status, message, rid, code);
  }

  private mayRetry(attempt: number): boolean {
    return attempt < (this.opts.maxRetries ?? 5);
  }

  /**
   * Waits for the category's turn (pacing.ts): until a hold or window ends, or until an answer in
   * flight says more, as often as it takes; then the request is counted as sent. Returns when.
   */
  private async pace(category: string, pace: CategoryPace | undefined): Promise<number> {
    if (!pace) return this.clock.now();
    this.countToday(category);
    for (;;) {
      const now = this.clock.now();
      const turn = pace.turn(now);
      if ('go' in turn) return now;
      if ('until' in turn) await this.waitUntil(category, turn.until);
      else await pace.nextAnswer();
    }
  }

  /** Waits until `at` (if it is still to come), and says so unless a wait as long was just announced. */
  private async waitUntil(category: string, at: number): Promise<void> {
    const now = this.clock.now();
    const ms = at - now;
    if (ms <= 0) return;
    this.stats.waitedMs += ms;
    if (at > (this.announced.get(category) ?? 0) + 1000) {
      this.announced.set(category, at);
      this.opts.onWait?.({ category, ms, reason: 'rate-limit', ...this.progress?.() });
    }
    await this.clock.sleep(ms);
  }

  /** The category's pace; none for an upload (not Pinterest's API, so none of its limits). */
  private paceOf(category: string): CategoryPace | undefined {
    if (category === 'upload') return undefined;
    let pace = this.paces.get(category);
    if (!pace) {
      pace = new CategoryPace(this.limits[category]?.perMinute);
      this.paces.set(category, pace);
    }
    return pace;
  }

  /** A daily cap is not waited out (hours): the request fails as rate-limited, for the next run to carry on. */
  private countToday(category: string): void {
    const perDay = this.limits[category]?.perDay;
    const sent = this.sentToday.get(category) ?? 0;
    if (perDay !== undefined && sent >= perDay)
      throw new PinterestError('rate-limit', undefined, `this run has sent the ${perDay} ${category} requests a day that rate_limits allow`, undefined, undefined);
    this.sentToday.set(category, sent + 1);
  }

  private backoffMs(attempt: number): number {
    const base = this.opts.backoffMs ?? 500;
    return Math.min(30_000, base * 2 ** attempt * (0.75 + Math.random() * 0.5));
  }

  private async backoff(attempt: number): Promise<void> {
    const ms = this.backoffMs(attempt);
    this.stats.waitedMs += ms;
    this.opts.onWait?.({ category: 'any', ms, reason: 'retry' });
    await this.clock.sleep(ms);
  }
}

/** Retry-After: whole seconds (HTTP's form; "0" is taken as a second, so that it cannot start a storm), or a date. */
function retryAfterMs(h: Headers, now: number): number | undefined {
  const v = h.get('retry-after')?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Math.max(1, Number(v)) * 1000;
  if (/^\d+\.\d*$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(1000, date - now);
}

async function errorBody(res: Response): Promise<{ code?: number; message: string }> {
  const text = await res.text().catch(() => '');
  try {
    const j = JSON.parse(text) as { code?: unknown; message?: unknown };
    return { ...(typeof j.code === 'number' ? { code: j.code } : {}), message: typeof j.message === 'string' ? j.message : text.slice(0, 200) || res.statusText };
  } catch {
    return { message: text.slice(0, 200) || res.statusText };
  }
}

function errorCode(err: unknown): string {
  const e = err as { name?: string; code?: string; cause?: { code?: string; name?: string } };
  if (e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError') return 'TIMEOUT';
  return e?.cause?.code ?? e?.code ?? e?.name ?? 'ERROR';
}
