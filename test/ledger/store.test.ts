import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../src/ledger/format.js';
import { shardOf } from '../../src/ledger/shards.js';
import { gitLedgerStore } from '../../src/ledger/store.js';
import { sh, tempGitRepos } from '../helpers/git-repo.js';
import { ledgerAt, logAt } from '../helpers/ledger-branch.js';

const repo = tempGitRepos();
const entry = (run: string) => ({ state: 'published' as const, pin_id: '1', board: 'B', content: 'c', media: 'm', title: 't', run });
const line = (pin: string, run: string): LogLine => ({ time: '2026-12-02T10:00:00.000Z', run, pin, action: 'create', result: 'ok', pin_id: '1' });

describe('the ledger on its git branch', () => {
  it('starts empty, then pushes an orphan branch with ledger.json, a shard of pins/, a log and a README', async () => {
    const r = await repo({ 'README.md': 'hi' });
    const store = gitLedgerStore(r.root, 'pinops-ledger');
    expect(await store.load()).toEqual({ version: 1, pins: {} });
    const res = await store.commit(
      'pinops: publish a',
      (l) => {
        l.pins.a = entry('r1');
        return true;
      },
      () => [line('a', 'r1')],
    );
    expect(res.applied).toBe(true);
    const clone = await r.clone();
    sh(clone, 'fetch', '--quiet', 'origin', 'pinops-ledger');
    expect(sh(clone, 'ls-tree', '-r', '--name-only', 'FETCH_HEAD').split('\n').filter(Boolean)).toEqual(['README.md', 'ledger.json', 'log/2026-12/r1.jsonl', shardOf('a')]);
    expect(shardOf('a')).toMatch(/^pins\/[0-9a-f]{2}\/[0-9a-f]\.json$/);
    expect(JSON.parse(sh(clone, 'show', 'FETCH_HEAD:ledger.json'))).toEqual({ version: 2 });
    // Canonical text: a line per pin, its fields sorted.
    expect(sh(clone, 'show', `FETCH_HEAD:${shardOf('a')}`)).toBe(`{\n"a": ${JSON.stringify(Object.fromEntries(Object.entries(entry('r1')).sort()))}\n}\n`);
    expect(sh(clone, 'show', 'FETCH_HEAD:log/2026-12/r1.jsonl')).toBe(`${JSON.stringify(line('a', 'r1'))}\n`);
    expect(sh(clone, 'rev-list', '--count', 'FETCH_HEAD').trim()).toBe('1');
    expect(sh(clone, 'log', '-1', '--format=%an %s', 'FETCH_HEAD').trim()).toBe('pinops pinops: publish a');
    // The working tree and the main branch are untouched.
    expect(sh(r.root, 'status', '--porcelain')).toBe('');
    expect(sh(r.root, 'rev-list', '--count', 'main').trim()).toBe('1');
  });

  it('appends log lines and keeps other files on the branch', async () => {
    const r = await repo({ 'README.md': 'hi' });
    const store = gitLedgerStore(r.root, 'pinops-ledger');
    await store.commit(
      'one',
      (l) => {
        l.pins.a = entry('r1');
        return true;
      },
      () => [line('a', 'r1')],
    );
    await store.commit(
      'two',
      (l) => {
        l.pins.b = entry('r2');
        return true;
      },
      () => [line('b', 'r2')],
    );
    const clone = await r.clone();
    sh(clone, 'fetch', '--quiet', 'origin', 'pinops-ledger');
    expect(sh(clone, 'show', 'FETCH_HEAD:log/2026-12/r1.jsonl').trim().split('\n')).toHaveLength(1);
    expect((await logAt(clone, 'FETCH_HEAD')).map((l) => l.pin)).toEqual(['a', 'b']);
    expect(Object.keys((await ledgerAt(clone, 'FETCH_HEAD')).pins).sort()).toEqual(['a', 'b']);
  });

  it('merges by pin key when two runs push at once: nothing is lost', async () => {
    const r = await repo({ 'README.md': 'hi' });
    const other = await r.clone();
    const a = gitLedgerStore(r.root, 'pinops-ledger');
    const b = gitLedgerStore(other, 'pinops-ledger');
    await Promise.all([
      ...['a1', 'a2', 'a3'].map((k) =>
        a.commit(
          k,
          (l) => {
            l.pins[k] = entry('A');
            return true;
          },
          () => [line(k, 'A')],
        ),
      ),
      ...['b1', 'b2', 'b3'].map((k) =>
        b.commit(
          k,
          (l) => {
            l.pins[k] = entry('B');
            return true;
          },
          () => [line(k, 'B')],
        ),
      ),
    ]);
    const final = await gitLedgerStore(r.root, 'pinops-ledger').load();
    expect(Object.keys(final.pins).sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3']);
  });

  it('lets a change refuse: the second run does not take a pin the first one took', async () => {
    const r = await repo({ 'README.md': 'hi' });
    const first = gitLedgerStore(r.root, 'pinops-ledger');
    const second = gitLedgerStore(await r.clone(), 'pinops-ledger');
    const take = (run: string) => (l: { pins: Record<string, unknown> }) => {
      if (l.pins.x) return false;
      l.pins.x = { ...entry(run), state: 'intent' };
      return true;
    };
    expect((await first.commit('intent x', take('A'), () => [])).applied).toBe(true);
    expect((await second.commit('intent x', take('B'), () => [])).applied).toBe(false);
  });

  it('refuses a ledger edited into invalid JSON with a clear message', async () => {
    const r = await repo({ 'README.md': 'hi' });
    await gitLedgerStore(r.root, 'pinops-ledger').commit(
      'one',
      (l) => {
        l.pins.a = entry('r1');
        return true;
      },
      () => [],
    );
    const clone = await r.clone();
    sh(clone, 'checkout', '--quiet', 'pinops-ledger');
    sh(clone, '-c', 'core.hooksPath=/dev/null', 'commit', '--quiet', '--allow-empty', '-m', 'noop');
    await import('node:fs/promises').then((fs) => fs.writeFile(`${clone}/ledger.json`, '{ "version": 1, "pins": { oops'));
    sh(clone, 'commit', '--quiet', '-am', 'hand edit');
    sh(clone, 'push', '--quiet', 'origin', 'pinops-ledger');
    await expect(gitLedgerStore(r.root, 'pinops-ledger').load()).rejects.toThrow(
      /ledger\.json on the pinops-ledger branch \(commit \w{8}\) is not valid JSON .*Nothing was published/,
    );
  });

  it('reads the log at the head it loaded (listed with the ledger), and again after its own push', async () => {
    const r = await repo({ 'README.md': 'hi' });
    const writer = gitLedgerStore(r.root, 'pinops-ledger');
    await writer.commit(
      'one',
      (l) => {
        l.pins.a = entry('r1');
        return true;
      },
      () => [line('a', 'r1')],
    );
    const clone = await r.clone();
    const reader = gitLedgerStore(clone, 'pinops-ledger');
    expect(Object.keys((await reader.load()).pins)).toEqual(['a']);
    expect([...(await reader.readFolder('log')).entries()]).toEqual([['2026-12/r1.jsonl', `${JSON.stringify(line('a', 'r1'))}\n`]]);
    await reader.commit(
      'two',
      (l) => {
        l.pins.b = entry('r2');
        return true;
      },
      () => [line('b', 'r2')],
    );
    // The listing of the loaded head is not the pushed head's: the new run's file is there.
    expect([...(await reader.readFolder('log')).keys()].sort()).toEqual(['2026-12/r1.jsonl', '2026-12/r2.jsonl']);
  });
});
