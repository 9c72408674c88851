import dns from 'node:dns';
import { createServer, type Server } from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaFiles } from '../../src/files/media-library.js';
import { remoteImages } from '../../src/flows/preview.js';
import { renderPreview } from '../../src/render/sharp.js';
import { isPrivateAddress, safeFetch } from '../../src/util/safe-fetch.js';
import { PROJECT } from '../helpers/repo.js';

let server: Server;
let base = '';
let jpeg: Buffer;
beforeAll(async () => {
  jpeg = await sharp({ create: { width: 300, height: 450, channels: 3, background: '#228833' } })
    .jpeg()
    .toBuffer();
  server = createServer((req, res) => {
    switch (req.url) {
      case '/ok.jpg':
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(jpeg.length) });
        return void res.end(jpeg);
      case '/slow':
        return void setTimeout(() => res.end('late'), 3000);
      case '/huge-declared':
        res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
        return void res.end();
      case '/huge-streamed':
        res.writeHead(200);
        for (let i = 0; i < 40; i++) res.write(Buffer.alloc(64 * 1024, 1));
        return void res.end();
      case '/gz':
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-encoding': 'gzip' });
        return void res.end(gzipSync(jpeg));
      case '/gz-bomb':
        res.writeHead(200, { 'content-encoding': 'gzip' });
        return void res.end(gzipSync(Buffer.alloc(8 * 1024 * 1024)));
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        return void res.end();
      case '/to-ok':
        res.writeHead(301, { location: '/ok.jpg' });
        return void res.end();
      default:
        res.writeHead(404);
        res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const allowed = { allowPrivate: true, maxBytes: 1024 * 1024, timeoutMs: 1000 };

describe('safeFetch', () => {
  it('fetches, following redirects', async () => {
    const r = await safeFetch(`${base}/to-ok`, allowed);
    expect(r.bytes.equals(jpeg)).toBe(true);
    expect(r.url).toBe(`${base}/ok.jpg`);
  });

  it('decompresses a gzip body, and counts the limit after decompression', async () => {
    expect((await safeFetch(`${base}/gz`, allowed)).bytes.equals(jpeg)).toBe(true);
    await expect(safeFetch(`${base}/gz-bomb`, allowed)).rejects.toThrow(/more than 1048576 bytes/);
  });

  it('refuses what is slow, huge, missing or looping, each with a clear message', async () => {
    await expect(safeFetch(`${base}/slow`, allowed)).rejects.toThrow(/no complete answer within 1 s/);
    await expect(safeFetch(`${base}/huge-declared`, allowed)).rejects.toThrow(/52428800 bytes, over the limit of 1048576/);
    await expect(safeFetch(`${base}/huge-streamed`, allowed)).rejects.toThrow(/more than 1048576 bytes/);
    await expect(safeFetch(`${base}/missing`, allowed)).rejects.toThrow(/HTTP 404/);
    await expect(safeFetch(`${base}/loop`, allowed)).rejects.toThrow(/more than 5 redirects/);
    await expect(safeFetch('ftp://example.com/x.jpg', allowed)).rejects.toThrow(/only http and https/);
  });

  it('refuses private, loopback and link-local addresses unless allowed', async () => {
    await expect(safeFetch(`${base}/ok.jpg`, { ...allowed, allowPrivate: false })).rejects.toThrow(
      /127\.0\.0\.1 is a private, loopback or link-local address .*allow_private_network: true/,
    );
    await expect(safeFetch('http://localhost:1/x', { ...allowed, allowPrivate: false })).rejects.toThrow(/private, loopback or link-local/);
    for (const ip of ['10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '127.0.0.1', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '100.64.0.1'])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '151.101.1.1', '2606:4700::1111']) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it('sees an IPv4 address inside IPv6 in every spelling: mapped, compatible, NAT64 and 6to4', async () => {
    const inside = ['::ffff:127.0.0.1', '::ffff:7f00:1', '0:0:0:0:0:ffff:7f00:0001', '::127.0.0.1', '::7f00:1', '64:ff9b::7f00:1', '64:ff9b::10.0.0.1', '64:ff9b:1::1'];
    const sixToFour = ['2002:7f00:1::', '2002:c0a8:101::1', '2002:a9fe:a9fe::1'];
    const other = ['::', '0.0.0.0', 'fec0::1', 'ff02::1', '224.0.0.1', 'not-an-address', '1::2::3'];
    for (const ip of [...inside, ...sixToFour, ...other]) expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1', '2001:db8::1']) expect(isPrivateAddress(ip), ip).toBe(false);
    // The URL parser turns [::ffff:127.0.0.1] into [::ffff:7f00:1]: refused all the same, before connecting.
    await expect(safeFetch('http://[::ffff:127.0.0.1]:1/x', { ...allowed, allowPrivate: false })).rejects.toThrow(/private, loopback or link-local address \(::ffff:7f00:1\)/);
  });
});

describe('safeFetch connects to the address it checked, after every redirect', () => {
  /** A second local server, standing for an internal service: it counts every request that reaches it. */
  async function internal(): Promise<{ port: number; hits: () => number; close: () => Promise<void> }> {
    let hits = 0;
    const s = createServer((_req, res) => {
      hits++;
      res.end('secret');
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    return {
      port: (s.address() as AddressInfo).port,
      hits: () => hits,
      close: () => new Promise((r) => s.close(() => r())),
    };
  }
  const PUBLIC = '198.51.100.7';

  it('a name that resolves to a public address when checked and to 127.0.0.1 the next time (DNS rebinding) never reaches 127.0.0.1', async () => {
    const target = await internal();
    // The system resolver itself rebinds: public on the first question, loopback after.
    const real = { lookup: dns.lookup, promises: dns.promises.lookup };
    let asked = 0;
    const answer = () => (++asked === 1 ? PUBLIC : '127.0.0.1');
    const fake = ((_host: string, options: unknown, callback?: unknown) => {
      const cb = (typeof options === 'function' ? options : callback) as (...a: unknown[]) => void;
      const address = answer();
      if (typeof options === 'object' && (options as { all?: boolean }).all) cb(null, [{ address, family: 4 }]);
      else cb(null, address, 4);
    }) as typeof dns.lookup;
    dns.lookup = fake;
    dns.promises.lookup = (async (_host: string, options?: { all?: boolean }) => {
      const address = answer();
      return options?.all ? [{ address, family: 4 }] : { address, family: 4 };
    }) as typeof dns.promises.lookup;
    syncBuiltinESMExports();
    try {
      await expect(safeFetch(`http://rebind.test:${target.port}/`, { allowPrivate: false, maxBytes: 1024, timeoutMs: 1500 })).rejects.toThrow(/rebind\.test/);
      expect(target.hits()).toBe(0);
      expect(asked).toBe(1);
    } finally {
      dns.lookup = real.lookup;
      dns.promises.lookup = real.promises;
      syncBuiltinESMExports();
      await target.close();
    }
  });

  it('checks and pins every redirect: to 127.0.0.1, to a mapped IPv6 loopback, to a name on a private network, and to a name that rebinds', async () => {
    const target = await internal();
    const asked = new Map<string, number>();
    const resolve = async (host: string) => {
      const n = (asked.get(host) ?? 0) + 1;
      asked.set(host, n);
      if (host === 'shop.test') return ['127.0.0.1'];
      if (host === 'intranet.test') return [PUBLIC, '10.0.0.5'];
      if (host === 'rebind.test') return n === 1 ? [PUBLIC] : ['127.0.0.1'];
      return [];
    };
    const redirector = createServer((req, res) => {
      const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '';
      res.writeHead(302, { location: to }).end();
    });
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    const shop = `shop.test:${(redirector.address() as AddressInfo).port}`;
    // Only the shop is allowed on the private network (it is on 127.0.0.1 here, which a name the
    // system cannot resolve reaches only through the checked address).
    const opts = { allowPrivate: [shop], maxBytes: 1024, timeoutMs: 1500, resolve };
    const via = (to: string) => safeFetch(`http://${shop}/?to=${encodeURIComponent(to)}`, opts);
    try {
      await expect(via(`http://127.0.0.1:${target.port}/`)).rejects.toThrow(/127\.0\.0\.1 is a private, loopback or link-local address/);
      await expect(via(`http://[::ffff:127.0.0.1]:${target.port}/`)).rejects.toThrow(/private, loopback or link-local address \(::ffff:7f00:1\)/);
      await expect(via(`http://intranet.test:${target.port}/`)).rejects.toThrow(/intranet\.test is a private, loopback or link-local address \(10\.0\.0\.5\)/);
      await expect(via(`http://rebind.test:${target.port}/`)).rejects.toThrow(/rebind\.test/);
      expect(target.hits()).toBe(0);
      expect(asked.get('rebind.test')).toBe(1);
      expect(asked.get('shop.test')).toBe(4);
    } finally {
      redirector.closeAllConnections();
      await new Promise((r) => redirector.close(r));
      await target.close();
    }
  });
});

describe('previews of pins with remote images', () => {
  const card = (url: string) => ({ picture: { url }, title: 'Remote', excerpt: '', footer: '' });

  it('fetch and draw the image when allowed', async () => {
    const preview = await renderPreview(createMediaFiles(PROJECT), card(`${base}/ok.jpg`), remoteImages(false, { PINOPS_ALLOW_PRIVATE_NETWORK: '1' }));
    const { data } = await sharp(preview.data).extract({ left: 360, top: 540, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    // The photo's green, give or take JPEG rounding.
    for (const [i, want] of [0x22, 0x88, 0x33].entries()) expect(Math.abs((data[i] as number) - want)).toBeLessThanOrEqual(3);
  });

  it('refuse a private address by default, with the setting that allows it', async () => {
    await expect(renderPreview(createMediaFiles(PROJECT), card(`${base}/ok.jpg`), remoteImages(false, {}))).rejects.toThrow(/allow_private_network: true/);
  });
});
