import { type Ledger, type LedgerEntry, LedgerError, type LogLine } from '../../ledger/format.js';
import { pinUrl } from '../../pinterest/client.js';
import { PinterestError } from '../../pinterest/errors.js';
import type { ApiPin, PinCreate } from '../../pinterest/types.js';
import { type DesiredPin, identityFingerprint } from '../../plan/desired.js';
import type { Plan, PlanAction } from '../../plan/plan.js';
import { BoardDirectory } from './boards.js';
import { pinBody } from './bodies.js';
import { deferring } from './deferred.js';
import { Leases } from './lease.js';
import type { ExecuteDeps, HaltReason, Outcome } from './outcome.js';

/** The settings' default `intent_lease`. */
const DEFAULT_LEASE_MS = 10 * 60_000;

/** The plan's kinds of action that send something to Pinterest. */
const SENDING = new Set(['create', 'update', 'recreate', 'delete', 'unknown']);

/** Failures that would only repeat for every later pin: the run stops sending after one. */
const HALTING: readonly PinterestError['kind'][] = ['credentials', 'scope', 'trial', 'spam-rate-limit', 'rate-limit'];

/**
 * What the phases of one run share: the plan and its dependencies, the outcomes so far, the
 * creates still to make, the board directory, the leases of this run's intents, and whether the
 * run has stopped sending. Each phase (resolve.ts, prepare.ts, edits.ts, rules.ts, creates.ts)
 * is a function of it; this class only keeps the state and the ways of recording into it.
 */
export class Run {
  readonly outcomes: Outcome[] = [];
  /** A failure after which nothing more is sent: one that would only repeat, or a ledger that cannot be written. */
  halted: PinterestError | LedgerError | undefined;
  /** Creates whose outcome is unknown: their intents stay for the next run to resolve. */
  readonly unknowns = new Set<string>();
  /** The creates of the plan, and those the phases before the creates found they need. */
  readonly pending: PlanAction[];
  readonly boards: BoardDirectory;
  readonly leases: Leases;
  /** The plan's actions that send something to Pinterest (the total of `progress`). */
  private readonly planned: number;

  constructor(
    readonly plan: Plan,
    readonly deps: ExecuteDeps,
  ) {
    this.pending = plan.actions.filter((a) => a.kind === 'create');
    this.planned = plan.actions.filter((a) => SENDING.has(a.kind)).length + plan.rules.filter((r) => r.status === 'due' || r.status === 'unknown').length;
    this.leases = new Leases(deps.ledger, deps.runId, deps.clock, deps.leaseMs ?? DEFAULT_LEASE_MS);
    this.boards = new BoardDirectory(
      deps.api,
      deps.boards,
      // The board's record goes with the next push (the first intents'): nothing depends on it.
      async (name, id) => {
        const line = this.line(name, 'board', 'ok', { board_id: id });
        deferring(deps.ledger).defer(
          `pinops: create board ${name}`,
          () => true,
          () => [line],
        );
      },
      deps.log,
      deps.listBoards,
    );
  }

  /** The pins this run sends something for, and how many of them it has done (renames send nothing). */
  progress(): { done: number; total: number } {
    const done = this.outcomes.filter((o) => o.action !== 'rename').length;
    return { done, total: Math.max(done, this.planned) };
  }

  now(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }

  line(pin: string, action: LogLine['action'], result: LogLine['result'], extra: Partial<LogLine> = {}): LogLine {
    return { time: this.now(), run: this.deps.runId, pin, action, result, ...extra };
  }

  /**
   * Pushes a pure change of the ledger (entries.ts) with its log lines. `next` runs on the newest
   * ledger, again after a lost push race; undefined means it no longer applies and nothing is pushed.
   */
  record(message: string, next: (l: Ledger) => Ledger | undefined, lines: () => LogLine[]): Promise<{ applied: boolean }> {
    return this.deps.ledger.commit(message, (l) => becomes(l, next(l)), lines);
  }

  /** Stops further writes after a failure that would only repeat (credentials, spam, rate limit), or a ledger that cannot be written. */
  haltOn(err: unknown): void {
    if (err instanceof PinterestError && HALTING.includes(err.kind)) this.halted ??= err;
    if (err instanceof LedgerError) this.halted ??= err;
  }

  /**
   * A ledger push that runs alongside the creates: its failure halts the run (nothing more is
   * sent, since nothing more could be recorded) instead of escaping as an unhandled rejection.
   */
  background<T>(push: Promise<T>): Promise<T | undefined> {
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

  /** After a halt: records the pin as not attempted, with what stopped the run; true when skipped. */
  skip(key: string, action: Outcome['action']): boolean {
    if (!this.halted) return false;
    const advice = this.halted instanceof PinterestError ? this.halted.advice : 'run again once the ledger can be pushed';
    const halted: HaltReason = this.halted instanceof PinterestError ? this.halted.kind : 'ledger';
    this.outcomes.push({ key, action, result: 'skipped', error: `not attempted after: ${this.halted.message}`, advice, halted });
    return true;
  }

  fail(key: string, action: Outcome['action'], err: unknown): Outcome {
    this.haltOn(err);
    const o: Outcome = { key, action, result: 'error', error: errorText(err) };
    if (err instanceof PinterestError) o.advice = err.advice;
    this.outcomes.push(o);
    this.deps.log(`✖ ${action} ${key}: ${o.error}`);
    return o;
  }

  succeed(o: Outcome, logLine: string): void {
    this.outcomes.push(o);
    this.deps.log(logLine);
  }

  /** The create request of a pin, its board and section made on demand. */
  body(d: DesiredPin): Promise<PinCreate> {
    const { media, api, clock, videoTimeoutMs, log } = this.deps;
    return pinBody(d, this.boards, { media, api, clock, videoTimeoutMs, log });
  }

  /** The ledger entry of a pin of this run, in the given state. */
  entryFor(d: DesiredPin, state: LedgerEntry['state'], extra: Partial<LedgerEntry>): LedgerEntry {
    return {
      state,
      board: d.board,
      content: d.contentFingerprint,
      media: d.mediaFingerprint,
      identity: identityFingerprint(d),
      title: d.title,
      ...(d.link ? { link: d.link } : {}),
      ...(d.media ? { media_kind: d.media.kind } : {}),
      run: this.deps.runId,
      ...extra,
    };
  }
}

/**
 * Puts a pure change's result in place of the ledger the store handed over (the store writes
 * that object); undefined means the change does not apply, and nothing is pushed.
 */
export function becomes(target: Ledger, next: Ledger | undefined): boolean {
  if (!next) return false;
  target.pins = next.pins;
  return true;
}

/** Is this pin on the board the one an intent was about? Title, link and a creation time after the intent. */
export function matches(p: ApiPin, e: LedgerEntry): boolean {
  if ((p.title ?? '') !== e.title) return false;
  if (e.link && p.link !== e.link) return false;
  if (e.intent_at && p.created_at && Date.parse(p.created_at) < Date.parse(e.intent_at) - 10 * 60_000) return false;
  return true;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A Pinterest error's request id for the log line, when there is one. */
export function requestIdOf(err: unknown): { rid?: string } {
  return err instanceof PinterestError && err.requestId ? { rid: err.requestId } : {};
}
