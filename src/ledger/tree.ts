import { type LedgerCredentials, type LedgerEntry, parseShard, parseTop } from './format.js';
import { eachObject, git, gitOk, readObjects } from './git.js';
import { LOG, PINS, README, TOP } from './shards.js';
import { type ReadState, Snapshot, type TreeEntry } from './snapshot.js';

/**
 * The files of the ledger branch, read from one of its commits and written as a new one with git
 * plumbing: a read lists the tree once and reads every file it needs in one `cat-file --batch`;
 * a write is one `fast-import`. The working tree and index are never touched.
 */

const WHO = 'pinops <pinops@users.noreply.github.com>';

/** `path on the BRANCH branch (commit 1234abcd)`, for errors that name the broken file. */
export type Describe = (path: string) => string;

/** The entries under `paths` as of `treeish`, recursively (nothing when it has none). */
async function listTree(root: string, treeish: string, paths: string[]): Promise<TreeEntry[]> {
  const r = await git(root, ['ls-tree', '-r', '-z', '--full-tree', treeish, '--', ...paths]);
  if (r.code !== 0) return [];
  return r.stdout
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [, type, id] = line.slice(0, tab).split(' ') as [string, string, string];
      return { path: line.slice(tab + 1), type, id };
    });
}

const isShardFile = (e: { path: string; type?: string }) => e.path.startsWith(`${PINS}/`) && e.path.endsWith('.json') && e.type !== 'tree';

/**
 * The ledger as of `head`, read whole: ledger.json and every shard of pins/, in two git processes.
 * The listing takes in log/ too, whose files a plan reads next (store.readFolder).
 */
export async function readSnapshot(root: string, head: string | undefined, describe: Describe): Promise<Snapshot> {
  if (!head) return new Snapshot(undefined);
  const listing = await listTree(root, head, [TOP, README, PINS, LOG]);
  const top = listing.find((e) => e.path === TOP && e.type === 'blob');
  const readme = listing.some((e) => e.path === README);
  const logFiles = listing.filter((e) => inFolder(e, LOG));
  // No ledger.json: no ledger (whatever pins/ holds); the log tells whether one was lost.
  if (!top) return new Snapshot(head, { top: { kind: 'none' }, shards: new Map(), readme, logFiles });
  const files = [top, ...listing.filter(isShardFile)];
  // ledger.json comes first and says whether pins/ is the ledger's; each shard is parsed as it comes in.
  const state: ReadState = { top: { kind: 'none' }, shards: new Map(), readme, logFiles };
  await eachObject(
    root,
    files.map((e) => e.id),
    (text, i) => {
      const path = (files[i] as TreeEntry).path;
      if (i === 0) state.top = topState(text ?? '', describe);
      else if (state.top.kind === 'sharded') state.shards.set(path, parseShard(text ?? '', describe(path)));
    },
  );
  return new Snapshot(head, state, describe);
}

function topState(text: string, describe: Describe): ReadState['top'] {
  const top = parseTop(text, describe(TOP));
  return 'legacy' in top ? { kind: 'legacy', ledger: top.legacy } : { kind: 'sharded', ...top };
}

/**
 * Moves `snapshot` to `head` by reading only what changed since its own head (diff-tree, then
 * the changed files in one batch). False when that cannot be done (the snapshot or the new head
 * is not of the layout of pins/, or the old head is unknown here): then read the whole ledger.
 */
