import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers a request with JSON (or nothing, for `undefined`), with a request id as Pinterest's answers carry. */
export type Send = (status: number, body: unknown, headers?: Record<string, string>) => void;

export function jsonSender(res: ServerResponse): Send {
  const rid = randomUUID().replace(/-/g, '').slice(0, 16);
  return (status, body, headers = {}) => {
    res.writeHead(status, { 'x-pinterest-rid': rid, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The body as a form (the OAuth endpoints) or JSON; `undefined` when empty. Throws on JSON that does not parse. */
export function parseBody(raw: Buffer, headers: IncomingMessage['headers']): unknown {
  if (raw.length === 0) return undefined;
  const isForm = String(headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
  return isForm ? Object.fromEntries(new URLSearchParams(raw.toString())) : JSON.parse(raw.toString());
}
