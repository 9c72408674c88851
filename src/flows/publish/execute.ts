import { isBoardId } from '../../content/board-id.js';
import type { BoardsModel } from '../../content/parse-boards.js';
import { type Ledger, type LedgerEntry, LedgerError, type LogLine } from '../../ledger/format.js';
import type { LedgerStore } from '../../ledger/store.js';
import { type PinterestApi, pinUrl } from '../../pinterest/client.js';
import { PinterestError } from '../../pinterest/errors.js';
import type { Clock } from '../../pinterest/transport.js';
import type { ApiPin, PinCreate } from '../../pinterest/types.js';
import { type DesiredPin, pinImage } from '../../plan/desired.js';
import type { Plan, PlanAction } from '../../plan/plan.js';
import type { RuleAction } from '../../plan/rules.js';
import type { Settings } from '../../settings/schema.js';
import { BoardDirectory } from './boards.js';
import { pinBody } from './bodies.js';
import { type Created, withCreates, withIntents, without, withPending, withRenames, withResolved, withRuleCleared, withRuleDone, withRuleFailed, withUpdates } from './entries.js';
import { LeaseLost, Leases } from './lease.js';

/** Why a run stopped sending: a Pinterest error kind that would only repeat, or a ledger it cannot write. */
export type HaltReason = PinterestError['kind'] | 'ledger';

/** What happened to one pin in this run. */
export interface Outcome {
  key: string;
  action: 'create' | 'update' | 'recreate' | 'delete' | 'adopt' | 'rename' | 'save' | 'republish';
  /** For save and republish: the rule, and the board or template. */
  detail?: string;
  result: 'ok' | 'error' | 'skipped' | 'unknown';
  pinId?: string;
  error?: string;
  /** A skip because the run stopped sending: what stopped it (credentials, a rate limit, spam, the ledger). */
  halted?: HaltReason;
  advice?: string;
}

export interface ExecuteDeps {
  api: PinterestApi;
  ledger: LedgerStore;
  clock: Clock;
  root: string;
  runId: string;
  boards: BoardsModel | undefined;
  log: (line: string) => void;
  /** Creates between two ledger pushes (intents before, results after). */
  batchSize?: number;
  videoTimeoutMs?: number;
  /** The settings' creative templates (evergreen republishing renders with them). */
  templates: Settings['templates'];
  /** How long this run's intents stay locked without a renewal (settings' `intent_lease`). */
  leaseMs?: number;
}

/** The settings' default `intent_lease`. */
const DEFAULT_LEASE_MS = 10 * 60_000;

/** Carries out a plan. The ledger is pushed before every create and after it. */
export async function executePlan(plan: Plan, deps: ExecuteDeps): Promise<Outcome[]> {
  const run = new Run(plan, deps);
  try {
    await run.resolveUnknowns();
    await run.ensureBoards();
    await run.renames();
    await run.updates();
    await run.recreates();
    await run.deletes();
    await run.rules();
    // Once, last: the plan's creates, with those the phases before found they need (a pin
    // deleted on Pinterest and edited here, a recreate, an intent that came to nothing).
    await run.creates();
  } finally {
    run.leases.stop();
  }
  const failure = run.ledgerFailure();
  if (failure) throw failure;
  return run.outcomes;
}

class Run {
  readonly outcomes: Outcome[] = [];
  /** A failure after which nothing more is sent: one that would only repeat, or a ledger that cannot be written. */
  private halted: PinterestError | LedgerError | undefined;
  /** Creates whose outcome is unknown: their intents stay for the next run to resolve. */
  private readonly unknowns = new Set<string>();
  private readonly boards: BoardDirectory;
  private readonly pending: PlanAction[];
  readonly leases: Leases;

  constructor(
    private readonly plan: Plan,
    private readonly deps: ExecuteDeps,
  ) {
    this.pending = plan.actions.filter((a) => a.kind === 'create');
    this.leases = new Leases(deps.ledger, deps.runId, deps.clock, deps.leaseMs ?? DEFAULT_LEASE_MS);
    this.boards = new BoardDirectory(
      deps.api,
      deps.boards,
      async (name, id) => {
        await deps.ledger.commit(
          `pinops: create board ${name}`,
          () => true,
          () => [this.line(name, 'board', 'ok', { board_id: id })],
        );
      },
      deps.log,
    );
  }

