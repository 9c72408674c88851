import { EXIT, UserError } from '../util/user-error.js';

/** The import cannot go on: a board that is not there, a boards.yml that does not parse. */
export class ImportError extends UserError {
  override name = 'ImportError';
  readonly exitCode = EXIT.usage;
}
