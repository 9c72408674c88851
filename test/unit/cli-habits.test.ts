import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progress } from '../../src/cli/io.js';
import { COMMANDS } from '../../src/cli/main.js';
import { CLI_FROM_SOURCE, runCli } from '../helpers/cli.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { BASE, mdPin, PROJECT, tempRepos } from '../helpers/repo.js';

const repo = tempRepos();
const gitRepo = tempGitRepos();

/** Every file under a folder, for "nothing was written". */
async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

/** The CLI from source as its own process, its stdout a pipe that `head -1` would close. */
function spawnCli(args: string[], cwd: string): Promise<{ code: number | null; firstLine: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI_FROM_SOURCE, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      // Like `head -1`: read one line, then go away.
      if (out.includes('\n')) child.stdout.destroy();
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, firstLine: out.split('\n')[0] ?? '', err }));
  });
}

describe('pinops --version and help', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(await readFile(join(PROJECT, 'package.json'), 'utf8'));
    const r = await runCli(['--version'], PROJECT);
    expect(r).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  it.each(Object.keys(COMMANDS))('`pinops %s --help` prints that command’s own usage and options', async (name) => {
    const r = await runCli([name, '--help'], PROJECT);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(new RegExp(`^Usage: pinops ${name}\\b`));
    for (const option of Object.keys(COMMANDS[name]?.options ?? {})) expect(r.out).toContain(`--${option}`);
    // Not the overview of every command.
    expect(r.out).not.toContain('Commands:');
  });
});

describe('each command accepts only its own options', () => {
  it('init --dry-run is refused before anything is written', async () => {
    const root = await repo({ 'README.md': 'hi' });
    const r = await runCli(['init', '--dry-run'], root);
    expect(r.code).toBe(2);
    expect(r.err).toContain('`pinops init` has no option --dry-run; it is an option of `pinops publish`');
    expect(await tree(root)).toEqual(['README.md']);
  });

  it('a typo is named with the option meant', async () => {
    const root = await repo({ ...BASE });
    const r = await runCli(['validate', '--fromat', 'json'], root);
    expect(r.code).toBe(2);
    expect(r.err).toContain('`pinops validate` has no option --fromat — did you mean --format?');
  });

  it('plan --limit 1 --days 3 --port 9 is refused, naming the first foreign option', async () => {
    const root = await repo({ ...BASE });
    const r = await runCli(['plan', '--limit', '1', '--days', '3', '--port', '9'], root);
    expect(r.code).toBe(2);
    expect(r.err).toContain('`pinops plan` has no option --limit; it is an option of `pinops publish`');
    expect(r.out).toBe('');
  });

  it('demo runs its own example: --cwd and --config are refused (not silently ignored) and not in its help', async () => {
    const root = await repo({ ...BASE });
    for (const args of [
      ['demo', '--cwd', '.'],
      ['demo', '--config', 'pinops.yml'],
    ]) {
      const r = await runCli(args, root);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(`\`pinops demo\` runs on its own bundled example, so it takes no ${args[1]}; \`pinops demo DIR\` runs it on a copy of that repository`);
      expect(r.out).toBe('');
    }
    const help = await runCli(['demo', '--help'], root);
    expect(help.out).toContain('--now ISO');
    expect(help.out).not.toContain('--cwd');
    expect(help.out).not.toContain('--config');
  });

  it('an unknown command suggests the one meant', async () => {
    const r = await runCli(['valdiate'], PROJECT);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "valdiate" — did you mean `pinops validate`?');
  });
});

describe('--json on every command that prints results', () => {
  it('validate --json is --format json', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin({ board: 'Nope' }) });
    const r = await runCli(['validate', '--json'], root);
    expect(JSON.parse(r.out).diagnostics[0].code).toBe('unknown-board');
    expect(r.code).toBe(1);
  });

  it('preview --json lists what was written', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }) });
    const r = await runCli(['preview', '--json', '--out', join(root, 'out')], root);
    expect(r.code).toBe(0);
    // boots.jpg is a smooth gradient, smaller as JPEG than as PNG.
    expect(JSON.parse(r.out)).toEqual({ written: [{ key: 'a', file: join(root, 'out', 'a.jpg') }], failed: [] });
  });

  it('publish --dry-run --json is the plan with no outcomes; stdout holds only the JSON', async () => {
    const r0 = await gitRepo({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }) });
    const r = await runCli(['publish', '--dry-run', '--json'], r0.root);
    const j = JSON.parse(r.out);
    expect(j.dry_run).toBe(true);
    expect(j.plan.actions.map((a: { key: string; action: string }) => `${a.key}:${a.action}`)).toEqual(['a:create']);
    expect(j.outcomes).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('--json is accepted by boards, analytics and draft, and not by auth or init', () => {
    for (const c of ['validate', 'preview', 'plan', 'publish', 'boards', 'analytics', 'draft']) expect(COMMANDS[c]?.options).toHaveProperty('json');
    for (const c of ['auth', 'disconnect', 'init', 'demo']) expect(COMMANDS[c]?.options).not.toHaveProperty('json');
  });
});

