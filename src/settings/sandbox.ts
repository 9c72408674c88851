import type { Settings } from './schema.js';

/** The sandbox's host, for `api:` given as its URL. */
const SANDBOX_HOST = 'api-sandbox.pinterest.com';

/**
 * Whether the run talks to Pinterest's API Sandbox (`api: sandbox`, or its URL), which cannot
 * create video pins and has no analytics: validation and the plan say so before anything is sent.
 */
export function isSandbox(settings: Pick<Settings, 'api' | 'sandbox'>): boolean {
  if (settings.sandbox === true || settings.api === 'sandbox') return true;
  return URL.canParse(settings.api) && new URL(settings.api).hostname === SANDBOX_HOST;
}

/** Why analytics are not collected under the sandbox, as the plan and the analytics step say it. */
export const SANDBOX_NO_ANALYTICS = "api: sandbox: Pinterest's API Sandbox has no analytics, so pinops collects none (the schedule's analytics step is skipped).";
