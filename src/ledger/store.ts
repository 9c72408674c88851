import { redactJson } from '../util/redact.js';
import { type Ledger, LedgerError, type LogLine } from './format.js';
import { type GitResult, git, gitOk, readObjects } from './git.js';
import { LOG, logPath } from './shards.js';
import type { Snapshot } from './snapshot.js';
import { readFileAt, readFolderAt, readSnapshot, updateSnapshot, writeCommit } from './tree.js';

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
  /** The files under one folder of the branch (e.g. `analytics`, `log`), by their path within it, as of the head last loaded or pushed (fetched if none). */
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
 * has and the ledger the commit writes (after `change`); like `change`, it runs again on a newer
 * head after a lost race.
 */
export type FilesChange = (read: (path: string) => Promise<string | undefined>, ledger: Ledger) => Promise<Record<string, string>>;

/** Where the branch is fetched to: a ref of pinops' own, outside the clone's branches. */
const REF = 'refs/pinops/ledger';
/** Pushes lost to other runs before a commit gives up. */
const ATTEMPTS = 20;

/**
 * The ledger on an orphan branch of the repository's `origin`, written with git plumbing
 * (fast-import, push): the working tree and index are never touched. The ledger read stays in
 * memory with the head it was read at: a commit on that head reads nothing from git, and writes
 * only the shards of pins/ whose entries changed and its run's log file.
 */
export function gitLedgerStore(root: string, branch: string, remote = 'origin'): LedgerStore {
  return new GitLedgerStore(root, branch, remote);
}

class GitLedgerStore implements LedgerStore {
  private pushCount = 0;
  /** The branch head this process last saw or pushed: a commit is tried on it first, without a fetch. */
  private known: string | undefined;
  /** Whether `known` holds what the remote had (undefined then means: no branch there). */
  private knownValid = false;
  /** The head this clone had fetched before, when the remote branch is gone now. */
  private vanishedHead: string | undefined;
  /** The ledger as of the head last read or pushed. */
  private snapshot: Snapshot | undefined;
  // One commit at a time from this process: git's ref locks do not queue.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly root: string,
    private readonly branch: string,
    private readonly remote: string,
  ) {}

  get pushes(): number {
    return this.pushCount;
  }

  get vanished(): string | undefined {
    return this.vanishedHead;
  }

  load({ fresh = false } = {}): Promise<Ledger> {
    return this.serial(async () => (await this.at(fresh || !this.knownValid ? await this.fetch() : this.known)).ledger());
  }

  commit(message: string, change: (ledger: Ledger) => boolean | undefined, log: (ledger: Ledger) => LogLine[], files?: FilesChange): Promise<{ ledger: Ledger; applied: boolean }> {
    return this.serial(() => this.commitNow(message, change, log, files));
  }

  readFolder(folder: string): Promise<Map<string, string>> {
    // Read from the head this process just fetched or pushed (callers load the ledger first).
    return this.serial(async () => {
      const head = this.knownValid ? this.known : await this.fetch();
      // The log's files were listed with the ledger when it was read whole at this head: not listed again.
      const listed = folder === LOG && head && this.snapshot?.head === head ? this.snapshot.logFiles : undefined;
      return readFolderAt(this.root, head, folder, listed);
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The remote's head of the branch, fetched to REF; undefined when there is no ledger yet. */
  private async fetch(): Promise<string | undefined> {
    const r = await fetchBranch(this.root, this.remote, this.branch);
    if (r.code !== 0) {
      if (!(await this.isAbsent(r.stderr))) throw remoteError('read', this.branch, this.remote, r.stderr);
      await this.forgetBranch();
      return undefined;
    }
    this.known = (await gitOk(this.root, ['rev-parse', REF])).trim();
    this.knownValid = true;
    return this.known;
  }

  /**
   * Only these mean "no ledger yet": no such branch, or no such remote at all (a plan in a fresh
   * clone of nothing). An unreachable remote is never an empty ledger.
   */
  private async isAbsent(stderr: string): Promise<boolean> {
    return /couldn't find remote ref/i.test(stderr) || (await git(this.root, ['remote', 'get-url', this.remote])).code !== 0;
  }

  /** The remote has no branch: remembers the head this clone had fetched of it, if any, and drops REF. */
  private async forgetBranch(): Promise<void> {
    const had = await git(this.root, ['rev-parse', '--verify', '--quiet', REF]);
    if (had.code === 0) this.vanishedHead = had.stdout.trim();
    await git(this.root, ['update-ref', '-d', REF]);
    this.known = undefined;
    this.knownValid = true;
  }

  /** The ledger as of `head`: the one in memory, moved on by what changed since, or read whole. */
  private async at(head: string | undefined): Promise<Snapshot> {
    const s = this.snapshot;
    if (s && s.head === head) return s;
    const describe = (path: string) => `${path} on the ${this.branch} branch (commit ${head?.slice(0, 8)})`;
    if (!(s && head && (await updateSnapshot(this.root, s, head, describe)))) this.snapshot = await readSnapshot(this.root, head, describe);
    return this.snapshot as Snapshot;
  }

  private async commitNow(
    message: string,
    change: (ledger: Ledger) => boolean | undefined,
    log: (ledger: Ledger) => LogLine[],
    files?: FilesChange,
  ): Promise<{ ledger: Ledger; applied: boolean }> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      // Try on the head this process knows; a rejected push fetches and re-applies.
      const head = attempt === 0 && this.knownValid ? this.known : await this.fetch();
      const snapshot = await this.at(head);
      const ledger = snapshot.ledger();
      if (change(ledger) === false) return { ledger, applied: false };
      const writes = snapshot.writes(ledger);
      const extra = files ? await files((path) => readFileAt(this.root, head, path), ledger) : {};
      for (const [path, text] of Object.entries(extra)) writes.files.set(path, text);
      const logs = await appendedLog(this.root, snapshot, log(ledger));
      for (const [path, text] of logs) writes.files.set(path, text);
      const commit = await writeCommit(this.root, head, { files: writes.files, replacePins: writes.replacePins, message });
      const r = await git(this.root, ['push', '--quiet', this.remote, `${commit}:refs/heads/${this.branch}`]);
      this.pushCount++;
      if (r.code === 0) {
        snapshot.apply(commit, ledger, writes);
        for (const [path, text] of logs) snapshot.logs.set(path, text);
        await this.pushed(commit);
        return { ledger, applied: true };
      }
      // Only a lost race is tried again: a rule, a permission or an unreachable remote would refuse every try.
      if (!isLostRace(r.stderr)) throw remoteError('push', this.branch, this.remote, r.stderr);
      // Another run pushed first: take its ledger and apply this change again.
      await new Promise((res) => setTimeout(res, 20 + Math.random() * 80 * (attempt + 1)));
    }
    throw new LedgerError(`the ledger branch "${this.branch}" kept changing under this run (${ATTEMPTS} pushes lost to other runs); try again`, 'rejected');
  }

  /** The pushed commit is the head this process knows from now on. */
  private async pushed(commit: string): Promise<void> {
    // As a plain push would: `git log origin/pinops-ledger` shows the audit trail.
    await git(this.root, ['update-ref', '--stdin'], { input: `update ${REF} ${commit}\nupdate refs/remotes/${this.remote}/${this.branch} ${commit}\n` });
    this.known = commit;
    this.knownValid = true;
  }
}

