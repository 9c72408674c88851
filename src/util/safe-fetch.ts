import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { EXIT, UserError } from './user-error.js';

/** A remote fetch that was refused or failed: the message names the URL and the reason. */
export class FetchError extends UserError {
  override name = 'FetchError';
  readonly exitCode = EXIT.io;
  constructor(
    message: string,
    /** The HTTP status that refused the fetch, when one did. */
    readonly status?: number,
  ) {
    super(message);
  }
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
  /** Resolves a host name to its addresses: the system's resolver unless a test gives one. */
  resolve?: (host: string) => Promise<string[]>;
  /**
   * A POST of this body instead of a GET (a webhook). A redirect is then an error, not followed:
   * a body signed for one endpoint is not sent to another.
   */
  post?: { body: string; headers: Record<string, string> };
}

/** Loopback, private (RFC 1918), link-local, CGNAT, "this network" and multicast/reserved IPv4. */
function isPrivateV4(ip: string): boolean {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  return (
    a === 10 || a === 127 || a === 0 || a >= 224 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)
  );
}

/** An IPv6 address as its 16 bytes, whatever its spelling (`::`, a dotted IPv4 tail, hex groups). */
function ipv6Bytes(ip: string): number[] | undefined {
  let text = ip.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = (dotted[1] as string).split('.').map(Number);
    text = `${text.slice(0, -(dotted[1] as string).length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const [head = '', tail] = halves;
  const groups = (part: string) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const all = [...left, ...Array<string>(Math.max(0, fill)).fill('0'), ...right];
  if (all.length !== 8 || all.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return all.flatMap((g) => [Number.parseInt(g, 16) >> 8, Number.parseInt(g, 16) & 0xff]);
}

const v4At = (b: number[], i: number) => b.slice(i, i + 4).join('.');
const zero = (b: number[], from: number, to: number) => b.slice(from, to).every((x) => x === 0);

/**
 * Loopback, private, link-local, unique-local, multicast and unspecified addresses, IPv4 and IPv6,
 * including an IPv4 address carried inside IPv6: mapped (`::ffff:127.0.0.1`, `::ffff:7f00:1`),
 * compatible (`::127.0.0.1`), NAT64 (`64:ff9b::/96`) and 6to4 (`2002::/16`). An address that does
 * not parse is refused too.
 */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) return isPrivateV4(ip);
  const b = ipv6Bytes(ip);
  if (!b) return true;
  if (zero(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return isPrivateV4(v4At(b, 12));
  if (zero(b, 0, 12)) return isPrivateV4(v4At(b, 12)); // ::, ::1 and IPv4-compatible
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) return zero(b, 4, 12) ? isPrivateV4(v4At(b, 12)) : true; // NAT64, and its local-use /48
  if (b[0] === 0x20 && b[1] === 0x02) return isPrivateV4(v4At(b, 2)); // 6to4
  const first = b[0] as number;
  return first === 0xff || (first & 0xfe) === 0xfc || (first === 0xfe && ((b[1] as number) & 0xc0) >= 0x80);
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

const systemResolve = async (host: string) => (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);

/**
 * The address to connect to for `url`: its host resolved once and checked (no private network
 * unless allowed). The connection is then made to this very address, so a name that would
 * resolve again to another (DNS rebinding) never gets the chance.
 */
async function checkedAddress(url: URL, opts: SafeFetchOptions): Promise<string> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError(`${url.href}: only http and https are fetched`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : await (opts.resolve ?? systemResolve)(host).catch(() => []);
  const first = addresses[0];
  if (first === undefined) throw new FetchError(`${url.href}: the host ${host} does not resolve`);
  const allowPrivate = opts.allowPrivate;
  if (allowPrivate === true || (Array.isArray(allowPrivate) && allowPrivate.includes(url.host))) return first;
  const bad = addresses.find(isPrivateAddress);
  if (bad) throw new FetchError(`${url.href}: ${host} is a private, loopback or link-local address (${bad}); set allow_private_network: true in pinops.yml to allow it`);
  return first;
}

/** A `lookup` for a connection that answers only `address`, whatever the name. */
function pinnedTo(address: string): LookupFunction {
  const family = isIP(address) === 6 ? 6 : 4;
  return (_host, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/** One GET (or POST) of `url`, connected to `address` (TLS still checks the certificate against the URL's host). */
function send(url: URL, address: string, signal: AbortSignal, post: SafeFetchOptions['post']): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: post ? 'POST' : 'GET',
      headers: { accept: '*/*', 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'pinops', ...post?.headers },
      lookup: pinnedTo(address),
      agent: false,
      signal,
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end(post?.body);
  });
}

/** The body as sent, decompressed as its Content-Encoding says. */
function decoded(res: IncomingMessage): Readable {
  const encoding = String(res.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const inflate =
    encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
  if (!inflate) return res;
  res.on('error', (e) => inflate.destroy(e));
  return res.pipe(inflate);
}

/**
 * Fetches a remote file with the care anything user-named deserves: http(s) only, every hop's
 * address checked (no private networks unless allowed) and connected to as checked, redirects
 * followed by hand and capped, the body cut off at `maxBytes` (after decompression), the whole
 * within `timeoutMs`.
 */
export async function safeFetch(href: string, opts: SafeFetchOptions): Promise<{ bytes: Buffer; contentType: string; url: string }> {
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let url = new URL(href);
  try {
    for (let hop = 0; ; hop++) {
      const address = await checkedAddress(url, opts);
      const res = await send(url, address, signal, opts.post);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location) {
        res.destroy();
        if (opts.post) throw new FetchError(`${url.href}: HTTP ${status}, a redirect (a webhook's POST is not followed to ${new URL(location, url).host})`, status);
        if (hop >= (opts.maxRedirects ?? 5)) throw new FetchError(`${href}: more than ${opts.maxRedirects ?? 5} redirects`);
        url = new URL(location, url);
        continue;
      }
      if (status < 200 || status >= 300) {
        res.destroy();
        throw new FetchError(`${url.href}: HTTP ${status}`, status);
      }
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > opts.maxBytes) {
        res.destroy();
        throw new FetchError(`${url.href}: ${declared} bytes, over the limit of ${opts.maxBytes}`);
      }
      const body = decoded(res);
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of body) {
          size += (chunk as Buffer).length;
          if (size > opts.maxBytes) throw new FetchError(`${url.href}: more than ${opts.maxBytes} bytes`);
          chunks.push(chunk as Buffer);
        }
      } finally {
        res.destroy();
      }
      return { bytes: Buffer.concat(chunks), contentType: String(res.headers['content-type'] ?? ''), url: url.href };
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    const e = err as { name?: string; message?: string; code?: string };
    if (e.name === 'TimeoutError' || e.name === 'AbortError' || signal.aborted) throw new FetchError(`${href}: no complete answer within ${Math.round(opts.timeoutMs / 1000)} s`);
    throw new FetchError(`${href}: ${e.message ?? String(err)}`);
  }
}
