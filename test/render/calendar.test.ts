import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { BASE, type FixtureFile, mdPin, PHOTOS } from '../helpers/repo.js';

const repos = tempGitRepos();

/** A shop's queue: 12 pins over the test photographs, into weekday and Saturday slots. */
function shop(): Record<string, FixtureFile> {
  const files: Record<string, FixtureFile> = {
    ...BASE,
    'pinops.yml': 'timezone: Europe/Berlin\nschedule:\n  slots:\n    mon-fri: ["09:00", "13:30", "20:00"]\n    sat: ["10:00"]\n  queue: true\n  max_per_day: 100\n',
  };
  for (const name of PHOTOS) files[`content/media/${name}`] = { photo: name };
  for (let i = 0; i < 12; i++) {
    const photo = PHOTOS[i % PHOTOS.length] as string;
    files[`content/pins/p${String(i).padStart(2, '0')}.md`] = mdPin({
      id: `p${i}`,
      title: `Product ${i}, a photo of ${photo.replace(/\..*/, '')}`,
      image: `../media/${photo}`,
      ...(i === 5 ? { priority: '9' } : {}),
    });
  }
  return files;
}

describe('pinops calendar', () => {
  it('writes the next two weeks as a PNG of real-photo thumbnails, under 400 KB, the same bytes every time, and the ICS beside it', async () => {
    const repo = await repos(shop());
    const args = ['calendar', '--now', '2026-12-01T09:30:00Z', '--out', 'cal.png', '--ics', 'schedule.ics'];
    const first = await runCli(args, repo.root);
    expect(first.err).toBe('');
    // The ICS has the pins for later: p5 goes out in this run.
    expect(first.out).toBe('Wrote cal.png: 2 week(s) from 2026-11-30, 12 pin(s) to come, 0 published\nWrote schedule.ics: 11 event(s)\n');
    const png = await readFile(join(repo.root, 'cal.png'));
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width]).toEqual(['png', 1132]);
    expect(png.length).toBeLessThan(400 * 1024);
    // Thumbnails of photos, not blank cells: the image has far more colours than the grid's greys.
    const { channels } = await sharp(png).stats();
    expect(channels[0]?.stdev).toBeGreaterThan(10);
    await runCli(args, repo.root);
    expect((await readFile(join(repo.root, 'cal.png'))).equals(png)).toBe(true);
    const ics = await readFile(join(repo.root, 'schedule.ics'), 'utf8');
    // priority: 9 goes first (into today's 09:00 slot just passed, so it is in this run, not in the ICS); the rest by file path.
    expect([...ics.matchAll(/UID:(\S+)@pinops\r\nDTSTAMP:\S+\r\nDTSTART:(\S+)/g)].slice(0, 3).map((m) => `${m[1]} ${m[2]}`)).toEqual([
      'p0 20261201T123000Z',
      'p1 20261201T190000Z',
      'p2 20261202T080000Z',
    ]);
  });

  it('--ics - prints only the iCalendar; a bad --weeks is a usage error', async () => {
    const repo = await repos(shop());
    const r = await runCli(['calendar', '--now', '2026-12-01T09:30:00Z', '--ics', '-'], repo.root);
    expect(r.out.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const bad = await runCli(['calendar', '--weeks', '0'], repo.root);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--weeks must be a whole number from 1 to 12, not "0"');
  });
});
