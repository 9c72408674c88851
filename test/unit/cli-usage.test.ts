import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRepository } from '../../src/flows/validate.js';
import { runCli } from '../helpers/cli.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { BASE, mdPin, tempRepos } from '../helpers/repo.js';

// Mistakes in how pinops is called are usage errors (exit 2) that say what is wrong, never a
// silent "0 errors" or "nothing to do".

const repo = tempRepos();
const gitRepo = tempGitRepos();

describe('publish --only', () => {
  it('an invalid glob is a usage error naming it, before anything is planned', async () => {
    const r0 = await gitRepo({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }) });
    for (const glob of ['[unclosed', 'content/pins/{a,b', 'content/(x']) {
      const r = await runCli(['publish', '--dry-run', '--only', glob], r0.root);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`pinops: --only "${glob}" is not a valid glob: Missing closing`);
      expect(r.out).toBe('');
    }
  });

  it('a valid glob that matches no pin file is a usage error saying so; one that matches plans only those', async () => {
    const r0 = await gitRepo({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }), 'content/pins/sale/b.md': mdPin({ id: 'b', image: '../../media/boots.jpg' }) });
    const none = await runCli(['publish', '--dry-run', '--only', 'content/pins/sael/**'], r0.root);
    expect(none.code).toBe(2);
    expect(none.err).toContain('pinops: --only "content/pins/sael/**" matches no pin file (globs match paths from the repository\'s root, such as content/pins/boots.md)');
    const some = await runCli(['publish', '--dry-run', '--json', '--only', 'content/pins/sale/**'], r0.root);
    expect(some.code).toBe(0);
    expect(JSON.parse(some.out).plan.actions.map((a: { key: string; action: string }) => `${a.key}:${a.action}`)).toEqual(['b:create']);
  });

  it("a rule's `only:` that is not a glob is a settings error at its line", async () => {
    const settings = 'rules:\n  - name: sale\n    only: "content/pins/[sale"\n    when: { saves: 20 }\n    save_to: [Cozy Home]\n';
    const r = await validateRepository({ root: await repo({ ...BASE, 'pinops.yml': settings, 'content/pins/a.md': mdPin() }), env: {} });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.code} ${d.message}`)).toEqual([
      'pinops.yml:3:invalid-setting rule "sale": `only` "content/pins/[sale" is not a valid glob: Missing closing: "]"',
    ]);
  });
});

describe('validate PATH…', () => {
  it('a path that does not exist is a usage error naming it, not "0 errors"', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin({ board: 'Nowhere' }) });
    const r = await runCli(['validate', 'content/pins/typo.md', 'content/pins/a.md'], root);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toContain('pinops: content/pins/typo.md: no such file or folder');
  });

  it('a path outside the repository is a usage error; paths inside are checked as before', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin({ board: 'Nowhere' }), 'content/pins/b.md': mdPin() });
    const away = await runCli(['validate', '/'], root);
    expect(away.code).toBe(2);
    expect(away.err).toContain('pinops: /: outside the repository');
    const one = await runCli(['validate', 'content/pins/a.md'], root);
    expect(one.code).toBe(1);
    expect(one.out).toContain('content/pins/a.md:3:8  error  board "Nowhere"');
  });

  it('preview FILE… takes the same care', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin() });
    const r = await runCli(['preview', '--out', join(root, 'out'), 'content/pins/nope.md'], root);
    expect(r.code).toBe(2);
    expect(r.err).toContain('content/pins/nope.md: no such file or folder');
  });
});
