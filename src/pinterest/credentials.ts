import { EXIT, UserError } from '../util/user-error.js';

/** Where the access token came from, and what the user should know about it. */
export interface Credentials {
  accessToken: string;
  source: 'refresh' | 'access-token';
  /** The refresh token the run started with (to recognise it in the ledger, by fingerprint only). */
  refreshToken?: string;
  /** Scopes Pinterest granted (known after a refresh; a plain access token does not say). */
  scopes?: string[];
  /** A rotated refresh token Pinterest returned (to be stored back; see the credentials issue). */
  newRefreshToken?: string;
  refreshTokenExpiresAt?: Date;
}

/**
 * Sent with every request to POST /oauth/token. Apps created before 2025-09-25 get a new refresh
 * token from a refresh only when it is asked for (the spec's description of that endpoint); without
 * it their token is never replaced and the pipeline stops when it lapses. Newer apps ignore it.
 */
export const CONTINUOUS = { continuous_refresh: 'true' } as const;

/** Bad or missing credentials: exit code 3, a message that says which secret to fix. */
export class CredentialsError extends UserError {
  override name = 'CredentialsError';
  readonly exitCode = EXIT.api;
}

/**
 * Gets an access token: refreshed from PINTEREST_APP_ID, PINTEREST_APP_SECRET and
 * PINTEREST_REFRESH_TOKEN (preferred), or PINTEREST_ACCESS_TOKEN as given. Every secret value is
 * passed to `mask` before anything can print it.
 */
export async function obtainCredentials(env: Record<string, string | undefined>, base: string, mask: (secret: string) => void): Promise<Credentials> {
  const appId = env.PINTEREST_APP_ID?.trim();
  const appSecret = env.PINTEREST_APP_SECRET?.trim();
  const refresh = env.PINTEREST_REFRESH_TOKEN?.trim();
  const access = env.PINTEREST_ACCESS_TOKEN?.trim();
  for (const s of [appSecret, refresh, access]) if (s) mask(s);
  if (appId && appSecret && refresh) {
    let res: Response;
    try {
      res = await fetch(`${base}/oauth/token`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${appId}:${appSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refresh, ...CONTINUOUS }).toString(),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      throw new CredentialsError(`cannot reach Pinterest to refresh the access token (${err instanceof Error ? err.message : String(err)})`);
    }
    const body = (await res.json().catch(() => ({}))) as {
      access_token?: string;
      refresh_token?: string;
      refresh_token_expires_at?: number;
      scope?: string;
      message?: string;
      code?: number;
    };
    if (!res.ok || !body.access_token) {
      const rid = res.headers.get('x-pinterest-rid') ?? undefined;
      const why =
        res.status === 401
          ? 'PINTEREST_APP_ID or PINTEREST_APP_SECRET is wrong'
          : /invalid_grant|expired|invalid/i.test(body.message ?? '')
            ? 'PINTEREST_REFRESH_TOKEN is invalid, expired or revoked'
            : 'Pinterest refused the refresh';
      throw new CredentialsError(
        `${why}: HTTP ${res.status}: ${body.message ?? res.statusText}${rid ? ` [x-pinterest-rid ${rid}]` : ''}. Run \`npx pinops auth\` to get new secrets.`,
      );
    }
    mask(body.access_token);
    const creds: Credentials = { accessToken: body.access_token, source: 'refresh', refreshToken: refresh };
    if (typeof body.scope === 'string') creds.scopes = body.scope.split(/[,\s]+/).filter(Boolean);
    if (body.refresh_token && body.refresh_token !== refresh) {
      mask(body.refresh_token);
      creds.newRefreshToken = body.refresh_token;
    }
    if (body.refresh_token_expires_at) creds.refreshTokenExpiresAt = new Date(body.refresh_token_expires_at * 1000);
    return creds;
  }
  if (access) return { accessToken: access, source: 'access-token' };
  const missing = ['PINTEREST_APP_ID', 'PINTEREST_APP_SECRET', 'PINTEREST_REFRESH_TOKEN'].filter((k) => !env[k]?.trim());
  throw new CredentialsError(
    `no Pinterest credentials: set the secrets ${missing.join(', ')} (or PINTEREST_ACCESS_TOKEN) and pass them to the step as env. \`npx pinops auth\` prints them.`,
  );
}

/** The scopes pinops needs for every repository. */
export const REQUIRED_SCOPES = ['boards:read', 'boards:write', 'pins:read', 'pins:write', 'user_accounts:read'] as const;

/**
 * What secret boards need besides: seeing them in the board listing (without it a secret board
 * looks missing and would be created again), creating them, and pinning to them.
 */
export const SECRET_SCOPES = ['boards:read_secret', 'boards:write_secret', 'pins:write_secret'] as const;

/** The scopes a repository needs: the secret boards' too when boards.yml has one. */
export function neededScopes(secretBoards: readonly string[]): string[] {
  return [...REQUIRED_SCOPES, ...(secretBoards.length ? SECRET_SCOPES : [])];
}

/** Why the missing scopes are needed, for the message that names them. */
export function scopesReason(missing: readonly string[], secretBoards: readonly string[]): string {
  if (!missing.some((s) => (SECRET_SCOPES as readonly string[]).includes(s))) return '';
  const names = secretBoards.map((b) => `"${b}"`).join(', ');
  return ` (content/boards.yml has the secret board${secretBoards.length > 1 ? 's' : ''} ${names}, which need${secretBoards.length > 1 ? '' : 's'} ${SECRET_SCOPES.join(', ')})`;
}

/** Stops the run before anything is written when the token lacks a scope the repository needs (secret boards need three more). */
export function checkScopes(creds: Credentials, secretBoards: readonly string[] = []): void {
  if (!creds.scopes) return;
  const needed = neededScopes(secretBoards);
  const missing = needed.filter((s) => !creds.scopes?.includes(s));
  if (missing.length) {
    throw new CredentialsError(
      `the Pinterest token lacks the scope(s) ${missing.join(', ')}${scopesReason(missing, secretBoards)}, so nothing was sent. Run \`npx pinops auth\` and approve every scope pinops asks for (${needed.join(' ')}).`,
    );
  }
}
