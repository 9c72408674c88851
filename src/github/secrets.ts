import sodium from 'libsodium-wrappers';
import { EXIT, UserError } from '../util/user-error.js';
import type { RepoContext } from './pr-comment.js';
import { GithubError, githubRequest, repoPath, seg } from './rest.js';

/** Writing a secret failed: the run goes on, with a warning that says what permission is missing. */
export class SecretWriteError extends UserError {
  override name = 'SecretWriteError';
  readonly exitCode = EXIT.api;
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** A call whose refusal becomes a SecretWriteError that names the permission to give. */
async function gh<T>(ctx: RepoContext, token: string, method: string, path: string, body?: unknown): Promise<T> {
  try {
    return await githubRequest<T>(ctx, token, method, path, body);
  } catch (err) {
    if (!(err instanceof GithubError)) throw err;
    const why = [401, 403, 404].includes(err.status)
      ? ': the token given as secrets-token may not write this repository\'s secrets (a fine-grained token needs "Secrets: read and write"; a GitHub App needs the "secrets" permission)'
      : '';
    throw new SecretWriteError(`${err.message}${why}`, err.status);
  }
}

const base = (ctx: RepoContext, environment?: string) => (environment ? `${repoPath(ctx)}/environments/${seg(environment)}/secrets` : `${repoPath(ctx)}/actions/secrets`);

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
  const key = await gh<{ key: string; key_id: string }>(ctx, token, 'GET', `${base(ctx, environment)}/public-key`);
  if (!(await stillWanted())) return false;
  await sodium.ready;
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), sodium.from_base64(key.key, sodium.base64_variants.ORIGINAL));
  await gh(ctx, token, 'PUT', `${base(ctx, environment)}/${seg(name)}`, { encrypted_value: sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL), key_id: key.key_id });
  return true;
}

/** Deletes a secret; one that does not exist counts as deleted. */
export async function deleteSecret(ctx: RepoContext, token: string, name: string, environment?: string): Promise<boolean> {
  try {
    await gh(ctx, token, 'DELETE', `${base(ctx, environment)}/${seg(name)}`);
    return true;
  } catch (err) {
    if (err instanceof SecretWriteError && err.status === 404) return false;
    throw err;
  }
}
