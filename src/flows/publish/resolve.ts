import type { LedgerEntry, LogLine } from '../../ledger/format.js';
import type { ApiPin } from '../../pinterest/types.js';
import type { PlanAction } from '../../plan/plan.js';
import { withResolved } from './entries.js';
import { matches, type Run } from './run.js';

/**
 * The first phase: intents left by a run that died between its intent and its result. Each is
 * looked for on its board; a pin found is adopted (recorded as published), otherwise the intent
 * is cleared and the pin joins this run's creates.
 */
export async function resolveUnknowns(run: Run): Promise<void> {
  const unknown = run.plan.actions.filter((a) => a.kind === 'unknown' && a.entry);
  if (unknown.length === 0) return;
  const claimed = new Set(Object.values((await run.deps.ledger.load()).pins).flatMap((e) => (e.pin_id ? [e.pin_id] : [])));
  const adopt = new Map<string, ApiPin>();
  const lines: LogLine[] = [];
  for (const a of unknown) {
    try {
      const { line, pin } = await lookOnBoard(run, a, claimed);
      lines.push(line);
      if (pin) adopt.set(a.key, pin);
    } catch (err) {
      run.fail(a.key, 'adopt', err);
    }
  }
  const handled = new Set(lines.map((l) => l.pin));
  const seen = new Map(unknown.map((a) => [a.key, a.entry as LedgerEntry]));
  const found = new Map([...handled].map((k) => [k, adopt.get(k)]));
  await run.record(
    `pinops: resolve ${handled.size} unknown pin(s)`,
    (l) => withResolved(l, seen, found, new Date(run.deps.clock.now()), run.deps.runId),
    () => lines,
  );
}

/** Looks for one intent's pin among the newest of its board: the pin found, and the log line of what was decided. */
async function lookOnBoard(run: Run, a: PlanAction, claimed: Set<string>): Promise<{ line: LogLine; pin?: ApiPin }> {
  const entry = a.entry as LedgerEntry;
  const boardId = entry.board_id ?? (await run.boards.board(entry.board)).id;
  const recent = await run.deps.api.listBoardPins(boardId, 100);
  const found = recent.find((p) => !claimed.has(p.id) && matches(p, entry));
  if (found) {
    claimed.add(found.id);
    run.succeed({ key: a.key, action: 'adopt', result: 'ok', pinId: found.id }, `✔ found ${a.key} on its board (pin ${found.id}); recorded it`);
    return { line: run.line(a.key, 'adopt', 'ok', { pin_id: found.id, board_id: boardId }), pin: found };
  }
  if (a.desired) run.pending.push({ ...a, kind: 'create' });
  run.deps.log(`· ${a.key} is not on its board: the earlier create did not happen; creating it`);
  return { line: run.line(a.key, 'clear', 'ok', { board_id: boardId }) };
}
