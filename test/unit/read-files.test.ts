import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatGithub } from '../../src/diagnostics/format.js';
import { validateRepository } from '../../src/flows/validate.js';
import { validateInChild } from '../helpers/child.js';
import { runCli } from '../helpers/cli.js';
import { withoutLints } from '../helpers/lint.js';
import { BASE, mdPin, tempRepos } from '../helpers/repo.js';

const repo = tempRepos();

const TOKEN = 'eC1hY2Nlc3MtdG9rZW46Z2hzX0FCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFla';
const GIT_CONFIG = `[core]\n\trepositoryformatversion = 0\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${TOKEN}\n`;

/** A repository whose .git/config holds a checkout's credential header, as actions/checkout leaves it. */
async function withGitConfig(files: Parameters<typeof repo>[0]): Promise<string> {
  const root = await repo({ ...BASE, ...files });
  await mkdir(join(root, '.git'), { recursive: true });
  await writeFile(join(root, '.git/config'), GIT_CONFIG);
  return root;
}

describe('symbolic links out of the content folders are never followed', () => {
  it('a pin linked to ../../.git/config is an error at that pin; the file is not read, the other pins are checked', async () => {
    const root = await withGitConfig({
      'content/pins/evil.yml': { symlink: '../../.git/config' },
      'content/pins/ok.md': mdPin(),
      'content/pins/bad.md': mdPin({ board: 'Nowhere' }),
    });
    const r = await validateRepository({ root, env: {} });
    if (!r.ok) throw new Error('settings');
    expect(withoutLints(r.diagnostics).map((d) => `${d.file}:${d.line}:${d.code}`)).toEqual(['content/pins/bad.md:3:unknown-board', 'content/pins/evil.yml:1:outside-repo']);
    expect(withoutLints(r.diagnostics)[1]?.message).toContain('symbolic link');
    expect(r.pins.map((p) => p.file)).toEqual(['content/pins/bad.md', 'content/pins/ok.md']);
    expect(formatGithub(r.diagnostics)).not.toContain(TOKEN);
  });

  it('a pin linked into .git through content/ (content/pins/x.md → ../../.git/HEAD) and a folder of pins linked to .git are refused', async () => {
    const root = await withGitConfig({ 'content/pins/ok.md': mdPin() });
    await writeFile(join(root, '.git/HEAD.md'), 'title: from git\n');
    await symlink('../../.git/HEAD.md', join(root, 'content/pins/head.md'));
    await symlink('../../.git', join(root, 'content/pins/git'));
    const r = await validateRepository({ root, env: {} });
    if (!r.ok) throw new Error('settings');
    expect(r.diagnostics.map((d) => `${d.file}:${d.code}`)).toEqual(['content/pins/head.md:outside-repo']);
    expect(r.pins.map((p) => p.file)).toEqual(['content/pins/ok.md']);
  });

  it('a pin linked to another file of content/ is read', async () => {
    const r = await validateRepository({
      root: await repo({ ...BASE, 'content/elsewhere/boots.md': mdPin({ image: '../media/boots.jpg' }), 'content/pins/boots.md': { symlink: '../elsewhere/boots.md' } }),
      env: {},
    });
    if (!r.ok) throw new Error('settings');
    expect(r.pins.map((p) => p.key)).toEqual(['boots']);
  });

  it('content/boards.yml linked to .git/config is an error at boards.yml; the pins are still checked', async () => {
    const { 'content/boards.yml': _, ...rest } = BASE;
    const root = await withGitConfig({ ...rest, 'content/boards.yml': { symlink: '../.git/config' }, 'content/pins/ok.md': mdPin() });
    const r = await validateRepository({ root, env: {} });
    if (!r.ok) throw new Error('settings');
    expect(r.diagnostics.map((d) => `${d.file}:${d.code}`)).toEqual(['content/boards.yml:outside-repo', 'content/pins/ok.md:unknown-board']);
    expect(JSON.stringify(r.diagnostics)).not.toContain(TOKEN);
  });

  it('pinops.yml linked to .git/config is a settings error naming the link, with no credential in it', async () => {
    const root = await withGitConfig({ 'pinops.yml': { symlink: '.git/config' }, 'content/pins/ok.md': mdPin() });
    const r = await validateRepository({ root, env: {} });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toMatchObject([{ file: 'pinops.yml', code: 'invalid-setting', line: 1 }]);
    expect(r.diagnostics[0]?.message).toContain('symbolic link');
    const cli = await runCli(['validate'], root);
    expect(cli.code).toBe(2);
    expect(cli.out + cli.err).not.toContain(TOKEN);
  });
});

