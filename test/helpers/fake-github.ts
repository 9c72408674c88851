import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GithubCall {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}

/** A fake GitHub REST API on 127.0.0.1 that records every call. `pulls` answers commits/{sha}/pulls. */
export async function fakeGithub(opts: { pulls?: { number: number; merged_at: string | null }[] } = {}): Promise<{ url: string; calls: GithubCall[]; close(): Promise<void> }> {
  const calls: GithubCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      const body = text ? JSON.parse(text) : undefined;
      const path = (req.url ?? '').split('?')[0] ?? '';
      calls.push({ method: req.method ?? '', path, body, authorization: req.headers.authorization });
      const send = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(data));
      };
      if (req.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/commits\/[^/]+\/pulls$/.test(path))
        return send(
          200,
          (opts.pulls ?? []).map((p) => ({ ...p, id: p.number, state: 'closed' })),
        );
      const comment = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path);
      if (req.method === 'POST' && comment) return send(201, { id: calls.length, body: (body as { body?: string })?.body });
      send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