  private now(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }

  private line(pin: string, action: LogLine['action'], result: LogLine['result'], extra: Partial<LogLine> = {}): LogLine {
    return { time: this.now(), run: this.deps.runId, pin, action, result, ...extra };
  }

  /** Stops further writes after a failure that would only repeat (credentials, spam, rate limit). */
  private haltOn(err: unknown): void {
    if (err instanceof PinterestError && ['credentials', 'scope', 'spam-rate-limit', 'rate-limit'].includes(err.kind)) this.halted ??= err;
    if (err instanceof LedgerError) this.halted ??= err;
  }

  /**
   * A ledger push that runs alongside the creates: its failure halts the run (nothing more is
   * sent, since nothing more could be recorded) instead of escaping as an unhandled rejection.
   */
  private background<T>(push: Promise<T>): Promise<T | undefined> {
    return push.catch((err: unknown) => {
      this.haltOn(err);
      if (!(err instanceof LedgerError)) throw err;
      return undefined;
    });
  }

  /**
   * After the ledger could not be written: the run ends with what happened and what it means,
   * naming the pins created but not recorded (their intents stay; the next run finds them).
   */
  ledgerFailure(): LedgerError | undefined {
    if (!(this.halted instanceof LedgerError)) return undefined;
    const made = this.outcomes.filter((o) => o.result === 'ok' && o.pinId && (o.action === 'create' || o.action === 'republish' || o.action === 'save'));
    const list = made.map((o) => `${o.key} (${pinUrl(o.pinId as string)})`).join(', ');
    return new LedgerError(
      `${this.halted.message} Nothing more was sent after that.${made.length ? ` Made in this run: ${list}; any not recorded stay in the ledger as intents, and the next run finds them on their boards and records them.` : ''}`,
      this.halted.kind,
    );
  }

  private skip(key: string, action: Outcome['action']): boolean {
    if (!this.halted) return false;
    const advice = this.halted instanceof PinterestError ? this.halted.advice : 'run again once the ledger can be pushed';
    const halted: HaltReason = this.halted instanceof PinterestError ? this.halted.kind : 'ledger';
    this.outcomes.push({ key, action, result: 'skipped', error: `not attempted after: ${this.halted.message}`, advice, halted });
    return true;
  }

  private fail(key: string, action: Outcome['action'], err: unknown): Outcome {
    this.haltOn(err);
    const o: Outcome = { key, action, result: 'error', error: err instanceof Error ? err.message : String(err) };
    if (err instanceof PinterestError) o.advice = err.advice;
    this.outcomes.push(o);
    this.deps.log(`✖ ${action} ${key}: ${o.error}`);
    return o;
  }

  /** Intents left by a run that died: look on the board; adopt the pin or clear the intent. */
  async resolveUnknowns(): Promise<void> {
    const unknown = this.plan.actions.filter((a) => a.kind === 'unknown' && a.entry);
    if (unknown.length === 0) return;
    const claimed = new Set(Object.values((await this.deps.ledger.load()).pins).flatMap((e) => (e.pin_id ? [e.pin_id] : [])));
    const adopt = new Map<string, ApiPin>();
    const lines: LogLine[] = [];
    for (const a of unknown) {
      const entry = a.entry as LedgerEntry;
      try {
        const boardId = entry.board_id ?? (await this.boards.board(entry.board)).id;
        const recent = await this.deps.api.listBoardPins(boardId, 100);
        const found = recent.find((p) => !claimed.has(p.id) && matches(p, entry));
        if (found) {
          adopt.set(a.key, found);
          claimed.add(found.id);
          lines.push(this.line(a.key, 'adopt', 'ok', { pin_id: found.id, board_id: boardId }));
          this.outcomes.push({ key: a.key, action: 'adopt', result: 'ok', pinId: found.id });
          this.deps.log(`✔ found ${a.key} on its board (pin ${found.id}); recorded it`);
        } else {
          lines.push(this.line(a.key, 'clear', 'ok', { board_id: boardId }));
          if (a.desired) this.pending.push({ ...a, kind: 'create' });
          this.deps.log(`· ${a.key} is not on its board: the earlier create did not happen; creating it`);
        }
      } catch (err) {
        this.fail(a.key, 'adopt', err);
      }
    }
    const handled = new Set(lines.map((l) => l.pin));
    const seen = new Map(unknown.map((a) => [a.key, a.entry as LedgerEntry]));
    const found = new Map([...handled].map((k) => [k, adopt.get(k)]));
    await this.deps.ledger.commit(
      `pinops: resolve ${handled.size} unknown pin(s)`,
      (l) => becomes(l, withResolved(l, seen, found, new Date(this.deps.clock.now()), this.deps.runId)),
      () => lines,
    );
  }

