import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LedgerEntry, LogLine } from '../../src/ledger/format.js';
import { shardOf } from '../../src/ledger/shards.js';
import { gitLedgerStore } from '../../src/ledger/store.js';
import { sh, tempGitRepos } from '../helpers/git-repo.js';
import { ledgerAt, logAt } from '../helpers/ledger-branch.js';

const repos = tempGitRepos();
const entry = (run: string, title = 't'): LedgerEntry => ({ state: 'published', pin_id: '1', board: 'B', content: 'c', media: 'm', title, run });
const line = (pin: string, run: string, time = '2026-12-02T10:00:00.000Z'): LogLine => ({ time, run, pin, action: 'create', result: 'ok', pin_id: '1' });
const put = (key: string, e: LedgerEntry) => (l: { pins: Record<string, LedgerEntry> }) => {
  l.pins[key] = e;
  return true;
};

/** Pushes a commit of `files` (path → text) on the ledger branch from a clone, as a hand edit would. */
async function pushFiles(clone: string, files: Record<string, string | null>, message: string, orphan = false): Promise<void> {
  if (orphan) {
    sh(clone, 'checkout', '--quiet', '--orphan', 'pinops-ledger');
    sh(clone, 'rm', '-rf', '--quiet', '.');
  } else {
    sh(clone, 'fetch', '--quiet', 'origin', 'pinops-ledger');
    sh(clone, 'checkout', '--quiet', '-B', 'pinops-ledger', 'FETCH_HEAD');
  }
  for (const [path, text] of Object.entries(files)) {
    if (text === null) sh(clone, 'rm', '--quiet', path);
    else {
      await mkdir(dirname(join(clone, path)), { recursive: true });
      await writeFile(join(clone, path), text);
      sh(clone, 'add', path);
    }
  }
  sh(clone, 'commit', '--quiet', '-m', message);
  sh(clone, 'push', '--quiet', '--force', 'origin', 'pinops-ledger');
}

/** Two keys whose pins share a shard, and one in another. */
function keysSharing(): [string, string, string] {
  const first = shardOf('k0');
  const same = Array.from({ length: 5000 }, (_, i) => `k${i + 1}`).find((k) => shardOf(k) === first) as string;
  const other = Array.from({ length: 50 }, (_, i) => `o${i}`).find((k) => shardOf(k) !== first) as string;
  return ['k0', same, other];
}

