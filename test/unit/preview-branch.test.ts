import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removePrPreviews } from '../../src/flows/pr-previews.js';
import { githubClient } from '../../src/github/client.js';
import type { GithubError } from '../../src/github/errors.js';
import { graphqlUrl, PreviewBranchError, replaceFolder } from '../../src/github/previews.js';
import { type FakeGithubOptions, fakeGithub } from '../helpers/fake-github.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const BRANCH = 'pinops-previews';
const REPO = '/repos/acme/pins';

async function world(opts: FakeGithubOptions = {}) {
  const open: { number: number; head: { sha: string } }[] = [];
  const github = await fakeGithub({ ...opts, openPulls: open });
  closers.push(() => github.close());
  const gh = githubClient({ owner: 'acme', repo: 'pins', apiUrl: github.url }, 'ghs_t');
  const head = () => github.git.commits.get(github.git.refs.get(BRANCH) ?? '');
  const files = () => Object.fromEntries([...github.git.filesOn(BRANCH)].map(([p, b]) => [p, b.toString()]));
  /** A push of pull request `pr`: its previews, as the flow posts them (only open pull requests' folders kept). */
  const push = async (pr: number, names: string[], tag: string) => {
    if (!open.some((p) => p.number === pr)) open.push({ number: pr, head: { sha: 'a'.repeat(40) } });
    const openNow = new Set(open.map((p) => p.number));
    const data = names.map((name) => ({ name, data: Buffer.from(`${name} of #${pr} at ${tag}`) }));
    return replaceFolder(gh, BRANCH, `pr-${pr}`, data, `previews for #${pr}`, (f) => openNow.has(Number(f.slice(3))));
  };
  const close = async (pr: number) => {
    open.splice(
      open.findIndex((p) => p.number === pr),
      1,
    );
    await removePrPreviews(gh, BRANCH, pr);
  };
  return { github, gh, head, files, push, close, open };
}

