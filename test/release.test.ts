import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { releasePlan } from '../scripts/release-plan.js';
import { FORK_WORKFLOW, workflowYaml } from '../src/cli/init.js';
import { PROJECT } from './helpers/repo.js';

const run = promisify(execFile);
const tmp = mkdtemp(join(tmpdir(), 'pinops-release-'));
afterAll(async () => rm(await tmp, { recursive: true, force: true }));

const CHANGELOG = '# Changelog\n\nIntro.\n\n## 1.2.0\n\n- New things.\n- More.\n\n## 1.1.0\n\n- Old things.\n';

describe('the release plan', () => {
  it('takes the version’s changelog section as the notes, and v1 as the major tag', () => {
    expect(releasePlan({ version: '1.2.0', changelog: CHANGELOG, tag: 'v1.2.0' })).toEqual({ tag: 'v1.2.0', major: 'v1', notes: '- New things.\n- More.\n' });
    expect(releasePlan({ version: '1.1.0', changelog: CHANGELOG }).notes).toBe('- Old things.\n');
  });

  it('refuses a tag that is not the version, a version without notes, and a pre-release', () => {
    expect(() => releasePlan({ version: '1.2.0', changelog: CHANGELOG, tag: 'v1.3.0' })).toThrow("the tag v1.3.0 does not match package.json's version 1.2.0");
    expect(() => releasePlan({ version: '1.3.0', changelog: CHANGELOG })).toThrow('CHANGELOG.md has no "## 1.3.0" section');
    expect(() => releasePlan({ version: '1.3.0', changelog: `${CHANGELOG}\n## 1.3.0\n\n` })).toThrow('section is empty');
    expect(() => releasePlan({ version: '2.0.0-rc.1', changelog: CHANGELOG })).toThrow('is not MAJOR.MINOR.PATCH');
  });
});

describe('the release workflow', () => {
  it('and every other workflow, the ones `init` writes included, pass action-validator', async () => {
    const dir = await tmp;
    await writeFile(join(dir, 'pinops.yml'), workflowYaml('main'));
    await writeFile(join(dir, 'pinops-previews.yml'), FORK_WORKFLOW);
    const ours = (await readdir(join(PROJECT, '.github/workflows'))).map((f) => join(PROJECT, '.github/workflows', f));
    expect(ours.map((f) => f.split('/').at(-1))).toContain('release.yml');
    for (const file of [...ours, join(dir, 'pinops.yml'), join(dir, 'pinops-previews.yml')]) {
      const r = await run(join(PROJECT, 'node_modules/.bin/action-validator'), [file]).catch((e: { code: number; stdout: string }) => e);
      expect('code' in r ? `${file}: ${r.stdout}` : '', file).toBe('');
    }
  });

  it('its dry run builds the action, checks dist/ and computes the tag, the major tag and the notes', { timeout: 240_000 }, async () => {
    const dir = await tmp;
    const output = join(dir, 'github-output');
    await writeFile(output, '');
    const { version } = JSON.parse(await readFile(join(PROJECT, 'package.json'), 'utf8'));
    const env = { ...process.env, GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: `v${version}`, GITHUB_OUTPUT: output };
    const r = await run(process.execPath, ['--import', 'tsx', 'scripts/release.ts'], { cwd: PROJECT, env });
    expect(r.stdout).toMatch(/^dist\/ is fresh: \d+ files match a build of src\//m);
    const outputs = Object.fromEntries(
      (await readFile(output, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => l.split('=') as [string, string]),
    );
    expect(outputs.tag).toBe(`v${version}`);
    expect(outputs.major).toBe(`v${version.split('.')[0]}`);
    const notes = await readFile(join(PROJECT, outputs['notes-file'] as string), 'utf8');
    expect(notes).toBe(releasePlan({ version, changelog: await readFile(join(PROJECT, 'CHANGELOG.md'), 'utf8') }).notes);
  });

  it('stops before building when the tag is not the version', async () => {
    const env = { ...process.env, GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v0.0.1', GITHUB_OUTPUT: '' };
    const r = await run(process.execPath, ['--import', 'tsx', 'scripts/release.ts'], { cwd: PROJECT, env }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in r && r.code).toBe(1);
    expect((r as { stderr: string }).stderr).toContain('the tag v0.0.1 does not match');
  });
});
