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
  const text = cutToFit(redact(body));
  for (const p of merged) await gh.request('POST', `${repo}/issues/${seg(String(p.number))}/comments`, { body: text });
  return merged.map((p) => p.number);
}

/**
 * A body over the limit, cut at the end of its last whole line that fits (a table row or a link
 * cut in half shows as broken markup), with a pointer to the job summary.
 */
export function cutToFit(body: string): string {
  if (body.length <= MAX_COMMENT) return body;
  const line = body.lastIndexOf('\n', MAX_COMMENT);
  // One line longer than the limit: cut within it, but not between the halves of an emoji.
  const within = /[\uD800-\uDBFF]/.test(body.charAt(MAX_COMMENT - 1)) ? MAX_COMMENT - 1 : MAX_COMMENT;
  return `${body.slice(0, line > 0 ? line : within)}\n\n…(cut; the job summary has the full report)`;
}
