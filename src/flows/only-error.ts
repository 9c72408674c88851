/** A `--only` glob that is invalid or matches no content file: a usage error. Apart, so the CLI's entry need not load picomatch. */
export class OnlyError extends Error {
  override name = 'OnlyError';
}
