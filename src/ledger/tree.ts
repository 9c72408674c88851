import { redactJson } from '../util/redact.js';
import { emptyLedger, type Ledger, type LogLine, parseLedger, serializeLedger } from './format.js';
import { git, gitOk } from './git.js';

/**
 * The files of the ledger branch, read from one of its commits and written as a new one with git
 * plumbing (hash-object, mktree, commit-tree): the working tree and index are never touched.
 */

const IDENTITY = {
  GIT_AUTHOR_NAME: 'pinops',
  GIT_AUTHOR_EMAIL: 'pinops@users.noreply.github.com',
  GIT_COMMITTER_NAME: 'pinops',
  GIT_COMMITTER_EMAIL: 'pinops@users.noreply.github.com',
};
const README = `# pinops ledger

This branch is written by pinops; do not merge it into your code.

- \`ledger.json\`: every pin pinops published (pin key → Pinterest pin id, board, fingerprints, time).
- \`log/YYYY-MM.jsonl\`: one line per API action (time, run, pin, action, result, pin id, x-pinterest-rid).
- \`analytics/YYYY-MM.csv\`: the daily metrics of every published pin, one row per pin per day.

Its commits are the audit trail of what was published, and when.
`;

/** The ledger as of `head`: empty when there is no branch yet, or no ledger.json on it. */
export async function readLedger(root: string, branch: string, head: string | undefined): Promise<Ledger> {
  if (!head) return emptyLedger();
  const r = await git(root, ['cat-file', '-p', `${head}:ledger.json`]);
  if (r.code !== 0) return emptyLedger();
  return parseLedger(r.stdout, `ledger.json on the ${branch} branch (commit ${head.slice(0, 8)})`);
}

/** One file of the branch as of `head` (`folder/name`), or undefined when it has none. */
export async function readFileAt(root: string, head: string | undefined, path: string): Promise<string | undefined> {
  if (!head) return undefined;
  const r = await git(root, ['cat-file', '-p', `${head}:${path}`]);
  return r.code === 0 ? r.stdout : undefined;
}

/** The files of one folder of the branch as of `head`, by name. */
export async function readFolderAt(root: string, head: string | undefined, folder: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of (await entries(root, head ? `${head}:${folder}` : undefined)).keys()) out.set(name, (await readFileAt(root, head, `${folder}/${name}`)) ?? '');
  return out;
}

/** What a new commit on the branch holds besides what its parent had. */
export interface CommitContent {
  ledger: Ledger;
  /** Appended to the month files of log/, by each line's time. */
  log: LogLine[];
  message: string;
  /** Further files (`folder/name` → content), written as given. */
  files: Record<string, string>;
}

/** Writes a commit on `head` (or a first, parentless one) with `content`; returns its id, not yet pushed. */
export async function writeCommit(root: string, head: string | undefined, content: CommitContent): Promise<string> {
  const top = await entries(root, head);
  const files = new Map(Object.entries(content.files));
  for (const [path, text] of await appendedLog(root, head, content.log)) files.set(path, text);
  // One level of folders (log/, analytics/): each changed folder gets a new tree.
  const folders = new Map<string, Map<string, string>>();
  for (const [path, text] of files) {
    const [folder, name] = path.split('/') as [string, string];
    if (!folders.has(folder)) folders.set(folder, await entries(root, head ? `${head}:${folder}` : undefined));
    folders.get(folder)?.set(name, `100644 blob ${await blob(root, text)}\t${name}`);
  }
  for (const [folder, list] of folders) top.set(folder, `040000 tree ${await mktree(root, list)}\t${folder}`);
  top.set('ledger.json', `100644 blob ${await blob(root, serializeLedger(content.ledger))}\tledger.json`);
  if (!top.has('README.md')) top.set('README.md', `100644 blob ${await blob(root, README)}\tREADME.md`);
  const tree = await mktree(root, top);
  return (await gitOk(root, ['commit-tree', tree, ...(head ? ['-p', head] : []), '-m', content.message], { env: IDENTITY })).trim();
}

/** The log's month files with `lines` appended (`log/YYYY-MM.jsonl` → its whole new text). */
async function appendedLog(root: string, head: string | undefined, lines: LogLine[]): Promise<Map<string, string>> {
  const byMonth = new Map<string, LogLine[]>();
  for (const l of lines) byMonth.set(l.time.slice(0, 7), [...(byMonth.get(l.time.slice(0, 7)) ?? []), l]);
  const out = new Map<string, string>();
  for (const [month, list] of byMonth) {
    const path = `log/${month}.jsonl`;
    out.set(path, ((await readFileAt(root, head, path)) ?? '') + list.map((l) => `${JSON.stringify(l, redactJson)}\n`).join(''));
  }
  return out;
}

/** Entries of a tree as mktree lines, keyed by name. */
async function entries(root: string, treeish: string | undefined): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  if (!treeish) return map;
  const r = await git(root, ['ls-tree', '-z', treeish]);
  if (r.code !== 0) return map;
  for (const line of r.stdout.split('\0')) {
    if (!line) continue;
    const name = line.slice(line.indexOf('\t') + 1);
    map.set(name, line);
  }
  return map;
}

async function blob(root: string, content: string): Promise<string> {
  return (await gitOk(root, ['hash-object', '-w', '--stdin'], { input: content })).trim();
}

/** A tree object of the given mktree lines. */
async function mktree(root: string, lines: Map<string, string>): Promise<string> {
  return (await gitOk(root, ['mktree', '-z'], { input: `${[...lines.values()].join('\0')}\0` })).trim();
}
