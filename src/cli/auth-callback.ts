import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CredentialsError } from '../pinterest/credentials.js';
import { consentUrl } from '../pinterest/oauth.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';

/** The browser's answer to the consent page: a code, or why there is none. */
type Answer = { code: string } | { error: Error };

/**
 * The code of `pinops auth`'s sign-in: a server on localhost is Pinterest's redirect URI, the
 * consent URL is printed (and opened), and the first answer with the `state` pinops sent, or the
 * timeout, ends the wait.
 */
export async function receiveCode(
  io: CliIO,
  base: string,
  appId: string,
  state: string,
  opts: { port: number; open: boolean; timeoutMs: number; scopes: readonly string[] },
): Promise<{ code: string; redirectUri: string }> {
  const wait = new AnswerWait();
  const server = createServer((req, res) => answerCallback(req, res, state, wait));
  await listen(server, opts.port);
  const redirectUri = `http://localhost:${(server.address() as AddressInfo).port}/`;
  const url = consentUrl(base, appId, redirectUri, opts.scopes, state);
  io.out(`Open this page to give pinops access to your Pinterest account:\n\n  ${url}\n\nWaiting for Pinterest to send you back to ${redirectUri} …\n`);
  if (opts.open) openBrowser(url);
  const timer = setTimeout(() => wait.settle({ error: noAnswer(opts.timeoutMs, wait.ignored, redirectUri) }), opts.timeoutMs);
  try {
    const r = await wait.answer;
    if ('error' in r) throw r.error;
    return { code: r.code, redirectUri };
  } finally {
    clearTimeout(timer);
    server.closeAllConnections();
    server.close();
  }
}

/** The wait for the browser: settled once, by the first real answer or by the timeout. */
class AnswerWait {
  done = false;
  /** Requests without the state pinops sent, told when the wait times out. */
  ignored = 0;
  // Replaced at once by the promise's executor, which runs in the constructor.
  private resolve: (answer: Answer) => void = () => {};
  readonly answer = new Promise<Answer>((r) => {
    this.resolve = r;
  });

  settle(answer: Answer): void {
    this.done = true;
    this.resolve(answer);
  }
}

/** Answers one request to the callback server, and settles the wait when it is the real answer. */
function answerCallback(req: IncomingMessage, res: ServerResponse, state: string, wait: AnswerWait): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== '/') {
    res.writeHead(404).end();
    return;
  }
  const page = (status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`pinops: ${text}\n`);
  };
  // Anything on this port without the state pinops sent (an old link, another page, a forged
  // request) is answered and ignored: only the real answer ends the wait.
  if (url.searchParams.get('state') !== state) {
    wait.ignored++;
    page(400, 'this answer does not belong to the sign-in pinops started; it was ignored, and pinops is still waiting for the real one.');
    return;
  }
  if (wait.done) {
    page(400, 'pinops already has its answer; this one was ignored.');
    return;
  }
  const error = url.searchParams.get('error');
  if (error) {
    page(400, `Pinterest answered "${error}".`);
    wait.settle({ error: refused(error) });
    return;
  }
  const code = url.searchParams.get('code');
  if (!code) {
    page(400, 'no code in this answer.');
    return;
  }
  page(200, 'done. You can close this page and go back to the terminal.');
  wait.settle({ code });
}

/** Pinterest sent the user back with an error instead of a code. */
function refused(error: string): CredentialsError {
  return new CredentialsError(
    error === 'access_denied'
      ? 'consent was denied on Pinterest, so pinops has no access. Run `pinops auth` again and choose "Give access".'
      : `Pinterest answered "${error}" instead of a code.`,
  );
}

/** The browser never came back: what may have gone wrong, and the redirect URI to register. */
function noAnswer(timeoutMs: number, ignored: number, redirectUri: string): CredentialsError {
  return new CredentialsError(
    `no answer from the browser within ${Math.round(timeoutMs / 1000)} s${ignored ? ` (${ignored} request(s) without the state pinops sent were ignored)` : ''}: was the consent page closed, or did Pinterest show an error? If it said the redirect URI is not registered, add ${redirectUri} to your app's redirect URIs. Then run \`pinops auth\` again.`,
  );
}

/** Listens on 127.0.0.1; a port in use is the user's to change. */
function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new UsageError(`port ${port} is in use: pass --port with another port (and register http://localhost:PORT/ as a redirect URI)`) : e),
    );
    server.listen(port, '127.0.0.1', resolve);
  });
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    spawn(cmd, [url], { detached: true, stdio: 'ignore' })
      .on('error', () => {})
      .unref();
  } catch {
    // No browser here: the URL is printed.
  }
}
