/** Exit codes of the CLI (PRODUCT.md, "Errors"; the README lists them). */
export const EXIT = { ok: 0, content: 1, usage: 2, api: 3, io: 4, bug: 5 } as const;

/** A mistake in how pinops was called or configured: exit 2, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
