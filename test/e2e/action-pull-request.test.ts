import { afterEach, describe, expect, it } from 'vitest';
import { fakeGithub } from '../helpers/fake-github.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { BASE, type FixtureFile, mdPin, tempRepos } from '../helpers/repo.js';
import { runAction } from '../helpers/runner.js';

const repo = tempRepos();
const gitRepo = tempGitRepos();
const PR = { action: 'synchronize', number: 7, pull_request: { number: 7, head: { sha: 'abc' }, base: { ref: 'main' } } };

describe('dist/index.js on pull_request', () => {
  it('passes valid content, with outputs and a summary', async () => {
    const workspace = await repo({ ...BASE, 'content/pins/a.md': mdPin() });
    const run = await runAction({ workspace, event: 'pull_request', payload: PR });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({ errors: '0', warnings: '0' });
    expect(run.summary).toContain('## pinops: ✅ 0 error(s), 0 warning(s) in 2 file(s)');
    expect(run.stdout).toContain('1 pin(s) checked');
  });

  it('annotates errors at file and line, writes the table and the plan, sets outputs, and fails the step', async () => {
    const { root: workspace } = await gitRepo({
      ...BASE,
      'content/pins/a.md': mdPin({ titel: 'x' }),
      'content/pins/b.md': mdPin({ alt_text: undefined, title: 'Wool scarf' }, 'A warm scarf.'),
    });
    const run = await runAction({ workspace, event: 'pull_request', payload: PR });
    expect(run.code).toBe(1);
    const commands = run.stdout.split('\n').filter((l) => /^::(error|warning|notice)/.test(l));
    expect(commands).toEqual([
      '::error title=pinops unknown-field,file=content/pins/a.md,line=7,col=1::unknown field `titel` — did you mean `title`?. Fix: Remove the field or fix its spelling; the schema in schemas/pin.schema.json lists every field.',
      '::warning title=pinops alt-text-missing,file=content/pins/b.md,line=2,col=1::the pin has no `alt_text`. Fix: Add `alt_text:` describing the image for people using screen readers.',
    ]);
    // The closing line fails the step without an error annotation of its own (one of the runner's ten).
    expect(run.stdout).toContain('\n1 error(s) in the content: see the annotations and the job summary.\n');
    expect(run.outputs).toEqual({ errors: '1', warnings: '1', 'failure-reason': '1 error(s) in the content: see the annotations and the job summary.' });
    expect(run.summary).toContain('## pinops: ❌ 1 error(s), 1 warning(s) in 3 file(s)');
    expect(run.summary).toContain('| ❌ | `content/pins/a.md:7:1` | unknown field `titel` — did you mean `title`? |');
    expect(run.summary).toContain('### Plan\n\n➕ 1 create · ❌ 1 invalid');
    expect(run.summary).toMatch(/\| ❌ \| `a` \(content\/pins\/a\.md\) \| invalid \|/);
  });

  it('keeps to the runner caps of 10 annotations per kind and lists every problem in the summary', async () => {
    const files: Record<string, FixtureFile> = { ...BASE };
    for (let i = 0; i < 14; i++) files[`content/pins/p${String(i).padStart(2, '0')}.md`] = mdPin({ board: 'Nope', title: `Pin number ${i}` }, `The description of pin ${i}.`);
    const workspace = await repo(files);
    const run = await runAction({ workspace, event: 'pull_request', payload: PR });
    expect(run.code).toBe(1);
    expect(run.stdout.match(/^::error title=/gm)).toHaveLength(10);
    expect(run.stdout).toContain('::notice::4 more problem(s) than the runner shows as annotations: the job summary lists them all.');
    // Every problem in the problems table (the plan below it lists the 14 pins as invalid too).
    expect(run.summary.match(/^\| ❌ \| `content\/pins\/p\d\d\.md:\d+:\d+` \|/gm)).toHaveLength(14);
    expect(run.summary.match(/^\| ❌ \| `p\d\d` .*\| invalid \|/gm)).toHaveLength(14);
    expect(run.outputs.errors).toBe('14');
  });

  it('fails with the setting named when pinops.yml is invalid', async () => {
    const workspace = await repo({ ...BASE, 'pinops.yml': 'max_per_run: 5\n', 'content/pins/a.md': mdPin() });
    const run = await runAction({ workspace, event: 'pull_request', payload: PR });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('pinops.yml is invalid: pinops.yml:1: unknown field `max_per_run`');
    expect(run.stdout).toContain('::error title=pinops invalid-setting,file=pinops.yml,line=1,col=1::');
    // The content was not read: the summary counts the settings file.
    expect(run.summary).toContain('## pinops: ❌ 1 error(s), 0 warning(s) in 1 file(s)');
  });

  it('fails on a repository without content/', async () => {
    const workspace = await repo({ 'README.md': 'hi' });
    const run = await runAction({ workspace, event: 'pull_request', payload: PR });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error title=pinops no-content,file=content,line=1,col=1::the repository has no content/ folder');
  });

  it('rejects a bad input value by name', async () => {
    const workspace = await repo({ ...BASE, 'content/pins/a.md': mdPin() });
    const run = await runAction({ workspace, event: 'pull_request', payload: PR, inputs: { 'dry-run': 'maybe' } });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toMatch(/^input `dry-run`: /);
  });
});

