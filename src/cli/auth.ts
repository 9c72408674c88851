import { randomBytes } from 'node:crypto';
import { parseBoards, secretBoards } from '../content/parse-boards.js';
import { loadSettings, readBoardsFile } from '../files/repo.js';
import { clientOptionsFromEnv, type GithubClient, githubClient } from '../github/client.js';
import { deleteSecret, writeSecret } from '../github/secrets.js';
import { git } from '../ledger/git.js';
import { gitLedgerStore } from '../ledger/store.js';
import { apiBase } from '../pinterest/client.js';
import { CredentialsError, neededScopes, scopesReason } from '../pinterest/credentials.js';
import { exchangeCode, revokeToken } from '../pinterest/oauth.js';
import { EXIT } from '../util/user-error.js';
import { receiveCode } from './auth-callback.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';

export interface AuthOptions {
  port: number;
  open: boolean;
  timeoutMs: number;
  config?: string;
  repo?: string;
  githubToken?: string;
}

async function settingsOf(io: CliIO, root: string, config?: string) {
  const parsed = await loadSettings(root, config, io.env);
  if (!parsed.ok) throw new UsageError(`${config ?? 'pinops.yml'} is invalid: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  return parsed.settings;
}

function app(io: CliIO): { id: string; secret: string } {
  const id = io.env.PINTEREST_APP_ID?.trim();
  const secret = io.env.PINTEREST_APP_SECRET?.trim();
  if (!id || !secret) throw new UsageError('set PINTEREST_APP_ID and PINTEREST_APP_SECRET (from your app on developers.pinterest.com) in the environment');
  return { id, secret };
}

/** The repository whose secrets to write: --repo and a token, or the runner's variables. */
function github(io: CliIO, opts: { repo?: string; githubToken?: string }): GithubClient | undefined {
  const token = opts.githubToken ?? io.env.GITHUB_TOKEN;
  const repo = opts.repo ?? io.env.GITHUB_REPOSITORY;
  if (!token || !repo) return undefined;
  const [owner, name] = repo.split('/');
  if (!owner || !name) throw new UsageError(`--repo must be OWNER/NAME, not "${repo}"`);
  return githubClient({ owner, repo: name, apiUrl: io.env.GITHUB_API_URL ?? 'https://api.github.com' }, token, {
    ...clientOptionsFromEnv(io.env),
    log: (l) => io.err(`${l}\n`),
  });
}

/** The secret boards content/boards.yml declares (none when it is missing or does not parse: validation reports that). */
async function secretBoardsOf(root: string): Promise<string[]> {
  const file = await readBoardsFile(root);
  return file && 'bytes' in file ? secretBoards(parseBoards(file.path, file.bytes).model) : [];
}

/** Whether the folder is a git repository with an `origin` (where the ledger branch lives). */
async function hasOrigin(root: string): Promise<boolean> {
  return (await git(root, ['remote', 'get-url', 'origin'])).code === 0;
}

/**
 * `pinops auth`: the OAuth authorization-code flow for a maintainer's terminal. Prints (and opens)
 * the consent URL, receives the code on a localhost callback with a `state` check, exchanges it,
 * checks the scopes, and sets the secrets (given a GitHub token) or prints what to set.
 */
export async function authCommand(io: CliIO, root: string, opts: AuthOptions): Promise<number> {
  const settings = await settingsOf(io, root, opts.config);
  const base = apiBase(settings.api);
  const client = app(io);
  const target = github(io, opts);
  const state = randomBytes(16).toString('hex');
  const secret = await secretBoardsOf(root);
  const scopes = neededScopes(secret);
  const { code, redirectUri } = await receiveCode(io, base, client.id, state, { ...opts, scopes });
  const tokens = await exchangeCode(base, client, code, redirectUri);
  const missing = scopes.filter((s) => !tokens.scopes.includes(s));
  if (missing.length) {
    throw new CredentialsError(
      `Pinterest granted ${tokens.scopes.join(', ') || 'no scopes'}, without ${missing.join(', ')}${scopesReason(missing, secret)}: run \`pinops auth\` again and approve every permission pinops asks for.`,
    );
  }
  const expires = tokens.refreshExpiresAt ? ` It expires on ${tokens.refreshExpiresAt.toISOString().slice(0, 10)}; pinops renews it when given a secrets-token.` : '';
  if (target) {
    for (const [name, value] of [
      ['PINTEREST_APP_ID', client.id],
      ['PINTEREST_APP_SECRET', client.secret],
      ['PINTEREST_REFRESH_TOKEN', tokens.refreshToken],
    ] as const) {
      await writeSecret(target, name, value);
    }
    io.out(`✔ Set PINTEREST_APP_ID, PINTEREST_APP_SECRET and PINTEREST_REFRESH_TOKEN on ${target.repo.owner}/${target.repo.repo}.${expires}\n`);
  } else {
    io.out(
      `✔ Connected. Set these repository secrets (Settings → Secrets and variables → Actions):\n\n  PINTEREST_APP_ID         the app id you used\n  PINTEREST_APP_SECRET     the app secret you used\n  PINTEREST_REFRESH_TOKEN  ${tokens.refreshToken}\n\n${expires.trim()}\n`,
    );
  }
  if (await hasOrigin(root)) {
    const store = gitLedgerStore(root, settings.ledger_branch);
    const r = await store.commit(
      'pinops: connected again',
      (l) => {
        if (!l.credentials?.disconnected) return false;
        delete l.credentials.disconnected;
        return true;
      },
      () => [],
    );
    if (r.applied) io.out('The account is marked as connected again on the ledger branch.\n');
  }
  return EXIT.ok;
}