  /** Creates the boards and sections the plan needs that the account lacks. */
  async ensureBoards(): Promise<void> {
    const needed = new Map<string, Set<string>>();
    for (const a of [...this.pending, ...this.plan.actions.filter((x) => x.kind === 'update' || (x.kind === 'recreate' && !x.blocked))]) {
      const d = a.desired;
      if (!d) continue;
      const set = needed.get(d.board) ?? new Set<string>();
      if (d.section) set.add(d.section);
      needed.set(d.board, set);
    }
    for (const [board, sections] of needed) {
      try {
        const ids = await this.boards.board(board);
        for (const s of sections) await this.boards.section(board, ids, s);
      } catch (err) {
        this.haltOn(err);
        this.deps.log(`✖ board "${board}": ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  private body(d: DesiredPin): Promise<PinCreate> {
    return pinBody(d, this.boards, { root: this.deps.root, api: this.deps.api, clock: this.deps.clock, videoTimeoutMs: this.deps.videoTimeoutMs, log: this.deps.log });
  }

  private entryFor(d: DesiredPin, state: LedgerEntry['state'], extra: Partial<LedgerEntry>): LedgerEntry {
    return {
      state,
      board: d.board,
      content: d.contentFingerprint,
      media: d.mediaFingerprint,
      identity: d.identityFingerprint,
      title: d.title,
      ...(d.link ? { link: d.link } : {}),
      ...(d.media ? { media_kind: d.media.kind } : {}),
      run: this.deps.runId,
      ...extra,
    };
  }

  /**
   * Creates in batches. A batch's intents are pushed before any of its creates is sent (they are
   * also a lock against overlapping runs); to keep the rate limit busy, the next batch's intents
   * and this batch's results are pushed while creates go on (the store keeps them in order).
   */
  async creates(): Promise<void> {
    const size = this.deps.batchSize ?? 10;
    const todo = this.pending.filter((a) => a.desired);
    this.pending.length = 0;
    const batches: PlanAction[][] = [];
    for (let i = 0; i < todo.length; i += size) batches.push(todo.slice(i, i + size));
    const results: Promise<unknown>[] = [];
    let intents: Promise<Set<string> | undefined> = batches[0] ? this.background(this.pushIntents(batches[0])) : Promise.resolve(undefined);
    for (let b = 0; b < batches.length; b++) {
      const batch = batches[b] as PlanAction[];
      const taken = await intents;
      const next = batches[b + 1];
      intents = next && !this.halted ? this.background(this.pushIntents(next)) : Promise.resolve(undefined);
      if (taken === undefined) {
        for (const a of batch) this.skip(a.key, 'create');
        continue;
      }
      for (const key of taken) {
        this.outcomes.push({ key, action: 'create', result: 'skipped', error: 'another run is publishing or has published this pin' });
        this.deps.log(`· ${key}: another run took it`);
      }
      const done = new Map<string, Created>();
      for (const a of batch.filter((x) => !taken.has(x.key))) {
        if (this.halted) {
          done.set(a.key, { error: this.halted });
          this.skip(a.key, 'create');
          continue;
        }
        done.set(a.key, await this.createOne(a.desired as DesiredPin));
      }
      results.push(this.background(this.pushResults(done)));
    }
    // The last prefetched intents (a batch that was never reached after a halt) are cleared too.
    const left = await intents;
    if (left) results.push(this.background(this.pushResults(new Map())));
    await Promise.all(results);
  }

  /** Pushes intents for a batch; resolves to the keys another run already holds (undefined: not pushed). */
  private async pushIntents(batch: PlanAction[]): Promise<Set<string> | undefined> {
    if (this.halted) return undefined;
    const taken = new Set<string>();
    const intentAt = this.now();
    const lease = this.leases.until();
    const intents = new Map(
      batch.map((a) => {
        const d = a.desired as DesiredPin;
        const boardId = this.boards.known(d.board);
        return [a.key, this.entryFor(d, 'intent', { intent_at: intentAt, lease_until: lease, ...(boardId ? { board_id: boardId } : {}) })] as const;
      }),
    );
    await this.deps.ledger.commit(
      `pinops: intend to create ${batch.map((a) => a.key).join(', ')}`,
      (l) => {
        const next = withIntents(l, intents);
        taken.clear();
        for (const k of next.taken) taken.add(k);
        becomes(l, next.ledger);
        return taken.size < batch.length;
      },
      () => batch.filter((a) => !taken.has(a.key)).map((a) => this.line(a.key, 'create', 'intent')),
    );
    this.leases.hold(batch.filter((a) => !taken.has(a.key)).map((a) => a.key));
    return taken;
  }

  /** Records a batch's outcomes; intents of this run that came to nothing (and were not unknown) are cleared. */
  private pushResults(done: Map<string, Created>): Promise<unknown> {
    const runId = this.deps.runId;
    const halted = this.halted !== undefined;
    const released = [...done.keys()];
    return this.deps.ledger
      .commit(
        `pinops: publish ${[...done].filter(([, r]) => r.pin).length} pin(s)`,
        (l) =>
          becomes(
            l,
            withCreates(l, runId, done, this.now(), (key) => halted && !this.unknowns.has(key)),
          ),
        () =>
          [...done]
            .filter(([, r]) => !r.lost)
            .map(([key, r]) =>
              r.pin
                ? this.line(key, 'create', 'ok', { pin_id: r.pin.id, ...(r.pin.board_id ? { board_id: r.pin.board_id } : {}) })
                : this.line(key, 'create', 'error', { error: errorText(r.error), ...(r.error instanceof PinterestError && r.error.requestId ? { rid: r.error.requestId } : {}) }),
            ),
      )
      .finally(() => this.leases.release(released));
  }

  private async createOne(d: DesiredPin): Promise<Created> {
    for (let attempt = 0; ; attempt++) {
      try {
        const pin = await this.deps.api.createPin(await this.body(d), this.leases.guard(d.key));
        this.outcomes.push({ key: d.key, action: 'create', result: 'ok', pinId: pin.id });
        this.deps.log(`✔ created ${d.key}: ${pinUrl(pin.id)}`);
        return { pin };
      } catch (err) {
        // A board deleted on Pinterest: create it again and retry once (the create was refused).
        if (attempt === 0 && err instanceof PinterestError && err.kind === 'not-found' && /board/i.test(err.apiMessage) && !isBoardId(d.board)) {
          this.boards.forget(d.board);
          continue;
        }
        if (err instanceof LedgerError) {
          // The lease could not be renewed: the create was not sent, and nothing more will be.
          this.haltOn(err);
          this.skip(d.key, 'create');
          return { error: err };
        }
        if (err instanceof LeaseLost) {
          this.outcomes.push({ key: d.key, action: 'create', result: 'skipped', error: err.message });
          this.deps.log(`· ${d.key}: ${err.message}`);
          return { error: err, lost: true };
        }
        if (err instanceof PinterestError && err.kind === 'unknown-outcome') {
          this.unknowns.add(d.key);
          this.outcomes.push({ key: d.key, action: 'create', result: 'unknown', error: err.message, advice: err.advice });
          this.deps.log(`? ${d.key}: ${err.message}; the next run looks for it on the board before creating it again`);
          return { error: err, unknown: true };
        }
        this.fail(d.key, 'create', err);
        return { error: err };
      }
    }
  }

  /** Edits of published pins: PATCH, or create again when the pin was deleted on Pinterest. */
  async updates(): Promise<void> {
    const lines: LogLine[] = [];
    const changes = new Map<string, Partial<LedgerEntry> | 'recreated'>();
    for (const a of this.plan.actions.filter((x) => x.kind === 'update' && x.desired && x.pinId)) {
      if (this.skip(a.key, 'update')) continue;
      const d = a.desired as DesiredPin;
      try {
        const ids = await this.boards.board(d.board);
        const section = d.section ? await this.boards.section(d.board, ids, d.section) : undefined;
        const patch = { board_id: ids.id, board_section_id: section ?? null, title: d.title, description: d.description, link: d.link ?? null, alt_text: d.altText ?? null };
        try {
          await this.deps.api.updatePin(a.pinId as string, patch);
          changes.set(a.key, {
            board: d.board,
            board_id: ids.id,
            section_id: section ?? null,
            content: d.contentFingerprint,
            identity: d.identityFingerprint,
            title: d.title,
            ...(d.link ? { link: d.link } : {}),
          });
          lines.push(this.line(a.key, 'update', 'ok', { pin_id: a.pinId as string }));
          this.outcomes.push({ key: a.key, action: 'update', result: 'ok', pinId: a.pinId as string });
          this.deps.log(`✔ updated ${a.key} (${(a.changes ?? []).join(', ')})`);
        } catch (err) {
          if (!(err instanceof PinterestError && err.kind === 'not-found')) throw err;
          // Deleted on Pinterest by hand, then edited here: publish it again as a new pin.
          this.deps.log(`· ${a.key}: pin ${a.pinId} no longer exists on Pinterest; creating it again`);
          changes.set(a.key, 'recreated');
          await this.deps.ledger.commit(
            `pinops: ${a.key} was deleted on Pinterest`,
            (l) => becomes(l, without(l, [a.key])),
            () => [this.line(a.key, 'update', 'error', { pin_id: a.pinId as string, error: 'pin not found; creating it again' })],
          );
          this.pending.push({ ...a, kind: 'create' });
        }
      } catch (err) {
        this.fail(a.key, 'update', err);
        lines.push(this.line(a.key, 'update', 'error', { pin_id: a.pinId as string, error: errorText(err) }));
      }
    }
    if (lines.length === 0) return;
    await this.deps.ledger.commit(
      `pinops: update ${[...changes.values()].filter((c) => c !== 'recreated').length} pin(s)`,
      (l) => becomes(l, withUpdates(l, this.deps.runId, new Map([...changes].flatMap(([k, c]) => (c === 'recreated' ? [] : [[k, c] as const]))))),
      () => lines,
    );
  }

  /** Media changed and allow_recreate is on: delete the old pin, create the new one. */
  async recreates(): Promise<void> {
    for (const a of this.plan.actions.filter((x) => x.kind === 'recreate' && !x.blocked && x.desired && x.pinId)) {
      if (this.skip(a.key, 'recreate')) continue;
      try {
        await this.deps.api.deletePin(a.pinId as string).catch((e: unknown) => {
          if (!(e instanceof PinterestError && e.kind === 'not-found')) throw e;
        });
        await this.deps.ledger.commit(
          `pinops: recreate ${a.key}`,
          (l) => becomes(l, without(l, [a.key])),
          () => [this.line(a.key, 'recreate', 'ok', { pin_id: a.pinId as string })],
        );
        this.pending.push({ ...a, kind: 'create' });
      } catch (err) {
        this.fail(a.key, 'recreate', err);
      }
    }
  }

  /** prune: delete pins whose files were removed. */
  async deletes(): Promise<void> {
    const removed: string[] = [];
    const lines: LogLine[] = [];
    for (const a of this.plan.actions.filter((x) => x.kind === 'delete' && x.pinId)) {
      if (this.skip(a.key, 'delete')) continue;
      try {
        await this.deps.api.deletePin(a.pinId as string).catch((e: unknown) => {
          if (!(e instanceof PinterestError && e.kind === 'not-found')) throw e;
        });
        removed.push(a.key);
        lines.push(this.line(a.key, 'delete', 'ok', { pin_id: a.pinId as string }));
        this.outcomes.push({ key: a.key, action: 'delete', result: 'ok', pinId: a.pinId as string });
        this.deps.log(`✔ deleted ${a.key} (pin ${a.pinId})`);
      } catch (err) {
        this.fail(a.key, 'delete', err);
        lines.push(this.line(a.key, 'delete', 'error', { pin_id: a.pinId as string, error: errorText(err) }));
      }
    }
    if (lines.length === 0) return;
    await this.deps.ledger.commit(
      `pinops: delete ${removed.length} pin(s)`,
      (l) => becomes(l, without(l, removed)),
      () => lines,
    );
  }

  /**
   * Rule actions (interval pinning, save_to, evergreen). Each is pushed as an intent on the pin's
   * ledger entry before it is sent and recorded after; an intent an earlier run left is resolved by
   * looking on the board, as for creates.
   */
  async rules(): Promise<void> {
    for (const r of this.plan.rules.filter((x) => x.status === 'unknown' || x.status === 'due')) {
      const d = r.desired;
      if (!d || !r.pinId || this.skip(r.key, r.kind)) continue;
      const what = ruleOutcomeDetail(r);
      try {
        if (r.status === 'unknown') {
          await this.resolveRule(r);
          continue;
        }
        const pending = this.pendingFor(r, d);
        const taken = await this.deps.ledger.commit(
          `pinops: intend to ${r.kind} ${r.key} (${r.rule})`,
          // Another run took it, or the pin changed under us: leave it to the next plan.
          (l) => becomes(l, withPending(l, r.key, r.pinId as string, pending)),
          () => [this.line(r.key, r.kind, 'intent', { pin_id: r.pinId as string, rule: r.rule })],
        );
        if (!taken.applied) continue;
        this.leases.hold([r.key], 'rule');
        let pin: ApiPin;
        try {
          const guard = this.leases.guard(r.key);
          if (r.kind === 'save') {
            const ids = await this.boards.board(r.board as string);
            const section = r.section ? await this.boards.section(r.board as string, ids, r.section) : undefined;
            pin = await this.deps.api.savePin(r.pinId, ids.id, section, guard);
          } else {
            pin = await this.deps.api.createPin(await this.body(freshCreative(d, r.template as string, this.deps.templates)), guard);
          }
        } catch (err) {
          this.leases.release([r.key], 'rule');
          if (err instanceof LeaseLost) {
            this.outcomes.push({ key: r.key, action: r.kind, result: 'skipped', detail: what, error: err.message });
            continue;
          }
          const unknown = err instanceof PinterestError && err.kind === 'unknown-outcome';
          await this.deps.ledger.commit(
            `pinops: ${r.kind} of ${r.key} ${unknown ? 'has an unknown outcome' : 'failed'}`,
            (l) => becomes(l, withRuleFailed(l, r.key, this.deps.runId, unknown, this.now())),
            () => [this.line(r.key, r.kind, 'error', { pin_id: r.pinId as string, rule: r.rule, error: errorText(err) })],
          );
          if (unknown) {
            this.outcomes.push({ key: r.key, action: r.kind, result: 'unknown', detail: what, error: errorText(err), advice: (err as PinterestError).advice });
            continue;
          }
          throw err;
        }
        await this.recordRule(r, pin, what);
      } catch (err) {
        this.fail(r.key, r.kind, err).detail = what;
      }
    }
  }

  /** The intent of a rule action, written on the pin's entry before it is sent. */
  private pendingFor(r: RuleAction, d: DesiredPin): NonNullable<LedgerEntry['pending']> {
    return {
      kind: r.kind,
      rule: r.rule,
      board: r.kind === 'save' ? (r.board as string) : d.board,
      ...(r.section ? { section: r.section } : {}),
      ...(r.template ? { template: r.template } : {}),
      at: this.now(),
      run: this.deps.runId,
      lease_until: this.leases.until(),
    };
  }

  private async recordRule(r: RuleAction, pin: ApiPin, what: string): Promise<void> {
    const at = pin.created_at ?? this.now();
    this.leases.release([r.key], 'rule');
    await this.deps.ledger.commit(
      `pinops: ${r.kind} ${r.key} (${r.rule})`,
      (l) => becomes(l, withRuleDone(l, r.key, r, pin, at, this.deps.runId)),
      () => [this.line(r.key, r.kind, 'ok', { pin_id: pin.id, rule: r.rule, ...(pin.board_id ? { board_id: pin.board_id } : {}) })],
    );
    this.outcomes.push({ key: r.key, action: r.kind, result: 'ok', pinId: pin.id, detail: what });
    this.deps.log(`✔ ${r.kind} ${r.key} (${what}): ${pinUrl(pin.id)}`);
  }

  /** An earlier run's rule intent: the pin it may have made is looked for on the board. */
  private async resolveRule(r: RuleAction): Promise<void> {
    const e = r.entry as LedgerEntry;
    const ids = await this.boards.board(r.kind === 'save' ? (r.board as string) : e.board);
    const known = new Set([e.pin_id, ...(e.saves ?? []).map((s) => s.pin_id), ...(e.earlier ?? []).map((s) => s.pin_id)]);
    const since = Date.parse(e.pending?.at ?? this.now()) - 10 * 60_000;
    const found = (await this.deps.api.listBoardPins(ids.id, 100)).find(
      (p) =>
        !known.has(p.id) &&
        (!p.created_at || Date.parse(p.created_at) >= since) &&
        (r.kind === 'save' ? p.parent_pin_id === e.pin_id : matches(p, { ...e, intent_at: e.pending?.at as string })),
    );
    const what = ruleOutcomeDetail(r);
    if (found) {
      await this.recordRule(r, found, what);
      return;
    }
    await this.deps.ledger.commit(
      `pinops: ${r.kind} of ${r.key} did not happen`,
      (l) => becomes(l, withRuleCleared(l, r.key, e.pending, new Date(this.deps.clock.now()))),
      () => [this.line(r.key, 'clear', 'ok', { pin_id: r.pinId as string, rule: r.rule, error: `the earlier ${r.kind} did not happen; the next run plans it again` })],
    );
    this.deps.log(`· ${r.key}: the earlier ${r.kind} (${r.rule}) did not happen; the next run plans it again`);
  }

  /** Renamed files: the ledger entry moves to the new key; nothing is sent to Pinterest. */
  async renames(): Promise<void> {
    const moves = this.plan.actions.filter((a) => a.renamedFrom);
    if (moves.length === 0) return;
    await this.deps.ledger.commit(
      `pinops: ${moves.length} renamed pin(s)`,
      (l) =>
        becomes(
          l,
          withRenames(
            l,
            moves.map((a) => [a.renamedFrom as string, a.key] as const),
          ),
        ),
      () => moves.map((a) => this.line(a.key, 'adopt', 'ok', { ...(a.pinId ? { pin_id: a.pinId } : {}), error: `renamed from ${a.renamedFrom}` })),
    );
    for (const a of moves) this.outcomes.push({ key: a.key, action: 'rename', result: 'ok', ...(a.pinId ? { pinId: a.pinId } : {}) });
  }
}

/**
 * Puts a pure change's result in place of the ledger the store handed over (the store writes
 * that object); undefined means the change does not apply, and nothing is pushed.
 */
function becomes(target: Ledger, next: Ledger | undefined): boolean {
  if (!next) return false;
  target.pins = next.pins;
  return true;
}

/** A rule action in a result line: `interval: to Gift Ideas`, `evergreen: template fresh`. */
function ruleOutcomeDetail(r: RuleAction): string {
  return `${r.rule}: ${r.kind === 'save' ? `to ${r.board}` : `template ${r.template}`}`;
}

/** The pin with its image rendered from another template: an evergreen republish's fresh creative. */
function freshCreative(d: DesiredPin, template: string, templates: Settings['templates']): DesiredPin {
  const image = pinImage(d);
  const spec = templates[template];
  if (!image || !spec) throw new Error(`the pin has no image for template "${template}"`);
  return { ...d, media: { kind: 'template', template, spec, image, fields: d.fields } };
}

/** Is this pin on the board the one an intent was about? Title, link and a creation time after the intent. */
function matches(p: ApiPin, e: LedgerEntry): boolean {
  if ((p.title ?? '') !== e.title) return false;
  if (e.link && p.link !== e.link) return false;
  if (e.intent_at && p.created_at && Date.parse(p.created_at) < Date.parse(e.intent_at) - 10 * 60_000) return false;
  return true;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
