import { afterEach, describe, expect, it } from 'vitest';
import { type Annotator, annotate, reportProblems } from '../../src/action/report.js';
import { type Diagnostic, diagnostic } from '../../src/diagnostics/diagnostic.js';
import { githubClient } from '../../src/github/client.js';
import { fakeGithub } from '../helpers/fake-github.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const RUN = 'https://github.com/acme/pins/actions/runs/42/attempts/1';
const HEAD = 'a'.repeat(40);

/** `n` unknown-board errors, one per file `content/pins/e00.md`…, and `w` alt-text warnings. */
function problems(n: number, w = 0): Diagnostic[] {
  const file = (p: string, i: number) => `content/pins/${p}${String(i).padStart(2, '0')}.md`;
  const errors = Array.from({ length: n }, (_, i) => diagnostic('unknown-board', `board "Nope" is not in content/boards.yml (${i})`, file('e', i), { line: 3, column: 8 }));
  const warnings = Array.from({ length: w }, (_, i) => diagnostic('alt-text-missing', 'the pin has no `alt_text`', file('w', i), { line: 2, column: 1 }));
  // Warnings first: the report puts errors before them.
  return [...warnings, ...errors];
}

/** What the step said: each workflow command as `kind file:line message`. */
function recorder(): Annotator & { said: string[] } {
  const said: string[] = [];
  return {
    said,
    error: (text, p) => said.push(`error ${p.file}:${p.startLine} ${text}`),
    warning: (text, p) => said.push(`warning ${p.file}:${p.startLine} ${text}`),
    notice: (text) => said.push(`notice ${text}`),
    info: (text) => said.push(`info ${text}`),
  };
}

async function github(opts: Parameters<typeof fakeGithub>[0] = {}) {
  const api = await fakeGithub(opts);
  closers.push(() => api.close());
  return { api, gh: githubClient({ owner: 'acme', repo: 'pins', apiUrl: api.url }, 'ghs_t', { secondMs: 1 }) };
}

describe('every problem on a check run', () => {
  it('a pull request with 12 errors shows all 12 as annotations of a failed check run, and the step annotates none', async () => {
    const { api, gh } = await github();
    const out = recorder();
    const url = await reportProblems(problems(12), { github: gh, headSha: HEAD, pr: 7, runUrl: RUN, files: 12 }, out);
    expect(url).toBe('https://github.com/acme/pins/runs/5000');
    const run = api.checkRuns.get(5000);
    expect(run).toMatchObject({ name: 'pinops', head_sha: HEAD, status: 'completed', conclusion: 'failure', details_url: RUN });
    expect(run?.annotations).toHaveLength(12);
    expect(run?.annotations[11]).toEqual({
      path: 'content/pins/e11.md',
      start_line: 3,
      end_line: 3,
      start_column: 8,
      end_column: 8,
      annotation_level: 'failure',
      title: 'pinops unknown-board',
      message: 'board "Nope" is not in content/boards.yml (11). Fix: Add the board to content/boards.yml, fix the name, or use the numeric board id (in quotes).',
    });
    expect(run?.output.title).toBe('12 error(s), 0 warning(s) in 12 file(s)');
    expect(run?.output.summary).toContain(`[the job summary](${RUN})`);
    expect(out.said).toEqual(['info Every problem (12) is annotated on the check run https://github.com/acme/pins/runs/5000.']);
  });

  it('sends 50 annotations a request: 130 problems are one creation and two updates, errors first, all kept', async () => {
    const { api, gh } = await github();
    await reportProblems(problems(100, 30), { github: gh, headSha: HEAD, files: 130 }, recorder());
    const calls = api.calls.filter((c) => c.path.includes('/check-runs'));
    expect(calls.map((c) => `${c.method} ${c.path} ${(c.body as { output: { annotations: unknown[] } }).output.annotations.length}`)).toEqual([
      'POST /repos/acme/pins/check-runs 50',
      'PATCH /repos/acme/pins/check-runs/5000 50',
      'PATCH /repos/acme/pins/check-runs/5000 30',
    ]);
    expect(calls.map((c) => (c.body as { status: string }).status)).toEqual(['in_progress', 'in_progress', 'completed']);
    const run = api.checkRuns.get(5000);
    expect(run?.annotations.map((a) => a.annotation_level)).toEqual([...Array(100).fill('failure'), ...Array(30).fill('warning')]);
    expect(run?.conclusion).toBe('failure');
    expect(run?.output.summary).toContain("this workflow run's job summary");
  });

  it('warnings alone make a successful check run', async () => {
    const { api, gh } = await github();
    await reportProblems(problems(0, 3), { github: gh, headSha: HEAD, files: 3 }, recorder());
    expect(api.checkRuns.get(5000)).toMatchObject({ status: 'completed', conclusion: 'success', annotations: [{}, {}, {}] });
  });
});

describe('where the token cannot write checks (a pull request from a fork)', () => {
  it('the step annotates: errors before warnings, the changed files first, and a notice of how many more', async () => {
    const { api, gh } = await github({ readOnly: true, files: ['content/pins/e11.md', 'content/pins/w01.md'] });
    const out = recorder();
    const url = await reportProblems(problems(12, 12), { github: gh, headSha: HEAD, pr: 9, files: 24 }, out);
    expect(url).toBeUndefined();
    expect(api.checkRuns.size).toBe(0);
    expect(out.said[0]).toMatch(/^info The token cannot write checks \(GitHub answered 403 to POST \/repos\/acme\/pins\/check-runs .*`permissions: checks: write`/);
    const commands = out.said.slice(1).map((l) => l.split(' ').slice(0, 2).join(' '));
    expect(commands).toEqual([
      'error content/pins/e11.md:3',
      ...Array.from({ length: 9 }, (_, i) => `error content/pins/e0${i}.md:3`),
      'warning content/pins/w01.md:2',
      'warning content/pins/w00.md:2',
      ...Array.from({ length: 8 }, (_, i) => `warning content/pins/w0${i + 2}.md:2`),
      'notice 4',
    ]);
    expect(out.said.at(-1)).toBe('notice 4 more problem(s) than the runner shows as annotations: the job summary lists them all.');
  });

  it('without GitHub (no token), the same', () => {
    const out = recorder();
    expect(annotate(problems(11), new Set(), out)).toBe(1);
    expect(out.said.filter((l) => l.startsWith('error'))).toHaveLength(10);
  });
});
