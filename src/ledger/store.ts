import { redactJson } from '../util/redact.js';
import { emptyLedger, type Ledger, LedgerError, type LogLine, parseLedger, serializeLedger } from './format.js';
import { git, gitOk } from './git.js';

/** Reads and writes the ledger; the publish flow depends on this, not on git. */
export interface LedgerStore {
  /**
   * The ledger (empty when the branch does not exist yet): fetched from the remote the first time,
   * then as of the head this process last fetched or pushed, unless `fresh` asks the remote again.
   * A run fetches once; its pushes keep the head current, and a lost push race fetches for itself.
   */
  load(opts?: { fresh?: boolean }): Promise<Ledger>;
  /**
   * Applies `change` to the newest ledger and pushes it with `log` lines. When another run pushed
   * first, fetches its ledger, applies `change` again and retries, so changes merge by pin key.
   * `change` may return false to drop the commit (for example: another run already took the pin).
   */
  commit(message: string, change: (ledger: Ledger) => boolean | undefined, log: (ledger: Ledger) => LogLine[], files?: FilesChange): Promise<{ ledger: Ledger; applied: boolean }>;
  /** The files of one folder of the branch (e.g. `analytics`), by name, as of the head last loaded or pushed (fetched if none). */
  readFolder(folder: string): Promise<Map<string, string>>;
  /** Pushes made, for reports and benchmarks. */
  readonly pushes: number;
  /**
   * When the remote branch does not exist but this clone had fetched it before: the head it had
   * (the ledger was deleted on the remote; this commit can restore it).
   */
  readonly vanished?: string | undefined;
}

/**
 * Further files to write in a commit (`folder/name` → content), computed from the files the head
 * has; like `change`, it runs again on a newer head after a lost race.
 */
export type FilesChange = (read: (path: string) => Promise<string | undefined>) => Promise<Record<string, string>>;

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

/**
 * The ledger on an orphan branch of the repository's `origin`, written with git plumbing
 * (hash-object, mktree, commit-tree, push): the working tree and index are never touched.
 */