/**
 * The log files that `lines` go to (`log/YYYY-MM/RUN.jsonl`), each with its lines appended: to
 * the text this process last wrote there, or read from the head (in one batch).
 */
async function appendedLog(root: string, snapshot: Snapshot, lines: LogLine[]): Promise<Map<string, string>> {
  const added = new Map<string, string>();
  for (const l of lines) added.set(logPath(l), `${added.get(logPath(l)) ?? ''}${JSON.stringify(l, redactJson)}\n`);
  const unknown = [...added.keys()].filter((path) => !snapshot.logs.has(path));
  const read = snapshot.head
    ? await readObjects(
        root,
        unknown.map((path) => `${snapshot.head}:${path}`),
      )
    : [];
  const base = new Map(unknown.map((path, i) => [path, read[i] ?? ''] as const));
  return new Map([...added].map(([path, text]) => [path, `${snapshot.logs.get(path) ?? base.get(path) ?? ''}${text}`] as const));
}

/** Fetches the branch to REF, again after a moment while another git holds the ref's lock. */
async function fetchBranch(root: string, remote: string, branch: string): Promise<GitResult> {
  // No `git maintenance --auto` after it: one process less on every plan (the clone's own git commands keep it tidy).
  const args = ['-c', 'maintenance.auto=false', 'fetch', '--quiet', '--no-tags', remote, `+refs/heads/${branch}:${REF}`];
  let r = await git(root, args);
  for (let i = 0; r.code !== 0 && /cannot lock ref|unable to update local ref/i.test(r.stderr) && i < 5; i++) {
    await new Promise((res) => setTimeout(res, 50 * (i + 1)));
    r = await git(root, args);
  }
  return r;
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
