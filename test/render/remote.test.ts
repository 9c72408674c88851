import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('previews of pins with remote images', () => {
  const card = (url: string) => ({ picture: { url }, title: 'Remote', excerpt: '', footer: '' });

  it('fetch and draw the image when allowed', async () => {
    const png = await renderPreview(PROJECT, card(`${base}/ok.jpg`), remoteImages(false, { PINOPS_ALLOW_PRIVATE_NETWORK: '1' }));
    const { data } = await sharp(png).extract({ left: 360, top: 540, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    // The photo's green, give or take JPEG rounding.
    for (const [i, want] of [0x22, 0x88, 0x33].entries()) expect(Math.abs((data[i] as number) - want)).toBeLessThanOrEqual(3);
  });

  it('refuse a private address by default, with the setting that allows it', async () => {
    await expect(renderPreview(PROJECT, card(`${base}/ok.jpg`), remoteImages(false, {}))).rejects.toThrow(/allow_private_network: true/);
  });
});