describe('the previews branch stays one commit of the open pull requests', () => {
  it("an update is a root commit of the open pull requests' folders: the other's images survive, the outdated ones go", async () => {
    const w = await world();
    await w.push(1, ['a.jpg', 'b.jpg'], 'one');
    await w.push(2, ['c.jpg'], 'one');
    await w.push(1, ['a.jpg'], 'two');
    expect(w.head()?.parents).toEqual([]);
    expect(w.files()).toEqual({ 'pr-1/a.jpg': 'a.jpg of #1 at two', 'pr-2/c.jpg': 'c.jpg of #2 at one' });
    // The parentless commit is no fast-forward: forced, but only from the head each update was built on.
    const swaps = w.github.calls.filter((c) => c.path === '/graphql').map((c) => (c.body as { variables: { refUpdates: unknown[] } }).variables.refUpdates);
    const [first, second] = swaps.map((u) => u[0] as { beforeOid: string; afterOid: string; force: boolean });
    expect(swaps.map((u) => u.length)).toEqual([1, 1]);
    expect(first).toMatchObject({ name: `refs/heads/${BRANCH}`, force: true });
    expect(second?.beforeOid).toBe(first?.afterOid);
    expect(second?.afterOid).toBe(w.github.git.refs.get(BRANCH));
    expect(w.github.calls.some((c) => c.method === 'PATCH' && c.path.includes('/git/refs/'))).toBe(false);
  });

  it('an update that another run overtook is made again on top of its update: neither is lost', async () => {
    let other: (() => void) | undefined;
    const w = await world({ beforeRefSwap: () => other?.() });
    await w.push(2, ['c.jpg'], 'one');
    // Another job updates #2 after this one has read the branch, before its move.
    other = () => {
      other = undefined;
      const g = w.github.git;
      const tree = new Map(g.trees.get(g.commits.get(g.refs.get(BRANCH) ?? '')?.tree ?? ''));
      g.blobs.set('b'.repeat(40), Buffer.from('c.jpg of #2 at two'));
      tree.set('pr-2/c.jpg', 'b'.repeat(40));
      g.trees.set('t'.repeat(40), tree);
      g.commits.set('c'.repeat(40), { tree: 't'.repeat(40), parents: [], message: 'the other job' });
      g.refs.set(BRANCH, 'c'.repeat(40));
    };
    await w.push(1, ['a.jpg'], 'one');
    expect(other).toBeUndefined();
    expect(w.files()).toEqual({ 'pr-1/a.jpg': 'a.jpg of #1 at one', 'pr-2/c.jpg': 'c.jpg of #2 at two' });
    // The refused move (the branch was created without one), and the one made again from the other job’s head.
    const befores = w.github.calls
      .filter((c) => c.path === '/graphql')
      .map((c) => (c.body as { variables: { refUpdates: { beforeOid: string }[] } }).variables.refUpdates[0]?.beforeOid);
    expect(befores.slice(-1)).toEqual(['c'.repeat(40)]);
    expect(befores).toHaveLength(2);
  });

  it('where GraphQL cannot move the branch (none, or no updateRefs), the head is read again and the move is forced with REST', async () => {
    for (const graphql of [false, 'refuses'] as const) {
      const w = await world({ graphql });
      await w.push(1, ['a.jpg'], 'one');
      await w.push(2, ['c.jpg'], 'one');
      await w.push(1, ['a.jpg'], 'two');
      expect(w.files(), String(graphql)).toEqual({ 'pr-1/a.jpg': 'a.jpg of #1 at two', 'pr-2/c.jpg': 'c.jpg of #2 at one' });
      expect(w.head()?.parents).toEqual([]);
      const patches = w.github.calls.filter((c) => c.method === 'PATCH' && c.path === `${REPO}/git/refs/heads/${BRANCH}`);
      expect(patches.map((c) => (c.body as { force: boolean }).force)).toEqual([true, true]);
      await w.close(1);
      await w.close(2);
      expect(w.github.git.refs.has(BRANCH)).toBe(false);
    }
  });

  it('finds GraphQL beside the REST API, on github.com and on GitHub Enterprise Server', () => {
    expect(graphqlUrl('https://api.github.com')).toBe('https://api.github.com/graphql');
    expect(graphqlUrl('https://ghe.example.com/api/v3/')).toBe('https://ghe.example.com/api/graphql');
  });

  it("a closed pull request's folder disappears, and so does a folder of one whose closing never ran", async () => {
    const w = await world();
    await w.push(1, ['a.jpg'], 'one');
    await w.push(2, ['b.jpg'], 'one');
    await w.push(3, ['c.jpg'], 'one');
    await w.close(2);
    expect(Object.keys(w.files())).toEqual(['pr-1/a.jpg', 'pr-3/c.jpg']);
    expect(w.head()?.parents).toEqual([]);
    // #3 closed without its closing run: the next update of #1 leaves it out.
    w.open.splice(
      w.open.findIndex((p) => p.number === 3),
      1,
    );
    await w.push(1, ['a.jpg'], 'two');
    expect(w.files()).toEqual({ 'pr-1/a.jpg': 'a.jpg of #1 at two' });
    // The last one closed: nothing is left, and the branch goes.
    await w.close(1);
    expect(w.github.git.refs.has(BRANCH)).toBe(false);
    await w.close(1);
    expect(w.github.git.refs.has(BRANCH)).toBe(false);
  });

  it('a clone of the branch fetches one commit, whatever was pushed before (a real bare repository)', async () => {
    const bare = await mkdtemp(join(tmpdir(), 'pinops-previews-mirror-'));
    closers.push(() => rm(bare, { recursive: true, force: true }));
    execFileSync('git', ['init', '--bare', '-q', bare]);
    const w = await world({ mirror: bare });
    for (let i = 0; i < 6; i++) await w.push(1 + (i % 2), ['a.jpg', 'b.jpg'], `push ${i}`);
    const count = execFileSync('git', ['rev-list', '--count', BRANCH], { cwd: bare }).toString().trim();
    expect(count).toBe('1');
    const listed = execFileSync('git', ['ls-tree', '-r', '--name-only', BRANCH], { cwd: bare }).toString().trim().split('\n');
    expect(listed).toEqual(['pr-1/a.jpg', 'pr-1/b.jpg', 'pr-2/a.jpg', 'pr-2/b.jpg']);
    expect(execFileSync('git', ['show', `${BRANCH}:pr-2/b.jpg`], { cwd: bare }).toString()).toBe('b.jpg of #2 at push 5');
  });

  it('refuses a branch that holds what pinops did not write, and leaves it as it was', async () => {
    const w = await world({ branches: { [BRANCH]: { 'README.md': 'our notes', 'pr-4/x.jpg': 'x' } } });
    const before = w.github.git.refs.get(BRANCH);
    const err = await w.push(1, ['a.jpg'], 'one').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PreviewBranchError);
    expect((err as PreviewBranchError).message).toBe(
      "the pinops-previews branch holds README.md, which pinops did not write: pinops replaces that branch's whole history on every update",
    );
    expect((err as PreviewBranchError).fix).toMatch(/set preview_branch to a branch of its own/);
    expect(w.github.git.refs.get(BRANCH)).toBe(before);
    expect(w.files()).toEqual({ 'README.md': 'our notes', 'pr-4/x.jpg': 'x' });
  });
});

describe('the fake GitHub moves a branch as GitHub does', () => {
  it('a commit that does not descend from the head needs force; a descendant does not', async () => {
    const w = await world({ branches: { main: { 'a.txt': 'a' } } });
    const head = w.github.git.refs.get('main') as string;
    const tree = (await w.gh.request<{ sha: string }>('POST', `${REPO}/git/trees`, { tree: [] })).sha;
    const root = (await w.gh.request<{ sha: string }>('POST', `${REPO}/git/commits`, { message: 'root', tree, parents: [] })).sha;
    const child = (await w.gh.request<{ sha: string }>('POST', `${REPO}/git/commits`, { message: 'child', tree, parents: [head] })).sha;
    const ref = `${REPO}/git/refs/heads/main`;
    const refused = await w.gh.request('PATCH', ref, { sha: root, force: false }).catch((e: unknown) => e);
    expect((refused as GithubError).status).toBe(422);
    expect((refused as GithubError).message).toMatch(/Update is not a fast forward/);
    expect(w.github.git.refs.get('main')).toBe(head);
    await w.gh.request('PATCH', ref, { sha: child, force: false });
    expect(w.github.git.refs.get('main')).toBe(child);
    await w.gh.request('PATCH', ref, { sha: root, force: true });
    expect(w.github.git.refs.get('main')).toBe(root);
  });
});
