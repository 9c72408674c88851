import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** A remote fetch that was refused or failed: the message names the URL and the reason. */
export class FetchError extends Error {
  override name = 'FetchError';
}

export interface SafeFetchOptions {
  /**
   * Allow private, loopback and link-local addresses: all of them (settings
   * `allow_private_network`, PINOPS_ALLOW_PRIVATE_NETWORK=1), or only these `host:port`s.
   */
  allowPrivate: boolean | readonly string[];
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
}

/** Loopback, private (RFC 1918, unique local), link-local, CGNAT and unspecified addresses. */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  const v6 = ip.toLowerCase();
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::1' || v6 === '::' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}

/** The private-network allowance from the environment: `1` for all, or a comma list of `host:port`. */
export function privateNetworkFrom(env: Record<string, string | undefined>, settingsAllow = false): boolean | string[] {
  const v = env.PINOPS_ALLOW_PRIVATE_NETWORK?.trim();
  if (settingsAllow || v === '1' || v === 'true') return true;
  return v
    ? v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : false;
}

async function checkHost(url: URL, allowPrivate: boolean | readonly string[]): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError(`${url.href}: only http and https are fetched`);
  if (allowPrivate === true || (Array.isArray(allowPrivate) && allowPrivate.includes(url.host))) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw new FetchError(`${url.href}: the host ${host} does not resolve`);
  const bad = addresses.find(isPrivateAddress);
  if (bad) throw new FetchError(`${url.href}: ${host} is a private, loopback or link-local address (${bad}); set allow_private_network: true in pinops.yml to allow it`);
}

/**
 * Fetches a remote file with the care anything user-named deserves: http(s) only, every hop's
 * address checked (no private networks unless allowed), redirects followed by hand and capped,
 * the body cut off at `maxBytes`, the whole within `timeoutMs`.
 */
export async function safeFetch(href: string, opts: SafeFetchOptions): Promise<{ bytes: Buffer; contentType: string; url: string }> {
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let url = new URL(href);
  try {
    for (let hop = 0; ; hop++) {
      await checkHost(url, opts.allowPrivate);
      const res = await fetch(url, { redirect: 'manual', signal });
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        if (hop >= (opts.maxRedirects ?? 5)) throw new FetchError(`${href}: more than ${opts.maxRedirects ?? 5} redirects`);
        await res.body?.cancel();
        url = new URL(res.headers.get('location') as string, url);
        continue;
      }
      if (!res.ok) throw new FetchError(`${url.href}: HTTP ${res.status}`);
      const declared = Number(res.headers.get('content-length') ?? 0);
      if (declared > opts.maxBytes) throw new FetchError(`${url.href}: ${declared} bytes, over the limit of ${opts.maxBytes}`);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body ?? []) {
        size += (chunk as Uint8Array).length;
        if (size > opts.maxBytes) throw new FetchError(`${url.href}: more than ${opts.maxBytes} bytes`);
        chunks.push(Buffer.from(chunk as Uint8Array));
      }
      return { bytes: Buffer.concat(chunks), contentType: res.headers.get('content-type') ?? '', url: url.href };
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    const e = err as { name?: string; message?: string };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new FetchError(`${href}: no complete answer within ${Math.round(opts.timeoutMs / 1000)} s`);
    throw new FetchError(`${href}: ${e.message ?? String(err)}`);
  }
}
