import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAnalytics } from '../../src/flows/analytics.js';
import { importAccount } from '../../src/flows/import.js';
import { publish } from '../../src/flows/publish.js';
import { validateRepository } from '../../src/flows/validate.js';
import { gitLedgerStore, type LedgerStore } from '../../src/ledger/store.js';
import type { Exchange, SimulatorOptions } from '../../src/pinterest/simulator.js';
import { runCli } from '../helpers/cli.js';
import { sh, tempGitRepos } from '../helpers/git-repo.js';
import { contractSimulator, currentRefreshToken } from '../helpers/publish-env.js';
import { BASE } from '../helpers/repo.js';
import { seededAccount } from '../helpers/seeded-account.js';

const repos = tempGitRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

/** The account's clock: its pins are dated a day apart up to the day before. */
const NOW = new Date('2026-11-28T12:00:00Z');

/** A repository (BASE: boards.yml with Winter Looks › Boots and Cozy Home) and a simulator seeded with an account of `count` pins. */
async function setup(count: number, simOpts: SimulatorOptions = {}) {
  const repo = await repos({ ...BASE });
  const { sim, contract, env } = await contractSimulator({ seed: await seededAccount(count), now: () => NOW.getTime(), ...simOpts });
  closers.push(() => sim.close());
  const envNow = () => ({ ...env, PINTEREST_REFRESH_TOKEN: currentRefreshToken(sim), PINOPS_ALLOW_PRIVATE_NETWORK: new URL(sim.url).host });
  const logs: string[] = [];
  const common = () => ({ root: repo.root, env: envNow(), runId: `run-${Math.random().toString(36).slice(2, 6)}`, mask: () => {}, log: (l: string) => logs.push(l) });
  const importIt = (over: Partial<Parameters<typeof importAccount>[0]> = {}) => importAccount({ ...common(), dryRun: false, download: true, ...over });
  const publishIt = () => publish({ ...common(), dryRun: false });
  return { repo, sim, contract, importIt, publishIt, env: envNow };
}

/** What was sent to Pinterest that is not a read (or a token's refresh). */
const writes = (exchanges: readonly Exchange[]) => exchanges.filter((e) => e.method !== 'GET' && e.route !== '/oauth/token').map((e) => `${e.method} ${e.route}`);

