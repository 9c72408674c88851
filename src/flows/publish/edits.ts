import type { Warning } from '../../diagnostics/warning.js';
import type { LedgerEntry, LogLine } from '../../ledger/format.js';
import { PinterestError } from '../../pinterest/errors.js';
import { type DesiredPin, identityFingerprint } from '../../plan/desired.js';
import type { PlanAction } from '../../plan/plan.js';
import { without, withRefusedUpdates, withUpdates } from './entries.js';
import { errorText, type Run, requestIdOf } from './run.js';

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
  const refused = new Map<string, Refusal>();
  for (const a of run.plan.actions.filter((x) => x.kind === 'update' && x.desired && x.pinId)) {
    if (run.skip(a.key, 'update')) continue;
    try {
      const change = await updateOne(run, a, a.desired as DesiredPin);
      if (change === 'recreated') continue;
      changes.set(a.key, change);
      lines.push(run.line(a.key, 'update', 'ok', { pin_id: a.pinId as string }));
    } catch (err) {
      if (isUpdateRefusal(err)) {
        refused.set(a.key, refusal(run, a, err));
        lines.push(run.line(a.key, 'update', 'error', { pin_id: a.pinId as string, error: `${errorText(err)}; planned as update-unavailable`, ...requestIdOf(err) }));
        continue;
      }
      run.fail(a.key, 'update', err);
      lines.push(run.line(a.key, 'update', 'error', { pin_id: a.pinId as string, error: errorText(err) }));
    }
  }
  if (refused.size) run.deps.warn?.(refusalWarning(refused));
  if (lines.length === 0) return;
  await run.record(
    `pinops: update ${changes.size} pin(s)${refused.size ? `, ${refused.size} refused by Pinterest` : ''}`,
    (l) => withRefusedUpdates(withUpdates(l, run.deps.runId, changes), refused),
    () => lines,
  );
}

type Refusal = NonNullable<LedgerEntry['update_refused']>;

/**
 * Pinterest's refusal of PATCH /pins/{id}: the endpoint is in beta and "not available to all
 * apps", and answers such an app 403. A missing scope (which the check before the run looks for)
 * and a Trial app's code 29 are other refusals, with their own advice.
 */
export function isUpdateRefusal(err: unknown): err is PinterestError {
  return err instanceof PinterestError && err.status === 403 && err.kind !== 'scope' && err.kind !== 'trial';
}

/** One refused edit: its outcome (skipped, not failed: the run goes on) and what the ledger keeps of it. */
function refusal(run: Run, a: PlanAction, err: PinterestError): Refusal {
  const advice = `ask Pinterest for access to PATCH /pins (developers.pinterest.com), set allow_recreate: true to publish the edit as a new pin, or retry once access is granted (--retry-updates, or the action's retry-updates input)`;
  run.outcomes.push({ key: a.key, action: 'update', result: 'skipped', pinId: a.pinId as string, error: `Pinterest refused the edit: ${err.message}`, advice });
  run.deps.log(`! update ${a.key}: Pinterest refused the edit (${err.message}); it is planned as update-unavailable and not sent again`);
  return { content: (a.desired as DesiredPin).contentFingerprint, at: run.now(), run: run.deps.runId, error: err.message };
}

/** The run's one warning about the edits Pinterest refused: what happened, what it means, what to do. */
function refusalWarning(refused: ReadonlyMap<string, Refusal>): Warning {
  const keys = [...refused.keys()];
  const first = refused.values().next().value as Refusal;
  return {
    level: 'warning',
    text: `Pinterest refused to edit ${keys.length} pin(s) (${keys.join(', ')}): PATCH /pins/{id} is in beta and not available to this app (${first.error}). pinops does not send these edits again: the plan shows the pins as update-unavailable until their content changes again. Ask Pinterest for access to the endpoint (developers.pinterest.com), set \`allow_recreate: true\` to publish each edit as a new pin (the old pin is deleted, with its saves and figures), or retry once access is granted (\`pinops publish --retry-updates\`, or the action's \`retry-updates: true\`).`,
  };
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
    identity: identityFingerprint(d),
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
