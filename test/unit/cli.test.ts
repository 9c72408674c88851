import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { sh, tempGitRepos } from '../helpers/git-repo.js';
import { ledgerAt } from '../helpers/ledger-branch.js';
import { BASE, mdPin, PROJECT, tempRepos } from '../helpers/repo.js';

const repo = tempRepos();

describe('pinops validate', () => {
  it('exits 0 on valid content and prints a closing count', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin() });
    const r = await runCli(['validate'], root);
    expect(r.code).toBe(0);
    expect(r.out).toBe('✔ 0 errors, 0 warnings in 2 files\n');
  });

  it('exits 1 on content errors, printing file:line:col, severity, message, code and fix', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin({ titel: 'x' }) });
    const r = await runCli(['validate'], root);
    expect(r.code).toBe(1);
    expect(r.out).toContain('content/pins/a.md:7:1  error  unknown field `titel` — did you mean `title`?  unknown-field\n  fix: ');
    expect(r.out).toContain('✖ 1 error, 0 warnings in 2 files');
    expect(r.out).not.toContain('\u001b[');
  });

  it('prints the documented JSON shape with --format json', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin({ alt_text: undefined }) });
    const r = await runCli(['validate', '--format', 'json'], root);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      diagnostics: [
        {
          severity: 'warning',
          code: 'alt-text-missing',
          message: 'the pin has no `alt_text`',
          file: 'content/pins/a.md',
          line: 2,
          column: 1,
          field: null,
          hint: 'Add `alt_text:` describing the image for people using screen readers.',
        },
      ],
    });
  });

  it('prints workflow commands with --format github, escaping what GitHub would misread', async () => {
    const root = await repo({ ...BASE, 'content/pins/a,b.md': mdPin({ id: 'ab', board: '"Nope: 100%"' }) });
    const r = await runCli(['validate', '--format', 'github'], root);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^::error file=content\/pins\/a%2Cb\.md,line=3,col=8,title=pinops unknown-board::board "Nope: 100%25" is not declared/);
  });

  it('validates only the paths given', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin({ titel: 'x' }), 'content/pins/ok/b.md': mdPin({ id: 'b', image: '../../media/boots.jpg' }) });
    expect((await runCli(['validate', 'content/pins/ok'], root)).code).toBe(0);
    expect((await runCli(['validate', 'content/pins/a.md'], root)).code).toBe(1);
  });

  it('exits 2 on an invalid pinops.yml, naming the setting', async () => {
    const root = await repo({ ...BASE, 'pinops.yml': 'schedule:\n  max_per_dya: 3\n', 'content/pins/a.md': mdPin() });
    const r = await runCli(['validate'], root);
    expect(r.code).toBe(2);
    expect(r.out).toContain('pinops.yml:2:3  error  unknown field `schedule.max_per_dya` — did you mean `max_per_day`?  invalid-setting');
    // The content was not read: the count is of the settings file.
    expect(r.out).toMatch(/✖ 1 error, 0 warnings in 1 file\n$/);
  });

  it('exits 2 on usage errors', async () => {
    const root = await repo({ ...BASE });
    expect((await runCli(['validate', '--format', 'xml'], root)).err).toContain('--format must be text, json or github');
    expect((await runCli(['frobnicate'], root)).code).toBe(2);
    expect((await runCli(['validate', '--bogus'], root)).code).toBe(2);
    expect((await runCli([], root)).code).toBe(2);
    expect((await runCli(['--help'], root)).code).toBe(0);
  });

  it('exits 1 with a clear message when there is no content/ folder', async () => {
    const root = await repo({ 'README.md': 'hi' });
    const r = await runCli(['validate'], root);
    expect(r.code).toBe(1);
    expect(r.out).toContain('content:1:1  error  the repository has no content/ folder');
    expect(r.out).toContain('npx pinops init');
  });

  it('honours --cwd', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin({ board: 'Nope' }) });
    expect((await runCli(['validate', '--cwd', root], PROJECT)).code).toBe(1);
  });
});

describe('pinops init', () => {
  it('scaffolds a repository that validates, and never overwrites', async () => {
    const root = await repo({ 'README.md': 'hi' });
    const r = await runCli(['init'], root);
    expect(r.code).toBe(0);
    for (const f of [
      'pinops.yml',
      'content/boards.yml',
      'content/pins/welcome.md',
      'content/media/welcome.jpg',
      'schemas/pin.schema.json',
      'schemas/settings.schema.json',
      '.github/workflows/pinops.yml',
    ]) {
      expect(r.out).toContain(`created  ${f}`);
    }
    const v = await runCli(['validate'], root);
    expect(v.out).toBe('✔ 0 errors, 0 warnings in 2 files\n');
    expect(v.code).toBe(0);
    const again = await runCli(['init'], root);
    expect(again.out).toContain('kept     pinops.yml (exists)');
    expect(await readFile(join(root, 'content/pins/welcome.md'), 'utf8')).toContain('status: draft');
    const workflow = await readFile(join(root, '.github/workflows/pinops.yml'), 'utf8');
    expect(workflow).toContain('pull_request:');
    expect(workflow).toContain('group: pinops-publish');
    expect(workflow).toContain('uses: actions/upload-artifact@v4');
    const fork = await readFile(join(root, '.github/workflows/pinops-previews.yml'), 'utf8');
    expect(fork).toContain('workflow_run:');
    expect(fork).not.toContain('actions/checkout');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub's expression syntax, not a template
    expect(workflow).toContain('PINTEREST_REFRESH_TOKEN: ${{ secrets.PINTEREST_REFRESH_TOKEN }}');
  });
});

