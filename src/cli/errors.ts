import { EXIT, UserError } from '../util/user-error.js';

/** A mistake in how pinops was called: exit 2, and where the usage is. */
export class UsageError extends UserError {
  override name = 'UsageError';
  readonly exitCode = EXIT.usage;
  override readonly fix = 'Run `pinops --help` for usage.';
}
