import { redact } from '../util/redact.js';
import type { GithubClient } from './client.js';
import { repoPath, seg } from './paths.js';

/** GitHub takes at most 50 annotations per request to the Checks API; more go in further updates. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** The Checks API's limit for a check run's summary, in characters. */
const SUMMARY_MAX = 65_535;

/** One annotation of a check run, as the Checks API takes it. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}

export interface CheckRunInput {
  name: string;
  headSha: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
  /** Where the check run's "details" lead: the workflow run, whose job summary lists every problem. */
  detailsUrl?: string | undefined;
  annotations: readonly CheckAnnotation[];
}

/**
 * Creates a check run on `headSha` with every annotation: the first 50 with its creation, the rest
 * 50 to an update (GitHub appends each update's annotations); the last request completes it with
 * its conclusion. Returns its page. A token that may not write checks (a fork's pull request)
 * fails with a forbidden GithubError.
 */
export async function postCheckRun(gh: GithubClient, run: CheckRunInput): Promise<{ id: number; url: string }> {
  const path = `${repoPath(gh.repo)}/check-runs`;
  const batches = Math.max(1, Math.ceil(run.annotations.length / ANNOTATIONS_PER_REQUEST));
  const body = (batch: number) => ({
    ...(batch === batches - 1 ? { status: 'completed', conclusion: run.conclusion } : { status: 'in_progress' }),
    output: {
      title: redact(run.title),
      summary: redact(run.summary).slice(0, SUMMARY_MAX),
      annotations: run.annotations
        .slice(batch * ANNOTATIONS_PER_REQUEST, (batch + 1) * ANNOTATIONS_PER_REQUEST)
        .map((a) => ({ ...a, title: redact(a.title), message: redact(a.message) })),
    },
  });
  const created = await gh.request<{ id: number; html_url: string }>('POST', path, {
    name: run.name,
    head_sha: run.headSha,
    ...(run.detailsUrl ? { details_url: run.detailsUrl } : {}),
    ...body(0),
  });
  for (let batch = 1; batch < batches; batch++) await gh.request('PATCH', `${path}/${seg(String(created.id))}`, body(batch));
  return { id: created.id, url: created.html_url };
}
