/** What a release is made of, checked: its tag, the major tag that follows it, and its notes. */
export interface ReleasePlan {
  tag: string;
  major: string;
  notes: string;
}

/**
 * The tag must be `v` + package.json's version (semver, no pre-release for a major-tag move), and
 * CHANGELOG.md must have a non-empty `## VERSION` section: its text becomes the release notes.
 */
export function releasePlan(opts: { version: string; changelog: string; tag?: string }): ReleasePlan {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(opts.version);
  if (!m) throw new Error(`package.json's version "${opts.version}" is not MAJOR.MINOR.PATCH`);
  const tag = `v${opts.version}`;
  if (opts.tag !== undefined && opts.tag !== tag) throw new Error(`the tag ${opts.tag} does not match package.json's version ${opts.version} (expected ${tag})`);
  const lines = opts.changelog.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${opts.version}`);
  if (start < 0) throw new Error(`CHANGELOG.md has no "## ${opts.version}" section: write the release notes there first`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  const notes = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim();
  if (!notes) throw new Error(`CHANGELOG.md's "## ${opts.version}" section is empty`);
  return { tag, major: `v${m[1]}`, notes: `${notes}\n` };
}
