import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeGithub } from '../helpers/fake-github.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { BASE, mdPin } from '../helpers/repo.js';
import { runAction } from '../helpers/runner.js';

const repos = tempGitRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const pr = (head: string) => ({ action: 'opened', number: 7, pull_request: { number: 7, head: { sha: head } } });

describe('dist/index.js on pull_request: the calendar after the merge', () => {
  it('shows the next two weeks beside the previews, the new pin and the pins it moves framed and listed', async () => {
    // The pull request adds `new` with a higher priority: it takes the first slot, and the two queued pins move on.
    const github = await fakeGithub({ files: ['content/pins/new.md'] });
    closers.push(() => github.close());
    const repo = await repos({
      ...BASE,
      'pinops.yml': 'timezone: Europe/Berlin\nschedule:\n  slots:\n    daily: ["09:00", "21:00"]\n  queue: true\n',
      'content/media/mug.jpg': { media: 'mug.jpg' },
      'content/pins/one.md': mdPin({ id: 'one', title: 'First in the queue' }),
      'content/pins/two.md': mdPin({ id: 'two', title: 'Second in the queue' }),
      'content/pins/new.md': mdPin({ id: 'new', title: 'The new mug', image: '../media/mug.jpg', priority: '5' }),
    });
    const run = await runAction({
      workspace: repo.root,
      event: 'pull_request',
      payload: pr('c'.repeat(40)),
      inputs: { token: 'ghs_pr' },
      env: { GITHUB_API_URL: github.url, GITHUB_SERVER_URL: 'https://github.example' },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = github.git.filesOn('pinops-previews');
    expect([...files.keys()].sort()).toEqual(['pr-7/calendar.png', 'pr-7/new.jpg']);
    const calendar = files.get('pr-7/calendar.png') as Buffer;
    const meta = await sharp(calendar).metadata();
    expect([meta.format, meta.width]).toEqual(['png', 1132]);
    expect(calendar.length).toBeLessThan(400 * 1024);
    const head = github.git.refs.get('pinops-previews') as string;
    const body = [...github.comments.values()][0]?.body ?? '';
    expect(body).toContain('### Schedule after the merge');
    expect(body).toContain(`<img src="https://github.example/acme/pins/blob/${head}/pr-7/calendar.png?raw=true" width="760"`);
    expect(body).toMatch(
      /This pull request moves 2 queued pin\(s\) to other slots \(Europe\/Berlin\):\n\n- `one`: \w{3} \d+ \w{3} (09|21):00 → \w{3} \d+ \w{3} (09|21):00\n- `two`: /,
    );
    // The calendar sits between the previews and the plan.
    expect(body.indexOf('pr-7/new.jpg')).toBeLessThan(body.indexOf('### Schedule after the merge'));
    expect(body.indexOf('### Schedule after the merge')).toBeLessThan(body.indexOf('### Plan'));
  });

  it('no slots and nothing scheduled: no calendar', async () => {
    const github = await fakeGithub({ files: ['content/pins/a.md'] });
    closers.push(() => github.close());
    const repo = await repos({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }) });
    const run = await runAction({ workspace: repo.root, event: 'pull_request', payload: pr('d'.repeat(40)), inputs: { token: 'ghs_pr' }, env: { GITHUB_API_URL: github.url } });
    expect(run.code).toBe(0);
    expect([...github.git.filesOn('pinops-previews').keys()]).toEqual(['pr-7/a.jpg']);
    expect([...github.comments.values()][0]?.body).not.toContain('Schedule after the merge');
  });
});
