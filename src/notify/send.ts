import type { NotifyEndpoint } from '../settings/notify.js';
import { FetchError, safeFetch } from '../util/safe-fetch.js';
import type { NotifyEvent } from './events.js';
import { delivery } from './format.js';

/** How one event went to one endpoint: named by its host only (a webhook's URL is a secret). */
export interface DeliveryReport {
  endpoint: string;
  event: NotifyEvent['event'];
  ok: boolean;
  attempts: number;
  error?: string;
}

export interface SendOptions {
  env: Record<string, string | undefined>;
  allowPrivate: boolean | readonly string[];
  /** Tries per delivery; a 4xx other than 408 and 429 is not tried again (it would be refused again). */
  attempts?: number;
  /** Waits between tries (1 s, then 4 s by default); tests pass a shorter one. */
  backoffMs?: (attempt: number) => number;
  timeoutMs?: number;
}

const DEFAULT_ATTEMPTS = 3;
const defaultBackoff = (attempt: number) => 1000 * 4 ** attempt;

/**
 * Sends each event to each endpoint that asked for it, in turn, each retried a few times. Never
 * throws: a webhook that fails is reported, and the run it tells about goes on.
 */
export async function sendNotifications(endpoints: readonly NotifyEndpoint[], events: readonly NotifyEvent[], opts: SendOptions): Promise<DeliveryReport[]> {
  const reports: DeliveryReport[] = [];
  for (const endpoint of endpoints) {
    const target = resolveEndpoint(endpoint, opts.env);
    for (const event of events.filter((e) => endpoint.events.includes(e.event))) {
      if ('error' in target) reports.push({ endpoint: target.name, event: event.event, ok: false, attempts: 0, error: target.error });
      else reports.push({ endpoint: target.name, event: event.event, ...(await deliver(target.url, delivery(event, endpoint, target.secret), opts)) });
    }
  }
  return reports;
}

/** The endpoint's URL and key from the environment, or why it cannot be sent to. */
function resolveEndpoint(e: NotifyEndpoint, env: SendOptions['env']): { url: string; secret?: string; name: string } | { name: string; error: string } {
  const url = e.url ?? (e.url_env ? env[e.url_env]?.trim() : undefined);
  const name = e.url_env ? `$${e.url_env}` : hostOf(e.url);
  if (!url) return { name, error: `the environment variable ${e.url_env} is not set (give the step \`env: ${e.url_env}: \${{ secrets.${e.url_env} }}\`)` };
  const secret = e.secret_env ? env[e.secret_env] : undefined;
  if (e.secret_env && !secret) return { name, error: `the environment variable ${e.secret_env}, the key that signs its bodies, is not set` };
  return { url, name: e.url_env ? `$${e.url_env} (${hostOf(url)})` : name, ...(secret ? { secret } : {}) };
}

const hostOf = (url: string | undefined) => {
  try {
    return new URL(url ?? '').host;
  } catch {
    return 'a webhook';
  }
};

/** An error's text with the webhook's URL (as given, and as parsed) cut down to its host. */
function withoutUrl(text: string, url: string): string {
  let out = text;
  for (const form of new Set([url, safeHref(url)])) if (form) out = out.split(form).join(hostOf(url));
  return out;
}

const safeHref = (url: string) => {
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
};

async function deliver(url: string, d: ReturnType<typeof delivery>, opts: SendOptions): Promise<Omit<DeliveryReport, 'endpoint' | 'event'>> {
  const attempts = opts.attempts ?? DEFAULT_ATTEMPTS;
  let error = '';
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, (opts.backoffMs ?? defaultBackoff)(i - 1)));
    try {
      await safeFetch(url, { allowPrivate: opts.allowPrivate, maxBytes: 64 * 1024, timeoutMs: opts.timeoutMs ?? 10_000, maxRedirects: 0, post: d });
      return { ok: true, attempts: i + 1 };
    } catch (err) {
      // The URL is a secret: the error names its host only.
      error = withoutUrl(err instanceof Error ? err.message : String(err), url);
      const status = err instanceof FetchError ? err.status : undefined;
      // A redirect or a refusal would come again: only a time-out, a 429, a 5xx or no answer is tried again.
      if (status !== undefined && status >= 300 && status < 500 && status !== 408 && status !== 429) return { ok: false, attempts: i + 1, error };
    }
  }
  return { ok: false, attempts, error };
}
