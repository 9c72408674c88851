import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type PlannedRun, planRun } from '../../src/flows/plan-run.js';
import { ScheduleFile } from '../../src/flows/schedule-file.js';
import { publishWorlds } from '../helpers/publish-world.js';
import { mdPin } from '../helpers/repo.js';

const world = publishWorlds();
/** Tuesday 1 December 2026, 10:30 in Berlin: today's 09:00 slot has just passed. */
const NOW = new Date('2026-12-01T09:30:00Z');
const SETTINGS = 'timezone: Europe/Berlin\nschedule:\n  slots:\n    mon-fri: ["09:00", "20:00"]\n  queue: true\n';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });
const ics = (origin: string) => git(origin, 'show', 'pinops-ledger:schedule/schedule.ics');
/** Commits of the ledger branch that wrote the schedule (others record tokens and pins). */
const scheduleCommits = (origin: string) => git(origin, 'log', '--format=%s', 'pinops-ledger', '--', 'schedule').split('\n').filter(Boolean).length;

describe('the schedule on the ledger branch (schedule/schedule.ics)', () => {
  it('is written after a publish run, left alone while the schedule stays, and rewritten when it changes', async () => {
    // Pinterest's clock, which dates the pins (and so says which slots they used), is the runs' fixed one.
    let at = NOW.getTime();
    const pins = { 'content/pins/a.md': { id: 'a', title: 'Pin A' }, 'content/pins/b.md': { id: 'b', title: 'Pin B' }, 'content/pins/c.md': { id: 'c', title: 'Pin C' } };
    const w = await world({ 'pinops.yml': SETTINGS, ...pins }, { now: () => at });
    const first = await w.run({ now: NOW });
    // a takes the slot just passed and is published; b and c wait for theirs.
    expect(first.outcomes.map((o) => `${o.key}:${o.result}`)).toEqual(['a:ok']);
    const written = ics(w.repo.origin);
    expect([...written.matchAll(/UID:(\w+)@pinops\r\nDTSTAMP:\S+\r\nDTSTART:(\S+)/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual(['b 20261201T190000Z', 'c 20261202T080000Z']);
    expect(scheduleCommits(w.repo.origin)).toBe(1);
    at += 60_000;
    await w.run({ now: new Date(at) });
    expect(scheduleCommits(w.repo.origin)).toBe(1);
    await writeFile(join(w.repo.root, 'content/pins/d.md'), mdPin({ id: 'd', title: 'Pin D', priority: '5' }));
    at += 60_000;
    await w.run({ now: new Date(at) });
    expect([...ics(w.repo.origin).matchAll(/UID:(\w+)@pinops/g)].map((m) => m[1])).toEqual(['d', 'b', 'c']);
    expect(scheduleCommits(w.repo.origin)).toBe(2);
    // Each run's file went with its last push: the first run's with the push that recorded a, the
    // last one's (nothing created) with the run's held records (its token's first-seen note).
    const subjects = () => git(w.repo.origin, 'log', '--format=%s', 'pinops-ledger', '--', 'schedule').trim().split('\n');
    expect(subjects()).toEqual(['pinops: records', 'pinops: publish 1 pin(s)']);
    // With no push to ride with, it is a commit of its own.
    await writeFile(join(w.repo.root, 'content/pins/d.md'), mdPin({ id: 'd', title: 'Pin D', priority: '0' }));
    const run = await planRun({ root: w.repo.root, env: w.env, dryRun: true, now: new Date(at), runId: 'r', mask: () => {}, log: () => {} });
    expect(await new ScheduleFile(run, { now: new Date(at), env: {}, root: w.repo.root }).write()).toEqual([]);
    expect(subjects()).toEqual(['pinops: the schedule changed', 'pinops: records', 'pinops: publish 1 pin(s)']);
    expect([...ics(w.repo.origin).matchAll(/UID:(\w+)@pinops/g)].map((m) => m[1])).toEqual(['b', 'c', 'd']);
  });

  it('is left out of the last push, with a warning, when it cannot be made, and the push goes through', async () => {
    const run = {
      validation: { settings: { schedule: {} } },
      replan: () => {
        throw new Error('no plan today');
      },
    } as unknown as PlannedRun;
    const file = new ScheduleFile(run, { now: NOW, env: {}, root: '/r' });
    await expect(file.files(async () => undefined, { version: 1, pins: {} })).resolves.toEqual({});
    // A push carried it (as far as it could): no commit of its own follows, only the warning.
    expect(await file.write()).toEqual([{ level: 'warning', text: 'The schedule (schedule/schedule.ics on the ledger branch) was not updated: no plan today' }]);
  });
});
