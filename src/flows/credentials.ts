import { createHash } from 'node:crypto';
import type { Warning } from '../diagnostics/warning.js';
import type { GithubClient } from '../github/client.js';
import { SecretWriteError, writeSecret } from '../github/secrets.js';
import type { LedgerCredentials } from '../ledger/format.js';
import type { LedgerStore } from '../ledger/store.js';
import type { Credentials } from '../pinterest/credentials.js';
import { DAY_MS } from '../util/duration.js';

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
  /** A secret about to stop working is an error in its last 7 days (`urgent`): the run must not pass unnoticed. */
  warnings: Warning[];
  /** Within 7 days of `renewBy`. */
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
  await store.commit(
    'pinops: credentials',
    // Applied again when the push is rejected (another run pushed first): every outcome is set anew.
    (l) => {
      l.credentials ??= {};
      const c: LedgerCredentials = l.credentials;
      c.seen ??= {};
      let changed = false;
      if (!c.seen[t.current]) {
        c.seen[t.current] = t.now;
        changed = true;
      }
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

/** Writes the new refresh token as the secret; false when a newer one was recorded meanwhile. */
async function writeNewToken(token: string, fingerprint: string, expiresIso: string, store: LedgerStore, secrets: SecretsTarget): Promise<boolean> {
  // Right before the write, the ledger is read again: a newer token recorded meanwhile wins.
  const stillNewest = async () => {
    const latest = (await store.load({ fresh: true })).credentials?.stored;
    return !latest || latest.fingerprint === fingerprint || latest.expires_at < expiresIso;
  };
  return writeSecret(secrets.github, 'PINTEREST_REFRESH_TOKEN', token, secrets.environment, stillNewest);
}

/**
 * By when the secret must be renewed (its lifetime counted from when the ledger first saw it),
 * urgent in the last 7 days, and the warning that says so: for a refresh token that rotates, and
 * for an access token in its last 14 days.
 */
function renewal(creds: Credentials, seenAt: string, now: Date): { renewBy: Date; urgent: boolean; warning?: Warning } {
  const lifetime = creds.source === 'refresh' ? LIFETIME.refresh : LIFETIME.access;
  const renewBy = new Date(Date.parse(seenAt) + lifetime);
  const left = renewBy.getTime() - now.getTime();
  const urgent = left < 7 * DAY_MS;
  const date = renewBy.toISOString().slice(0, 10);
  const seen = seenAt.slice(0, 10);
  const text =
    creds.source === 'refresh' && creds.newRefreshToken
      ? `The secret PINTEREST_REFRESH_TOKEN (first seen ${seen}) stops working by ${date}: renew it before then (\`npx pinops auth\`), or give the action a \`secrets-token\` that may write secrets, and pinops stores each new refresh token itself.`
      : creds.source === 'access-token' && (urgent || left < 14 * DAY_MS)
        ? `PINTEREST_ACCESS_TOKEN (first seen ${seen}) expires around ${date}: switch to PINTEREST_APP_ID, PINTEREST_APP_SECRET and PINTEREST_REFRESH_TOKEN (\`npx pinops auth\`).`
        : undefined;
  return text ? { renewBy, urgent, warning: { level: urgent ? 'error' : 'warning', text } } : { renewBy, urgent };
}
