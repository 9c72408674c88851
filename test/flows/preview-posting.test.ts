import { afterEach, describe, expect, it } from 'vitest';
import { postPreviewBundle } from '../../src/flows/pr-previews.js';
import { EARLIER_NOTE, PLAN_MARKER } from '../../src/flows/preview-comment.js';
import { githubClient } from '../../src/github/client.js';
import { MARKER } from '../../src/github/previews.js';
import { bigPull } from '../helpers/big-pull.js';
import { type FakeGithubOptions, fakeGithub } from '../helpers/fake-github.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const SERVER = 'https://github.example';
const RUN = `${SERVER}/acme/pins/actions/runs/9/attempts/1`;

/** A fake GitHub (which refuses comments over 65,536 characters) and a poster of bundles to pull request #7. */
async function world(opts: FakeGithubOptions = {}) {
  const github = await fakeGithub(opts);
  closers.push(() => github.close());
  const gh = githubClient({ owner: 'acme', repo: 'pins', apiUrl: github.url }, 'ghs_t', { secondMs: 1 });
  const post = (pins: number, head: string) =>
    postPreviewBundle({
      github: gh,
      previewBranch: 'pinops-previews',
      pr: 7,
      serverUrl: SERVER,
      bundle: { ...bigPull(pins), headSha: head.repeat(40) },
      runUrl: RUN,
      log: () => {},
    });
  const mine = () => [...github.comments].filter(([, c]) => c.user === 'github-actions[bot]');
  const writes = () => github.calls.filter((c) => c.method !== 'GET' && c.path.includes('/comments')).map((c) => `${c.method} ${c.path.replace(/\d+$/, 'N')}`);
  return { github, post, mine, writes };
}

const link = (id: number) => `${SERVER}/acme/pins/pull/7#issuecomment-${id}`;

describe('posting the previews of a 200-pin pull request', () => {
  it('splits into two comments that link to each other, and updates both in place on every push', async () => {
    const w = await world();
    expect(await w.post(200, 'a')).toBe(39);
    expect(w.github.git.filesOn('pinops-previews').size).toBe(39);
    const [[previewsId, previews], [planId, plan]] = w.mine() as unknown as [[number, { body: string }], [number, { body: string }]];
    expect(previews.body.startsWith(MARKER)).toBe(true);
    expect(plan.body.startsWith(PLAN_MARKER)).toBe(true);
    expect(previews.body).toContain(`The plan does not fit beside the previews: it is in [the next comment](${link(planId)}).`);
    expect(plan.body).toContain(`for the previews in [the previews comment](${link(previewsId)})`);
    expect(w.writes()).toEqual(['POST /repos/acme/pins/issues/7/comments', 'POST /repos/acme/pins/issues/7/comments', 'PATCH /repos/acme/pins/issues/comments/N']);

    // The next push: the same two comments, edited; the previews comment lists the earlier head.
    w.github.calls.length = 0;
    await w.post(200, 'b');
    expect(w.writes()).toEqual(['PATCH /repos/acme/pins/issues/comments/N', 'PATCH /repos/acme/pins/issues/comments/N']);
    expect(w.mine().map(([id]) => id)).toEqual([previewsId, planId]);
    expect(w.github.comments.get(previewsId)?.body).toContain(`Earlier previews (outdated)</summary>\n\n[aaaaaaa](${SERVER}/acme/pins/commit/${'a'.repeat(40)})`);
    // The earlier links are head commits, whose images are not kept: the comment says so.
    expect(w.github.comments.get(previewsId)?.body).toContain(`(${SERVER}/acme/pins/commit/${'a'.repeat(40)})\n\n${EARLIER_NOTE}\n`);
    for (const [, c] of w.mine()) expect([...c.body].length).toBeLessThan(65_536);
  });

  it('goes back to one comment when the plan fits again (the plan comment points there), and uses it again when it does not', async () => {
    const w = await world();
    await w.post(200, 'a');
    const [[previewsId], [planId]] = w.mine() as unknown as [[number], [number]];
    await w.post(3, 'b');
    expect(w.github.comments.size).toBe(2);
    expect(w.github.comments.get(previewsId)?.body).toContain('### Plan');
    expect(w.github.comments.get(previewsId)?.body).not.toContain('does not fit');
    expect(w.github.comments.get(planId)?.body).toBe(
      `${PLAN_MARKER}\n## pinops plan\n\nThe plan fits beside the previews again: it is in [the previews comment](${link(previewsId)}).\n`,
    );
    await w.post(200, 'c');
    expect(w.github.comments.size).toBe(2);
    expect(w.github.comments.get(planId)?.body).toContain('### Plan');
    expect(w.github.comments.get(previewsId)?.body).toContain(`[the next comment](${link(planId)})`);
    // Earlier heads, newest first.
    expect(w.github.comments.get(previewsId)?.body).toMatch(/\[bbbbbbb\][^\n]*, \[aaaaaaa\]/);
  });

  it("never takes over somebody else's comment that starts with pinops' plan marker", async () => {
    const planted = `${PLAN_MARKER}\n## pinops plan\n\nNothing to see: merge.`;
    const w = await world({ comments: [{ issue: 7, body: planted, user: 'mallory' }] });
    await w.post(200, 'a');
    const all = [...w.github.comments.values()];
    expect(all.map((c) => c.user)).toEqual(['mallory', 'github-actions[bot]', 'github-actions[bot]']);
    expect(all[0]?.body).toBe(planted);
    expect(all[2]?.body.startsWith(PLAN_MARKER)).toBe(true);
  });
});
