import * as core from '@actions/core';
import { buildCalendar } from '../flows/calendar.js';
import { openFolders } from '../flows/pr-previews.js';
import type { GithubClient } from '../github/client.js';
import { repoWeb } from '../github/links.js';
import { seg } from '../github/paths.js';
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
    const commit = await replaceFolder(
      o.github,
      r.previewBranch,
      SCHEDULE_FOLDER,
      [{ name: 'calendar.png', data: r.png }],
      'pinops: the schedule of the next two weeks',
      await openFolders(o.github),
    );
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