describe('a settings file named outside the repository on purpose', () => {
  it('`--config` to a regular file elsewhere is read; a link from there into a .git folder is not', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin({ board: undefined }) });
    const shared = await withGitConfig({ 'shared.yml': 'defaults:\n  board: Winter Looks\n', 'linked.yml': { symlink: '.git/config' } });
    const ok = await runCli(['validate', '--config', join(shared, 'shared.yml')], root);
    expect(ok).toMatchObject({ code: 0, out: expect.stringContaining('0 errors') });
    const linked = await runCli(['validate', '--config', join(shared, 'linked.yml')], root);
    expect(linked.code).toBe(2);
    expect(linked.out + linked.err).toContain('symbolic link that leads outside its folder (or into .git)');
    expect(linked.out + linked.err).not.toContain(TOKEN);
  });
});

describe('file sizes are checked before reading', () => {
  it('a 600 MB pinops.yml is refused from its size, with the cap, in little memory', async () => {
    const root = await repo({ ...BASE, 'content/pins/ok.md': mdPin() });
    await writeFile(join(root, 'pinops.yml'), 'timezone: Europe/Berlin\n');
    await truncate(join(root, 'pinops.yml'), 600 * 1024 * 1024);
    const r = await validateInChild(root);
    expect(r.code).toBe(0);
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toMatchObject([{ file: 'pinops.yml', code: 'invalid-setting', message: 'the file is 600.0 MB; settings files are read up to 1 MB' }]);
    expect(r.maxRssMb).toBeLessThan(300);
  });

  it('a 600 MB pin file is refused with its size, in little memory; the other pins are checked', async () => {
    const root = await repo({ ...BASE, 'content/pins/ok.md': mdPin({ board: 'Nowhere' }), 'content/pins/huge.yml': 'title: Huge\n' });
    await truncate(join(root, 'content/pins/huge.yml'), 600 * 1024 * 1024);
    const r = await validateInChild(root);
    expect(r.code).toBe(0);
    expect(r.diagnostics?.map((d) => `${d.file}:${d.code}:${d.message}`)).toEqual([
      'content/pins/huge.yml:file-too-large:the file is 600.0 MB; pin files are read up to 16 MB',
      'content/pins/ok.md:unknown-board:board "Nowhere" is not declared in content/boards.yml (it declares "Winter Looks", "Cozy Home")',
    ]);
    expect(r.maxRssMb).toBeLessThan(300);
  });

  it('a 5 MB boards.yml is refused at boards.yml; pins are still checked', async () => {
    const root = await repo({ ...BASE, 'content/pins/ok.md': mdPin() });
    await truncate(join(root, 'content/boards.yml'), 5 * 1024 * 1024);
    const r = await validateRepository({ root, env: {} });
    if (!r.ok) throw new Error('settings');
    expect(r.diagnostics.map((d) => `${d.file}:${d.code}:${d.message}`)).toEqual([
      'content/boards.yml:file-too-large:the file is 5.0 MB; boards files are read up to 1 MB',
      'content/pins/ok.md:unknown-board:board "Winter Looks" is not declared in content/boards.yml',
    ]);
  });

  it('a pinops.yml of comments only is an empty settings file: the defaults', async () => {
    const r = await validateRepository({ root: await repo({ ...BASE, 'pinops.yml': '# pinops settings\n# (none yet)\n', 'content/pins/ok.md': mdPin() }), env: {} });
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toEqual([]);
  });
});
