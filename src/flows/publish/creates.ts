import { isBoardId } from '../../content/board-id.js';
import { type LedgerEntry, LedgerError, type LogLine } from '../../ledger/format.js';
import { pinUrl } from '../../pinterest/client.js';
import { PinterestError } from '../../pinterest/errors.js';
import type { DesiredPin } from '../../plan/desired.js';
import type { PlanAction } from '../../plan/plan.js';
import { type Created, withCreates, withIntents } from './entries.js';
import { Flight, type FlightOps } from './flight.js';
import { LeaseLost } from './lease.js';
import { OrderedLog } from './ordered-log.js';
import { becomes, errorText, type Run, requestIdOf } from './run.js';

/**
 * The last phase, run once: the plan's creates and those the phases before found they need, kept
 * in flight (flight.ts). Every push records the results so far and writes the next intents (which
 * are also a lock against overlapping runs); no create is sent before its intent is pushed. The
 * results are reported in the plan's order, whatever order the creates finished in.
 */
export async function creates(run: Run): Promise<void> {
  const todo = run.pending.filter((a) => a.desired);
  run.pending.length = 0;
  if (todo.length === 0) return;
  const first = run.outcomes.length;
  const order = new Map(todo.map((a, i) => [a.key, i]));
  const log = run.deps.log;
  const said = new OrderedLog(log);
  run.deps.log = said.log;
  try {
    await new Flight(run, todo, flightOps(run, said, order)).fly();
  } finally {
    run.deps.log = log;
    said.flush();
  }
  const mine = run.outcomes.splice(first).sort((x, y) => (order.get(x.key) ?? order.size) - (order.get(y.key) ?? order.size));
  run.outcomes.push(...mine);
}

/** The flight's pushes and creates, each pin's log lines said in the plan's order (`order`: each key's place). */
function flightOps(run: Run, said: OrderedLog, order: ReadonlyMap<string, number>): FlightOps {
  const finish = (keys: Iterable<string>) => {
    for (const k of keys) said.finish(order.get(k) as number);
  };
  return {
    async create(a) {
      try {
        if (run.skip(a.key, 'create')) return { error: run.halted };
        return await said.within(order.get(a.key) as number, () => createOne(run, a.desired as DesiredPin));
      } finally {
        finish([a.key]);
      }
    },
    // Pins another run holds, or whose intents could not be pushed, are done too: the lines after them come out.
    async push(intents, results, last) {
      try {
        const taken = await pushBatch(run, intents, results, last);
        finish(taken);
        return taken;
      } catch (err) {
        finish(intents.map((a) => a.key));
        throw err;
      }
    },
  };
}

/**
 * One push: a batch's results recorded on this run's intents, then the next intents written
 * (except where another run holds the pin: those keys are returned). The last push of a halted
 * run also clears the intents of this run that came to nothing (and were not unknown).
 */
async function pushBatch(run: Run, intents: PlanAction[], results: Map<string, Created>, last: boolean): Promise<Set<string>> {
  const taken = new Set<string>();
  const entries = intentEntries(run, intents);
  const runId = run.deps.runId;
  const withdraw = last && run.halted !== undefined;
  await run.deps.ledger.commit(
    pushMessage(intents, results),
    (l) => {
      const recorded = withCreates(l, runId, results, run.now(), (key) => withdraw && !run.unknowns.has(key));
      const next = withIntents(recorded, entries);
      taken.clear();
      for (const k of next.taken) taken.add(k);
      becomes(l, next.ledger);
      return results.size > 0 || withdraw || taken.size < intents.length;
    },
    () => [...resultLines(run, results), ...intents.filter((a) => !taken.has(a.key)).map((a) => run.line(a.key, 'create', 'intent'))],
    last ? run.deps.lastFiles : undefined,
  );
  return taken;
}

/** The intents of a batch, with the board's id when the run knows it. */
function intentEntries(run: Run, batch: PlanAction[]): Map<string, LedgerEntry> {
  const intentAt = run.now();
  const lease = run.leases.until();
  return new Map(
    batch.map((a) => {
      const d = a.desired as DesiredPin;
      const boardId = run.boards.known(d.board);
      return [a.key, run.entryFor(d, 'intent', { intent_at: intentAt, lease_until: lease, ...(boardId ? { board_id: boardId } : {}) })] as const;
    }),
  );
}

/** The commit's subject: the intents it writes (the first few named), and the pins it records. */
function pushMessage(intents: PlanAction[], results: Map<string, Created>): string {
  const made = [...results.values()].filter((r) => r.pin).length;
  const publish = `publish ${made} pin(s)`;
  if (intents.length === 0) return `pinops: ${publish}`;
  const named = intents.slice(0, 10).map((a) => a.key);
  const more = intents.length > named.length ? ` and ${intents.length - named.length} more` : '';
  return `pinops: intend to create ${named.join(', ')}${more}${results.size > 0 ? `; ${publish}` : ''}`;
}

/** The log lines of a batch's results (none for a create another run took over). */
function resultLines(run: Run, results: Map<string, Created>): LogLine[] {
  return [...results]
    .filter(([, r]) => !r.lost)
    .map(([key, r]) =>
      r.pin
        ? run.line(key, 'create', 'ok', { pin_id: r.pin.id, ...(r.pin.board_id ? { board_id: r.pin.board_id } : {}) })
        : run.line(key, 'create', 'error', { error: errorText(r.error), ...requestIdOf(r.error) }),
    );
}

/** One create, with the board made again (once) when Pinterest says it was deleted. */
async function createOne(run: Run, d: DesiredPin): Promise<Created> {
  for (let attempt = 0; ; attempt++) {
    try {
      const pin = await run.deps.api.createPin(await run.body(d), run.leases.guard(d.key));
      run.succeed({ key: d.key, action: 'create', result: 'ok', pinId: pin.id }, `✔ created ${d.key}: ${pinUrl(pin.id)}`);
      return { pin };
    } catch (err) {
      // A board deleted on Pinterest: create it again and retry once (the create was refused).
      if (attempt === 0 && err instanceof PinterestError && err.kind === 'not-found' && /board/i.test(err.apiMessage) && !isBoardId(d.board)) {
        run.boards.forget(d.board);
        continue;
      }
      return createFailed(run, d.key, err);
    }
  }
}

/** What a create that threw comes to: a halt, a lease lost to another run, an unknown outcome, or an error. */
function createFailed(run: Run, key: string, err: unknown): Created {
  if (err instanceof LedgerError) {
    // The lease could not be renewed: the create was not sent, and nothing more will be.
    run.haltOn(err);
    run.skip(key, 'create');
    return { error: err };
  }
  if (err instanceof LeaseLost) {
    run.outcomes.push({ key, action: 'create', result: 'skipped', error: err.message });
    run.deps.log(`· ${key}: ${err.message}`);
    return { error: err, lost: true };
  }
  if (err instanceof PinterestError && err.kind === 'unknown-outcome') {
    run.unknowns.add(key);
    run.outcomes.push({ key, action: 'create', result: 'unknown', error: err.message, advice: err.advice });
    run.deps.log(`? ${key}: ${err.message}; the next run looks for it on the board before creating it again`);
    return { error: err, unknown: true };
  }
  run.fail(key, 'create', err);
  return { error: err };
}
