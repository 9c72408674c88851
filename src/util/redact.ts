/**
 * Secrets out of every text that leaves the process: the ledger log, annotations, the job summary,
 * comments, CLI errors. An API or a proxy that echoes a request (its `Authorization` header, a
 * form with the refresh token) in an error would otherwise put a token into pushed history.
 *
 * Two nets: every secret value pinops knows is registered (tokens from the environment and the
 * inputs at start, each token obtained on the way), and anything shaped like a credential is cut
 * whether registered or not.
 */

export const REDACTED = '[redacted]';

/** Shorter values are not registered: they would cut ordinary words. */
const MIN_LENGTH = 6;
const known = new Set<string>();
let ordered: string[] = [];

/** Registers a secret value: from now on it never leaves the process in a text. */
export function registerSecret(value: string | undefined): void {
  const v = value?.trim();
  if (!v || v.length < MIN_LENGTH || known.has(v)) return;
  known.add(v);
  // A form body or a URL echoes a secret encoded.
  const encoded = encodeURIComponent(v);
  if (encoded !== v) known.add(encoded);
  ordered = [...known].sort((a, b) => b.length - a.length);
}

/** Environment variables that hold secrets, by name: tokens, secrets, passwords, keys. */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE_KEY|API_KEY|CREDENTIAL/i;

/** Registers every secret-named variable of `env` (PINTEREST_APP_SECRET, GITHUB_TOKEN, INPUT_TOKEN, …). */
export function registerEnvSecrets(env: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(env)) if (SECRET_NAME.test(name)) registerSecret(value);
}

/** Characters of a token in a header (RFC 6750's b64token). */
const TOKEN = '[A-Za-z0-9._~+/-]+=*';

/** Credential-shaped text, registered or not. */
const SHAPES: [RegExp, (m: string, ...groups: string[]) => string][] = [
  // An echoed header: `Authorization: Bearer …`, `"authorization":"token …"`, `Proxy-Authorization=Basic …`.
  [
    /((?:proxy-)?authorization["']?\s*[:=]\s*["']?)((?:bearer|basic|token|digest)\s+)?([^\s"',;()[\]{}<>]+)/gi,
    // No scheme but a value that is one: the value was cut already ("Bearer [redacted]").
    (m, head: string, scheme: string | undefined, value: string) => (!scheme && /^(bearer|basic|token|digest)$/i.test(value) ? m : `${head}${scheme ?? ''}${REDACTED}`),
  ],
  [new RegExp(`\\b(Bearer\\s+)${TOKEN}`, 'g'), (_m, head: string) => `${head}${REDACTED}`],
  // Basic credentials are base64 of `id:secret`: only what decodes to that is cut ("Basic authentication" is not).
  [/\b(Basic\s+)([A-Za-z0-9+/]{8,}={0,2})/g, (m, head: string, b64: string) => (Buffer.from(b64, 'base64').toString('latin1').includes(':') ? `${head}${REDACTED}` : m)],
  // Pinterest (pina_ access, pinr_ refresh), GitHub (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_).
  [/\bpin[ar]_[A-Za-z0-9._~+/=-]{16,}/g, () => REDACTED],
  [/\bgh[pousr]_[A-Za-z0-9_]{16,}/g, () => REDACTED],
  [/\bgithub_pat_[A-Za-z0-9_]{16,}/g, () => REDACTED],
];

/** `text` with every registered secret and every credential-shaped string replaced by `[redacted]`. */
export function redact(text: string): string {
  let out = text;
  for (const [re, replace] of SHAPES) out = out.replace(re, replace as (m: string, ...a: unknown[]) => string);
  for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** A JSON.stringify replacer that redacts every string: the output stays valid JSON. */
export const redactJson = (_key: string, value: unknown): unknown => (typeof value === 'string' ? redact(value) : value);

/** For tests: forgets every registered secret. */
export function clearSecrets(): void {
  known.clear();
  ordered = [];
}
