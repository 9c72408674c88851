import type { LedgerStore } from '../ledger/store.js';
import { apiBase, createPinterestClient, type PinterestApi } from '../pinterest/client.js';
import { CredentialsError, checkScopes, obtainCredentials } from '../pinterest/credentials.js';
import { limitsFrom } from '../pinterest/limits.js';
import type { Clock, TransportOptions } from '../pinterest/transport.js';
import type { ApiBoard } from '../pinterest/types.js';
import type { Settings } from '../settings/schema.js';
import { type CredentialReport, handleRotation, type SecretsTarget } from './credentials.js';

export interface SessionOptions {
  env: Record<string, string | undefined>;
  runId: string;
  now?: Date;
  mask: (secret: string) => void;
  log: (line: string) => void;
  clock?: Clock;
  transport?: TransportOptions;
  secrets?: SecretsTarget;
  /** The secret boards of boards.yml: the token must have the scopes they need. */
  secretBoards?: readonly string[];
  /** The run will list the account's boards: the listing goes beside the account check, a round trip sooner. */
  listBoards?: boolean;
}

/** A client whose credentials were checked, and what the run reports about them. */
export interface Session {
  api: PinterestApi;
  account?: string;
  credentials: CredentialReport;
  /** The boards' listing, sent beside the account check (when `listBoards` asked for it). */
  boards?: Promise<ApiBoard[]>;
}

/**
 * Everything before the first request that reads or writes pins: a disconnected account stops
 * the run; the token is refreshed (and a rotated one stored back), its scopes and account checked.
 */
export async function connect(settings: Settings, store: LedgerStore, opts: SessionOptions): Promise<Session> {
  const disconnected = (await store.load()).credentials?.disconnected;
  if (disconnected) {
    throw new CredentialsError(
      `the Pinterest account was disconnected on ${disconnected.at.slice(0, 10)} (\`pinops disconnect\`), so nothing was sent. Run \`npx pinops auth\` to connect it again.`,
    );
  }
  const base = apiBase(settings.api);
  const creds = await obtainCredentials(opts.env, base, opts.mask);
  checkScopes(creds, opts.secretBoards);
  const api = createPinterestClient({
    base,
    accessToken: creds.accessToken,
    limits: limitsFrom(settings.rate_limits),
    ...opts.transport,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  // A read, sent beside the check: if the token does not work, the account check's error is the one told.
  const boards = opts.listBoards ? api.listBoards() : undefined;
  boards?.catch(() => {});
  // Confirm the token works before anything is written.
  const account = await api.userAccount();
  const name = account.username ?? account.business_name;
  const credentials = await handleRotation(creds, { store, runId: opts.runId, now: opts.now ?? new Date(), log: opts.log, ...(opts.secrets ? { secrets: opts.secrets } : {}) });
  return { api, ...(name ? { account: name } : {}), credentials, ...(boards ? { boards } : {}) };
}
