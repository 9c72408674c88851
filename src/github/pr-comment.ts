import { redact } from '../util/redact.js';
import type { GithubClient } from './client.js';
import { repoPath, seg } from './paths.js';

/** GitHub's comment limit is 65,536 characters. */
const MAX_COMMENT = 65_000;

/**
 * Comments `body` on the pull requests merged as `sha` (the push that published). Returns the PR
 * numbers commented on; an API failure is the caller's to report as a warning.
 */
export async function commentOnMergedPulls(gh: GithubClient, sha: string, body: string): Promise<number[]> {
  const repo = repoPath(gh.repo);
  const pulls = await gh.request<{ number: number; merged_at: string | null }[]>('GET', `${repo}/commits/${seg(sha)}/pulls`);
  const merged = pulls.filter((p) => p.merged_at);
  const safe = redact(body);
  const text = safe.length > MAX_COMMENT ? `${safe.slice(0, MAX_COMMENT)}\n\n…(cut; the job summary has the full report)` : safe;
  for (const p of merged) await gh.request('POST', `${repo}/issues/${seg(String(p.number))}/comments`, { body: text });
  return merged.map((p) => p.number);
}
