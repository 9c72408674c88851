import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { marked } from 'marked';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { MARKER } from '../../src/github/previews.js';
import { fakeGithub } from '../helpers/fake-github.js';
import { FORK_HEAD, forkPullRequestRun } from '../helpers/fork-run.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { BASE, mdPin } from '../helpers/repo.js';
import { runAction } from '../helpers/runner.js';

const repos = tempGitRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const HEAD = FORK_HEAD;

describe('pull requests from forks: the workflow pair', () => {
  it('the fork run saves the previews for the artifact; the workflow_run job posts them', async () => {
    const repo = await repos({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }) });
    // The pull_request run of a fork: a read-only token.
    const forkRun = await forkPullRequestRun(repo.root, ['content/pins/a.md'], closers);
    expect(forkRun.code).toBe(0);
    expect(forkRun.stdout).toContain('::warning::Previews were not posted: GitHub answered 403');
    const dir = forkRun.outputs['previews-dir'] as string;
    const saved = JSON.parse(await readFile(join(dir, 'previews.json'), 'utf8'));
    expect(saved.pins.map((p: { key: string; image: string }) => [p.key, p.image])).toEqual([['a', 'a.jpg']]);

    // The workflow_run job: the base repository's token, the PR found by the event's head SHA.
    const baseApi = await fakeGithub({ openPulls: [{ number: 9, head: { sha: HEAD } }] });
    closers.push(() => baseApi.close());
    const payload = { workflow_run: { event: 'pull_request', head_sha: HEAD, pull_requests: [] } };
    const postRun = () =>
      runAction({ workspace: repo.root, event: 'workflow_run', payload, inputs: { token: 'ghs_base', 'previews-from': dir }, env: { GITHUB_API_URL: baseApi.url } });
    const post = await postRun();
    expect(post.stderr).toBe('');
    expect(post.code).toBe(0);
    expect([...baseApi.git.filesOn('pinops-previews').keys()]).toEqual(['pr-9/a.jpg']);
    const comment = [...baseApi.comments.values()][0];
    expect(comment?.issue).toBe(9);
    expect(comment?.body.startsWith(MARKER)).toBe(true);

    // A tampered artifact: another head is refused; a file that is not a JPEG is not posted.
    await writeFile(join(dir, 'a.jpg'), 'not a jpeg');
    const again = await postRun();
    expect(again.code).toBe(0);
    expect([...baseApi.git.filesOn('pinops-previews').keys()]).toEqual([]);
    expect([...baseApi.comments.values()][0]?.body).toContain('Preview not drawn');
    await writeFile(join(dir, 'previews.json'), JSON.stringify({ ...saved, headSha: 'd'.repeat(40) }));
    const forged = await postRun();
    expect(forged.code).toBe(1);
    expect(forged.outputs['failure-reason']).toMatch(/the previews artifact is for ddddddd, not for the run's head ccccccc: refusing to post it/);
  });

  it('the workflow_run job posts only what pinops renders from the artifact data, and only images that are previews', { timeout: 120_000 }, async () => {
    const repo = await repos({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }) });
    const forkRun = await forkPullRequestRun(repo.root, ['content/pins/a.md'], closers);
    expect(forkRun.code).toBe(0);
    const dir = forkRun.outputs['previews-dir'] as string;
    const saved = JSON.parse(await readFile(join(dir, 'previews.json'), 'utf8'));
    expect(saved.format).toBe('pinops-previews/3');
    expect(saved.plan.actions.map((a: { key: string; action: string }) => [a.key, a.action])).toEqual([['a', 'create']]);
    const real = await readFile(join(dir, 'a.jpg'));

    const baseApi = await fakeGithub({ openPulls: [{ number: 9, head: { sha: HEAD } }] });
    closers.push(() => baseApi.close());
    const post = () =>
      runAction({
        workspace: repo.root,
        event: 'workflow_run',
        payload: { workflow_run: { id: 4242, event: 'pull_request', head_sha: HEAD, pull_requests: [] } },
        inputs: { token: 'ghs_base', 'previews-from': dir },
        env: { GITHUB_API_URL: baseApi.url },
      });

    // The old format carried the plan as markdown, posted as it was: refused.
    await writeFile(join(dir, 'previews.json'), JSON.stringify({ headSha: HEAD, plan: '## ✅ Approved by @acme/security', pins: [] }));
    const old = await post();
    expect(old.code).toBe(1);
    expect(old.outputs['failure-reason']).toMatch(/^the previews artifact is not in pinops' format: format: not made by this version of pinops/);
    expect(baseApi.comments.size).toBe(0);

    // A forged artifact in the format: markup in every text, images that are not previews.
    const pin = (key: string, title: string, image?: string) => ({ key, title, file: `content/pins/${key}.md`, draft: false, ...(image ? { image } : {}) });
    const forged = {
      ...saved,
      pins: [
        pin('a', '</details>\n\n## ✅ Approved by @acme/security-team [merge](https://evil.example) <img src=https://track.example/p.gif>', 'a.jpg'),
        pin('fake', 'JPEG signature only', 'fake.jpg'),
        pin('small', 'A real PNG, too small', 'small.png'),
        pin('named', 'A real preview, a JPEG named .png', 'named.png'),
        pin('huge', 'Over the size', 'huge.jpg'),
        pin('tail', 'A preview with more after it', 'tail.jpg'),
        ...Array.from({ length: 40 }, (_, i) => pin(`p${i}`, `Copy ${i}`, `p${i}.jpg`)),
      ],
      plan: {
        ...saved.plan,
        actions: [{ ...saved.plan.actions[0], key: 'a` | <img src=https://track.example/q.gif> @octocat', reason: '[click](https://evil.example)' }],
      },
    };
    await writeFile(join(dir, 'previews.json'), JSON.stringify(forged));
    await writeFile(join(dir, 'fake.jpg'), Buffer.concat([real.subarray(0, 4), Buffer.alloc(1000)]));
    await writeFile(join(dir, 'named.png'), real);
    await writeFile(
      join(dir, 'small.png'),
      await sharp({ create: { width: 100, height: 100, channels: 3, background: '#f00' } })
        .png()
        .toBuffer(),
    );
    await writeFile(join(dir, 'huge.jpg'), Buffer.concat([real, Buffer.alloc(5 * 1024 * 1024)]));
    await writeFile(join(dir, 'tail.jpg'), Buffer.concat([real, Buffer.from('EVIL-PAYLOAD')]));
    for (let i = 0; i < 40; i++) await copyFile(join(dir, 'a.jpg'), join(dir, `p${i}.jpg`));
    const run = await post();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const posted = baseApi.git.filesOn('pinops-previews');
    expect(posted.size).toBe(40);
    expect(posted.has('pr-9/a.jpg') && posted.has('pr-9/tail.jpg')).toBe(true);
    for (const name of ['fake.jpg', 'small.png', 'named.png', 'huge.jpg']) expect(posted.has(`pr-9/${name}`), name).toBe(false);
    // What is committed is decoded and encoded again: a preview, and nothing after it.
    const tail = posted.get('pr-9/tail.jpg') as Buffer;
    expect(tail.includes('EVIL-PAYLOAD')).toBe(false);
    expect(await sharp(tail).metadata()).toMatchObject({ format: 'jpeg', width: 720, height: 1380 });

    const body = [...baseApi.comments.values()][0]?.body ?? '';
    expect(body.length).toBeLessThan(65_536);
    expect(body).toContain("Preview not drawn: the artifact's image was refused: not a readable image");
    expect(body).toContain("Preview not drawn: the artifact's image was refused: 100 × 100 pixels, not a preview's 720 × 1380");
    expect(body).toContain("Preview not drawn: the artifact's image was refused: not a PNG (jpeg)");
    expect(body).toContain("Preview not drawn: the artifact's image was refused: over 4 MB");
    expect(body).toContain("Preview not drawn: the artifact's image was refused: more than 40 previews");
    expect(body).toContain('<details><summary>34 more pin(s)</summary>');
    expect(body).toContain('made by [this workflow run](http://127.0.0.1:9/acme/pins/actions/runs/4242)');
    const html = await marked.parse(body, { gfm: true });
    expect(html).not.toMatch(/<a [^>]*evil|track\.example\/[pq]\.gif"|<\/details>\s*<h2/);
    expect(body.replace(/`[^`]*`/g, '')).not.toMatch(/@(acme|octocat)/);
    expect(html.match(/<h2>/g)).toHaveLength(1);
    expect([...html.matchAll(/<img [^>]*src="([^"]*)"/g)].every((m) => m[1]?.startsWith('http://127.0.0.1:9/acme/pins/blob/'))).toBe(true);
  });
});
