import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PROJECT } from './repo.js';

export const JPEG = readFileSync(join(PROJECT, 'content/media/boots.jpg'));
const SMALL_PNG = readFileSync(join(PROJECT, 'content/media/logo.png'));
const BOMB = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000">${'<g>'.repeat(50)}<rect width="1e9" height="1e9"/>${'</g>'.repeat(50)}</svg>`;

export const PRODUCT = `<!doctype html><html><head>
<title>Boots | Shop</title>
<meta property="og:title" content="Alpine Waterproof Boots &amp; Laces">
<meta property="og:description" content="Leather boots that stay dry in deep snow.">
<meta property="og:image" content="/img/boots.jpg">
<meta property="og:site_name" content="Example Shop">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"Product","name":"Alpine Boots","brand":{"@type":"Brand","name":"Northwind"},"offers":{"@type":"Offer","price":"149.00","priceCurrency":"EUR"}}]}</script>
</head><body><h1>Alpine Boots</h1></body></html>`;

const PLAIN = `<html><head><title>Wool  Scarf
 — Shop</title><meta name="description" content="A warm scarf, knitted by hand."></head>
<body><img src="/img/small.png" width="64" height="64"><img src="/img/boots.jpg" width="800" height="1200"><img src="data:image/png;base64,AAAA"></body></html>`;

/**
 * A shop on 127.0.0.1 with product pages and every kind of bad page a draft must refuse; `other`
 * is a second local server that a redirect points at (an internal service).
 */
export async function productPages(): Promise<{ base: string; close(): Promise<void> }> {
  const other = createServer((_req, res) => res.end('internal'));
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  const otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  const server: Server = createServer((req, res) => {
    const html = (body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    switch (req.url) {
      case '/product':
        return html(PRODUCT);
      case '/plain':
        return html(PLAIN);
      case '/no-image':
        return html('<html><head><title>Nothing to see</title></head><body>text only</body></html>');
      case '/svg-page':
        return html('<html><head><meta property="og:title" content="Vector"><meta property="og:image" content="/img/bomb.svg"></head></html>');
      case '/feed':
        return res.writeHead(200, { 'content-type': 'application/json' }).end('{"products":[]}');
      case '/huge': {
        // 50 MB of HTML, sent without a length: the reader must stop on its own.
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          while (sent < 50 && res.write(chunk)) sent++;
          if (sent >= 50) res.end();
          else res.once('drain', pump);
        };
        res.on('error', () => {});
        return pump();
      }
      case '/loop':
        return res.writeHead(302, { location: '/loop' }).end();
      case '/to-local':
        return res.writeHead(302, { location: `${otherBase}/admin` }).end();
      case '/img/boots.jpg':
        return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG);
      case '/img/small.png':
        return res.writeHead(200, { 'content-type': 'image/png' }).end(SMALL_PNG);
      case '/img/bomb.svg':
        return res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(BOMB);
      default:
        return res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      other.closeAllConnections();
      await new Promise((r) => server.close(r));
      await new Promise((r) => other.close(r));
    },
  };
}
