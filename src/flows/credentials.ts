import { createHash } from 'node:crypto';
import type { Warning, WarningLevel } from '../diagnostics/warning.js';
import type { GithubClient } from '../github/client.js';
import { SecretWriteError, writeSecret } from '../github/secrets.js';
import type { Ledger, LedgerCredentials } from '../ledger/format.js';
import type { LedgerStore } from '../ledger/store.js';
import type { Credentials } from '../pinterest/credentials.js';
import { DAY_MS } from '../util/duration.js';
import { isDeferring } from './publish/deferred.js';

/** Pinterest's continuous refresh tokens last 60 days; plain access tokens about 30. */
const LIFETIME = { refresh: 60 * DAY_MS, access: 30 * DAY_MS };

/** Where a rotated refresh token is stored back (a token allowed to write secrets). */
export interface SecretsTarget {
  /** A client with the token that may write secrets. */
  github: GithubClient;
  /** An environment's secret instead of the repository's. */
  environment?: string;
}

/** What a run says about its credentials: in the log, the summary and (when urgent) an error annotation. */
export interface CredentialReport {
  source: Credentials['source'];
  /** The new refresh token was stored as the secret. */
  rotated: boolean;
  /** Until when the token in the secret works, when pinops did not (or could not) replace it. */
  renewBy?: Date;
  /** The newest refresh token's expiry. */
  expiresAt?: Date;
  /**
   * The renew-by date at its level (renewLevel): an info line until the last 14 days, a warning
   * in them, an error in the last 3 (`urgent`), when the run must not pass unnoticed.
   */
  warnings: Warning[];
  /** Within 3 days of `renewBy`. */
  urgent: boolean;
}

/** A token's name in the ledger: a short SHA-256 prefix, never the token. */
export const tokenFingerprint = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 16);

/**
 * After a refresh: stores a rotated refresh token back as the secret when it may (the newest
 * token wins a race, by its expiry, recorded on the ledger branch first), and otherwise says by
 * when the secret must be renewed. Every secret was masked before this runs.
 */
export async function handleRotation(
  creds: Credentials,
  opts: { store: LedgerStore; runId: string; now: Date; secrets?: SecretsTarget; log: (l: string) => void },
): Promise<CredentialReport> {
  const report: CredentialReport = { source: creds.source, rotated: false, warnings: [], urgent: false };
  if (creds.refreshTokenExpiresAt) report.expiresAt = creds.refreshTokenExpiresAt;
  const current = creds.source === 'refresh' ? creds.refreshToken : creds.accessToken;
  if (!current) return report;
  const newFp = creds.newRefreshToken ? tokenFingerprint(creds.newRefreshToken) : undefined;
  const expiresIso = creds.refreshTokenExpiresAt?.toISOString() ?? new Date(opts.now.getTime() + LIFETIME.refresh).toISOString();
  const { seenAt, stored } = await recordTokens(opts.store, {
    current: tokenFingerprint(current),
    ...(newFp && opts.secrets ? { next: newFp } : {}),
    expiresIso,
    now: opts.now.toISOString(),
    runId: opts.runId,
  });

  if (newFp && opts.secrets) {
    try {
      // Not recorded as the stored token on the ledger: another run's token expires later and goes into the secret.
      const written = stored && (await writeNewToken(creds.newRefreshToken as string, newFp, expiresIso, opts.store, opts.secrets));
      report.rotated = true;
      opts.log(
        written
          ? `✔ stored the new refresh token as the ${opts.secrets.environment ? `environment "${opts.secrets.environment}"` : 'repository'} secret PINTEREST_REFRESH_TOKEN (valid until ${expiresIso.slice(0, 10)})`
          : '· another run stored a newer refresh token; this one is not written',
      );
      return report;
    } catch (err) {
      if (!(err instanceof SecretWriteError)) throw err;
      report.warnings.push({ level: 'warning', text: `Could not store the new refresh token: ${err.message}.` });
    }
  }
  const { renewBy, urgent, warning } = renewal(creds, seenAt, opts.now);
  report.renewBy = renewBy;
  report.urgent = urgent;
  if (warning) report.warnings.push(warning);
  return report;
}

/**
 * Notes on the ledger branch when the current token was first seen (its lifetime counts from then)
 * and, when this run has a `next` token to store and no token expiring later is stored, records it
 * as the stored one. Tokens are named by fingerprint; times are ISO strings.
 */
