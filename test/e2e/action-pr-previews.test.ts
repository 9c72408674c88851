import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { marked } from 'marked';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { publish } from '../../src/flows/publish.js';
import { MARKER } from '../../src/github/previews.js';
import { gitLedgerStore } from '../../src/ledger/store.js';
import { fakeGithub } from '../helpers/fake-github.js';
import { sh, tempGitRepos } from '../helpers/git-repo.js';
import { publishedEntry } from '../helpers/plan-fixtures.js';
import { BASE, type FixtureFile, mdPin } from '../helpers/repo.js';
import { runAction } from '../helpers/runner.js';

const repos = tempGitRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const pr = (action: string, head: string) => ({ action, number: 7, pull_request: { number: 7, head: { sha: head } } });

/** A pull request opened on a repository with `pins` (by default one pin, `a`), against a fake GitHub made with `opts`. */
async function openedWithOnePin(opts: Parameters<typeof fakeGithub>[0], pins: Record<string, FixtureFile> = { 'content/pins/a.md': mdPin({ id: 'a' }) }) {
  const github = await fakeGithub(opts);
  closers.push(() => github.close());
  const repo = await repos({ ...BASE, ...pins });
  const run = await runAction({
    workspace: repo.root,
    event: 'pull_request',
    payload: pr('opened', 'a'.repeat(40)),
    inputs: { token: 'ghs_pr' },
    env: { GITHUB_API_URL: github.url },
  });
  return { github, repo, run };
}

