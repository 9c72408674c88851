import { createHash } from 'node:crypto';
import * as core from '@actions/core';
import { buildCalendar } from '../flows/calendar.js';
import { openFolders } from '../flows/pr-previews.js';
import type { GithubClient } from '../github/client.js';
import { GithubError } from '../github/errors.js';
import { branchHead } from '../github/git-data.js';
import { repoWeb } from '../github/links.js';
import { repoPath, seg } from '../github/paths.js';
import { replaceFolder, SCHEDULE_FOLDER } from '../github/previews.js';
import { redact } from '../util/redact.js';

/**
 * The scheduled job's summary shows the next two weeks as a calendar: drawn after the run, put in
 * the previews branch's `schedule/` folder (which, like a pull request's, keeps no history) and
 * shown from there. Only when there is a schedule (slots, or pins for later); a failure is a warning.
 */
export async function scheduleSummary(o: { root: string; config: string; env: NodeJS.ProcessEnv; github: GithubClient; now?: Date }): Promise<void> {
  try {
    const r = await buildCalendar({ root: o.root, config: o.config, env: o.env, now: o.now ?? new Date(), weeks: 2, png: true });
    if (!r.wanted || !r.png) return;
    // The same calendar as on the branch is not pushed again: every push is a new root commit, and
    // the open pull requests' comments show their images from the commit they were pushed in.
    const there = await calendarOnBranch(o.github, r.previewBranch);
    const fresh = async () =>
      replaceFolder(
        o.github,
        r.previewBranch,
        SCHEDULE_FOLDER,
        [{ name: 'calendar.png', data: r.png as Buffer }],
        'pinops: the schedule of the next two weeks',
        await openFolders(o.github),
      );
    const commit = there?.blob === gitBlobSha(r.png) ? there.commit : await fresh();
    const web = repoWeb(o.env.GITHUB_SERVER_URL ?? 'https://github.com', o.github.repo);
    const src = `${web}/blob/${seg(commit ?? '')}/${SCHEDULE_FOLDER}/calendar.png?raw=true`;
    const coming = r.items.filter((i) => i.state !== 'published').length;
    await core.summary
      .addRaw(
        redact(
          `\n## Schedule\n\n${coming} pin(s) to come in the next two weeks (from ${r.model.from}, ${r.model.zone}).\n\n<img src="${src}" width="760" alt="the schedule of the next two weeks">\n`,
        ),
      )
      .write();
  } catch (err) {
    core.warning(`The schedule's calendar was not drawn or posted: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The calendar the previews branch holds, by its blob id, and the branch's head; undefined when there is none. */
async function calendarOnBranch(gh: GithubClient, branch: string): Promise<{ commit: string; blob: string } | undefined> {
  try {
    const head = await branchHead(gh, branch);
    const tree = async (sha: string) => (await gh.request<{ tree: { path: string; sha: string }[] }>('GET', `${repoPath(gh.repo)}/git/trees/${seg(sha)}`)).tree;
    const folder = (await tree(head.tree)).find((e) => e.path === SCHEDULE_FOLDER);
    const blob = folder ? (await tree(folder.sha)).find((e) => e.path === 'calendar.png')?.sha : undefined;
    return blob ? { commit: head.commit, blob } : undefined;
  } catch (err) {
    if (err instanceof GithubError && err.status === 404) return undefined;
    throw err;
  }
}

/** The id git gives these bytes as a blob. */
const gitBlobSha = (data: Buffer) => createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');
