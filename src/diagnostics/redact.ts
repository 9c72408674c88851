import { REDACTED, redact } from '../util/redact.js';

/**
 * What a diagnostic may quote of a user's file. Messages end up in terminals, annotations, job
 * summaries and pull-request comments, so a file that should never have been read (a checkout's
 * .git/config with its `AUTHORIZATION: basic …` header) or a secret pasted into a pin must not
 * travel with them: quoted values are cut to a short excerpt, and anything shaped like a credential
 * is replaced by `[redacted]`.
 */

/** The longest quoted value a message keeps (longer ones end in `…`). */
export const EXCERPT = 80;
/** The longest message (a list of places, say) before it is cut. */
const MESSAGE = 600;

/**
 * Beyond what every outgoing text loses (util/redact: registered secrets, authorization headers,
 * GitHub and Pinterest tokens), a quote from a file also loses what only looks like a secret
 * there. Not applied to pinops' own messages, which name git commits by their hex.
 */
const FILE_SECRETS: RegExp[] = [
  /\b(?:basic|bearer)\s+[A-Za-z0-9+/_=.-]{16,}/gi,
  // Private keys.
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  // Long hex runs (API keys, hashes of secrets).
  /\b[0-9a-fA-F]{32,}\b/g,
];

/** A run of base64 (or base64url) characters long enough to be a credential. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{32,}={0,2}/g;

/** Base64 credentials mix cases and digits; slugs and words (`waterproof-winter-boots-…`) do not. */
function looksLikeCredential(run: string): boolean {
  return /[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9]/.test(run);
}

/** `s` with anything shaped like a secret replaced by `[redacted]`. */
export function redactSecrets(s: string): string {
  let out = redact(s);
  for (const re of FILE_SECRETS) out = out.replace(re, REDACTED);
  return out.replace(BASE64_RUN, (m) => (m !== REDACTED && looksLikeCredential(m) ? REDACTED : m));
}

/** A value from a file as a message quotes it: at most `max` characters, secrets redacted. */
export function excerpt(value: string, max = EXCERPT): string {
  const chars = [...value.slice(0, max * 2 + 2)];
  const cut = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : value;
  return redactSecrets(cut);
}

/**
 * The safety net every diagnostic goes through: a quoted value (`"…"` or `` `…` ``) longer than an
 * excerpt is cut, the message as a whole is bounded, and secrets are redacted.
 */
export function safeMessage(message: string): string {
  let out = message;
  if (out.length > EXCERPT) out = out.replace(/"([^"\n]*)"|`([^`\n]*)`/g, (m, dq?: string, bq?: string) => clipQuoted(m, dq ?? bq ?? '', dq !== undefined ? '"' : '`'));
  if (out.length > MESSAGE) out = `${[...out].slice(0, MESSAGE - 1).join('')}…`;
  return redactSecrets(out);
}

function clipQuoted(whole: string, inner: string, q: string): string {
  return inner.length > EXCERPT ? `${q}${[...inner].slice(0, EXCERPT - 1).join('')}…${q}` : whole;
}
