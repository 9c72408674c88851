import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeGithub } from '../helpers/fake-github.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { contractSimulator, currentRefreshToken } from '../helpers/publish-env.js';
import { BASE, mdPin } from '../helpers/repo.js';
import { runAction } from '../helpers/runner.js';

const repos = tempGitRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

describe('dist/index.js on schedule: the calendar in the job summary', () => {
  it('publishes the pin of the slot just passed, then shows the next two weeks from the previews branch’s schedule/ folder', async () => {
    const repo = await repos({
      ...BASE,
      // Two slots a day: whenever the run is, the slot just passed is free, so exactly one pin is due.
      'pinops.yml': 'timezone: Europe/Berlin\nschedule:\n  slots:\n    daily: ["09:00", "21:00"]\n  queue: true\n',
      'content/pins/one.md': mdPin({ id: 'one', title: 'First in the queue' }),
      'content/pins/two.md': mdPin({ id: 'two', title: 'Second in the queue' }),
      'content/pins/three.md': mdPin({ id: 'three', title: 'Third in the queue' }),
    });
    const { sim, contract, env } = await contractSimulator();
    const github = await fakeGithub({});
    closers.push(
      () => sim.close(),
      () => github.close(),
    );
    const run = await runAction({
      workspace: repo.root,
      event: 'schedule',
      inputs: { token: 'ghs_schedule' },
      env: { ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim), GITHUB_API_URL: github.url, GITHUB_SERVER_URL: 'https://github.example', GITHUB_RUN_ID: '9' },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect([...sim.state.pins.values()].map((p) => p.title)).toEqual(['First in the queue']);
    const calendar = github.git.filesOn('pinops-previews').get('schedule/calendar.png') as Buffer;
    expect((await sharp(calendar).metadata()).format).toBe('png');
    const head = github.git.refs.get('pinops-previews') as string;
    expect(run.summary).toContain('## Schedule\n\n2 pin(s) to come in the next two weeks');
    expect(run.summary).toContain(`<img src="https://github.example/acme/pins/blob/${head}/schedule/calendar.png?raw=true" width="760"`);
    expect(contract.violations).toEqual([]);
  });
});
