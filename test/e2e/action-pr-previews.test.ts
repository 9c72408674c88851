import { afterEach, describe, expect, it } from 'vitest';
import { MARKER } from '../../src/github/previews.js';
import { fakeGithub } from '../helpers/fake-github.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { BASE, mdPin } from '../helpers/repo.js';
import { runAction } from '../helpers/runner.js';

const repos = tempGitRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const pr = (action: string, head: string) => ({ action, number: 7, pull_request: { number: 7, head: { sha: head } } });

describe('dist/index.js on pull_request: the preview comment', () => {
  it('posts one comment with previews of the changed pins, updates it in place, and cleans up when closed', async () => {
    const files = ['content/pins/a.md'];
    const github = await fakeGithub({ files });
    closers.push(() => github.close());
    const repo = await repos({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }), 'content/pins/b.md': mdPin({ id: 'b', title: 'Sneaky <!-- pinops:previews --> | title' }) });
    const env = { GITHUB_API_URL: github.url, GITHUB_SERVER_URL: 'https://github.example' };
    const inputs = { token: 'ghs_pr' };

    const first = await runAction({ workspace: repo.root, event: 'pull_request', payload: pr('opened', 'a'.repeat(40)), inputs, env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect([...github.git.filesOn('pinops-previews').keys()]).toEqual(['pr-7/a.png']);
    expect(github.comments.size).toBe(1);
    const head = github.git.refs.get('pinops-previews') as string;
    const body = [...github.comments.values()][0]?.body ?? '';
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body).toContain(`<img src="https://github.example/acme/pins/blob/${head}/pr-7/a.png?raw=true" width="300"`);
    expect(body).toContain('✅ valid');
    expect(body).toContain('### Plan');

    files.push('content/pins/b.md');
    const second = await runAction({ workspace: repo.root, event: 'pull_request', payload: pr('synchronize', 'b'.repeat(40)), inputs, env });
    expect(second.code).toBe(0);
    expect(github.comments.size).toBe(1);
    expect([...github.git.filesOn('pinops-previews').keys()].sort()).toEqual(['pr-7/a.png', 'pr-7/b.png']);
    const updated = [...github.comments.values()][0]?.body ?? '';
    expect(updated).toContain('Earlier previews (outdated)');
    expect(updated).toContain(`[aaaaaaa](https://github.example/acme/pins/commit/${'a'.repeat(40)})`);
    // A title cannot forge the marker or break the table.
    expect(updated.split(MARKER)).toHaveLength(2);
    expect(updated).toContain('Sneaky \\<!-- pinops:previews --\\> \\| title');

    const closed = await runAction({ workspace: repo.root, event: 'pull_request', payload: pr('closed', 'b'.repeat(40)), inputs, env });
    expect(closed.code).toBe(0);
    expect([...github.git.filesOn('pinops-previews').keys()]).toEqual([]);
  });
});