async function recordTokens(
  store: LedgerStore,
  t: { current: string; next?: string; expiresIso: string; now: string; runId: string },
): Promise<{ seenAt: string; stored: boolean }> {
  let seenAt = t.now;
  let stored = false;
  // Nothing to store: the first-seen note rides with the run's next push (its first intents').
  if (!t.next && isDeferring(store)) {
    const seen = (await store.load()).credentials?.seen?.[t.current];
    if (!seen)
      store.defer(
        'pinops: credentials',
        (l) => noteSeen(l, t.current, t.now),
        () => [],
      );
    return { seenAt: seen ?? t.now, stored };
  }
  await store.commit(
    'pinops: credentials',
    // Applied again when the push is rejected (another run pushed first): every outcome is set anew.
    (l) => {
      l.credentials ??= {};
      const c: LedgerCredentials = l.credentials;
      c.seen ??= {};
      let changed = noteSeen(l, t.current, t.now);
      seenAt = c.seen[t.current] as string;
      stored = false;
      if (t.next && !(c.stored && c.stored.expires_at > t.expiresIso)) {
        c.stored = { fingerprint: t.next, expires_at: t.expiresIso, at: t.now, run: t.runId };
        c.seen[t.next] = t.now;
        stored = true;
        changed = true;
      }
      return changed;
    },
    () => [],
  );
  return { seenAt, stored };
}

/** Notes when a token was first seen, unless the ledger has already; true when it changed. */
function noteSeen(l: Ledger, fingerprint: string, now: string): boolean {
  l.credentials ??= {};
  l.credentials.seen ??= {};
  if (l.credentials.seen[fingerprint]) return false;
  l.credentials.seen[fingerprint] = now;
  return true;
}

/** Writes the new refresh token as the secret; false when a newer one was recorded meanwhile. */
async function writeNewToken(token: string, fingerprint: string, expiresIso: string, store: LedgerStore, secrets: SecretsTarget): Promise<boolean> {
  // Right before the write, the ledger is read again: a newer token recorded meanwhile wins.
  const stillNewest = async () => {
    const latest = (await store.load({ fresh: true })).credentials?.stored;
    return !latest || latest.fingerprint === fingerprint || latest.expires_at < expiresIso;
  };
  return writeSecret(secrets.github, 'PINTEREST_REFRESH_TOKEN', token, secrets.environment, stillNewest);
}

/** By when the secret must be renewed (its lifetime counted from when the ledger first saw it), how loud that is, and what to say. */
function renewal(creds: Credentials, seenAt: string, now: Date): { renewBy: Date; urgent: boolean; warning?: Warning } {
  const lifetime = creds.source === 'refresh' ? LIFETIME.refresh : LIFETIME.access;
  const renewBy = new Date(Date.parse(seenAt) + lifetime);
  const level = renewLevel(renewBy, now);
  const warning = renewWarning(creds, seenAt, renewBy, level, creds.newRefreshToken !== undefined);
  return { renewBy, urgent: level === 'error', ...(warning ? { warning } : {}) };
}

/** Days before the renew-by date from which a run warns, and from which it is an error. */
export const RENEW_DAYS = { warning: 14, error: 3 } as const;

/**
 * How loud the renew-by date is: an info line (the log, not an annotation) until its last 14 days,
 * a warning in them, an error in the last 3. An hourly workflow says it on every run, so only the
 * last days may be loud.
 */
export function renewLevel(renewBy: Date, now: Date): WarningLevel {
  const left = renewBy.getTime() - now.getTime();
  if (left <= RENEW_DAYS.error * DAY_MS) return 'error';
  return left <= RENEW_DAYS.warning * DAY_MS ? 'warning' : 'info';
}

/** What to say about a secret pinops did not replace: a rotated refresh token that must be stored by hand, or a plain access token. */
function renewWarning(creds: Credentials, seenAt: string, renewBy: Date, level: WarningLevel, rotated: boolean): Warning | undefined {
  const date = renewBy.toISOString().slice(0, 10);
  if (creds.source === 'refresh' && rotated)
    return {
      level,
      text: `The secret PINTEREST_REFRESH_TOKEN (first seen ${seenAt.slice(0, 10)}) stops working by ${date}: renew it before then (\`npx pinops auth\`), or give the action a \`secrets-token\` that may write secrets, and pinops stores each new refresh token itself.`,
    };
  if (creds.source === 'access-token')
    return {
      level,
      text: `PINTEREST_ACCESS_TOKEN (first seen ${seenAt.slice(0, 10)}) expires around ${date}: switch to PINTEREST_APP_ID, PINTEREST_APP_SECRET and PINTEREST_REFRESH_TOKEN (\`npx pinops auth\`).`,
    };
  return undefined;
}
