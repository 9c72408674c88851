export const id = 294;
export const ids = [294];
export const modules = {

/***/ 294:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  authCommand: () => (/* binding */ authCommand),
  disconnectCommand: () => (/* binding */ disconnectCommand)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: ./src/files/repo.ts
var repo = __webpack_require__(8683);
// EXTERNAL MODULE: ./src/github/secrets.ts + 1 modules
var secrets = __webpack_require__(1917);
// EXTERNAL MODULE: ./src/ledger/git.ts
var git = __webpack_require__(2493);
// EXTERNAL MODULE: ./src/ledger/store.ts
var ledger_store = __webpack_require__(492);
// EXTERNAL MODULE: ./src/pinterest/client.ts
var pinterest_client = __webpack_require__(3187);
// EXTERNAL MODULE: ./src/pinterest/credentials.ts
var credentials = __webpack_require__(5484);
;// CONCATENATED MODULE: ./src/pinterest/oauth.ts

/** Where Pinterest's consent page is: www.pinterest.com for its API hosts, the server itself otherwise. */
function consentBase(apiBaseUrl) {
    const origin = new URL(apiBaseUrl).origin;
    return /(^|\.)pinterest\.com$/.test(new URL(apiBaseUrl).hostname) ? 'https://www.pinterest.com/oauth/' : `${origin}/oauth/`;
}
/** The consent URL for the authorization-code flow. */
function consentUrl(apiBaseUrl, appId, redirectUri, scopes, state) {
    const u = new URL(consentBase(apiBaseUrl));
    u.searchParams.set('client_id', appId);
    u.searchParams.set('redirect_uri', redirectUri);
    u.searchParams.set('response_type', 'code');
    u.searchParams.set('scope', scopes.join(','));
    u.searchParams.set('state', state);
    return u.href;
}
const basic = (appId, appSecret) => `Basic ${Buffer.from(`${appId}:${appSecret}`).toString('base64')}`;
/** Exchanges an authorization code for tokens; errors name the fix. */
async function exchangeCode(base, app, code, redirectUri) {
    const res = await fetch(`${base}/oauth/token`, {
        method: 'POST',
        headers: { Authorization: basic(app.id, app.secret), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }).toString(),
        signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json().catch(() => ({})));
    if (!res.ok || !body.access_token || !body.refresh_token) {
        const rid = res.headers.get('x-pinterest-rid');
        const msg = body.message ?? res.statusText;
        const fix = res.status === 401
            ? 'PINTEREST_APP_ID or PINTEREST_APP_SECRET is wrong.'
            : /redirect/i.test(msg)
                ? `Pinterest refused the redirect URI ${redirectUri}: add it to your app's redirect URIs (developers.pinterest.com → your app → Configure).`
                : 'Run `pinops auth` again.';
        throw new credentials/* CredentialsError */.lE(`Pinterest did not exchange the code: HTTP ${res.status}: ${msg}${rid ? ` [x-pinterest-rid ${rid}]` : ''}. ${fix}`);
    }
    return {
        accessToken: body.access_token,
        refreshToken: body.refresh_token,
        scopes: (body.scope ?? '').split(/[,\s]+/).filter(Boolean),
        ...(body.refresh_token_expires_at ? { refreshExpiresAt: new Date(body.refresh_token_expires_at * 1000) } : {}),
    };
}
/** Revokes a token. Pinterest allows it for system users' tokens only so far: `false` on its 403. */
async function revokeToken(base, app, token) {
    const res = await fetch(`${base}/oauth/token/revoke`, {
        method: 'POST',
        headers: { Authorization: basic(app.id, app.secret), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
        signal: AbortSignal.timeout(30_000),
    });
    if (res.ok)
        return true;
    if (res.status === 403)
        return false;
    const body = (await res.json().catch(() => ({})));
    throw new credentials/* CredentialsError */.lE(`Pinterest did not revoke the token: HTTP ${res.status}: ${body.message ?? res.statusText}${res.status === 401 ? '. PINTEREST_APP_ID or PINTEREST_APP_SECRET is wrong.' : ''}`);
}

// EXTERNAL MODULE: ./src/cli/errors.ts
var errors = __webpack_require__(6675);
;// CONCATENATED MODULE: ./src/cli/auth.ts











async function settingsOf(io, root, config) {
    const parsed = await (0,repo/* loadSettings */.M5)(root, config, io.env);
    if (!parsed.ok)
        throw new errors/* UsageError */.e(`${config ?? 'pinops.yml'} is invalid: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
    return parsed.settings;
}
function app(io) {
    const id = io.env.PINTEREST_APP_ID?.trim();
    const secret = io.env.PINTEREST_APP_SECRET?.trim();
    if (!id || !secret)
        throw new errors/* UsageError */.e('set PINTEREST_APP_ID and PINTEREST_APP_SECRET (from your app on developers.pinterest.com) in the environment');
    return { id, secret };
}
/** The repository whose secrets to write: --repo and a token, or the runner's variables. */
function github(io, opts) {
    const token = opts.githubToken ?? io.env.GITHUB_TOKEN;
    const repo = opts.repo ?? io.env.GITHUB_REPOSITORY;
    if (!token || !repo)
        return undefined;
    const [owner, name] = repo.split('/');
    if (!owner || !name)
        throw new errors/* UsageError */.e(`--repo must be OWNER/NAME, not "${repo}"`);
    return { ctx: { owner, repo: name, apiUrl: io.env.GITHUB_API_URL ?? 'https://api.github.com' }, token };
}
/** Whether the folder is a git repository with an `origin` (where the ledger branch lives). */
async function hasOrigin(root) {
    return (await (0,git/* git */.$)(root, ['remote', 'get-url', 'origin'])).code === 0;
}
/**
 * `pinops auth`: the OAuth authorization-code flow for a maintainer's terminal. Prints (and opens)
 * the consent URL, receives the code on a localhost callback with a `state` check, exchanges it,
 * checks the scopes, and sets the secrets (given a GitHub token) or prints what to set.
 */
async function authCommand(io, root, opts) {
    const settings = await settingsOf(io, root, opts.config);
    const base = (0,pinterest_client/* apiBase */.av)(settings.api);
    const client = app(io);
    const target = github(io, opts);
    const state = (0,external_node_crypto_.randomBytes)(16).toString('hex');
    const { code, redirectUri } = await receiveCode(io, base, client.id, state, opts);
    const tokens = await exchangeCode(base, client, code, redirectUri);
    const missing = credentials/* REQUIRED_SCOPES */.k5.filter((s) => !tokens.scopes.includes(s));
    if (missing.length) {
        throw new credentials/* CredentialsError */.lE(`Pinterest granted ${tokens.scopes.join(', ') || 'no scopes'}, without ${missing.join(', ')}: run \`pinops auth\` again and approve every permission pinops asks for.`);
    }
    const expires = tokens.refreshExpiresAt ? ` It expires on ${tokens.refreshExpiresAt.toISOString().slice(0, 10)}; pinops renews it when given a secrets-token.` : '';
    if (target) {
        for (const [name, value] of [
            ['PINTEREST_APP_ID', client.id],
            ['PINTEREST_APP_SECRET', client.secret],
            ['PINTEREST_REFRESH_TOKEN', tokens.refreshToken],
        ]) {
            await (0,secrets/* writeSecret */.kz)(target.ctx, target.token, name, value);
        }
        io.out(`✔ Set PINTEREST_APP_ID, PINTEREST_APP_SECRET and PINTEREST_REFRESH_TOKEN on ${target.ctx.owner}/${target.ctx.repo}.${expires}\n`);
    }
    else {
        io.out(`✔ Connected. Set these repository secrets (Settings → Secrets and variables → Actions):\n\n  PINTEREST_APP_ID         the app id you used\n  PINTEREST_APP_SECRET     the app secret you used\n  PINTEREST_REFRESH_TOKEN  ${tokens.refreshToken}\n\n${expires.trim()}\n`);
    }
    if (await hasOrigin(root)) {
        const store = (0,ledger_store/* gitLedgerStore */.L)(root, settings.ledger_branch);
        const r = await store.commit('pinops: connected again', (l) => {
            if (!l.credentials?.disconnected)
                return false;
            delete l.credentials.disconnected;
            return true;
        }, () => []);
        if (r.applied)
            io.out('The account is marked as connected again on the ledger branch.\n');
    }
    return errors/* EXIT */.d.ok;
}
async function receiveCode(io, base, appId, state, opts) {
    let settle = () => { };
    const answer = new Promise((r) => {
        settle = r;
    });
    const server = (0,external_node_http_.createServer)((req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (url.pathname !== '/') {
            res.writeHead(404).end();
            return;
        }
        const page = (status, text) => {
            res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
            res.end(`pinops: ${text}\n`);
        };
        if (url.searchParams.get('state') !== state) {
            page(400, 'this answer does not belong to the sign-in pinops started; nothing was done.');
            settle({ error: new credentials/* CredentialsError */.lE("the callback's state does not match the one pinops sent (an old or forged link?); nothing was done. Run `pinops auth` again.") });
            return;
        }
        const error = url.searchParams.get('error');
        if (error) {
            page(400, `Pinterest answered "${error}".`);
            settle({
                error: new credentials/* CredentialsError */.lE(error === 'access_denied'
                    ? 'consent was denied on Pinterest, so pinops has no access. Run `pinops auth` again and choose "Give access".'
                    : `Pinterest answered "${error}" instead of a code.`),
            });
            return;
        }
        const code = url.searchParams.get('code');
        if (!code) {
            page(400, 'no code in this answer.');
            return;
        }
        page(200, 'done. You can close this page and go back to the terminal.');
        settle({ code });
    });
    await new Promise((resolve, reject) => {
        server.once('error', (e) => reject(e.code === 'EADDRINUSE' ? new errors/* UsageError */.e(`port ${opts.port} is in use: pass --port with another port (and register http://localhost:PORT/ as a redirect URI)`) : e));
        server.listen(opts.port, '127.0.0.1', resolve);
    });
    const redirectUri = `http://localhost:${server.address().port}/`;
    const url = consentUrl(base, appId, redirectUri, credentials/* REQUIRED_SCOPES */.k5, state);
    io.out(`Open this page to give pinops access to your Pinterest account:\n\n  ${url}\n\nWaiting for Pinterest to send you back to ${redirectUri} …\n`);
    if (opts.open)
        openBrowser(url);
    const timer = setTimeout(() => settle({
        error: new credentials/* CredentialsError */.lE(`no answer from the browser within ${Math.round(opts.timeoutMs / 1000)} s: was the consent page closed, or did Pinterest show an error? If it said the redirect URI is not registered, add ${redirectUri} to your app's redirect URIs. Then run \`pinops auth\` again.`),
    }), opts.timeoutMs);
    try {
        const r = await answer;
        if ('error' in r)
            throw r.error;
        return { code: r.code, redirectUri };
    }
    finally {
        clearTimeout(timer);
        server.closeAllConnections();
        server.close();
    }
}
function openBrowser(url) {
    const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
    try {
        (0,external_node_child_process_.spawn)(cmd, [url], { detached: true, stdio: 'ignore' })
            .on('error', () => { })
            .unref();
    }
    catch {
        // No browser here: the URL is printed.
    }
}
/**
 * `pinops disconnect`: revokes the tokens where Pinterest allows it, deletes the secrets (given a
 * GitHub token), marks the account disconnected on the ledger branch so every run stops, and
 * says what is left to do.
 */
async function disconnectCommand(io, root, opts) {
    const settings = await settingsOf(io, root, opts.config);
    const base = (0,pinterest_client/* apiBase */.av)(settings.api);
    const client = app(io);
    const target = github(io, opts);
    const left = [];
    const tokens = [io.env.PINTEREST_REFRESH_TOKEN, io.env.PINTEREST_ACCESS_TOKEN].filter((t) => !!t?.trim());
    let revoked = 0;
    for (const t of tokens)
        if (await revokeToken(base, client, t.trim()))
            revoked++;
    if (tokens.length === 0)
        left.push('No token was given (PINTEREST_REFRESH_TOKEN or PINTEREST_ACCESS_TOKEN), so none was revoked.');
    else if (revoked === tokens.length)
        io.out(`✔ Revoked ${revoked} token(s) on Pinterest.\n`);
    else
        left.push("Pinterest revokes only system users' tokens so far: remove pinops' access in your Pinterest account (Settings → Security and logins → Connected apps), and delete the app's secret on developers.pinterest.com if you no longer need it.");
    if (target) {
        const deleted = [];
        for (const name of ['PINTEREST_REFRESH_TOKEN', 'PINTEREST_ACCESS_TOKEN', 'PINTEREST_APP_SECRET', 'PINTEREST_APP_ID'])
            if (await (0,secrets/* deleteSecret */.e3)(target.ctx, target.token, name))
                deleted.push(name);
        io.out(`✔ Deleted the secrets ${deleted.join(', ') || '(none were set)'} on ${target.ctx.owner}/${target.ctx.repo}.\n`);
    }
    else
        left.push('Delete the repository secrets PINTEREST_APP_ID, PINTEREST_APP_SECRET and PINTEREST_REFRESH_TOKEN (or pass --repo and --github-token to let pinops do it).');
    if (await hasOrigin(root)) {
        await (0,ledger_store/* gitLedgerStore */.L)(root, settings.ledger_branch).commit('pinops: disconnected', (l) => {
            l.credentials = { ...l.credentials, disconnected: { at: new Date().toISOString(), by: 'pinops disconnect' } };
            return true;
        }, () => []);
        io.out('✔ Marked the account as disconnected on the ledger branch: every run stops until `pinops auth` connects it again.\n');
    }
    else
        left.push('This folder has no git origin, so runs were not told: they stop only once the secrets are gone.');
    if (left.length)
        io.out(`\nLeft to do:\n${left.map((l) => `  - ${l}`).join('\n')}\n`);
    return errors/* EXIT */.d.ok;
}


/***/ })

};
