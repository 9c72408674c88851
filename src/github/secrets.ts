import sodium from 'libsodium-wrappers';
import { EXIT, UserError } from '../util/user-error.js';
import type { GithubClient, Method } from './client.js';
import { GithubError } from './errors.js';
import { repoPath, seg } from './paths.js';

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
async function call<T>(gh: GithubClient, method: Method, path: string, body?: unknown): Promise<T> {
  try {
    return await gh.request<T>(method, path, body);
  } catch (err) {
    if (!(err instanceof GithubError)) throw err;
    const why = err.forbidden
      ? ': the token given as secrets-token may not write this repository\'s secrets (a fine-grained token needs "Secrets: read and write"; a GitHub App needs the "secrets" permission)'
      : '';
    throw new SecretWriteError(`${err.message}${why}`, err.status);
  }
}

const base = (gh: GithubClient, environment?: string) => (environment ? `${repoPath(gh.repo)}/environments/${seg(environment)}/secrets` : `${repoPath(gh.repo)}/actions/secrets`);

/**
 * Encrypts `value` with the repository's (or environment's) public key in a sealed box and stores
 * it. `stillWanted` is asked right before the write (a newer value may have been chosen meanwhile);
 * returns whether the secret was written.
 */
export async function writeSecret(gh: GithubClient, name: string, value: string, environment?: string, stillWanted: () => Promise<boolean> = async () => true): Promise<boolean> {
  const key = await call<{ key: string; key_id: string }>(gh, 'GET', `${base(gh, environment)}/public-key`);
  if (!(await stillWanted())) return false;
  await sodium.ready;
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), sodium.from_base64(key.key, sodium.base64_variants.ORIGINAL));
  await call(gh, 'PUT', `${base(gh, environment)}/${seg(name)}`, { encrypted_value: sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL), key_id: key.key_id });
  return true;
}

/** Deletes a secret; one that does not exist counts as deleted. */
export async function deleteSecret(gh: GithubClient, name: string, environment?: string): Promise<boolean> {
  try {
    await call(gh, 'DELETE', `${base(gh, environment)}/${seg(name)}`);
    return true;
  } catch (err) {
    if (err instanceof SecretWriteError && err.status === 404) return false;
    throw err;
  }
}