describe('the ledger of before, one ledger.json', () => {
  const old = {
    version: 1,
    pins: { a: entry('old', 'A'), constructor: entry('old', 'Ctor') },
    credentials: { seen: { abc123: '2026-11-01T00:00:00.000Z' } },
  };

  it('is read as it was, and the first write moves its pins to pins/, keeping the credentials and the old log', async () => {
    const r = await repos({ 'README.md': 'hi' });
    const oldLog = `${JSON.stringify(line('a', 'old', '2026-11-02T10:00:00.000Z'))}\n`;
    await pushFiles(await r.clone(), { 'ledger.json': `${JSON.stringify(old, null, 2)}\n`, 'log/2026-11.jsonl': oldLog, 'README.md': 'old readme\n' }, 'the old layout', true);
    const store = gitLedgerStore(r.root, 'pinops-ledger');
    const before = await store.load();
    expect(Object.keys(before.pins).sort()).toEqual(['a', 'constructor']);
    expect(before.credentials?.seen).toEqual({ abc123: '2026-11-01T00:00:00.000Z' });
    await store.commit('one more', put('b', entry('new', 'B')), () => [line('b', 'new')]);

    const files = sh(r.root, 'ls-tree', '-r', '--name-only', 'origin/pinops-ledger').split('\n').filter(Boolean);
    const shards = [...new Set(['a', 'b', 'constructor'].map(shardOf))].sort();
    expect(files).toEqual(['README.md', 'ledger.json', 'log/2026-11.jsonl', 'log/2026-12/new.jsonl', ...shards].sort());
    expect(JSON.parse(sh(r.root, 'show', 'origin/pinops-ledger:ledger.json'))).toEqual({ version: 2, credentials: old.credentials });
    expect(JSON.parse(sh(r.root, 'show', `origin/pinops-ledger:${shardOf('constructor')}`)).constructor.title).toBe('Ctor');
    expect(sh(r.root, 'show', 'origin/pinops-ledger:README.md')).toContain('pins/');
    // A fresh reader sees the same ledger; the old month file and the run's new file make one log.
    const after = await ledgerAt(r.root);
    expect(Object.fromEntries(Object.entries(after.pins).map(([k, e]) => [k, e.title]))).toEqual({ a: 'A', b: 'B', constructor: 'Ctor' });
    expect(after.credentials).toEqual(old.credentials);
    expect((await logAt(r.root)).map((l) => `${l.pin} ${l.run}`)).toEqual(['a old', 'b new']);
  });

  it('a run that read it before another run moved it to pins/ reads the moved ledger whole after its lost push', async () => {
    const r = await repos({ 'README.md': 'hi' });
    await pushFiles(await r.clone(), { 'ledger.json': JSON.stringify(old) }, 'the old layout', true);
    const mine = gitLedgerStore(r.root, 'pinops-ledger');
    const theirs = gitLedgerStore(await r.clone(), 'pinops-ledger');
    await mine.load();
    await theirs.commit(
      'theirs: moves it, and drops a',
      (l) => {
        delete l.pins.a;
        return true;
      },
      () => [],
    );
    await mine.commit('mine', put('b', entry('mine', 'B')), () => []);
    expect(mine.pushes).toBe(2);
    const files = sh(r.root, 'ls-tree', '-r', '--name-only', 'origin/pinops-ledger', 'pins').split('\n').filter(Boolean);
    expect(files).toEqual([...new Set(['b', 'constructor'].map(shardOf))].sort());
    expect(Object.keys((await ledgerAt(r.root)).pins).sort()).toEqual(['b', 'constructor']);
  });

  it('stays what ledger.json says over a pins/ folder it does not vouch for: the first write replaces that folder', async () => {
    const r = await repos({ 'README.md': 'hi' });
    const stray = JSON.stringify({ stray: entry('x') });
    await pushFiles(await r.clone(), { 'ledger.json': JSON.stringify(old), [shardOf('stray')]: stray }, 'old layout with a stray pins/', true);
    const store = gitLedgerStore(r.root, 'pinops-ledger');
    expect(Object.keys((await store.load()).pins).sort()).toEqual(['a', 'constructor']);
    await store.commit(
      'write',
      () => true,
      () => [],
    );
    expect(Object.keys((await ledgerAt(r.root)).pins).sort()).toEqual(['a', 'constructor']);
  });
});

describe('a push writes only what changed', () => {
  it('rewrites the shards of the entries that changed and its run log, nothing else', async () => {
    const r = await repos({ 'README.md': 'hi' });
    const store = gitLedgerStore(r.root, 'pinops-ledger');
    await store.commit(
      'many',
      (l) => {
        for (let i = 0; i < 300; i++) l.pins[`p${i}`] = entry('r1');
        return true;
      },
      () => [line('p0', 'r1')],
    );
    await store.commit('one', put('p7', entry('r2', 'changed')), () => [line('p7', 'r2')]);
    const changed = () => sh(r.root, 'diff-tree', '-r', '--name-only', '--no-commit-id', 'origin/pinops-ledger~1', 'origin/pinops-ledger').split('\n').filter(Boolean);
    expect(changed()).toEqual(['log/2026-12/r2.jsonl', shardOf('p7')]);
    // Removing a shard's last pin removes its file.
    const alone = Array.from({ length: 300 }, (_, i) => `p${i}`).find((k, _, all) => all.filter((o) => shardOf(o) === shardOf(k)).length === 1) as string;
    await store.commit(
      'gone',
      (l) => {
        delete l.pins[alone];
        return true;
      },
      () => [],
    );
    expect(changed()).toEqual([shardOf(alone)]);
    expect(sh(r.root, 'ls-tree', '--name-only', 'origin/pinops-ledger', shardOf(alone))).toBe('');
    expect(Object.keys((await ledgerAt(r.root)).pins)).toHaveLength(299);
  });

  it('hands out frozen entries: a change replaces an entry, and one that edits it in place fails loudly instead of being lost', async () => {
    const r = await repos({ 'README.md': 'hi' });
    const store = gitLedgerStore(r.root, 'pinops-ledger');
    await store.commit('a', put('a', entry('r1')), () => []);
    const edit = store.commit(
      'edit',
      (l) => {
        (l.pins.a as LedgerEntry).title = 'edited';
        return true;
      },
      () => [],
    );
    await expect(edit).rejects.toThrow(TypeError);
    await store.commit(
      'replace',
      (l) => put('a', { ...(l.pins.a as LedgerEntry), title: 'replaced' })(l),
      () => [],
    );
    expect((await ledgerAt(r.root)).pins.a?.title).toBe('replaced');
  });

  it('after a lost race, takes in what the other run changed, in the same shard too, and merges by key', async () => {
    const r = await repos({ 'README.md': 'hi' });
    const [k, sameShard, other] = keysSharing();
    const mine = gitLedgerStore(r.root, 'pinops-ledger');
    await mine.commit('first', put(other, entry('A')), () => []);
    const theirs = gitLedgerStore(await r.clone(), 'pinops-ledger');
    await theirs.commit('theirs', put(k, entry('B')), () => [line(k, 'B')]);
    await theirs.commit(
      'their credentials',
      (l) => {
        l.credentials = { seen: { fp: '2026-12-01T00:00:00.000Z' } };
        return true;
      },
      () => [],
    );
    // Mine still holds the head it pushed: its push is refused, it reads the changes and tries again.
    await mine.commit('mine', put(sameShard, entry('A')), () => [line(sameShard, 'A', '2026-12-02T10:01:00.000Z')]);
    const final = await ledgerAt(r.root);
    expect(Object.keys(final.pins).sort()).toEqual([k, sameShard, other].sort());
    expect(final.credentials?.seen).toEqual({ fp: '2026-12-01T00:00:00.000Z' });
    expect(Object.keys(JSON.parse(sh(r.root, 'show', `origin/pinops-ledger:${shardOf(k)}`))).sort()).toEqual([k, sameShard].sort());
    // Each run's lines in a file of its own; read back in the order of their times.
    expect((await logAt(r.root)).map((l) => `${l.pin} ${l.run}`)).toEqual([`${k} B`, `${sameShard} A`]);
    expect(mine.pushes).toBe(3);
  });
});