describe('dist/index.js on pull_request: the preview comment', () => {
  it('posts one comment with previews of the changed pins, updates it in place, and cleans up when closed', async () => {
    const files = ['content/pins/a.md'];
    const github = await fakeGithub({ files });
    closers.push(() => github.close());
    const repo = await repos({
      ...BASE,
      // The example's mug: a real photograph, cut to 2:3.
      'content/media/mug.jpg': { media: 'mug.jpg' },
      'content/pins/a.md': mdPin({ id: 'a', image: '../media/mug.jpg' }),
      'content/pins/b.md': mdPin({ id: 'b', title: 'Sneaky <!-- pinops:previews --> | title' }, 'Another description.'),
    });
    const env = { GITHUB_API_URL: github.url, GITHUB_SERVER_URL: 'https://github.example', GITHUB_RUN_ID: '55', GITHUB_RUN_ATTEMPT: '2' };
    const inputs = { token: 'ghs_pr' };

    const first = await runAction({ workspace: repo.root, event: 'pull_request', payload: pr('opened', 'a'.repeat(40)), inputs, env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect([...github.git.filesOn('pinops-previews').keys()]).toEqual(['pr-7/a.jpg']);
    // A photo's preview is a JPEG, well under 300 KB (its PNG would be over 1 MB).
    const preview = github.git.filesOn('pinops-previews').get('pr-7/a.jpg') as Buffer;
    expect((await sharp(preview).metadata()).format).toBe('jpeg');
    expect(preview.length).toBeLessThan(300 * 1024);
    expect(github.comments.size).toBe(1);
    const head = github.git.refs.get('pinops-previews') as string;
    const body = [...github.comments.values()][0]?.body ?? '';
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body).toContain(`<img src="https://github.example/acme/pins/blob/${head}/pr-7/a.jpg?raw=true" width="240"`);
    // The title links to the pin's file and line at the pull request's head; the comment to its run.
    expect(body).toContain(`<a href="https://github.example/acme/pins/blob/${'a'.repeat(40)}/content/pins/a.md#L2"><b>Waterproof boots</b></a>`);
    expect(body).toContain('made by [this workflow run](https://github.example/acme/pins/actions/runs/55/attempts/2)');
    expect(body).toContain('✅ valid · ➕ create');
    expect(body).toContain('### Plan');
    expect(body).toContain(`| ➕ | \`a\` ([\`content/pins/a.md:2\`](https://github.example/acme/pins/blob/${'a'.repeat(40)}/content/pins/a.md#L2)) | create |`);

    files.push('content/pins/b.md');
    const second = await runAction({ workspace: repo.root, event: 'pull_request', payload: pr('synchronize', 'b'.repeat(40)), inputs, env });
    expect(second.code).toBe(0);
    expect(github.comments.size).toBe(1);
    expect([...github.git.filesOn('pinops-previews').keys()].sort()).toEqual(['pr-7/a.jpg', 'pr-7/b.jpg']);
    const updated = [...github.comments.values()][0]?.body ?? '';
    expect(updated).toContain('Earlier previews (outdated)');
    expect(updated).toContain(`[aaaaaaa](https://github.example/acme/pins/commit/${'a'.repeat(40)})`);
    // A title cannot forge the marker or break the table.
    expect(updated.split(MARKER)).toHaveLength(2);
    expect(updated).toContain('Sneaky &lt;!-- pinops:previews --&gt; | title');

    const closed = await runAction({ workspace: repo.root, event: 'pull_request', payload: pr('closed', 'b'.repeat(40)), inputs, env });
    expect(closed.code).toBe(0);
    expect([...github.git.filesOn('pinops-previews').keys()]).toEqual([]);
  });
});

describe('dist/index.js on pull_request: what content cannot do to the comment and the summary', () => {
  const sneaky = {
    'content/pins/a.md': mdPin({ id: 'a', title: '"Ping @acme/security-team & @octocat: see https://evil.example/x or www.evil.example"' }),
    // A file name that would end its code span and the table cell, and open HTML.
    'content/pins/x`|<img src=x onerror=alert(1)>.md': mdPin({ board: 'Nope' }),
  };

  it('mentions nobody, links nothing but the repository’s own files, and keeps the summary table whole', async () => {
    const { github, run } = await openedWithOnePin({ files: ['content/pins/a.md'] }, sneaky);
    expect(run.code).toBe(1);
    const body = [...github.comments.values()][0]?.body ?? '';
    for (const text of [body, run.summary]) {
      // Nobody is mentioned (GitHub links @name and @org/team in text, never in code).
      expect(text.replace(/`[^`]*`/g, '')).not.toMatch(/@(acme|octocat)/);
      // As GitHub renders it: no link to the site, no image but pinops' own previews.
      const html = await marked.parse(text, { gfm: true });
      expect(html).not.toMatch(/<a [^>]*evil/);
      expect(
        [...html.matchAll(/<img [^>]*src="([^"]*)"/g)].map((m) => m[1]).filter((src) => !src?.startsWith(`${github.url}/`) && !src?.startsWith('http://127.0.0.1:9/')),
      ).toEqual([]);
      expect(html).not.toMatch(/<img src=x/);
    }
    expect(body).toContain('Ping @\u200bacme/security-team &amp; @\u200boctocat: see https:\u200b//evil.example/x or www\u200b.evil.example');
    // The bad file's row: five cells, its name one code span, the pipe inside it escaped, linked to
    // the file at its line with every odd character of the name encoded.
    const row = run.summary.split('\n').find((l) => l.includes('unknown-board')) as string;
    const url = `http://127.0.0.1:9/acme/pins/blob/${'a'.repeat(40)}/content/pins/x%60%7C%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.md#L3`;
    expect(row).toContain(`| [\`\`content/pins/x\`\\|<img src=x onerror=alert(1)>.md:3:8\`\`](${url}) |`);
    const problems = (await marked.parse(run.summary, { gfm: true })).split('</table>')[0] ?? '';
    const cells = [...problems.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1]?.match(/<td/g) ?? []).length).filter((n) => n > 0);
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((n) => n === 5)).toBe(true);
    expect(await marked.parse(run.summary, { gfm: true })).toContain(`<td><a href="${url}"><code>content/pins/x\`|&lt;img src=x onerror=alert(1)&gt;.md:3:8</code></a></td>`);
  });

  it('never takes over a comment with the marker that somebody else wrote', async () => {
    const planted = `${MARKER}\n## pinops previews\n\n✅ **Approved by the security team**: merge away.`;
    const github = await fakeGithub({ files: ['content/pins/a.md'], comments: [{ issue: 7, body: planted, user: 'mallory' }] });
    closers.push(() => github.close());
    const repo = await repos({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }) });
    const env = { GITHUB_API_URL: github.url };
    for (const head of ['a', 'b']) {
      const run = await runAction({ workspace: repo.root, event: 'pull_request', payload: pr('synchronize', head.repeat(40)), inputs: { token: 'ghs_pr' }, env });
      expect(run.code).toBe(0);
    }
    const all = [...github.comments.values()];
    expect(all.map((c) => c.user)).toEqual(['mallory', 'github-actions[bot]']);
    expect(all[0]?.body).toBe(planted);
    expect(all[1]?.body).toContain('Earlier previews (outdated)');

    // With a user's token, pinops' comment is that user's: the bot's marker comment is not taken over either.
    const user = await fakeGithub({ files: ['content/pins/a.md'], users: { ghp_octocat_token: 'octocat' }, comments: [{ issue: 7, body: planted, user: 'github-actions[bot]' }] });
    closers.push(() => user.close());
    const run = await runAction({
      workspace: repo.root,
      event: 'pull_request',
      payload: pr('synchronize', 'c'.repeat(40)),
      inputs: { token: 'ghp_octocat_token' },
      env: { GITHUB_API_URL: user.url },
    });
    expect(run.code).toBe(0);
    expect([...user.comments.values()].map((c) => [c.user, c.body === planted])).toEqual([
      ['github-actions[bot]', true],
      ['octocat', false],
    ]);
  });
});

