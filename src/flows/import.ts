import { lstatSync } from 'node:fs';
import { readdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { MEDIA_LIMITS } from '../content/media.js';
import { mediaKinds } from '../content/validate.js';
import { digestFiles } from '../files/digest.js';
import { LAYOUT, loadSettings } from '../files/repo.js';
import { type AccountPin, accountPinFile, IMPORT_DIRS, picturePath, pinFilePath, pinIdOfFile } from '../import/account-pin.js';
import { type Adoption, addAdoptions, adoptionLog, awaitingAdoption, recordedPinIds } from '../import/adopt.js';
import { declaredName, mergeBoards } from '../import/boards-file.js';
import { ImportError } from '../import/errors.js';
import { readAccount } from '../import/read-account.js';
import { gitLedgerStore, type LedgerStore } from '../ledger/store.js';
import type { PinterestApi } from '../pinterest/client.js';
import { type DesiredPin, desiredPins } from '../plan/desired.js';
import { SettingsError } from '../settings/load.js';
import { mapLimit } from '../util/concurrency.js';
import { privateNetworkFrom, safeFetch } from '../util/safe-fetch.js';
import { DRAFT_LIMITS, imageProblem, present, writeInside } from './draft.js';
import { connect, type SessionOptions } from './session.js';
import { validateRepository } from './validate.js';

/** What an import needs besides a session's options (the credentials, the log, the clock). */
export interface ImportOptions extends SessionOptions {
  root: string;
  config?: string;
  /** Print what would be written; write nothing, record nothing. */
  dryRun: boolean;
  /** Download the pictures into content/media/imported/ (default), or keep their https URLs. */
  download: boolean;
  board?: string;
  since?: Date;
  /** At most this many new pins. */
  limit?: number;
  ledger?: LedgerStore;
  /**
   * Record the imported pins in the ledger now (default). The action's `import: account` does not:
   * it proposes the files in a pull request, and the publish run after the merge records them.
   */
  record?: boolean;
}

export interface ImportResult {
  /** Whether content/boards.yml gains boards or sections (or would, in a dry run). */
  boardsChanged: boolean;
  /** Pin files written (or to write), with their pictures. */
  pins: { file: string; pinId: string; media: string[] }[];
  /** Ledger keys recorded as published (imported now, or by an interrupted import before). */
  adopted: string[];
  /** Pins left out, and why (media pinops cannot keep, a download refused, a file that does not validate). */
  skipped: string[];
  /** Pins of the account pinops knows already. */
  known: number;
  requests: number;
  downloads: number;
  dryRun: boolean;
}

/**
 * `pinops import --account`: the account's boards merged into content/boards.yml, one pin file per
 * pin it has not imported yet (pictures downloaded through the safe fetch), and every imported pin
 * recorded in the ledger as published, fingerprinted as the plan fingerprints its file. Nothing is
 * created or deleted on Pinterest; no file is overwritten. An interrupted import resumes: files it
 * wrote are kept and recorded by the next import.
 */
export async function importAccount(opts: ImportOptions): Promise<ImportResult> {
  const parsed = await loadSettings(opts.root, opts.config, opts.env);
  if (!parsed.ok) throw new SettingsError(parsed.diagnostics);
  const store = opts.ledger ?? gitLedgerStore(opts.root, parsed.settings.ledger_branch);
  const { abs: boardsPath, text: boardsText } = await boardsFile(opts.root);
  const session = await connect(parsed.settings, store, opts);
  const account = await readAccount(session.api, {
    ...(opts.board ? { board: opts.board } : {}),
    ...(opts.since ? { since: opts.since } : {}),
    declared: (n) => declaredName(boardsText, n),
  });
  const known = recordedPinIds(await store.load());
  const onDisk = await importedFiles(opts.root);
  const isNew = (p: AccountPin) => !known.has(p.pinId) && !onDisk.has(p.pinId);
  const fresh = account.pins.filter(isNew).slice(0, opts.limit ?? Number.POSITIVE_INFINITY);
  const merged = mergeBoards(boardsText, account.boards);
  const result: ImportResult = {
    boardsChanged: merged !== undefined,
    pins: fresh.map((p) => ({ file: pinFilePath(p), pinId: p.pinId, media: [] })),
    adopted: [],
    skipped: [...account.skipped],
    known: account.pins.filter((p) => !isNew(p)).length,
    requests: 0,
    downloads: 0,
    dryRun: opts.dryRun,
  };
  opts.log(`· the account has ${account.boards.length} board(s) and ${account.pins.length} pin(s) to import; ${fresh.length} new`);
  if (parsed.settings.prune && fresh.length && !opts.dryRun && opts.record !== false)
    opts.log('· prune is on: commit and push the imported files before the next publish, which would otherwise delete these pins as removed');
  if (!opts.dryRun) {
    if (merged !== undefined) await writeFile(boardsPath, merged);
    result.pins = await writePins(opts, fresh, result);
    if (opts.record === false) return { ...result, requests: session.api.transport.stats.requests };
    const byId = new Map(account.pins.map((p) => [p.pinId, p]));
    const resumed = account.pins.filter((p) => !known.has(p.pinId) && onDisk.has(p.pinId)).map((p) => ({ pin: p, file: onDisk.get(p.pinId) as string }));
    result.adopted = await adopt(opts, store, [...result.pins.map((w) => ({ pin: byId.get(w.pinId) as AccountPin, file: w.file })), ...resumed], result);
  }
  result.requests = session.api.transport.stats.requests;
  return result;
}

/**
 * The repository's boards file (boards.yml or boards.yaml; a new boards.yml when it has none) and
 * its text. It is merged in place, so it is never read or written through a symbolic link or a
 * folder that leads out of the repository (as validation never reads through one).
 */
async function boardsFile(root: string): Promise<{ abs: string; text: string | undefined }> {
  const abs = join(root, LAYOUT.boards.find((b) => present(join(root, b))) ?? LAYOUT.boards[0]);
  const realRoot = await realpath(root);
  const dir = await realpath(dirname(abs)).catch(() => realRoot);
  if ((dir !== realRoot && !dir.startsWith(realRoot + sep)) || (present(abs) && lstatSync(abs).isSymbolicLink()))
    throw new ImportError(`${relative(root, abs)} is (or is under) a symbolic link: pinops does not write through it. Nothing was imported; replace the link with the file.`);
  return { abs, text: present(abs) ? await readFile(abs, 'utf8') : undefined };
}

/** Imported pin files already in the repository, by the Pinterest id their name ends with. */
async function importedFiles(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const entries = await readdir(join(root, IMPORT_DIRS.pins), { recursive: true }).catch(() => [] as string[]);
  for (const e of entries) {
    const path = `${IMPORT_DIRS.pins}/${e.split('\\').join('/')}`;
    const id = pinIdOfFile(path);
    if (id) out.set(id, path);
  }
  return out;
}

/** Each new pin's pictures, then its file; a pin whose picture cannot be had is skipped, the others written. */
async function writePins(opts: ImportOptions, fresh: readonly AccountPin[], result: ImportResult): Promise<ImportResult['pins']> {
  const allowPrivate = privateNetworkFrom(opts.env);
  const written = await mapLimit(fresh, 4, async (p) => {
    const file = pinFilePath(p);
    try {
      const media = opts.download ? await mapLimit(p.pictures, 2, (url, n) => downloadPicture(opts.root, p, n, url, allowPrivate, result)) : p.pictures;
      await writeInside(opts.root, file, Buffer.from(accountPinFile(p, media, file)));
      return { file, pinId: p.pinId, media };
    } catch (err) {
      result.skipped.push(`pin ${p.pinId}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  });
  return written.filter((w) => w !== undefined);
}

/** One picture into content/media/imported/, checked as a draft's image is; one there already (an interrupted import's) is kept. */
async function downloadPicture(root: string, p: AccountPin, n: number, url: string, allowPrivate: boolean | readonly string[], result: ImportResult): Promise<string> {
  for (const ext of ['jpg', 'png', 'webp', 'gif']) if (present(join(root, picturePath(p, n, ext)))) return picturePath(p, n, ext);
  const got = await safeFetch(url, { allowPrivate, maxBytes: MEDIA_LIMITS.imageBytes, timeoutMs: DRAFT_LIMITS.timeoutMs, maxRedirects: DRAFT_LIMITS.redirects });
  result.downloads++;
  const why = imageProblem(got.bytes);
  if (typeof why === 'string') throw new Error(`${url}: ${why}`);
  const path = picturePath(p, n, why.format === 'jpeg' ? 'jpg' : why.format);
  await writeInside(root, path, got.bytes);
  return path;
}

/**
 * Records the imported pins as published: the repository is validated and each file's desired
 * state computed as the plan does, so the fingerprints are the plan's own. A file with errors is
 * not recorded (the plan would not publish it either); the reason is reported.
 */
async function adopt(opts: ImportOptions, store: LedgerStore, pins: { pin: AccountPin; file: string }[], result: ImportResult): Promise<string[]> {
  if (pins.length === 0) return [];
  const v = await validateRepository({ root: opts.root, env: opts.env, ...(opts.config ? { config: opts.config } : {}) });
  if (!v.ok) throw new SettingsError(v.diagnostics);
  const digests = digestFiles(v.media, mediaKinds(v.pins));
  const byFile = new Map(desiredPins(v.pins, v.diagnostics, v.settings, digests).map((d) => [d.file, d]));
  const adoptions: Adoption[] = [];
  for (const { pin, file } of pins) {
    const d = byFile.get(file);
    if (!d || d.invalid)
      result.skipped.push(`pin ${pin.pinId}: ${file} ${d?.invalid ? `has an error: ${d.invalid}` : 'is not a pin file pinops reads'}; it is not recorded until it validates`);
    else adoptions.push({ desired: d, pin });
  }
  return recordAdoptions(store, adoptions, opts.runId, opts.now ?? new Date());
}

/** Adds the adoptions to the ledger in one commit (none when every one is recorded already); returns the keys added. */
async function recordAdoptions(store: LedgerStore, adoptions: readonly Adoption[], runId: string, at: Date): Promise<string[]> {
  if (adoptions.length === 0) return [];
  const now = at.toISOString();
  let added: string[] = [];
  await store.commit(
    `pinops: import ${adoptions.length} pin(s) from the account`,
    (ledger) => {
      added = addAdoptions(ledger, adoptions, runId, now);
      return added.length > 0;
    },
    (ledger) => adoptionLog(ledger, added, runId, now),
  );
  return added;
}

/**
 * Before a publish plans: imported files the ledger does not record yet (an `import: account` pull
 * request, merged) are recorded as published, once their pins are found on the account. A file
 * whose pin is gone stays held: it is never created.
 */
export async function adoptAwaiting(deps: { api: PinterestApi; store: LedgerStore; desired: readonly DesiredPin[]; runId: string; now?: Date }): Promise<string[]> {
  const awaiting = awaitingAdoption(deps.desired, await deps.store.load());
  if (awaiting.size === 0) return [];
  const account = await readAccount(deps.api, { declared: (n) => n });
  const byId = new Map(account.pins.map((p) => [p.pinId, p]));
  const byKey = new Map(deps.desired.map((d) => [d.key, d]));
  const adoptions = [...awaiting].flatMap(([key, id]) => {
    const pin = byId.get(id);
    const desired = byKey.get(key);
    return pin && desired && !desired.invalid ? [{ desired, pin }] : [];
  });
  return recordAdoptions(deps.store, adoptions, deps.runId, deps.now ?? new Date());
}