describe('pinops demo', () => {
  it('validates, plans and publishes the bundled example to the simulator twice (the second run creates nothing), then collects analytics', { timeout: 60_000 }, async () => {
    const r = await runCli(['demo'], PROJECT);
    expect(r.err).toBe('');
    expect(r.out).toContain('✔ 0 errors, 1 warning in 9 files');
    expect(r.out).toMatch(/10 preview\(s\) in \S+previews\n/);
    expect(r.out).toMatch(/Plan: 7 create, 2 scheduled, 1 draft/);
    expect(r.out).toMatch(/Run 1: 7 published, 0 updated, 0 by rules, 0 failed, 0 unknown; the simulator now holds 7 pin\(s\)\./);
    // Nothing is published twice; the pins are dated four weeks back, so the mug's interval save to its boards: list is due.
    expect(r.out).toContain('✔ save stoneware-mug (interval: to Gift Ideas)');
    expect(r.out).toMatch(/Run 2: 0 published, 0 updated, 1 by rules, 0 failed, 0 unknown; the simulator now holds 8 pin\(s\)\./);
    // Four weeks of figures for each of the 7 pins, and the summary's tables.
    expect(r.out).toContain('Read 196 day(s) of figures for 7 pin(s)');
    expect(r.out).toMatch(/Pinterest analytics, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\n\s+[\d,]+ impressions, [\d,]+ saves/);
    expect(r.out).toContain('Top pins by outbound clicks');
    const logCmd = /git -C (\S+) log --oneline origin\/pinops-ledger/.exec(r.out);
    expect(logCmd).not.toBeNull();
    const ledger = await ledgerAt(logCmd?.[1] as string);
    const published = Object.entries(ledger.pins as Record<string, { state: string }>).filter(([, e]) => e.state === 'published');
    expect(published.map(([k]) => k).sort()).toEqual([
      'boots-care',
      'fisherman-sweater',
      'hot-cocoa-video',
      'layering-guide',
      'stoneware-mug',
      'three-winter-looks',
      'winter-sale-boots',
    ]);
    expect(r.code).toBe(0);
  });
});