describe('a shard broken by hand', () => {
  async function branchWith(files: Record<string, string | null>) {
    const r = await repos({ 'README.md': 'hi' });
    await gitLedgerStore(r.root, 'pinops-ledger').commit('a', put('a', entry('r1')), () => []);
    await pushFiles(await r.clone(), files, 'hand edit');
    return gitLedgerStore(r.root, 'pinops-ledger');
  }

  it('invalid JSON: the error names the shard and its commit', async () => {
    const store = await branchWith({ [shardOf('a')]: '{ "a": { oops' });
    await expect(store.load()).rejects.toThrow(
      new RegExp(`${shardOf('a').replace(/[/.]/g, '\\$&')} on the pinops-ledger branch \\(commit \\w{8}\\) is not valid JSON .*Nothing was published`),
    );
  });

  it('an entry without its title: the error names the shard, the pin and the field', async () => {
    const { title: _, ...untitled } = entry('r1');
    const store = await branchWith({ [shardOf('a')]: JSON.stringify({ a: untitled }) });
    await expect(store.load()).rejects.toThrow(/pins\/\w{2}\/\w\.json on the pinops-ledger branch \(commit \w{8}\) does not have the ledger's shape \(a\.title: /);
  });

  it('a pin in two shards: an error naming both', async () => {
    const [, , other] = keysSharing();
    const store = await branchWith({ [shardOf(other)]: JSON.stringify({ a: entry('r1'), [other]: entry('r1') }) });
    await expect(store.load()).rejects.toThrow(/the pin "a" is in pins\/\w{2}\/\w\.json too/);
  });

  it("a pin moved by hand to another shard stays there: a change rewrites that file, and its hash's shard is not made", async () => {
    const [, , other] = keysSharing();
    const r = await repos({ 'README.md': 'hi' });
    await gitLedgerStore(r.root, 'pinops-ledger').commit('a', put('a', entry('r1')), () => []);
    await pushFiles(await r.clone(), { [shardOf('a')]: null, [shardOf(other)]: JSON.stringify({ a: entry('r1'), [other]: entry('r1') }) }, 'hand edit');
    const store = gitLedgerStore(r.root, 'pinops-ledger');
    await store.commit('change a', put('a', entry('r2', 'changed')), () => []);
    const files = sh(r.root, 'ls-tree', '-r', '--name-only', 'origin/pinops-ledger', 'pins').split('\n').filter(Boolean);
    expect(files).toEqual([shardOf(other)]);
    expect(JSON.parse(sh(r.root, 'show', `origin/pinops-ledger:${shardOf(other)}`)).a.title).toBe('changed');
  });

  it('ledger.json of an unknown version: a clear error', async () => {
    const store = await branchWith({ 'ledger.json': '{"version": 3}' });
    await expect(store.load()).rejects.toThrow(/ledger\.json on the pinops-ledger branch \(commit \w{8}\) does not have the ledger's shape \(version: /);
  });
});
