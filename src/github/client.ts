import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import { callFailure } from './errors.js';

/** Where the action runs, from the runner's variables (works on GitHub Enterprise Server too). */
export interface RepoContext {
  owner: string;
  repo: string;
  apiUrl: string;
}

export function repoContext(env: Record<string, string | undefined>): RepoContext | undefined {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) return undefined;
  return { owner, repo, apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com' };
}

/**
 * How many writes go at once (blob uploads among them). octokit's throttling would send one a
 * second, which makes the ~200 blobs of a big preview take minutes; a few at a time stays far
 * under GitHub's concurrency limit, and a secondary rate limit, when GitHub answers one, is waited out.
 */
export const WRITES_AT_ONCE = 6;

export interface GithubClientOptions {
  /** Where the client says that it waits (and what octokit warns about). */
  log?: (line: string) => void;
  /** How many times a call is tried again: after a rate limit's advised wait, a 5xx or no answer. */
  retries?: number;
  /** How long one second of waiting lasts, in ms: 1000, except in tests, which cannot wait a minute. */
  secondMs?: number;
  /** The longest wait for a rate limit, in seconds: beyond it the call fails, and the next run tries again. */
  maxWaitSeconds?: number;
  /** How long one request may take, in ms. */
  timeoutMs?: number;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The one way to GitHub: a repository, a token, and octokit with its retries and throttling. */
export interface GithubClient {
  readonly repo: RepoContext;
  /** One REST call on `path` (segments encoded by the caller, query included); JSON in and out. Fails with a GithubError when GitHub answers an error. */
  request<T>(method: Method, path: string, body?: unknown): Promise<T>;
}

/**
 * The options the environment sets: PINOPS_GITHUB_SECOND_MS shortens every wait, for tests of the
 * built action (a workflow never needs it).
 */
export function clientOptionsFromEnv(env: Record<string, string | undefined>): GithubClientOptions {
  const ms = Number(env.PINOPS_GITHUB_SECOND_MS);
  return Number.isFinite(ms) && ms >= 0 && env.PINOPS_GITHUB_SECOND_MS?.trim() ? { secondMs: ms } : {};
}

const Client = Octokit.plugin(retry, throttling);

/** Whether to wait out a rate limit: a bounded number of times, and never longer than `maxWait`; said in the log either way. */
function limitHandler(kind: string, o: Required<Pick<GithubClientOptions, 'retries' | 'maxWaitSeconds'>>, log: (l: string) => void) {
  return (after: number, options: { method: string; url: string }, _octokit: unknown, count: number): boolean => {
    const call = `${options.method} ${new URL(options.url, 'http://github').pathname}`;
    if (count < o.retries && after <= o.maxWaitSeconds) {
      log(`GitHub's ${kind}: waiting ${after} s before trying ${call} again (${count + 1} of ${o.retries}).`);
      return true;
    }
    log(`GitHub's ${kind}: not trying ${call} again (${count < o.retries ? `it advises waiting ${after} s` : `tried ${count + 1} times`}).`);
    return false;
  };
}

export function githubClient(repo: RepoContext, token: string, opts: GithubClientOptions = {}): GithubClient {
  const log = opts.log ?? (() => {});
  const bounds = { retries: opts.retries ?? 3, maxWaitSeconds: opts.maxWaitSeconds ?? 300 };
  const secondMs = opts.secondMs ?? 1000;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const octokit = new Client({
    auth: token,
    baseUrl: repo.apiUrl.replace(/\/+$/, ''),
    userAgent: 'pinops',
    log: { debug: () => {}, info: () => {}, warn: log, error: log },
    request: { fetch: (url: string | URL, init?: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }) },
    // Rate limits (403/429) are the throttling's to wait out, by GitHub's advice; refusals are final;
    // 409 is a ref that moved, which the caller handles by building on the new head.
    retry: { retries: bounds.retries, retryAfterBaseValue: secondMs, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] },
    throttle: {
      retryAfterBaseValue: secondMs,
      write: new Bottleneck.Group({ maxConcurrent: WRITES_AT_ONCE, minTime: 0 }),
      onRateLimit: limitHandler('rate limit', bounds, log),
      onSecondaryRateLimit: limitHandler('secondary rate limit', bounds, log),
    },
  });
  return {
    repo,
    async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
      try {
        const headers = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
        const res = await octokit.request({ method, url: path, headers, ...(body === undefined ? {} : { data: body }) });
        return res.data as T;
      } catch (err) {
        throw callFailure(err, method, path);
      }
    },
  };
}
