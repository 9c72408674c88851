import type { LedgerEntry, LogLine } from '../../ledger/format.js';
import { PinterestError } from '../../pinterest/errors.js';
import type { DesiredPin } from '../../plan/desired.js';
import type { PlanAction } from '../../plan/plan.js';
import { without, withUpdates } from './entries.js';
import { errorText, type Run } from './run.js';

/**
 * Changes to pins already on Pinterest: edits (PATCH), media changes with `allow_recreate` (delete,
 * then create again), and pins whose files were removed with `prune`. Every pin that must be
 * created anew joins `run.pending`, for the creates phase that comes last.
 */

/** A pin deleted already counts as deleted. */
const unlessGone = (e: unknown) => {
  if (!(e instanceof PinterestError && e.kind === 'not-found')) throw e;
};

/** Edits of published pins: PATCH, or create again when the pin was deleted on Pinterest. */
export async function updates(run: Run): Promise<void> {
  const lines: LogLine[] = [];
  const changes = new Map<string, Partial<LedgerEntry>>();
  for (const a of run.plan.actions.filter((x) => x.kind === 'update' && x.desired && x.pinId)) {
    if (run.skip(a.key, 'update')) continue;
    try {
      const change = await updateOne(run, a, a.desired as DesiredPin);
      if (change === 'recreated') continue;
      changes.set(a.key, change);
      lines.push(run.line(a.key, 'update', 'ok', { pin_id: a.pinId as string }));
    } catch (err) {
      run.fail(a.key, 'update', err);
      lines.push(run.line(a.key, 'update', 'error', { pin_id: a.pinId as string, error: errorText(err) }));
    }
  }
  if (lines.length === 0) return;
  await run.record(
    `pinops: update ${changes.size} pin(s)`,
    (l) => withUpdates(l, run.deps.runId, changes),
    () => lines,
  );
}

/** Sends one edit; the entry's new fields, or 'recreated' when the pin was gone and joins the creates. */
async function updateOne(run: Run, a: PlanAction, d: DesiredPin): Promise<Partial<LedgerEntry> | 'recreated'> {
  const ids = await run.boards.board(d.board);
  const section = d.section ? await run.boards.section(d.board, ids, d.section) : undefined;
  const patch = { board_id: ids.id, board_section_id: section ?? null, title: d.title, description: d.description, link: d.link ?? null, alt_text: d.altText ?? null };
  try {
    await run.deps.api.updatePin(a.pinId as string, patch);
  } catch (err) {
    if (!(err instanceof PinterestError && err.kind === 'not-found')) throw err;
    // Deleted on Pinterest by hand, then edited here: publish it again as a new pin.
    run.deps.log(`· ${a.key}: pin ${a.pinId} no longer exists on Pinterest; creating it again`);
    await run.record(
      `pinops: ${a.key} was deleted on Pinterest`,
      (l) => without(l, [a.key]),
      () => [run.line(a.key, 'update', 'error', { pin_id: a.pinId as string, error: 'pin not found; creating it again' })],
    );
    run.pending.push({ ...a, kind: 'create' });
    return 'recreated';
  }
  run.succeed({ key: a.key, action: 'update', result: 'ok', pinId: a.pinId as string }, `✔ updated ${a.key} (${(a.changes ?? []).join(', ')})`);
  return {
    board: d.board,
    board_id: ids.id,
    section_id: section ?? null,
    content: d.contentFingerprint,
    identity: d.identityFingerprint,
    title: d.title,
    ...(d.link ? { link: d.link } : {}),
  };
}

/** Media changed and allow_recreate is on: delete the old pin, create the new one. */
export async function recreates(run: Run): Promise<void> {
  for (const a of run.plan.actions.filter((x) => x.kind === 'recreate' && !x.blocked && x.desired && x.pinId)) {
    if (run.skip(a.key, 'recreate')) continue;
    try {
      await run.deps.api.deletePin(a.pinId as string).catch(unlessGone);
      await run.record(
        `pinops: recreate ${a.key}`,
        (l) => without(l, [a.key]),
        () => [run.line(a.key, 'recreate', 'ok', { pin_id: a.pinId as string })],
      );
      run.pending.push({ ...a, kind: 'create' });
    } catch (err) {
      run.fail(a.key, 'recreate', err);
    }
  }
}

/** prune: delete pins whose files were removed. */
export async function deletes(run: Run): Promise<void> {
  const removed: string[] = [];
  const lines: LogLine[] = [];
  for (const a of run.plan.actions.filter((x) => x.kind === 'delete' && x.pinId)) {
    if (run.skip(a.key, 'delete')) continue;
    try {
      await run.deps.api.deletePin(a.pinId as string).catch(unlessGone);
      removed.push(a.key);
      lines.push(run.line(a.key, 'delete', 'ok', { pin_id: a.pinId as string }));
      run.succeed({ key: a.key, action: 'delete', result: 'ok', pinId: a.pinId as string }, `✔ deleted ${a.key} (pin ${a.pinId})`);
    } catch (err) {
      run.fail(a.key, 'delete', err);
      lines.push(run.line(a.key, 'delete', 'error', { pin_id: a.pinId as string, error: errorText(err) }));
    }
  }
  if (lines.length === 0) return;
  await run.record(
    `pinops: delete ${removed.length} pin(s)`,
    (l) => without(l, removed),
    () => lines,
  );
}