export async function updateSnapshot(root: string, snapshot: Snapshot, head: string, describe: Describe): Promise<boolean> {
  if (!snapshot.head || !snapshot.inShards) return false;
  const r = await git(root, ['diff-tree', '-r', '-z', '--no-renames', snapshot.head, head, '--', TOP, README, PINS, 'log']);
  if (r.code !== 0) return false;
  const changes = diffEntries(r.stdout);
  if (changes.some((c) => c.path === TOP && !c.id)) return false;
  const reads = changes.filter((c) => c.id && (c.path === TOP || isShardFile(c)));
  const texts = await readObjects(
    root,
    reads.map((c) => c.id as string),
  );
  const text = new Map(reads.map((c, i) => [c.path, texts[i] ?? ''] as const));
  let credentials: LedgerCredentials | undefined = snapshot.credentialsRecord;
  const newTop = text.get(TOP);
  if (newTop !== undefined) {
    const top = topState(newTop, describe);
    if (top.kind !== 'sharded') return false;
    credentials = top.credentials;
  }
  const shards = new Map<string, Record<string, LedgerEntry> | undefined>();
  for (const c of changes.filter(isShardFile)) shards.set(c.path, c.id ? parseShard(text.get(c.path) ?? '', describe(c.path)) : undefined);
  const readme = changes.find((c) => c.path === README);
  snapshot.update(head, shards, credentials, readme ? readme.id !== undefined : snapshot.hasReadme, describe);
  for (const c of changes) snapshot.logs.delete(c.path);
  return true;
}

/** `diff-tree -r -z` output: each changed path with its new blob id (undefined: removed). */
function diffEntries(out: string): { path: string; id: string | undefined }[] {
  const fields = out.split('\0');
  const changes: { path: string; id: string | undefined }[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const meta = (fields[i] as string).split(' ');
    const id = meta[3] as string;
    changes.push({ path: fields[i + 1] as string, id: /^0+$/.test(id) || meta[1] === '000000' ? undefined : id });
  }
  return changes;
}

/** One file of the branch as of `head` (`folder/name`), or undefined when it has none. */
export async function readFileAt(root: string, head: string | undefined, path: string): Promise<string | undefined> {
  return head ? (await readObjects(root, [`${head}:${path}`]))[0] : undefined;
}

/** A file of `folder` as `ls-tree -- folder` lists it: the folder's name itself, or a path under it. */
const inFolder = (e: TreeEntry, folder: string) => e.type === 'blob' && (e.path === folder || e.path.startsWith(`${folder}/`));

/**
 * The files under one folder of the branch as of `head`, by their path within it
 * (`2026-12/RUN.jsonl`); `listed`: that folder's files at `head`, listed already.
 */
export async function readFolderAt(root: string, head: string | undefined, folder: string, listed?: readonly TreeEntry[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!head) return out;
  const files = listed ?? (await listTree(root, head, [folder])).filter((e) => e.type === 'blob');
  const texts = await readObjects(
    root,
    files.map((e) => e.id),
  );
  for (const [i, e] of files.entries()) out.set(e.path.slice(folder.length + 1), texts[i] ?? '');
  return out;
}

/** A commit to write: files by path (null: removed), pins/ replaced whole or not. */
export interface CommitContent {
  files: Map<string, string | null>;
  replacePins: boolean;
  message: string;
}

let written = 0;

/**
 * Writes a commit on `head` (or a first, parentless one) in one `git fast-import`: the blobs, the
 * trees (those of unchanged folders reused as they are) and the commit. Returns its id, not yet
 * pushed. The ref fast-import needs is pinops' own and deleted again in the same stream.
 */
export async function writeCommit(root: string, head: string | undefined, content: CommitContent): Promise<string> {
  const ref = `refs/pinops/new-${process.pid}-${++written}`;
  const lines = [`commit ${ref}`, 'mark :1', `author ${WHO} now`, `committer ${WHO} now`, data(content.message)];
  if (head) lines.push(`from ${head}`);
  if (content.replacePins) lines.push(`D ${PINS}`);
  for (const [path, text] of content.files) lines.push(text === null ? `D ${quoted(path)}` : `M 100644 inline ${quoted(path)}\n${data(text)}`);
  lines.push('', 'get-mark :1', `reset ${ref}`, '', 'done', '');
  return (await gitOk(root, ['fast-import', '--quiet', '--date-format=now', '--done'], { input: lines.join('\n') })).trim();
}

const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}`;

/** A path as fast-import reads it: C-quoted when it has a quote, a backslash, a newline or a leading space. */
function quoted(path: string): string {
  return /["\\\n]|^ /.test(path) ? `"${path.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\n')}"` : path;
}
