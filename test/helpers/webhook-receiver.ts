import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** One POST the receiver got, with whether its signature checks out against the receiver's key. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
  /** X-Pinops-Signature-256 verified (constant-time) with `secret`; undefined when the receiver has none. */
  signed?: boolean;
}

/**
 * A webhook endpoint on 127.0.0.1, as a team's would be: it records each POST and verifies its
 * HMAC-SHA256 signature the way a receiver must (over the raw body, in constant time). `fail`
 * answers the first N requests with a status, to test retries.
 */
export async function webhookReceiver(opts: { secret?: string; fail?: { times: number; status: number } } = {}) {
  const received: Received[] = [];
  let failures = opts.fail?.times ?? 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const r: Received = { path: req.url ?? '', headers: req.headers, body, json: JSON.parse(body) };
      if (opts.secret) r.signed = verify(body, String(req.headers['x-pinops-signature-256'] ?? ''), opts.secret);
      received.push(r);
      if (failures > 0) {
        failures--;
        res.writeHead(opts.fail?.status ?? 500).end('not now');
      } else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function verify(body: string, header: string, secret: string): boolean {
  const want = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const got = Buffer.from(header);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** For a test file: receivers closed after each test. */
export function webhookReceivers() {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const r of open.splice(0)) await r.close();
  });
  return async (opts?: Parameters<typeof webhookReceiver>[0]) => {
    const r = await webhookReceiver(opts);
    open.push(r);
    return r;
  };
}