describe('the bad-content fixture that .github/workflows/ci.yml runs the action on', () => {
  it('fails with the annotations a user would see', async () => {
    const { cp } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { PROJECT } = await import('../helpers/repo.js');
    const workspace = await repo({});
    await cp(join(PROJECT, 'test/fixtures/bad-content/content'), join(workspace, 'content'), { recursive: true });
    const run = await runAction({ workspace, event: 'pull_request', payload: PR });
    expect(run.code).toBe(1);
    const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::error title='));
    expect(annotations.map((l) => l.slice('::error '.length, l.indexOf('::', 2)))).toEqual([
      'title=pinops unknown-field,file=content/pins/typo.md,line=5,col=1',
      'title=pinops unknown-board,file=content/pins/unknown-board.yml,line=2,col=8',
      'title=pinops publish-at-invalid,file=content/pins/unknown-board.yml,line=5,col=13',
    ]);
    expect(run.stdout).toContain('did you mean `alt_text`?');
    expect(run.outputs.errors).toBe('3');
  });
});

describe('dist/index.js puts every problem on a check run', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });
  const twelve = () => {
    const files: Record<string, FixtureFile> = { ...BASE };
    for (let i = 0; i < 12; i++) files[`content/pins/p${String(i).padStart(2, '0')}.md`] = mdPin({ board: 'Nope', title: `Pin number ${i}` }, `The description of pin ${i}.`);
    return repo(files);
  };
  const head = 'd'.repeat(40);
  const payload = { action: 'synchronize', number: 7, pull_request: { number: 7, head: { sha: head }, base: { ref: 'main' } } };

  it('a pull request with 12 errors shows all 12 as annotations of the failed check run, and the step fails without one', async () => {
    const github = await fakeGithub({ files: ['content/pins/p00.md'] });
    closers.push(() => github.close());
    const env = { GITHUB_API_URL: github.url, GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1' };
    const run = await runAction({ workspace: await twelve(), event: 'pull_request', payload, inputs: { token: 'ghs_pr' }, env });
    expect(run.code).toBe(1);
    const check = [...github.checkRuns.values()];
    expect(check).toHaveLength(1);
    expect(check[0]).toMatchObject({ name: 'pinops', head_sha: head, status: 'completed', conclusion: 'failure' });
    expect(check[0]?.annotations.map((a) => `${a.path}:${a.start_line} ${a.annotation_level}`)).toEqual(
      Array.from({ length: 12 }, (_, i) => `content/pins/p${String(i).padStart(2, '0')}.md:3 failure`),
    );
    expect(check[0]?.output.summary).toContain('[the job summary](https://github.com/acme/pins/actions/runs/42/attempts/1)');
    expect(run.stdout).not.toMatch(/^::error/m);
    expect(run.stdout).toContain('Every problem (12) is annotated on the check run https://github.com/acme/pins/runs/5000.');
    expect(run.outputs['failure-reason']).toBe('12 error(s) in the content: see the annotations and the job summary.');
  });

  it("a fork's read-only token: the step annotates ten errors, the changed file's first, and says how many more", async () => {
    const github = await fakeGithub({ readOnly: true, files: ['content/pins/p11.md'] });
    closers.push(() => github.close());
    const run = await runAction({ workspace: await twelve(), event: 'pull_request', payload, inputs: { token: 'ghs_read_only' }, env: { GITHUB_API_URL: github.url } });
    expect(run.code).toBe(1);
    expect(github.checkRuns.size).toBe(0);
    const errors = run.stdout.match(/^::error .*$/gm) ?? [];
    expect(errors).toHaveLength(10);
    expect(errors[0]).toContain('file=content/pins/p11.md,');
    expect(errors[1]).toContain('file=content/pins/p00.md,');
    expect(run.stdout).toContain('::notice::2 more problem(s) than the runner shows as annotations: the job summary lists them all.');
    expect(run.stdout).toContain('The token cannot write checks (GitHub answered 403 to POST /repos/acme/pins/check-runs');
    // Every one in the summary, each place linked to its file and line at the pull request's head.
    expect(run.summary.match(/^\| ❌ \| \[`content\/pins\/p\d\d\.md:\d+:\d+`\]\(\S+\/acme\/pins\/blob\/[0-9a-f]{40}\/content\/pins\/p\d\d\.md#L\d+\) \|/gm)).toHaveLength(12);
  });
});
