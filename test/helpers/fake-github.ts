import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sodium from 'libsodium-wrappers';

export interface GithubCall {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}

export interface FakeGithubOptions {
  pulls?: { number: number; merged_at: string | null }[];
  /** Answer secrets calls with 403, as for a token that may not write secrets. */
  secretsForbidden?: boolean;
  /** Delay the first public-key answer (to stage a race between two runs). */
  delayFirstKeyMs?: number;
}

/**
 * A fake GitHub REST API on 127.0.0.1 that records every call: pull requests of a commit, issue
 * comments, and repository and environment secrets (sealed with a real libsodium key pair, so a
 * test can open what was stored).
 */
export async function fakeGithub(opts: FakeGithubOptions = {}): Promise<{ url: string; calls: GithubCall[]; secrets: Map<string, string>; close(): Promise<void> }> {
  await sodium.ready;
  const keys = sodium.crypto_box_keypair();
  const secrets = new Map<string, string>();
  let keyCalls = 0;
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
      const secretsBase = /^\/repos\/[^/]+\/[^/]+\/(?:environments\/([^/]+)\/secrets|actions\/secrets)\/([^/]+)$/.exec(path);
      if (secretsBase) {
        if (opts.secretsForbidden) return send(403, { message: 'Resource not accessible by integration' });
        const [, env, name] = secretsBase;
        if (name === 'public-key' && req.method === 'GET') {
          const answer = () => send(200, { key_id: 'k1', key: sodium.to_base64(keys.publicKey, sodium.base64_variants.ORIGINAL) });
          if (keyCalls++ === 0 && opts.delayFirstKeyMs) setTimeout(answer, opts.delayFirstKeyMs);
          else answer();
          return;
        }
        const id = `${env ? `${decodeURIComponent(env)}/` : ''}${name}`;
        if (req.method === 'PUT') {
          const sealed = sodium.from_base64((body as { encrypted_value: string }).encrypted_value, sodium.base64_variants.ORIGINAL);
          secrets.set(id, sodium.to_string(sodium.crypto_box_seal_open(sealed, keys.publicKey, keys.privateKey)));
          return send(201, {});
        }
        if (req.method === 'DELETE') return secrets.delete(id) ? send(204, {}) : send(404, { message: 'Not Found' });
      }
      const comment = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path);
      if (req.method === 'POST' && comment) return send(201, { id: calls.length, body: (body as { body?: string })?.body });
      send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    secrets,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
