import type { Ledger, LedgerEntry, LogLine } from '../ledger/format.js';
import { type DesiredPin, identityFingerprint } from '../plan/desired.js';
import { own } from '../util/dict.js';
import { type AccountPin, IMPORT_DIRS, pinIdOfFile } from './account-pin.js';

/** An imported pin to record: its file's desired state, as the plan will see it, and the account's pin. */
export interface Adoption {
  desired: DesiredPin;
  pin: AccountPin;
}

/**
 * The ledger entry of an imported pin: published, with its Pinterest id and the fingerprints of
 * its file as the plan computes them, so that the next publish plans it `unchanged`. The media
 * kind is Pinterest's (a video's file shows its cover), so analytics ask a video for its views.
 */
export function adoptedEntry(a: Adoption, runId: string, now: string): LedgerEntry {
  const d = a.desired;
  const section = a.pin.section ? a.pin.board.sections.find((s) => s.name === a.pin.section)?.id : undefined;
  return {
    state: 'published',
    pin_id: a.pin.pinId,
    board: d.board,
    board_id: a.pin.board.id,
    ...(section ? { section_id: section } : {}),
    content: d.contentFingerprint,
    media: d.mediaFingerprint,
    identity: identityFingerprint(d),
    title: d.title,
    ...(d.link ? { link: d.link } : {}),
    media_kind: a.pin.kind,
    published_at: a.pin.createdAt ?? now,
    run: runId,
  };
}

/**
 * The ledger with the adoptions added, in place (the store writes the object it handed over).
 * A key the ledger has already, or a Pinterest id it records under another key, is left alone: an
 * import never replaces what pinops knows. Returns the keys added.
 */
export function addAdoptions(ledger: Ledger, adoptions: readonly Adoption[], runId: string, now: string): string[] {
  const ids = recordedPinIds(ledger);
  const added: string[] = [];
  for (const a of adoptions) {
    if (own(ledger.pins, a.desired.key) || ids.has(a.pin.pinId)) continue;
    ledger.pins[a.desired.key] = adoptedEntry(a, runId, now);
    ids.add(a.pin.pinId);
    added.push(a.desired.key);
  }
  return added;
}

/** Every Pinterest id the ledger knows: its pins, their saves to more boards, their earlier pins. */
export function recordedPinIds(ledger: Ledger): Set<string> {
  const ids = new Set<string>();
  for (const e of Object.values(ledger.pins)) {
    if (e.pin_id) ids.add(e.pin_id);
    for (const s of e.saves ?? []) ids.add(s.pin_id);
    for (const x of e.earlier ?? []) ids.add(x.pin_id);
  }
  return ids;
}

/** The log lines of the adopted pins. */
export function adoptionLog(ledger: Ledger, keys: readonly string[], runId: string, time: string): LogLine[] {
  return keys.map((key) => {
    const e = ledger.pins[key];
    return {
      time,
      run: runId,
      pin: key,
      action: 'adopt',
      result: 'ok',
      ...(e?.pin_id ? { pin_id: e.pin_id } : {}),
      ...(e?.board_id ? { board_id: e.board_id } : {}),
      error: 'imported from the account',
    };
  });
}

/** What the plan says of an imported file the ledger does not record yet (an import proposed in a pull request, just merged). */
export const AWAITING_ADOPTION = 'imported from the Pinterest account: the next publish run records it as published (it is never created again)';

const IMPORTED_PINS = `${IMPORT_DIRS.pins}/`;

/**
 * Imported pin files (content/pins/imported/…-ID.md) whose pin the ledger does not record: the
 * action's `import: account` proposes them in a pull request without recording them, so that a
 * takeover counts only once merged. The plan holds them (never a create), by key, with the
 * Pinterest id each file names.
 */
export function awaitingAdoption(desired: readonly DesiredPin[], ledger: Ledger): Map<string, string> {
  const out = new Map<string, string>();
  // The ledger's ids only once an imported file is there: every plan asks, few repositories have one.
  let ids: Set<string> | undefined;
  for (const d of desired) {
    const id = d.file.startsWith(IMPORTED_PINS) ? pinIdOfFile(d.file) : undefined;
    if (!id || own(ledger.pins, d.key)) continue;
    ids ??= recordedPinIds(ledger);
    if (!ids.has(id)) out.set(d.key, id);
  }
  return out;
}

/** The pins a plan holds: those given, and imported files the ledger does not record yet (never a create). */
export function withAwaitingImports(desired: readonly DesiredPin[], ledger: Ledger, held?: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map(held);
  for (const key of awaitingAdoption(desired, ledger).keys()) if (!out.has(key)) out.set(key, AWAITING_ADOPTION);
  return out;
}
