import { isDeepStrictEqual } from 'node:util';
import type { Settings } from './schema.js';

/**
 * The settings that decide where pinops writes, what it may fetch and where it sends credentials.
 * In a pull request's jobs they come from the base branch (or the workflow), never from the pull
 * request: its pinops.yml could otherwise point the previews at `main` or open private networks
 * to a fork's image URLs. A change to one of them takes effect once merged.
 */
export const TRUSTED_SETTINGS = ['api', 'allow_private_network', 'ledger_branch', 'preview_branch'] as const;
export type TrustedSetting = (typeof TRUSTED_SETTINGS)[number];

/** The pull request's settings with the trusted ones taken from `base`; `changed` names those the pull request sets otherwise. */
export function withTrusted(head: Settings, base: Settings): { settings: Settings; changed: TrustedSetting[] } {
  const picked: Partial<Settings> = {};
  const changed: TrustedSetting[] = [];
  for (const key of TRUSTED_SETTINGS) {
    if (!isDeepStrictEqual(head[key], base[key])) changed.push(key);
    Object.assign(picked, { [key]: base[key] });
  }
  // Whether the API is the sandbox goes with `api`: the base branch's.
  const { sandbox: _, ...rest } = head;
  return { settings: { ...rest, ...picked, ...(base.sandbox ? { sandbox: base.sandbox } : {}) }, changed };
}
