import { EXIT, UserError } from '../util/user-error.js';

/** What kind of failure an API call met; each kind has its own advice. */
export type ApiErrorKind =
  | 'credentials'
  | 'scope'
  /** A Trial app creating pins in production (code 29, "use API Sandbox"). */
  | 'trial'
  | 'rate-limit'
  | 'spam-rate-limit'
  | 'validation'
  | 'not-found'
  | 'conflict'
  | 'server'
  | 'network'
  | 'unknown-outcome';

const ADVICE: Record<ApiErrorKind, string> = {
  credentials:
    'The Pinterest token was refused: check PINTEREST_APP_ID, PINTEREST_APP_SECRET and PINTEREST_REFRESH_TOKEN (or PINTEREST_ACCESS_TOKEN); run `npx pinops auth` for new ones.',
  scope:
    'The token lacks a permission pinops needs (boards:read boards:write pins:read pins:write user_accounts:read, and for secret boards boards:read_secret boards:write_secret pins:write_secret): run `npx pinops auth` to authorise the app again with those scopes.',
  trial:
    "The Pinterest app has Trial access, which may create pins only in Pinterest's API Sandbox: set `api: sandbox` in pinops.yml and PINTEREST_ACCESS_TOKEN to the sandbox token from your app's page on developers.pinterest.com (the sandbox has no video pins and no analytics), or apply for Standard access there to publish to the account itself.",
  'rate-limit': 'Pinterest rate-limited the run; what was not published is published by the next run.',
  'spam-rate-limit':
    'Pinterest suspects spam and stopped accepting pins from this account for now: publish fewer pins per run (schedule.max_per_run, max_per_day) and review https://policy.pinterest.com/community-guidelines.',
  validation: 'Pinterest refused the request as invalid: check the pin named above.',
  'not-found': 'The board or pin no longer exists on Pinterest.',
  conflict: 'Pinterest reports a conflict (for example a board or section name already taken).',
  server: 'Pinterest had a server error; the next run tries again.',
  network: 'Pinterest could not be reached; the next run tries again.',
  'unknown-outcome': 'The request was sent but no answer came back; pinops checks on the next step or run whether it took effect.',
};

/** An API failure with everything a user needs: status, Pinterest's message, its request id, and what to do (exit 3). */
export class PinterestError extends UserError {
  override name = 'PinterestError';
  readonly exitCode = EXIT.api;
  override readonly fix: string;
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number | undefined,
    readonly apiMessage: string,
    readonly requestId: string | undefined,
    readonly code: number | undefined,
    readonly retryAfterMs?: number,
  ) {
    super(`${status ? `HTTP ${status}` : kind}${code !== undefined ? ` (code ${code})` : ''}: ${apiMessage}${requestId ? ` [x-pinterest-rid ${requestId}]` : ''}`);
    this.fix = ADVICE[kind];
  }

  /** What the user should do about it: its `fix`, by the name the executor's outcomes use. */
  get advice(): string {
    return this.fix;
  }
}

/** Pinterest's error code for "not permitted"; to a Trial app creating pins in production, with "use API Sandbox". */
const NOT_PERMITTED = 29;

/** Classifies an HTTP error answer by its status, message and Pinterest's error code. */
export function classify(status: number, message: string, code?: number): ApiErrorKind {
  if (status === 401) return 'credentials';
  if (status === 403 && code === NOT_PERMITTED && /sandbox|trial/i.test(message)) return 'trial';
  if (status === 403) return /scope|permission/i.test(message) ? 'scope' : 'credentials';
  if (status === 429) return /spam/i.test(message) ? 'spam-rate-limit' : 'rate-limit';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status >= 500) return 'server';
  return 'validation';
}