describe('a closed stdout, and init writes all its files or none', () => {
  it('`pinops init | head -1` finishes its work: no EPIPE trace, every file written', async () => {
    const root = await repo({ 'README.md': 'hi' });
    const r = await spawnCli(['init'], root);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.firstLine).toBe('  created  pinops.yml');
    const files = await tree(root);
    for (const f of ['pinops.yml', 'content/pins/welcome.md', 'schemas/settings.schema.json', '.github/workflows/pinops-previews.yml', '.vscode/settings.json', '.gitignore'])
      expect(files).toContain(f);
  });

  it('a file that cannot be written leaves none of the others behind (exit 4, the path named)', async () => {
    const root = await repo({ 'README.md': 'hi', 'schemas/pin.schema.json.pinops-init/blocker': 'a folder where init writes' });
    const r = await runCli(['init'], root);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/could not \w+ \S*schemas\/pin\.schema\.json\.pinops-init: EISDIR/);
    expect(await tree(root)).toEqual(['README.md', 'schemas', 'schemas/pin.schema.json.pinops-init', 'schemas/pin.schema.json.pinops-init/blocker']);
  });
});

describe('init sets up editors and keeps what is the user’s', () => {
  it('.gitignore in a new repository: pinops output and node_modules/, each once however often init runs', async () => {
    const root = await repo({ 'README.md': 'hi' });
    const want = '# pinops output (pinops preview, pinops calendar)\n/pinops-previews/\n/pinops-calendar.png\nnode_modules/\n';
    expect((await runCli(['init'], root)).code).toBe(0);
    expect(await readFile(join(root, '.gitignore'), 'utf8')).toBe(want);
    expect((await runCli(['init', '--force'], root)).code).toBe(0);
    expect(await readFile(join(root, '.gitignore'), 'utf8')).toBe(want);
  });

  it('modelines, .vscode/settings.json and .gitignore; --force keeps settings and content; --schemas touches only schemas/', async () => {
    const root = await repo({ 'README.md': 'hi', '.vscode/settings.json': '{"editor.tabSize": 2}', '.gitignore': 'node_modules/' });
    expect((await runCli(['init'], root)).code).toBe(0);
    for (const f of ['pinops.yml', 'content/boards.yml', 'content/pins/welcome.md', '.github/workflows/pinops.yml'])
      expect(await readFile(join(root, f), 'utf8'), f).toMatch(/^(---\n)?# yaml-language-server: \$schema=/);
    const vscode = JSON.parse(await readFile(join(root, '.vscode/settings.json'), 'utf8'));
    expect(vscode['editor.tabSize']).toBe(2);
    expect(vscode['yaml.schemas']['./schemas/pin-file.schema.json']).toEqual(['content/pins/**/*.yml', 'content/pins/**/*.yaml']);
    expect(vscode['yaml.schemas']['./schemas/settings.schema.json']).toEqual(['pinops.yml']);
    expect(await readFile(join(root, '.gitignore'), 'utf8')).toBe('node_modules/\n# pinops output (pinops preview, pinops calendar)\n/pinops-previews/\n/pinops-calendar.png\n');

    await writeFile(join(root, 'pinops.yml'), 'timezone: Europe/Berlin\n');
    await writeFile(join(root, 'schemas/pin.schema.json'), '{}');
    const forced = await runCli(['init', '--force'], root);
    expect(forced.out).toContain('kept     pinops.yml (exists)');
    expect(forced.out).toContain('updated  schemas/pin.schema.json');
    expect(await readFile(join(root, 'pinops.yml'), 'utf8')).toBe('timezone: Europe/Berlin\n');

    await writeFile(join(root, 'schemas/pin.schema.json'), '{}');
    await writeFile(join(root, '.github/workflows/pinops.yml'), '# mine\n');
    const schemas = await runCli(['init', '--schemas'], root);
    expect(schemas.out).toBe(
      '  updated  schemas/pin.schema.json\n  updated  schemas/pin-file.schema.json\n  updated  schemas/boards.schema.json\n  updated  schemas/settings.schema.json\n',
    );
    expect(await readFile(join(root, '.github/workflows/pinops.yml'), 'utf8')).toBe('# mine\n');
    expect(await readFile(join(root, 'schemas/pin.schema.json'), 'utf8')).not.toBe('{}');
  });

  it('in a repository with its own boards.yml, adds no welcome pin on an undeclared board', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin() });
    expect((await runCli(['init'], root)).code).toBe(0);
    expect(await tree(join(root, 'content/pins'))).toEqual(['a.md']);
    expect((await runCli(['validate'], root)).code).toBe(0);
  });
});

