import { EXIT, UserError } from '../util/user-error.js';

/** A product page that cannot become a draft: the message says why. Apart, so the CLI's entry need not load the draft code. */
export class DraftError extends UserError {
  override name = 'DraftError';
  readonly exitCode = EXIT.usage;
}
