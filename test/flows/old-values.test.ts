import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { basePins } from '../../src/action/base-pins.js';
import { validateRepository } from '../../src/flows/validate.js';
import { updatedFiles, withOldValues } from '../../src/plan/changes.js';
import { desiredPins } from '../../src/plan/desired.js';
import { plan } from '../../src/plan/plan.js';
import { planMarkdown } from '../../src/plan/render.js';
import { defaultSettings } from '../../src/settings/load.js';
import { sh, tempGitRepos } from '../helpers/git-repo.js';
import { publishedEntry } from '../helpers/plan-fixtures.js';
import { BASE, mdPin } from '../helpers/repo.js';

const repos = tempGitRepos();
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const NOW = new Date('2026-12-02T10:00:00Z');

/**
 * A repository whose main has pin `a` as it was published, and a pull request that edits it,
 * checked out as the runner does: a shallow clone of the head, without the base commit.
 */
async function pullRequest() {
  const repo = await repos({ ...BASE, 'content/pins/a.md': mdPin({ id: 'a', title: 'Old title' }, 'Keep dry all winter.'), 'content/pins/b.md': mdPin({ id: 'b' }) });
  const base = sh(repo.root, 'rev-parse', 'HEAD').trim();
  sh(repo.root, 'checkout', '--quiet', '-b', 'feature');
  await writeFile(join(repo.root, 'content/pins/a.md'), mdPin({ id: 'a', title: 'New title' }, 'Keep dry all winter. Free returns.'));
  sh(repo.root, 'commit', '--quiet', '-am', 'edit a');
  sh(repo.root, 'push', '--quiet', 'origin', 'feature');
  const dir = await mkdtemp(join(tmpdir(), 'pinops-checkout-'));
  dirs.push(dir);
  const workspace = join(dir, 'ws');
  sh(dir, 'clone', '--quiet', '--depth', '1', '--branch', 'feature', `file://${repo.origin}`, workspace);
  expect(() => sh(workspace, 'cat-file', '-e', base)).toThrow();
  return { base, workspace };
}

describe("an update's earlier values, from the pin file at the pull request's base commit", () => {
  it('reads the base commit (fetching it into a shallow checkout) and shows every changed field old → new', async () => {
    const { base, workspace } = await pullRequest();
    const settings = defaultSettings();
    const read = await basePins({ root: workspace, ref: base, files: ['content/pins/a.md', 'content/pins/gone.md'], settings });
    expect(read.problem).toBeUndefined();
    expect([...read.pins.keys()]).toEqual(['a']);
    expect(read.pins.get('a')?.title).toBe('Old title');

    // The ledger says `a` was published as it is at the base commit.
    const head = await validateRepository({ root: workspace });
    if (!head.ok) throw new Error('invalid');
    const desired = desiredPins(head.pins, head.diagnostics, head.settings, new Map());
    const published = read.pins.get('a');
    if (!published) throw new Error('no base pin');
    const now = desired.find((d) => d.key === 'a');
    const ledger = { version: 1 as const, pins: { a: publishedEntry(published, { content: published.contentFingerprint, media: now?.mediaFingerprint ?? '' }) } };
    const p = plan({ desired: desired.filter((d) => d.key === 'a'), ledger, settings, now: NOW });
    expect(updatedFiles(p)).toEqual(['content/pins/a.md']);
    // The ledger alone knows the title, and that something else changed.
    expect(p.actions[0]?.changes).toEqual(['title', 'description, alt text, section or colour']);
    const detailed = withOldValues(p, read.pins);
    expect(detailed.actions[0]?.diff).toEqual([
      { field: 'title', from: 'Old title', to: 'New title' },
      { field: 'description', from: 'Keep dry all winter.', to: 'Keep dry all winter. Free returns.' },
    ]);
    expect(planMarkdown(detailed)).toContain('| update | title: `Old title` → `New title`; description: `Keep dry all winter.` → `Keep dry all winter. Free returns.`; pin p-a |');
  });

  it('says why when git cannot read the base, and gives no pins (the ledger still gives its fields)', async () => {
    const { workspace } = await pullRequest();
    const missing = await basePins({ root: workspace, ref: 'f'.repeat(40), files: ['content/pins/a.md'], settings: defaultSettings() });
    expect(missing.pins.size).toBe(0);
    expect(missing.problem).toMatch(/^git cannot fetch fffffff from origin/);
    const branch = await basePins({ root: workspace, ref: 'no such..branch', files: ['content/pins/a.md'], settings: defaultSettings() });
    expect(branch.problem).toMatch(/is not a branch name/);
  });
});