describe('where pinops runs', () => {
  it('from a subfolder, finds the repository root as git does', async () => {
    const r0 = await gitRepo({ ...BASE, 'content/pins/winter/a.md': mdPin({ id: 'a', image: '../../media/boots.jpg' }) });
    const r = await runCli(['validate'], join(r0.root, 'content/pins/winter'));
    expect(r.out).toBe('✔ 0 errors, 0 warnings in 2 files\n');
    // A path given there is relative to that folder.
    const one = await runCli(['validate', 'a.md'], join(r0.root, 'content/pins/winter'));
    expect(one.code).toBe(0);
    expect(one.out).toContain('0 errors');
  });

  it('--cwd to a folder that is not there, or a file, and --config to a missing file are usage errors', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin() });
    const missing = await runCli(['validate', '--cwd', '/nonexistent'], root);
    expect(missing).toMatchObject({ code: 2, err: expect.stringContaining('--cwd /nonexistent: no such folder') });
    const file = await runCli(['validate', '--cwd', join(root, 'content/boards.yml')], root);
    expect(file).toMatchObject({ code: 2, err: expect.stringContaining('a file, not a folder') });
    const config = await runCli(['validate', '--config', '/nonexistent.yml'], root);
    expect(config).toMatchObject({ code: 2, err: expect.stringContaining('--config /nonexistent.yml: no such file') });
  });

  it('preview --out onto a file is a usage error', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin(), out: 'a file' });
    const r = await runCli(['preview', '--out', join(root, 'out')], root);
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining('a file is in the way') });
  });
});

describe('progress', () => {
  it('in CI, a line every few seconds and the last; on a terminal, a bar; elsewhere nothing', async () => {
    let t = 0;
    const lines: string[] = [];
    const io = { cwd: '.', env: {}, out: () => {}, err: (s: string) => lines.push(s), color: false, progress: 'lines' as const };
    const tick = progress(io, 'previews', 5000, () => t);
    for (let done = 1; done <= 10; done++) {
      t += 2000;
      tick(done, 10);
    }
    expect(lines).toEqual(['  previews: 3 of 10 done\n', '  previews: 6 of 10 done\n', '  previews: 9 of 10 done\n', '  previews: 10 of 10 done\n']);
    const bar: string[] = [];
    progress({ ...io, progress: 'bar', err: (s: string) => bar.push(s) }, 'previews')(5, 10);
    expect(bar).toEqual(['\r  previews [###############...............] 5/10']);
    const none: string[] = [];
    progress({ ...io, progress: 'off', err: (s: string) => none.push(s) }, 'previews')(10, 10);
    expect(none).toEqual([]);
  });

  it('a CI run of preview prints its progress to stderr', async () => {
    const root = await repo({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a' }), 'content/pins/b.md': mdPin({ id: 'b', title: 'B' }) });
    const r = await runCli(['preview', '--out', join(root, 'out')], root, {}, { progress: 'lines' });
    expect(r.code).toBe(0);
    expect(r.err).toBe('  previews: 2 of 2 done\n');
  });
});

describe('a wait is never silent', () => {
  it('publish says when it waits for a rate limit’s window and for a video to be processed', { timeout: 30_000 }, async () => {
    const { contractSimulator, currentRefreshToken } = await import('../helpers/publish-env.js');
    // One write a window of 3 s (windows aligned to the clock): each create after the first waits for the next window.
    const { sim, env } = await contractSimulator({ rateLimits: { org_write: { limit: 1, windowMs: 3000 } }, videoPolls: 2 });
    try {
      const r0 = await gitRepo({
        ...BASE,
        'content/pins/a.md': mdPin({ id: 'a', title: 'A' }),
        'content/pins/b.md': mdPin({ id: 'b', title: 'B' }),
        'content/pins/v.md': mdPin({ id: 'v', title: 'V', image: undefined, video: '../media/cocoa.mp4', cover: '../media/cover.jpg' }),
      });
      const r = await runCli(['publish'], r0.root, { ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim) });
      expect(r.code).toBe(0);
      expect(r.err).toMatch(/^rate-limited \(org_write\): waiting \d+ s, \d of 3 done$/m);
      expect(r.out).toContain('· video content/media/cocoa.mp4: Pinterest is processing it');
    } finally {
      await sim.close();
    }
  });
});

describe('pinops --help', () => {
  it('lists every command with its one-line brief, and the options every command takes', async () => {
    const r = await runCli(['--help'], PROJECT);
    expect(r.code).toBe(0);
    for (const [name, spec] of Object.entries(COMMANDS)) expect(r.out).toMatch(new RegExp(`^  ${name}\\b.*  ${spec.brief.replace(/[()]/g, '\\$&')}$`, 'm'));
    for (const option of ['--cwd DIR', '--config FILE', '-h, --help', '--version']) expect(r.out).toContain(option);
  });
});
