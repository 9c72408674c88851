import { CONTINUOUS, CredentialsError } from './credentials.js';

/** Where Pinterest's consent page is: www.pinterest.com for its API hosts, the server itself otherwise. */
export function consentBase(apiBaseUrl: string): string {
  const origin = new URL(apiBaseUrl).origin;
  return /(^|\.)pinterest\.com$/.test(new URL(apiBaseUrl).hostname) ? 'https://www.pinterest.com/oauth/' : `${origin}/oauth/`;
}

/** The consent URL for the authorization-code flow. */
export function consentUrl(apiBaseUrl: string, appId: string, redirectUri: string, scopes: readonly string[], state: string): string {
  const u = new URL(consentBase(apiBaseUrl));
  u.searchParams.set('client_id', appId);
  u.searchParams.set('redirect_uri', redirectUri);
  u.searchParams.set('response_type', 'code');
  u.searchParams.set('scope', scopes.join(','));
  u.searchParams.set('state', state);
  return u.href;
}

const basic = (appId: string, appSecret: string) => `Basic ${Buffer.from(`${appId}:${appSecret}`).toString('base64')}`;

/** Exchanges an authorization code for tokens; errors name the fix. */
export async function exchangeCode(
  base: string,
  app: { id: string; secret: string },
  code: string,
  redirectUri: string,
): Promise<{ accessToken: string; refreshToken: string; scopes: string[]; refreshExpiresAt?: Date }> {
  const res = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: basic(app.id, app.secret), 'Content-Type': 'application/x-www-form-urlencoded' },
    // The spec's note on continuous refresh is the endpoint's, for both grants: a code exchanged with it
    // gives an app created before 2025-09-25 a continuous (60-day, renewable) refresh token.
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...CONTINUOUS }).toString(),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; refresh_token?: string; scope?: string; refresh_token_expires_at?: number; message?: string };
  if (!res.ok || !body.access_token || !body.refresh_token) {
    const rid = res.headers.get('x-pinterest-rid');
    const msg = body.message ?? res.statusText;
    const fix =
      res.status === 401
        ? 'PINTEREST_APP_ID or PINTEREST_APP_SECRET is wrong.'
        : /redirect/i.test(msg)
          ? `Pinterest refused the redirect URI ${redirectUri}: add it to your app's redirect URIs (developers.pinterest.com → your app → Configure).`
          : 'Run `pinops auth` again.';
    throw new CredentialsError(`Pinterest did not exchange the code: HTTP ${res.status}: ${msg}${rid ? ` [x-pinterest-rid ${rid}]` : ''}. ${fix}`);
  }
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    scopes: (body.scope ?? '').split(/[,\s]+/).filter(Boolean),
    ...(body.refresh_token_expires_at ? { refreshExpiresAt: new Date(body.refresh_token_expires_at * 1000) } : {}),
  };
}

/** Revokes a token. Pinterest allows it for system users' tokens only so far: `false` on its 403. */
export async function revokeToken(base: string, app: { id: string; secret: string }, token: string): Promise<boolean> {
  const res = await fetch(`${base}/oauth/token/revoke`, {
    method: 'POST',
    headers: { Authorization: basic(app.id, app.secret), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
    signal: AbortSignal.timeout(30_000),
  });
  if (res.ok) return true;
  if (res.status === 403) return false;
  const body = (await res.json().catch(() => ({}))) as { message?: string };
  throw new CredentialsError(
    `Pinterest did not revoke the token: HTTP ${res.status}: ${body.message ?? res.statusText}${res.status === 401 ? '. PINTEREST_APP_ID or PINTEREST_APP_SECRET is wrong.' : ''}`,
  );
}