export function gitLedgerStore(root: string, branch: string, remote = 'origin'): LedgerStore {
  const ref = 'refs/pinops/ledger';
  let pushes = 0;
  /** The branch head this process last saw or pushed: a commit is tried on it first, without a fetch. */
  let known: string | undefined;
  let knownValid = false;
  /** The head this clone had fetched before, when the remote branch is gone now. */
  let vanished: string | undefined;
  // One commit at a time from this process: git's ref locks do not queue.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  async function fetch(): Promise<string | undefined> {
    let r = await git(root, ['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${branch}:${ref}`]);
    for (let i = 0; r.code !== 0 && /cannot lock ref|unable to update local ref/i.test(r.stderr) && i < 5; i++) {
      await new Promise((res) => setTimeout(res, 50 * (i + 1)));
      r = await git(root, ['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${branch}:${ref}`]);
    }
    if (r.code !== 0) {
      // Only these mean "no ledger yet": no such branch, or no such remote at all (a plan in a
      // fresh clone of nothing). An unreachable remote is never an empty ledger.
      if (/couldn't find remote ref/i.test(r.stderr) || (await git(root, ['remote', 'get-url', remote])).code !== 0) {
        const had = await git(root, ['rev-parse', '--verify', '--quiet', ref]);
        if (had.code === 0) vanished = had.stdout.trim();
        await git(root, ['update-ref', '-d', ref]);
        known = undefined;
        knownValid = true;
        return undefined;
      }
      throw remoteError('read', branch, remote, r.stderr);
    }
    known = (await gitOk(root, ['rev-parse', ref])).trim();
    knownValid = true;
    return known;
  }

  async function read(head: string | undefined): Promise<Ledger> {
    if (!head) return emptyLedger();
    const r = await git(root, ['cat-file', '-p', `${head}:ledger.json`]);
    if (r.code !== 0) return emptyLedger();
    return parseLedger(r.stdout, `ledger.json on the ${branch} branch (commit ${head.slice(0, 8)})`);
  }

  async function blob(content: string): Promise<string> {
    return (await gitOk(root, ['hash-object', '-w', '--stdin'], { input: content })).trim();
  }

  /** Entries of a tree as mktree lines, keyed by name. */
  async function entries(treeish: string | undefined): Promise<Map<string, string>> {
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

  async function readAt(head: string | undefined, path: string): Promise<string | undefined> {
    if (!head) return undefined;
    const r = await git(root, ['cat-file', '-p', `${head}:${path}`]);
    return r.code === 0 ? r.stdout : undefined;
  }

  async function write(head: string | undefined, ledger: Ledger, lines: LogLine[], message: string, extra: Record<string, string>): Promise<string> {
    const top = await entries(head);
    const files = new Map(Object.entries(extra));
    const byMonth = new Map<string, LogLine[]>();
    for (const l of lines) byMonth.set(l.time.slice(0, 7), [...(byMonth.get(l.time.slice(0, 7)) ?? []), l]);
    for (const [month, list] of byMonth) {
      const path = `log/${month}.jsonl`;
      files.set(path, ((await readAt(head, path)) ?? '') + list.map((l) => `${JSON.stringify(l, redactJson)}\n`).join(''));
    }
    // One level of folders (log/, analytics/): each changed folder gets a new tree.
    const folders = new Map<string, Map<string, string>>();
    for (const [path, content] of files) {
      const [folder, name] = path.split('/') as [string, string];
      if (!folders.has(folder)) folders.set(folder, await entries(head ? `${head}:${folder}` : undefined));
      folders.get(folder)?.set(name, `100644 blob ${await blob(content)}\t${name}`);
    }
    for (const [folder, list] of folders)
      top.set(folder, `040000 tree ${(await gitOk(root, ['mktree', '-z'], { input: `${[...list.values()].join('\0')}\0` })).trim()}\t${folder}`);
    top.set('ledger.json', `100644 blob ${await blob(serializeLedger(ledger))}\tledger.json`);
    if (!top.has('README.md')) top.set('README.md', `100644 blob ${await blob(README)}\tREADME.md`);
    const tree = (await gitOk(root, ['mktree', '-z'], { input: `${[...top.values()].join('\0')}\0` })).trim();
    return (await gitOk(root, ['commit-tree', tree, ...(head ? ['-p', head] : []), '-m', message], { env: IDENTITY })).trim();
  }

  return {
    get pushes() {
      return pushes;
    },
    get vanished() {
      return vanished;
    },
    load({ fresh = false } = {}) {
      return serial(async () => read(fresh || !knownValid ? await fetch() : known));
    },
    commit(message, change, log, files) {
      return serial(() => commitNow(message, change, log, files));
    },
    readFolder(folder) {
      return serial(async () => {
        // Read from the head this process just fetched or pushed (callers load the ledger first).
        const head = knownValid ? known : await fetch();
        const out = new Map<string, string>();
        for (const name of (await entries(head ? `${head}:${folder}` : undefined)).keys()) out.set(name, (await readAt(head, `${folder}/${name}`)) ?? '');
        return out;
      });
    },
  };

  async function commitNow(
    message: string,
    change: (ledger: Ledger) => boolean | undefined,
    log: (ledger: Ledger) => LogLine[],
    files?: FilesChange,
  ): Promise<{ ledger: Ledger; applied: boolean }> {
    for (let attempt = 0; attempt < 20; attempt++) {
      // Try on the head this process knows; a rejected push fetches and re-applies.
      const head = attempt === 0 && knownValid ? known : await fetch();
      const ledger = await read(head);
      if (change(ledger) === false) return { ledger, applied: false };
      const extra = files ? await files((path) => readAt(head, path)) : {};
      const commit = await write(head, ledger, log(ledger), message, extra);
      const r = await git(root, ['push', '--quiet', remote, `${commit}:refs/heads/${branch}`]);
      pushes++;
      if (r.code === 0) {
        await git(root, ['update-ref', ref, commit]);
        // As a plain push would: `git log origin/pinops-ledger` shows the audit trail.
        await git(root, ['update-ref', `refs/remotes/${remote}/${branch}`, commit]);
        known = commit;
        knownValid = true;
        return { ledger, applied: true };
      }
      // Only a lost race is tried again: a rule, a permission or an unreachable remote would refuse every try.
      if (!isLostRace(r.stderr)) throw remoteError('push', branch, remote, r.stderr);
      // Another run pushed first: take its ledger and apply this change again.
      await new Promise((res) => setTimeout(res, 20 + Math.random() * 80 * (attempt + 1)));
    }
    throw new LedgerError(`the ledger branch "${branch}" kept changing under this run (20 pushes lost to other runs); try again`, 'rejected');
  }
}

/**
 * Another run pushed first (`! [rejected] … (fetch first)`, or the remote's ref moved under the
 * push), unlike a hook or a ruleset declining it, which would decline every try.
 */
function isLostRace(stderr: string): boolean {
  if (/hook declined|GH0\d\d|rule violation|ruleset|protected branch/i.test(stderr)) return false;
  return /non-fast-forward|fetch first|\[rejected\]|failed to update ref|cannot lock ref|reference already exists|incorrect old value/i.test(stderr);
}

/** What went wrong with the remote, in words a user can act on. */
export function remoteError(what: 'read' | 'push', branch: string, remote: string, stderr: string): LedgerError {
  // The remote's own words (`remote: GH013 …`) and git's verdict, not the "To <url>" line.
  const said = stderr
    .trim()
    .split('\n')
    .filter((l) => l.trim() && !/^To /.test(l))
    .slice(-4)
    .join(' / ');
  const doing = what === 'read' ? `cannot read the ledger branch "${branch}" from ${remote}` : `cannot push the ledger branch "${branch}" to ${remote}`;
  if (/permission|denied|403|authentication failed|could not read username|not allowed|write access/i.test(stderr) && !/hook declined|GH00\d|GH01\d|rule/i.test(stderr))
    return new LedgerError(
      `${doing}: the remote refused this token (${said}). Give the workflow \`permissions: contents: write\`, or a token that may push to "${branch}".`,
      'permission',
    );
  if (/\[remote rejected\]|hook declined|protected branch|GH0\d\d|rule|ruleset/i.test(stderr))
    return new LedgerError(
      `${doing}: the remote rejected the push by a rule (${said}). Let pinops push to "${branch}": exempt it from the branch protection or ruleset, or set \`ledger_branch\` to a branch no rule covers.`,
      'rejected',
    );
  return new LedgerError(`${doing}: the remote cannot be reached (${said}). Check the network and the remote's URL, then run again.`, 'unreachable');
}
