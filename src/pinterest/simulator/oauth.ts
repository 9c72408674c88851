import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type Answer, err, type Route, type SimRequest, scopesOf, type World } from './world.js';

/** Pinterest's OAuth: the consent page, and the token endpoint the app calls with its own credentials. */

/** Whether the request carries the app's id and secret (HTTP Basic), as the token endpoints require. */
function isTheApp(world: World, headers: IncomingMessage['headers']): boolean {
  const basic = Buffer.from(String(headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
  return basic === `${world.app.id}:${world.app.secret}`;
}

/** POST /oauth/token: a refresh token or an authorization code for a new pair of tokens. */
function exchangeToken(world: World, { body, headers }: SimRequest): Answer {
  if (!isTheApp(world, headers)) return err(401, 1, 'Authentication failed: invalid client credentials.');
  const form = body as Record<string, string>;
  const scope = grantedScope(world, form);
  return Array.isArray(scope) ? { status: 200, body: issueTokens(world, scope, form.grant_type, refreshKind(world, form)) } : scope;
}

/**
 * What refresh token the answer carries. A legacy app (created before 2025-09-25) gets continuous
 * ones only when the request sends `continuous_refresh=true`; otherwise a refresh answers with an
 * access token alone and a code with a legacy 365-day refresh token that is never replaced.
 */
function refreshKind(world: World, form: Record<string, string>): 'continuous' | 'legacy' | 'none' {
  if (!world.opts.legacyApp || form.continuous_refresh === 'true') return 'continuous';
  return form.grant_type === 'refresh_token' ? 'none' : 'legacy';
}

/** Seconds a refresh token lasts: continuous 60 days (renewed by each refresh), legacy 365. */
const REFRESH_LIFETIME_S = { continuous: 5_184_000, legacy: 31_536_000 } as const;

/** The scopes the grant in the form stands for, or why it is refused. */
function grantedScope(world: World, form: Record<string, string>): string[] | Answer {
  const { state } = world;
  if (form.grant_type === 'refresh_token') {
    // Continuous refresh: every refresh answers with a new refresh token; the old one stays
    // valid until it expires, 60 days after it was issued.
    if (!state.refreshTokens.has(form.refresh_token ?? '') || state.revoked.has(form.refresh_token ?? ''))
      return err(400, 1, 'invalid_grant: the refresh token is invalid or expired.');
    return scopesOf(world, form.refresh_token ?? '');
  }
  if (form.grant_type === 'authorization_code') {
    const code = state.codes.get(form.code ?? '');
    if (!code) return err(400, 1, 'invalid_grant: the authorization code is invalid or used.');
    if (code.redirectUri !== form.redirect_uri) return err(400, 1, 'invalid_request: redirect_uri does not match the one the code was issued for.');
    state.codes.delete(form.code ?? '');
    return code.scope;
  }
  return err(400, 1, 'unsupported_grant_type');
}

/** A new access token (and refresh token, unless `refresh` is `none`) with these scopes, as the token endpoint answers them. */
function issueTokens(world: World, scope: string[], grantType: string | undefined, refresh: 'continuous' | 'legacy' | 'none') {
  const { state } = world;
  const access = `pina_sim_${randomUUID()}`;
  state.accessTokens.add(access);
  state.scopes.set(access, scope);
  const answer = { access_token: access, token_type: 'bearer', expires_in: 2_592_000, scope: scope.join(','), response_type: grantType };
  if (refresh === 'none') return answer;
  const token = `pinr_sim_${randomUUID()}`;
  state.refreshTokens.add(token);
  state.scopes.set(token, scope);
  const lifetime = REFRESH_LIFETIME_S[refresh];
  let expiresAt = Math.floor(Date.now() / 1000) + lifetime;
  // Continuous tokens' expiries strictly increase, so "the newest token" is always well defined.
  if (refresh === 'continuous') expiresAt = world.lastExpiry = Math.max(expiresAt, world.lastExpiry + 1);
  return { ...answer, refresh_token: token, refresh_token_expires_in: lifetime, refresh_token_expires_at: expiresAt };
}

/** POST /oauth/token/revoke: works only when the simulator is told so (Pinterest: system users only). */
function revokeToken(world: World, { body, headers }: SimRequest): Answer {
  if (!isTheApp(world, headers)) return err(401, 2, 'Authentication failed.');
  if (!world.opts.revokeAllowed) return err(403, 29, 'You are not permitted to access that resource.');
  const token = (body as Record<string, string>).token ?? '';
  world.state.revoked.add(token);
  world.state.accessTokens.delete(token);
  return { status: 200 };
}

export const OAUTH_ROUTES: Route[] = [
  ['POST', '/oauth/token', exchangeToken],
  ['POST', '/oauth/token/revoke', revokeToken],
];

/**
 * The consent page (GET /oauth/, not part of API v5): approves (or denies) at once and sends the
 * browser back with a code. Returns where to redirect, or why the request is refused.
 */
export function consent(world: World, query: URLSearchParams): { location: string } | { refused: string } {
  const redirect = query.get('redirect_uri') ?? '';
  if (query.get('client_id') !== world.app.id) return { refused: 'Unknown client_id.' };
  const registered = world.opts.redirectUris ?? ['http://localhost:8085/'];
  if (!registered.includes(redirect) && !(registered.includes('*') && /^http:\/\/localhost:\d+\/$/.test(redirect))) {
    return { refused: 'The redirect_uri is not registered for this app.' };
  }
  const target = new URL(redirect);
  if (world.opts.consent === 'deny') target.searchParams.set('error', 'access_denied');
  else {
    const code = randomUUID();
    const asked = (query.get('scope') ?? '').split(/[,\s]+/).filter(Boolean);
    world.state.codes.set(code, { redirectUri: redirect, scope: asked.filter((x) => world.granted.includes(x)) });
    target.searchParams.set('code', code);
  }
  target.searchParams.set('state', query.get('state') ?? '');
  return { location: target.href };
}
