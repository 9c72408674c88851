import { getOctokit } from '@actions/github';
import { redact } from '../util/redact.js';

/** Where the action runs, from the runner's variables (works on GitHub Enterprise Server too). */
export interface RepoContext {
  owner: string;
  repo: string;
  apiUrl: string;
  /** The branch preview images are stored on (settings `preview_branch`). */
  previewBranch?: string;
}

export function repoContext(env: Record<string, string | undefined>): RepoContext | undefined {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) return undefined;
  return { owner, repo, apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com' };
}

/** GitHub's comment limit is 65,536 characters. */
const MAX_COMMENT = 65_000;

/**
 * Comments `body` on the pull requests merged as `sha` (the push that published). Returns the PR
 * numbers commented on; an API failure is the caller's to report as a warning.
 */
export async function commentOnMergedPulls(ctx: RepoContext, token: string, sha: string, body: string): Promise<number[]> {
  const octokit = getOctokit(token, { baseUrl: ctx.apiUrl });
  const { data: pulls } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: ctx.owner, repo: ctx.repo, commit_sha: sha });
  const merged = pulls.filter((p) => p.merged_at);
  const safe = redact(body);
  const text = safe.length > MAX_COMMENT ? `${safe.slice(0, MAX_COMMENT)}\n\n…(cut; the job summary has the full report)` : safe;
  for (const p of merged) await octokit.rest.issues.createComment({ owner: ctx.owner, repo: ctx.repo, issue_number: p.number, body: text });
  return merged.map((p) => p.number);
}