/**
 * `pinops disconnect`: revokes the tokens where Pinterest allows it, deletes the secrets (given a
 * GitHub token), marks the account disconnected on the ledger branch so every run stops, and
 * says what is left to do.
 */
export async function disconnectCommand(io: CliIO, root: string, opts: { config?: string; repo?: string; githubToken?: string }): Promise<number> {
  const settings = await settingsOf(io, root, opts.config);
  const base = apiBase(settings.api);
  const client = app(io);
  const target = github(io, opts);
  const left: string[] = [];
  const tokens = [io.env.PINTEREST_REFRESH_TOKEN, io.env.PINTEREST_ACCESS_TOKEN].filter((t): t is string => !!t?.trim());
  let revoked = 0;
  for (const t of tokens) if (await revokeToken(base, client, t.trim())) revoked++;
  if (tokens.length === 0) left.push('No token was given (PINTEREST_REFRESH_TOKEN or PINTEREST_ACCESS_TOKEN), so none was revoked.');
  else if (revoked === tokens.length) io.out(`✔ Revoked ${revoked} token(s) on Pinterest.\n`);
  else
    left.push(
      "Pinterest revokes only system users' tokens so far: remove pinops' access in your Pinterest account (Settings → Security and logins → Connected apps), and delete the app's secret on developers.pinterest.com if you no longer need it.",
    );
  if (target) {
    const deleted: string[] = [];
    for (const name of ['PINTEREST_REFRESH_TOKEN', 'PINTEREST_ACCESS_TOKEN', 'PINTEREST_APP_SECRET', 'PINTEREST_APP_ID']) if (await deleteSecret(target, name)) deleted.push(name);
    io.out(`✔ Deleted the secrets ${deleted.join(', ') || '(none were set)'} on ${target.repo.owner}/${target.repo.repo}.\n`);
  } else left.push('Delete the repository secrets PINTEREST_APP_ID, PINTEREST_APP_SECRET and PINTEREST_REFRESH_TOKEN (or pass --repo and --github-token to let pinops do it).');
  if (await hasOrigin(root)) {
    await gitLedgerStore(root, settings.ledger_branch).commit(
      'pinops: disconnected',
      (l) => {
        l.credentials = { ...l.credentials, disconnected: { at: new Date().toISOString(), by: 'pinops disconnect' } };
        return true;
      },
      () => [],
    );
    io.out('✔ Marked the account as disconnected on the ledger branch: every run stops until `pinops auth` connects it again.\n');
  } else left.push('This folder has no git origin, so runs were not told: they stop only once the secrets are gone.');
  if (left.length) io.out(`\nLeft to do:\n${left.map((l) => `  - ${l}`).join('\n')}\n`);
  return EXIT.ok;
}
