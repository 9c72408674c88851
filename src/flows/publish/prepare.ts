import { withRenames } from './entries.js';
import { errorText, type Run } from './run.js';

/**
 * Before anything is sent: the boards and sections the plan needs are created when the account
 * lacks them. A board that cannot be made is logged (its pins fail on their own); a failure that
 * would repeat halts the run.
 */
export async function ensureBoards(run: Run): Promise<void> {
  const needed = new Map<string, Set<string>>();
  const edits = run.plan.actions.filter((x) => x.kind === 'update' || (x.kind === 'recreate' && !x.blocked));
  for (const a of [...run.pending, ...edits]) {
    const d = a.desired;
    if (!d) continue;
    const set = needed.get(d.board) ?? new Set<string>();
    if (d.section) set.add(d.section);
    needed.set(d.board, set);
  }
  for (const [board, sections] of needed) {
    try {
      const ids = await run.boards.board(board);
      for (const s of sections) await run.boards.section(board, ids, s);
    } catch (err) {
      run.haltOn(err);
      run.deps.log(`✖ board "${board}": ${errorText(err)}`);
    }
  }
}

/** Renamed files: the ledger entry moves to the new key; nothing is sent to Pinterest. */
export async function renames(run: Run): Promise<void> {
  const moves = run.plan.actions.filter((a) => a.renamedFrom);
  if (moves.length === 0) return;
  await run.record(
    `pinops: ${moves.length} renamed pin(s)`,
    (l) =>
      withRenames(
        l,
        moves.map((a) => [a.renamedFrom as string, a.key] as const),
      ),
    () => moves.map((a) => run.line(a.key, 'adopt', 'ok', { ...(a.pinId ? { pin_id: a.pinId } : {}), error: `renamed from ${a.renamedFrom}` })),
  );
  for (const a of moves) run.outcomes.push({ key: a.key, action: 'rename', result: 'ok', ...(a.pinId ? { pinId: a.pinId } : {}) });
}