describe('dist/index.js on pull_request: a pull request of 400 pins', () => {
  it('keeps each comment under GitHub’s limit: the previews in one, the plan in a second, and the job summary has the rest', { timeout: 120_000 }, async () => {
    const pins: Record<string, string> = {};
    for (let i = 0; i < 400; i++) pins[`content/pins/p${String(i).padStart(3, '0')}.md`] = mdPin({ id: `p${String(i).padStart(3, '0')}`, title: `Pin number ${i}` });
    const github = await fakeGithub({ files: Object.keys(pins) });
    closers.push(() => github.close());
    const repo = await repos({ ...BASE, ...pins });
    const run = await runAction({
      workspace: repo.root,
      event: 'pull_request',
      payload: pr('opened', 'a'.repeat(40)),
      inputs: { token: 'ghs_pr' },
      env: { GITHUB_API_URL: github.url, GITHUB_RUN_ID: '777' },
    });
    expect(run.stdout).not.toContain('::warning::');
    expect(run.code).toBe(0);
    const [previews, plan] = [...github.comments.values()].map((c) => c.body);
    expect(github.comments.size).toBe(2);
    for (const body of [previews, plan]) expect(body?.length).toBeLessThan(65_536);
    expect(github.git.filesOn('pinops-previews').size).toBe(40);
    expect(previews?.match(/<img /g)).toHaveLength(40);
    expect(previews).toContain('<details><summary>388 more pin(s)</summary>');
    const summary = '[the job summary](http://127.0.0.1:9/acme/pins/actions/runs/777)';
    expect(previews).toContain(`than fit in this comment: ${summary} has every pin in its plan.`);
    expect(previews).toMatch(/The plan does not fit beside the previews: it is in \[the next comment\]\(http:\/\/127\.0\.0\.1:9\/acme\/pins\/pull\/7#issuecomment-\d+\)\./);
    expect(plan?.startsWith('<!-- pinops:plan -->')).toBe(true);
    expect(plan).toMatch(new RegExp(`…and \\d+ more line\\(s\\) of the plan: ${summary.replace(/[[\]().]/g, '\\$&')} has them all\\.`));
    // The job summary has the whole plan.
    expect(run.summary.match(/^\| \S+ \| `p\d{3}`/gm)).toHaveLength(400);
  });

  it('says what GitHub answered when it refuses the comment, and blames permissions only for a 403', async () => {
    const { run } = await openedWithOnePin({ files: ['content/pins/a.md'], commentLimit: 300 });
    expect(run.code).toBe(0);
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning::'));
    expect(warnings).toEqual([
      '::warning::Previews were not posted: GitHub answered 422 to POST /repos/acme/pins/issues/7/comments (Validation Failed: body is too long (maximum is 300 characters)).',
    ]);
  });
});

describe("dist/index.js on pull_request: GitHub's limits and refusals", () => {
  it('waits out a secondary rate limit on the blobs as GitHub advises, says so in the log, and posts the previews', async () => {
    const { github, run } = await openedWithOnePin({ files: ['content/pins/a.md'], faults: [{ method: 'POST', path: /\/git\/blobs$/, times: 2, retryAfter: 60 }] });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const waits = run.stdout.split('\n').filter((l) => l.startsWith("GitHub's"));
    expect(waits).toEqual([
      "GitHub's secondary rate limit: waiting 60 s before trying POST /repos/acme/pins/git/blobs again (1 of 3).",
      "GitHub's secondary rate limit: waiting 60 s before trying POST /repos/acme/pins/git/blobs again (2 of 3).",
    ]);
    expect(github.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/git/blobs'))).toHaveLength(3);
    expect([...github.git.filesOn('pinops-previews').keys()]).toEqual(['pr-7/a.jpg']);
    expect(run.stdout).not.toContain('::warning::');
  });

  it('asks once when refused for want of permission, and says which permissions, as before', async () => {
    const { github, run } = await openedWithOnePin({ files: ['content/pins/a.md'], readOnly: true });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::warning::'))).toEqual([
      '::warning::Previews were not posted: GitHub answered 403 to POST /repos/acme/pins/git/blobs (Resource not accessible by integration). The workflow needs `permissions: contents: write` and `pull-requests: write`; for pull requests from forks, the workflow_run job that `pinops init` writes posts them.',
    ]);
    expect(github.calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`)).toEqual(['POST /repos/acme/pins/git/blobs']);
    expect(run.stdout).not.toContain("GitHub's");
  });
});

describe('dist/index.js on pull_request: what an update changes, where, and when', () => {
  it('shows old → new from the base commit, links files at the head and the run, and writes times in the settings’ zone', { timeout: 60_000 }, async () => {
    const repo = await repos({
      ...BASE,
      'pinops.yml': 'timezone: Europe/Berlin\n',
      'content/pins/a.md': mdPin({ id: 'a', title: 'Leather boots' }, 'Keep dry all winter.'),
    });
    const base = sh(repo.root, 'rev-parse', 'HEAD').trim();
    // The ledger says `a` was published as it is on main.
    const planned = await publish({ root: repo.root, env: {}, dryRun: true, runId: 'seed', mask: () => {}, log: () => {} });
    const d = planned.plan.actions.find((x) => x.key === 'a')?.desired;
    if (!d) throw new Error('no pin a');
    await gitLedgerStore(repo.root, 'pinops-ledger').commit(
      'seed',
      (l) => {
        l.pins.a = publishedEntry(d, { pin_id: '4800000000000000001' });
        return true;
      },
      () => [],
    );
    // The pull request edits `a` and adds a pin due on Christmas Eve, 23:30 UTC.
    sh(repo.root, 'checkout', '--quiet', '-b', 'feature');
    await writeFile(join(repo.root, 'content/pins/a.md'), mdPin({ id: 'a', title: 'Waterproof leather boots' }, 'Keep dry all winter. Free returns.'));
    await writeFile(
      join(repo.root, 'content/pins/later.md'),
      mdPin({ id: 'later', title: 'Later', link: 'https://shop.example.com/later', publish_at: '2026-12-25T00:30:00+01:00' }, 'Due on Christmas Eve.'),
    );
    sh(repo.root, 'add', '-A');
    sh(repo.root, 'commit', '--quiet', '-m', 'edit a, add later');
    const head = sh(repo.root, 'rev-parse', 'HEAD').trim();
    const github = await fakeGithub({ files: ['content/pins/a.md', 'content/pins/later.md'] });
    closers.push(() => github.close());
    const run = await runAction({
      workspace: repo.root,
      event: 'pull_request',
      payload: { action: 'synchronize', number: 7, pull_request: { number: 7, head: { sha: head }, base: { sha: base, ref: 'main' } } },
      inputs: { token: 'ghs_pr' },
      env: { GITHUB_API_URL: github.url, GITHUB_SERVER_URL: 'https://github.example', GITHUB_RUN_ID: '31', GITHUB_RUN_ATTEMPT: '3' },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const body = [...github.comments.values()][0]?.body ?? '';
    const fileLink = (file: string, line: number) => `[\`${file}:${line}\`](https://github.example/acme/pins/blob/${head}/${file}#L${line})`;
    for (const text of [body, run.summary]) {
      expect(text).toContain(
        `| ✏️ | \`a\` (${fileLink('content/pins/a.md', 2)}) | update | title: \`Leather boots\` → \`Waterproof leather boots\`; description: \`Keep dry all winter.\` → \`Keep dry all winter. Free returns.\`; pin 4800000000000000001 |`,
      );
      expect(text).toContain('Times are in Europe/Berlin, with UTC in brackets.');
      expect(text).toContain(`| 🕒 | \`later\` (${fileLink('content/pins/later.md', 2)}) | scheduled | 2026-12-25 00:30 +01:00 (2026-12-24 23:30 UTC); publish_at |`);
    }
    expect(body).toContain('made by [this workflow run](https://github.example/acme/pins/actions/runs/31/attempts/3)');
    expect(body).toContain('✅ valid · ✏️ update');
    // The artifact's plan (as `pinops plan --json` writes it) keeps ISO UTC, and carries the old → new values.
    const saved = JSON.parse(await readFile(join(run.outputs['previews-dir'] as string, 'previews.json'), 'utf8'));
    expect(saved.timezone).toBe('Europe/Berlin');
    expect(saved.plan.actions.find((a: { key: string }) => a.key === 'later').at).toBe('2026-12-24T23:30:00.000Z');
    expect(saved.plan.actions.find((a: { key: string }) => a.key === 'a').diff).toEqual([
      { field: 'title', from: 'Leather boots', to: 'Waterproof leather boots' },
      { field: 'description', from: 'Keep dry all winter.', to: 'Keep dry all winter. Free returns.' },
    ]);
  });
});
