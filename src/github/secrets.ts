import sodium from 'libsodium-wrappers';
import type { RepoContext } from './pr-comment.js';

/** Writing a secret failed: the run goes on, with a warning that says what permission is missing. */
export class SecretWriteError extends Error {
  override name = 'SecretWriteError';
}

async function gh(ctx: RepoContext, token: string, method: string, path: string, body?: unknown): Promise<Response> {
  const res = await fetch(`${ctx.apiUrl.replace(/\/+$/, '')}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': '2022-11-28',
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  if (res.status === 401 || res.status === 403 || res.status === 404) {
    throw new SecretWriteError(
      `GitHub answered ${res.status} to ${method} ${path}: the token given as secrets-token may not write this repository's secrets (a fine-grained token needs "Secrets: read and write"; a GitHub App needs the "secrets" permission)`,
    );
  }
  if (!res.ok) throw new SecretWriteError(`GitHub answered ${res.status} to ${method} ${path}`);
  return res;
}

const base = (ctx: RepoContext, environment?: string) =>
  environment ? `/repos/${ctx.owner}/${ctx.repo}/environments/${encodeURIComponent(environment)}/secrets` : `/repos/${ctx.owner}/${ctx.repo}/actions/secrets`;

/**
 * Encrypts `value` with the repository's (or environment's) public key in a sealed box and stores
 * it. `stillWanted` is asked right before the write (a newer value may have been chosen meanwhile);
 * returns whether the secret was written.
 */
export async function writeSecret(
  ctx: RepoContext,
  token: string,
  name: string,
  value: string,
  environment?: string,
  stillWanted: () => Promise<boolean> = async () => true,
): Promise<boolean> {
  const key = (await (await gh(ctx, token, 'GET', `${base(ctx, environment)}/public-key`)).json()) as { key: string; key_id: string };
  if (!(await stillWanted())) return false;
  await sodium.ready;
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), sodium.from_base64(key.key, sodium.base64_variants.ORIGINAL));
  await gh(ctx, token, 'PUT', `${base(ctx, environment)}/${name}`, { encrypted_value: sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL), key_id: key.key_id });
  return true;
}

/** Deletes a secret; one that does not exist counts as deleted. */
export async function deleteSecret(ctx: RepoContext, token: string, name: string, environment?: string): Promise<boolean> {
  try {
    await gh(ctx, token, 'DELETE', `${base(ctx, environment)}/${name}`);
    return true;
  } catch (err) {
    if (err instanceof SecretWriteError && / 404 /.test(err.message)) return false;
    throw err;
  }
}
