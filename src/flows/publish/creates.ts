import { isBoardId } from '../../content/board-id.js';
import { LedgerError } from '../../ledger/format.js';
import { pinUrl } from '../../pinterest/client.js';
import { PinterestError } from '../../pinterest/errors.js';
import type { DesiredPin } from '../../plan/desired.js';
import type { PlanAction } from '../../plan/plan.js';
import { type Created, withCreates, withIntents } from './entries.js';
import { LeaseLost } from './lease.js';
import { becomes, errorText, type Run, requestIdOf } from './run.js';

/**
 * The last phase, run once: the plan's creates and those the phases before found they need.
 * Creates go in batches. A batch's intents are pushed before any of its creates is sent (they are
 * also a lock against overlapping runs); to keep the rate limit busy, the next batch's intents
 * and this batch's results are pushed while creates go on (the store keeps them in order).
 */
export async function creates(run: Run): Promise<void> {
  const size = run.deps.batchSize ?? 10;
  const todo = run.pending.filter((a) => a.desired);
  run.pending.length = 0;
  const batches: PlanAction[][] = [];
  for (let i = 0; i < todo.length; i += size) batches.push(todo.slice(i, i + size));
  const results: Promise<unknown>[] = [];
  let intents: Promise<Set<string> | undefined> = batches[0] ? run.background(pushIntents(run, batches[0])) : Promise.resolve(undefined);
  for (let b = 0; b < batches.length; b++) {
    const taken = await intents;
    const next = batches[b + 1];
    intents = next && !run.halted ? run.background(pushIntents(run, next)) : Promise.resolve(undefined);
    const done = await createBatch(run, batches[b] as PlanAction[], taken);
    if (done) results.push(run.background(pushResults(run, done)));
  }
  // The last prefetched intents (a batch that was never reached after a halt) are cleared too.
  const left = await intents;
  if (left) results.push(run.background(pushResults(run, new Map())));
  await Promise.all(results);
}

/** Sends one batch's creates, given the keys another run holds; undefined when its intents were not pushed. */
async function createBatch(run: Run, batch: PlanAction[], taken: Set<string> | undefined): Promise<Map<string, Created> | undefined> {
  if (taken === undefined) {
    for (const a of batch) run.skip(a.key, 'create');
    return undefined;
  }
  for (const key of taken) {
    run.outcomes.push({ key, action: 'create', result: 'skipped', error: 'another run is publishing or has published this pin' });
    run.deps.log(`· ${key}: another run took it`);
  }
  const done = new Map<string, Created>();
  for (const a of batch.filter((x) => !taken.has(x.key))) {
    if (run.halted) {
      done.set(a.key, { error: run.halted });
      run.skip(a.key, 'create');
      continue;
    }
    done.set(a.key, await createOne(run, a.desired as DesiredPin));
  }
  return done;
}

/** Pushes intents for a batch; resolves to the keys another run already holds (undefined: not pushed). */
async function pushIntents(run: Run, batch: PlanAction[]): Promise<Set<string> | undefined> {
  if (run.halted) return undefined;
  const taken = new Set<string>();
  const intentAt = run.now();
  const lease = run.leases.until();
  const intents = new Map(
    batch.map((a) => {
      const d = a.desired as DesiredPin;
      const boardId = run.boards.known(d.board);
      return [a.key, run.entryFor(d, 'intent', { intent_at: intentAt, lease_until: lease, ...(boardId ? { board_id: boardId } : {}) })] as const;
    }),
  );
  await run.deps.ledger.commit(
    `pinops: intend to create ${batch.map((a) => a.key).join(', ')}`,
    (l) => {
      const next = withIntents(l, intents);
      taken.clear();
      for (const k of next.taken) taken.add(k);
      becomes(l, next.ledger);
      return taken.size < batch.length;
    },
    () => batch.filter((a) => !taken.has(a.key)).map((a) => run.line(a.key, 'create', 'intent')),
  );
  run.leases.hold(batch.filter((a) => !taken.has(a.key)).map((a) => a.key));
  return taken;
}

/** Records a batch's outcomes; intents of this run that came to nothing (and were not unknown) are cleared. */
function pushResults(run: Run, done: Map<string, Created>): Promise<unknown> {
  const runId = run.deps.runId;
  const halted = run.halted !== undefined;
  const released = [...done.keys()];
  return run
    .record(
      `pinops: publish ${[...done].filter(([, r]) => r.pin).length} pin(s)`,
      (l) => withCreates(l, runId, done, run.now(), (key) => halted && !run.unknowns.has(key)),
      () =>
        [...done]
          .filter(([, r]) => !r.lost)
          .map(([key, r]) =>
            r.pin
              ? run.line(key, 'create', 'ok', { pin_id: r.pin.id, ...(r.pin.board_id ? { board_id: r.pin.board_id } : {}) })
              : run.line(key, 'create', 'error', { error: errorText(r.error), ...requestIdOf(r.error) }),
          ),
    )
    .finally(() => run.leases.release(released));
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
