import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { githubClient } from '../../src/github/client.js';
import { branchHead } from '../../src/github/git-data.js';
import { repoPath, segs } from '../../src/github/paths.js';
import { replaceFolder } from '../../src/github/previews.js';
import { parseSettings } from '../../src/settings/load.js';
import { branchNameProblem } from '../../src/util/ref-name.js';
import { fakeGithub } from '../helpers/fake-github.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

/** What git itself says of a branch name. */
function gitAccepts(name: string): boolean {
  try {
    execFileSync('git', ['check-ref-format', `refs/heads/${name}`], { stdio: 'ignore' });
    return !name.startsWith('-');
  } catch {
    return false;
  }
}

describe('branch names in settings', () => {
  const names = [
    'pinops-previews',
    'previews/pr',
    'x/../..',
    '../main',
    'a//b',
    '/a',
    'a/',
    'a.',
    'a.lock',
    'a/b.lock/c',
    'a/.hidden',
    '.hidden',
    'a b',
    'a\tb',
    'a~1',
    'a^',
    'a:b',
    'a?',
    'a*',
    'a[b',
    'a\\b',
    'a@{1}',
    'a@b',
    '-x',
    'ü/ß',
    '%2e%2e/%2e%2e/x',
    'pins#1',
    'a\u007fb',
  ];

  it('are judged as git check-ref-format judges them', () => {
    for (const n of names) expect(branchNameProblem(n) === undefined, n).toBe(gitAccepts(n));
  });

  it('that git refuses make the setting invalid, named', () => {
    const r = parseSettings('pinops.yml', Buffer.from('preview_branch: x/../..\nledger_branch: "main:refs/heads/x"\n'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ['invalid-setting', 2, '`ledger_branch`: "main:refs/heads/x" is not a git branch name: it contains ":"'],
      ['invalid-setting', 1, '`preview_branch`: "x/../.." is not a git branch name: it contains ".."'],
    ]);
  });
});

describe('GitHub API paths', () => {
  it('encode every segment and refuse dot segments', () => {
    expect(repoPath({ owner: 'a b', repo: 'c?d', apiUrl: '' })).toBe('/repos/a%20b/c%3Fd');
    expect(segs('previews/pr#1/%2e%2e')).toBe('previews/pr%231/%252e%252e');
    expect(() => segs('a/../b')).toThrow(/cannot be a part of a GitHub API path/);
    expect(() => segs('a//b')).toThrow();
  });

  it('a branch that git allows never reaches another branch or another API path', async () => {
    const github = await fakeGithub({ branches: { pins: { 'keep.txt': 'untouched' } } });
    closers.push(() => github.close());
    const gh = githubClient({ owner: 'acme', repo: 'pins', apiUrl: github.url }, 'ghs_t');
    const pinsHead = github.git.refs.get('pins');
    for (const branch of ['pins#1', '%2e%2e/%2e%2e/%2e%2e/x']) {
      await replaceFolder(gh, branch, 'pr-1', [{ name: 'a.png', data: Buffer.from('png') }], 'previews');
      expect([...github.git.filesOn(branch).keys()], branch).toEqual(['pr-1/a.png']);
      expect((await branchHead(gh, branch)).commit).toBe(github.git.refs.get(branch));
    }
    // `pins#1` was not read as `pins`, nor `%2e%2e/…` as a path out of /git/.
    expect(github.git.refs.get('pins')).toBe(pinsHead);
    expect([...github.git.filesOn('pins').keys()]).toEqual(['keep.txt']);
    expect(
      github.calls.every((c) => c.path.startsWith('/repos/acme/pins/git/')),
      JSON.stringify(github.calls.map((c) => c.path)),
    ).toBe(true);
  });
});
