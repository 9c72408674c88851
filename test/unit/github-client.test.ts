import { afterEach, describe, expect, it } from 'vitest';
import { type GithubClientOptions, githubClient, WRITES_AT_ONCE } from '../../src/github/client.js';
import { GithubError } from '../../src/github/errors.js';
import { replaceFolder } from '../../src/github/previews.js';
import { type FakeGithubOptions, fakeGithub } from '../helpers/fake-github.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const BLOBS = '/repos/acme/pins/git/blobs';

/** A client on a fake GitHub whose waits last 1 ms a second, and what it logged. */
async function world(ghOpts: FakeGithubOptions = {}, clientOpts: GithubClientOptions = {}) {
  const github = await fakeGithub(ghOpts);
  closers.push(() => github.close());
  const logs: string[] = [];
  const gh = githubClient({ owner: 'acme', repo: 'pins', apiUrl: github.url }, 'ghs_t', { secondMs: 1, log: (l) => logs.push(l), ...clientOpts });
  const blob = () => gh.request<{ sha: string }>('POST', BLOBS, { content: 'aGk=', encoding: 'base64' });
  const asked = (path: string) => github.calls.filter((c) => c.path === path).length;
  return { github, gh, logs, blob, asked };
}

describe('the GitHub client', () => {
  it('waits out a secondary rate limit for the time GitHub advises, says so, and tries again', async () => {
    const w = await world({ faults: [{ method: 'POST', path: /\/git\/blobs$/, times: 2, retryAfter: 7 }] });
    expect((await w.blob()).sha).toMatch(/^[0-9a-f]{40}$/);
    expect(w.asked(BLOBS)).toBe(3);
    expect(w.logs).toEqual([
      `GitHub's secondary rate limit: waiting 7 s before trying POST ${BLOBS} again (1 of 3).`,
      `GitHub's secondary rate limit: waiting 7 s before trying POST ${BLOBS} again (2 of 3).`,
    ]);
  });

  it('gives up after 3 waits, or at once when the advised wait is too long, and the error names the limit, not permissions', async () => {
    const w = await world({ faults: [{ method: 'POST', path: /\/git\/blobs$/, times: 10, retryAfter: 1 }] });
    const err = await w.blob().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GithubError);
    expect((err as GithubError).message).toBe(`GitHub answered 403 to POST ${BLOBS} (You have exceeded a secondary rate limit. Please wait a few minutes before you try again.)`);
    expect((err as GithubError).rateLimited).toBe(true);
    expect((err as GithubError).forbidden).toBe(false);
    expect(w.asked(BLOBS)).toBe(4);
    expect(w.logs.at(-1)).toBe(`GitHub's secondary rate limit: not trying POST ${BLOBS} again (tried 4 times).`);

    const long = await world({ faults: [{ method: 'POST', path: /\/git\/blobs$/, times: 1, retryAfter: 3600 }] });
    await expect(long.blob()).rejects.toThrow(/secondary rate limit/);
    expect(long.asked(BLOBS)).toBe(1);
    expect(long.logs).toEqual([`GitHub's secondary rate limit: not trying POST ${BLOBS} again (it advises waiting 3600 s).`]);
  });

  it('asks once when refused for want of permission, and says nothing of waiting', async () => {
    const w = await world({ readOnly: true });
    const err = await w.blob().catch((e: unknown) => e);
    expect((err as GithubError).message).toBe(`GitHub answered 403 to POST ${BLOBS} (Resource not accessible by integration)`);
    expect((err as GithubError).forbidden).toBe(true);
    expect(w.asked(BLOBS)).toBe(1);
    expect(w.logs).toEqual([]);
  });

  it('tries a server error again, but not a refusal of what was sent', async () => {
    const w = await world({ faults: [{ method: 'POST', path: /\/git\/blobs$/, times: 2, status: 502 }] });
    await w.blob();
    expect(w.asked(BLOBS)).toBe(3);
    // A ref that already exists (422) is the caller's to handle, at once.
    const refs = '/repos/acme/pins/git/refs';
    await w.gh.request('POST', refs, { ref: 'refs/heads/x', sha: 'a'.repeat(40) });
    await expect(w.gh.request('POST', refs, { ref: 'refs/heads/x', sha: 'a'.repeat(40) })).rejects.toThrow(
      'GitHub answered 422 to POST /repos/acme/pins/git/refs (Reference already exists)',
    );
    expect(w.asked(refs)).toBe(2);
  });

  it('names the call when GitHub cannot be reached', async () => {
    // A port that was just free: nothing listens on it.
    const gone = await fakeGithub();
    await gone.close();
    const gh = githubClient({ owner: 'acme', repo: 'pins', apiUrl: gone.url }, 'ghs_t', { secondMs: 1 });
    await expect(gh.request('GET', '/user')).rejects.toThrow(/^GitHub could not be reached for GET \/user: .*ECONNREFUSED/);
  });

  it(`uploads a preview's blobs a few at a time: more than one, at most ${WRITES_AT_ONCE}`, async () => {
    const w = await world({ blobLatencyMs: 20 });
    const files = Array.from({ length: 40 }, (_, i) => ({ name: `p${i}.png`, data: Buffer.from(`image ${i}`) }));
    await replaceFolder(w.gh, 'pinops-previews', 'pr-1', files, 'previews');
    expect(w.github.git.filesOn('pinops-previews').size).toBe(40);
    expect(w.github.git.filesOn('pinops-previews').get('pr-1/p7.png')?.toString()).toBe('image 7');
    expect(w.github.maxBlobsInFlight()).toBeGreaterThan(1);
    expect(w.github.maxBlobsInFlight()).toBeLessThanOrEqual(WRITES_AT_ONCE);
  });
});
