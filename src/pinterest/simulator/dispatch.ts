import type { IncomingMessage, ServerResponse } from 'node:http';
import { misbehave, takeFault } from './faults.js';
import { jsonSender, parseBody, readBody, type Send } from './http.js';
import { rateCategory, rateLimited, refusal } from './limits.js';
import { acceptUpload } from './media.js';
import { consent } from './oauth.js';
import { type FoundRoute, findRoute } from './routes.js';
import { serveFile } from './seed.js';
import type { World } from './world.js';

/** One API request on its way to its handler: what was asked, and how to answer and record it. */
interface Call {
  method: string;
  found: FoundRoute;
  url: URL;
  body: unknown;
  req: IncomingMessage;
  res: ServerResponse;
  send: Send;
}

/** Answers one HTTP request: an upload, the consent page, or an API v5 route. */
export async function handle(world: World, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  // Before anything reads the body: an upload is read as a stream.
  if (method === 'POST' && url.pathname.startsWith('/upload/')) return acceptUpload(world, req, res, url.pathname.slice('/upload/'.length));
  if (method === 'GET' && url.pathname.startsWith('/files/')) return serveFile(world, url.pathname.slice('/files/'.length), res);
  const raw = await readBody(req);
  if (world.opts.latencyMs) await new Promise((r) => setTimeout(r, world.opts.latencyMs));
  const send = jsonSender(res);
  if (method === 'GET' && url.pathname === '/oauth/') return showConsent(world, url, res, send);
  const found = findRoute(method, url.pathname);
  if (!found) return send(404, { code: 404, message: `No route for ${method} ${url.pathname}` });
  let body: unknown;
  try {
    body = parseBody(raw, req.headers);
  } catch {
    return send(400, { code: 1, message: 'The request body is not valid JSON.' });
  }
  answer(world, { method, found, url, body, req, res, send });
}

function showConsent(world: World, url: URL, res: ServerResponse, send: Send) {
  const outcome = consent(world, url.searchParams);
  if ('refused' in outcome) return send(400, { code: 1, message: outcome.refused });
  res.writeHead(302, { location: outcome.location });
  res.end();
}

/** Runs a routed request past the faults, the token and the rate limit to its handler, and records the exchange. */
function answer(world: World, call: Call) {
  const { method, found, send } = call;
  const record = recorder(world, call);
  const fault = takeFault(world.faults, method, found.route);
  if (fault?.when === 'before') return misbehave(fault, call.res, record, send);
  const refused = refusal(world, method, found.route, call.req.headers.authorization);
  if (refused) {
    record(refused.status, refused.body);
    return send(refused.status, refused.body);
  }
  const rl = rateLimited(world, rateCategory(method, found.route), world.clock());
  if (rl.over) {
    const b = { code: 29, message: 'You have exceeded your rate limit. Try again later.' };
    record(429, b);
    return send(429, b, rl.retryAfter ? { ...rl.headers, 'retry-after': rl.retryAfter } : {});
  }
  const out = found.handler(world, { params: found.params, query: call.url.searchParams, body: call.body, headers: call.req.headers });
  record(out.status, out.body);
  // A fault `after` lets the handler change the account, then misbehaves instead of answering.
  if (fault?.when === 'after') return misbehave(fault, call.res, () => {}, send);
  send(out.status, out.body, rl.headers);
}

/** Records an exchange of this call, for contract checks and tests (`exchanges`, `onExchange`). */
function recorder(world: World, { method, found, url, body }: Call): (status: number, responseBody: unknown) => void {
  return (status, responseBody) => {
    const e = { method, route: found.route, path: url.pathname, query: Object.fromEntries(url.searchParams), status, requestBody: body, responseBody };
    world.exchanges.push(e);
    world.opts.onExchange?.(e);
  };
}
