import { afterEach, describe, expect, it } from 'vitest';
import { type GithubClientOptions, githubClient, WRITES_AT_ONCE } from '../../src/github/client.js';
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
