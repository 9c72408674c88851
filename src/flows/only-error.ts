import { EXIT, UserError } from '../util/user-error.js';

/** A `--only` glob that is invalid or matches no content file: a usage error. Apart, so the CLI's entry need not load picomatch. */
export class OnlyError extends UserError {
  override name = 'OnlyError';
  readonly exitCode = EXIT.usage;
  /** `problem` says what is wrong with the glob; the message names the option too. */
  constructor(problem: string) {
    super(`--only ${problem}`);
  }
}
