import { createHash } from 'node:crypto';
import type { Warning, WarningLevel } from '../diagnostics/warning.js';
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
  const currentFp = tokenFingerprint(current);
  const nowIso = opts.now.toISOString();
  const newFp = creds.newRefreshToken ? tokenFingerprint(creds.newRefreshToken) : undefined;
  const expiresIso = creds.refreshTokenExpiresAt?.toISOString() ?? new Date(opts.now.getTime() + LIFETIME.refresh).toISOString();

  let seenAt = nowIso;
  let stored = false;
  await opts.store.commit(
    'pinops: credentials',
    (l) => {
      l.credentials ??= {};
      const c: LedgerCredentials = l.credentials;
      c.seen ??= {};
      let changed = false;
      if (!c.seen[currentFp]) {
        c.seen[currentFp] = nowIso;
        changed = true;
      }
      seenAt = c.seen[currentFp] as string;
      stored = false;
      if (newFp && opts.secrets && !(c.stored && c.stored.expires_at > expiresIso)) {
        c.stored = { fingerprint: newFp, expires_at: expiresIso, at: nowIso, run: opts.runId };
        c.seen[newFp] = nowIso;
        stored = true;
        changed = true;
      }
      return changed;
    },
    () => [],
  );

  if (newFp && opts.secrets && stored) {
    try {
      // Right before the write, the ledger is read again: a newer token recorded meanwhile wins.
      const stillNewest = async () => {
        const latest = (await opts.store.load({ fresh: true })).credentials?.stored;
        return !latest || latest.fingerprint === newFp || latest.expires_at < expiresIso;
      };
      const written = await writeSecret(opts.secrets.github, 'PINTEREST_REFRESH_TOKEN', creds.newRefreshToken as string, opts.secrets.environment, stillNewest);
      report.rotated = true;
      if (!written) {
        opts.log('· another run stored a newer refresh token; this one is not written');
        return report;
      }
      opts.log(
        `✔ stored the new refresh token as the ${opts.secrets.environment ? `environment "${opts.secrets.environment}"` : 'repository'} secret PINTEREST_REFRESH_TOKEN (valid until ${expiresIso.slice(0, 10)})`,
      );
      return report;
    } catch (err) {
      if (!(err instanceof SecretWriteError)) throw err;
      report.warnings.push({ level: 'warning', text: `Could not store the new refresh token: ${err.message}.` });
    }
  } else if (newFp && opts.secrets && !stored) {
    opts.log('· another run stored a newer refresh token; this one is not written');
    report.rotated = true;
    return report;
  }

  const lifetime = creds.source === 'refresh' ? LIFETIME.refresh : LIFETIME.access;
  report.renewBy = new Date(Date.parse(seenAt) + lifetime);
  const level = renewLevel(report.renewBy, opts.now);
  report.urgent = level === 'error';
  const warning = renewWarning(creds, seenAt, report.renewBy, level, newFp !== undefined);
  if (warning) report.warnings.push(warning);
  return report;
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