describe('pinops demo REPO', () => {
  const gitRepo = tempGitRepos();

  it("publishes a copy of the user's repository to the simulator: the user's origin, files and webhooks are not touched", { timeout: 60_000 }, async () => {
    const told: string[] = [];
    const hook = createServer((req, res) => {
      told.push(req.url ?? '');
      res.end('ok');
    });
    await new Promise<void>((done) => hook.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    try {
      const r = await gitRepo({
        ...BASE,
        'pinops.yml': `notify:\n  - url: ${url}\n    format: json\nallow_private_network: true\n`,
        'content/pins/a.md': mdPin({ id: 'a' }),
        'content/pins/b.md': mdPin({ id: 'b' }),
        'content/pins/bad.md': mdPin({ id: 'bad', board: 'No Such Board' }),
      });
      const before = sh(r.root, 'status', '--porcelain');
      const out = await runCli(['demo', r.root, '--now', '2026-12-02T10:00:00Z'], PROJECT);
      expect(out.err).toBe('');
      expect(out.out).toContain(`pinops demo — a copy of ${r.root}, made to `);
      // Validated where it is: the error names the user's own file and line.
      expect(out.out).toContain('content/pins/bad.md:3:');
      expect(out.out).toContain('The pins with errors are left out of what follows');
      expect(out.out).toContain('Plan, as of 2026-12-02T10:00:00Z (now; --now ISO to change it)');
      expect(out.out).toMatch(/Run 1: 2 published, 0 updated, 0 by rules, 0 failed, 0 unknown; the simulator now holds 2 pin\(s\)\./);
      expect(out.out).toMatch(/Run 2: 0 published/);
      expect(out.code).toBe(1);
      const copy = /git -C (\S+) log --oneline origin\/pinops-ledger/.exec(out.out)?.[1] as string;
      expect(Object.keys((await ledgerAt(copy)).pins as object).sort()).toEqual(['a', 'b']);
      expect(sh(r.root, 'ls-remote', 'origin')).not.toContain('pinops-ledger');
      expect(sh(r.root, 'status', '--porcelain')).toBe(before);
      expect(told).toEqual([]);
    } finally {
      hook.close();
    }
  });

  it('names a repository that does not exist', async () => {
    const out = await runCli(['demo', '/nonexistent/pinops-repo'], PROJECT);
    expect(out.code).toBe(2);
    expect(out.err).toContain('`pinops demo /nonexistent/pinops-repo`: there is no such folder');
    expect(out.out).toBe('');
  });
});

describe('pinops plan, publish and boards', () => {
  const gitRepo = tempGitRepos();

  it('plan --json lists every pin with its action, and needs no credentials', async () => {
    const r = await gitRepo({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }), 'content/pins/b.md': mdPin({ id: 'b', publish_at: '2099-01-01T00:00:00Z' }) });
    const out = await runCli(['plan', '--json', '--now', '2026-12-02T10:00:00Z'], r.root);
    expect(out.code).toBe(0);
    const plan = JSON.parse(out.out);
    expect(plan.now).toBe('2026-12-02T10:00:00.000Z');
    expect(plan.actions.map((a: { key: string; action: string }) => `${a.key}:${a.action}`)).toEqual(['a:create', 'b:scheduled']);
    expect((await runCli(['plan', '--now', 'someday'], r.root)).code).toBe(2);
  });

  it('publish --dry-run prints the plan; publish without credentials exits 3', async () => {
    const r = await gitRepo({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }) });
    const dry = await runCli(['publish', '--dry-run'], r.root);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Plan: 1 create');
    const real = await runCli(['publish'], r.root, {});
    expect(real.code).toBe(3);
    expect(real.err).toContain('no Pinterest credentials');
    expect((await runCli(['publish', '--limit', 'many'], r.root)).code).toBe(2);
  });

  it('publish --dry-run lists content problems as validate does: every one, with the file count', async () => {
    const r = await gitRepo({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }), 'content/pins/b.md': mdPin({ id: 'b', link: 'shop.example.com/x' }) });
    const validate = await runCli(['validate'], r.root);
    const dry = await runCli(['publish', '--dry-run'], r.root);
    const summary = /✖ 1 error, \d+ warnings? in (\d+) files/;
    expect(validate.out).toMatch(summary);
    expect(dry.err.match(summary)?.[0]).toBe(validate.out.match(summary)?.[0]);
    expect(dry.err).not.toContain('in 0 files');
    expect(dry.out).toMatch(/invalid +b /);
  });

  it("boards lists the account's boards and sections with ids", async () => {
    const { startSimulator } = await import('../../src/pinterest/simulator.js');
    const sim = await startSimulator({ accessTokens: ['tok'] });
    try {
      sim.state.boards.set('111', { id: '111', name: 'Winter Looks', privacy: 'PUBLIC' });
      sim.state.sections.set('111', [{ id: '222', name: 'Boots' }]);
      const root = await repo({ ...BASE });
      const out = await runCli(['boards'], root, { PINTEREST_API_BASE: sim.url, PINTEREST_ACCESS_TOKEN: 'tok' });
      expect(out.code).toBe(0);
      expect(out.out).toBe(`${'111'.padEnd(20)} Winter Looks (public)\n${''.padEnd(20)}   § Boots  222\n1 board(s)\n`);
      const json = await runCli(['boards', '--json'], root, { PINTEREST_API_BASE: sim.url, PINTEREST_ACCESS_TOKEN: 'tok' });
      expect(JSON.parse(json.out)).toEqual({ boards: [{ id: '111', name: 'Winter Looks', privacy: 'PUBLIC', sections: [{ id: '222', name: 'Boots' }] }] });
    } finally {
      await sim.close();
    }
  });
});

const gitRepo = tempGitRepos();

describe('pinops analytics and pinops draft: usage', () => {
  it('refuses --days outside 1–90 and a draft without exactly one URL, with exit 2', async () => {
    const root = await repo({ ...BASE });
    const days = await runCli(['analytics', '--days', '120'], root);
    expect(days.code).toBe(2);
    expect(days.err).toContain('--days must be a whole number from 1 to 90 (Pinterest keeps 90 days of analytics), not "120"');
    const none = await runCli(['draft'], root);
    expect(none.code).toBe(2);
    expect(none.err).toContain('`pinops draft` takes one product page URL');
    const bad = await runCli(['draft', 'shop.example.com/boots'], root);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('"shop.example.com/boots" is not a URL');
  });

  it('analytics without credentials stops with exit 3 before any request', async () => {
    const { root } = await gitRepo({ ...BASE });
    const r = await runCli(['analytics'], root, { PINTEREST_API_BASE: 'http://127.0.0.1:9/v5' });
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/no Pinterest credentials/);
  });
});