describe('pinops import --account', () => {
  it('imports 300 pins that validate; the next publish creates nothing, an edit is one PATCH, a second import writes nothing', async () => {
    const { repo, sim, contract, importIt, publishIt, env } = await setup(300);
    const r = await importIt();
    expect(r.pins).toHaveLength(300);
    expect(r.adopted).toHaveLength(300);
    expect(r.skipped).toEqual([]);
    expect(writes(sim.exchanges)).toEqual([]);
    const boards = await readFile(join(repo.root, 'content/boards.yml'), 'utf8');
    expect(boards).toContain('name: Summer Days');
    expect(boards).toContain('privacy: protected');
    expect(boards.match(/name: Winter Looks/g)).toHaveLength(1);

    const v = await validateRepository({ root: repo.root, env: env() });
    expect(v.ok && v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const carousel = r.pins.find((p) => p.media.length === 3);
    expect(carousel?.media.every((m) => m.startsWith('content/media/imported/'))).toBe(true);
    const video = await readFile(join(repo.root, r.pins.find((p) => p.media[0]?.endsWith('-cover.jpg'))?.file as string), 'utf8');
    expect(video).toContain('the video itself stays on Pinterest');
    const first = await readFile(join(repo.root, r.pins.find((p) => p.pinId === r.pins[0]?.pinId)?.file as string), 'utf8');
    expect(first).toMatch(/^board: /m);

    const published = await publishIt();
    expect(published.plan.actions.filter((a) => a.kind !== 'unchanged')).toEqual([]);
    expect(sim.state.creates).toBe(0);

    const edited = r.pins[5]?.file as string;
    const text = await readFile(join(repo.root, edited), 'utf8');
    await writeFile(join(repo.root, edited), text.replace(/^title: .*$/m, 'title: A title edited in the repository'));
    const before = sim.exchanges.length;
    const again = await publishIt();
    expect(again.plan.actions.filter((a) => a.kind !== 'unchanged').map((a) => a.kind)).toEqual(['update']);
    expect(writes(sim.exchanges.slice(before))).toEqual(['PATCH /pins/{pin_id}']);
    expect(sim.state.pins.get(r.pins[5]?.pinId as string)?.title).toBe('A title edited in the repository');

    const reads = sim.state.fileReads;
    sh(repo.root, 'add', '-A');
    sh(repo.root, 'commit', '-qm', 'imported');
    const second = await importIt();
    expect(second.pins).toEqual([]);
    expect(second.adopted).toEqual([]);
    expect(second.boardsChanged).toBe(false);
    expect(sim.state.fileReads).toBe(reads);
    expect(sh(repo.root, 'status', '--porcelain')).toBe('');
    expect(contract.violations).toEqual([]);
  });

  it('in a dry run, says what it would write and writes nothing', async () => {
    const { repo, sim, importIt } = await setup(9);
    const r = await importIt({ dryRun: true });
    expect(r.pins).toHaveLength(9);
    expect(r.boardsChanged).toBe(true);
    expect(r.adopted).toEqual([]);
    expect(sh(repo.root, 'status', '--porcelain')).toBe('');
    // The ledger may note the refresh token's first sighting (credentials), never a pin.
    expect((await gitLedgerStore(repo.root, 'pinops-ledger').load()).pins).toEqual({});
    expect(sim.state.fileReads).toBe(0);
  });

  it('resumes an import interrupted before its ledger commit: the files written are kept and recorded, nothing is downloaded again', async () => {
    const { repo, sim, importIt } = await setup(30);
    const real = gitLedgerStore(repo.root, 'pinops-ledger');
    const dying: LedgerStore = {
      load: (o) => real.load(o),
      readFolder: (f) => real.readFolder(f),
      pushes: 0,
      commit: (m, c, l, f) => (m.includes('import') ? Promise.reject(new Error('killed')) : real.commit(m, c, l, f)),
    };
    await expect(importIt({ ledger: dying, limit: 20 })).rejects.toThrow('killed');
    const reads = sim.state.fileReads;
    expect(reads).toBeGreaterThan(0);
    const r = await importIt();
    expect(r.pins).toHaveLength(10);
    expect(r.adopted).toHaveLength(30);
    expect(sim.state.fileReads - reads).toBe(10);
    expect(Object.keys((await real.load({ fresh: true })).pins)).toHaveLength(30);
  });

  it('takes only the board, the dates and the number asked for; a later import adds the rest', async () => {
    const { repo, importIt } = await setup(30);
    const cozy = await importIt({ board: 'cozy home', limit: 4 });
    expect(cozy.pins.map((p) => p.file.split('/')[3])).toEqual(['cozy-home', 'cozy-home', 'cozy-home', 'cozy-home']);
    const boards = await readFile(join(repo.root, 'content/boards.yml'), 'utf8');
    expect(boards).not.toContain('Summer Days');
    const recent = await importIt({ since: new Date(NOW.getTime() - 5.5 * 86_400_000) });
    // The 5 newest pins; 2 of them are Cozy Home's newest, imported already.
    expect(recent.pins).toHaveLength(3);
    expect(recent.known).toBe(2);
    const rest = await importIt();
    expect(rest.pins).toHaveLength(30 - 4 - 3);
    await expect(importIt({ board: 'Nowhere' })).rejects.toThrow('the account has no board "Nowhere"');
  });

  it('with --no-download keeps the pictures as their URLs and downloads nothing', async () => {
    const { repo, sim, importIt } = await setup(3);
    const r = await importIt({ download: false });
    expect(sim.state.fileReads).toBe(0);
    const carousel = await readFile(join(repo.root, r.pins.find((p) => p.media.length === 3)?.file as string), 'utf8');
    expect(carousel).toContain(`${sim.url.replace(/\/v5$/, '')}/files/`);
  });

  it('lets analytics read the imported pins, a video for its video metrics too', async () => {
    const { repo, sim, importIt, env } = await setup(6);
    await importIt();
    const a = await runAnalytics({ root: repo.root, env: env(), runId: 'run-a', now: NOW, mask: () => {}, log: () => {} });
    expect(a.failed).toEqual([]);
    expect(a.asked).toBe(6);
    const video = [...sim.state.pins.values()].find((p) => (p.media as { media_type?: string }).media_type === 'video')?.id;
    const asked = sim.exchanges.filter((e) => e.route === '/pins/{pin_id}/analytics' && e.path.includes(video as string));
    expect(asked.some((e) => String(e.query.metric_types).includes('VIDEO'))).toBe(true);
  });

  it('runs from the CLI: a dry run lists the files, the import says what it wrote and recorded', async () => {
    const { repo, env } = await setup(4);
    const dry = await runCli(['import', '--account', '--dry-run'], repo.root, env());
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('would write content/boards.yml');
    expect(dry.out).toMatch(/would write content\/pins\/imported\/winter-looks\/account-pin-number-4-\d+\.md/);
    expect(dry.out).toContain('Dry run: 4 pin file(s) to write');
    const real = await runCli(['import', '--account'], repo.root, env());
    expect(real.out).toContain('Imported 4 pin(s) (6 picture(s) downloaded); 4 recorded in the ledger as published');
    const both = await runCli(['import', '--account', 'x.csv'], repo.root, env());
    expect(both.code).toBe(2);
    expect((await runCli(['import', '--account', '--since', 'soon'], repo.root, env())).err).toContain('--since must be a date');
  });

  it('never writes through a boards.yml that is a symbolic link', async () => {
    const { repo, importIt } = await setup(3);
    const outside = join(repo.root, '..', `outside-${Math.random().toString(36).slice(2)}.yml`);
    await writeFile(outside, 'boards: []\n');
    await rm(join(repo.root, 'content/boards.yml'));
    await symlink(outside, join(repo.root, 'content/boards.yml'));
    await expect(importIt()).rejects.toThrow('content/boards.yml is (or is under) a symbolic link');
    expect(await readFile(outside, 'utf8')).toBe('boards: []\n');
    await rm(outside);
  });
});
