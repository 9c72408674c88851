import type { LedgerEntry } from '../../ledger/format.js';
import { pinUrl } from '../../pinterest/client.js';
import { PinterestError } from '../../pinterest/errors.js';
import type { ApiPin } from '../../pinterest/types.js';
import { type DesiredPin, pinImage } from '../../plan/desired.js';
import type { RuleAction } from '../../plan/rules.js';
import type { Settings } from '../../settings/schema.js';
import { withPending, withRuleCleared, withRuleDone, withRuleFailed } from './entries.js';
import { LeaseLost } from './lease.js';
import { errorText, matches, type Run } from './run.js';

/**
 * Rule actions (interval pinning, save_to, evergreen). Each is pushed as an intent on the pin's
 * ledger entry before it is sent and recorded after; an intent an earlier run left is resolved by
 * looking on the board, as for creates.
 */
export async function rules(run: Run): Promise<void> {
  for (const r of run.plan.rules.filter((x) => x.status === 'unknown' || x.status === 'due')) {
    const d = r.desired;
    if (!d || !r.pinId || run.skip(r.key, r.kind)) continue;
    try {
      if (r.status === 'unknown') await resolveRule(run, r);
      else await carryOutRule(run, r, d);
    } catch (err) {
      run.fail(r.key, r.kind, err).detail = ruleOutcomeDetail(r);
    }
  }
}

/** One due rule action: intent pushed, the save or republish sent, the result recorded. */
async function carryOutRule(run: Run, r: RuleAction, d: DesiredPin): Promise<void> {
  const what = ruleOutcomeDetail(r);
  const taken = await run.record(
    `pinops: intend to ${r.kind} ${r.key} (${r.rule})`,
    // Another run took it, or the pin changed under us: leave it to the next plan.
    (l) => withPending(l, r.key, r.pinId as string, pendingFor(run, r, d)),
    () => [run.line(r.key, r.kind, 'intent', { pin_id: r.pinId as string, rule: r.rule })],
  );
  if (!taken.applied) return;
  run.leases.hold([r.key], 'rule');
  let pin: ApiPin;
  try {
    pin = await sendRule(run, r, d);
  } catch (err) {
    run.leases.release([r.key], 'rule');
    if (err instanceof LeaseLost) {
      run.outcomes.push({ key: r.key, action: r.kind, result: 'skipped', detail: what, error: err.message });
      return;
    }
    const unknown = err instanceof PinterestError && err.kind === 'unknown-outcome';
    await run.record(
      `pinops: ${r.kind} of ${r.key} ${unknown ? 'has an unknown outcome' : 'failed'}`,
      (l) => withRuleFailed(l, r.key, run.deps.runId, unknown, run.now()),
      () => [run.line(r.key, r.kind, 'error', { pin_id: r.pinId as string, rule: r.rule, error: errorText(err) })],
    );
    if (!unknown) throw err;
    run.outcomes.push({ key: r.key, action: r.kind, result: 'unknown', detail: what, error: errorText(err), advice: err.advice });
    return;
  }
  await recordRule(run, r, pin);
}

/** The request of a rule action: a save to another board, or a new pin with a fresh creative. */
async function sendRule(run: Run, r: RuleAction, d: DesiredPin): Promise<ApiPin> {
  const guard = run.leases.guard(r.key);
  if (r.kind === 'save') {
    const ids = await run.boards.board(r.board as string);
    const section = r.section ? await run.boards.section(r.board as string, ids, r.section) : undefined;
    return run.deps.api.savePin(r.pinId as string, ids.id, section, guard);
  }
  return run.deps.api.createPin(await run.body(freshCreative(d, r.template as string, run.deps.templates)), guard);
}

/** The intent of a rule action, written on the pin's entry before it is sent. */
function pendingFor(run: Run, r: RuleAction, d: DesiredPin): NonNullable<LedgerEntry['pending']> {
  return {
    kind: r.kind,
    rule: r.rule,
    board: r.kind === 'save' ? (r.board as string) : d.board,
    ...(r.section ? { section: r.section } : {}),
    ...(r.template ? { template: r.template } : {}),
    at: run.now(),
    run: run.deps.runId,
    lease_until: run.leases.until(),
  };
}

async function recordRule(run: Run, r: RuleAction, pin: ApiPin): Promise<void> {
  const at = pin.created_at ?? run.now();
  const what = ruleOutcomeDetail(r);
  run.leases.release([r.key], 'rule');
  await run.record(
    `pinops: ${r.kind} ${r.key} (${r.rule})`,
    (l) => withRuleDone(l, r.key, r, pin, at, run.deps.runId),
    () => [run.line(r.key, r.kind, 'ok', { pin_id: pin.id, rule: r.rule, ...(pin.board_id ? { board_id: pin.board_id } : {}) })],
  );
  run.succeed({ key: r.key, action: r.kind, result: 'ok', pinId: pin.id, detail: what }, `✔ ${r.kind} ${r.key} (${what}): ${pinUrl(pin.id)}`);
}

/** An earlier run's rule intent: the pin it may have made is looked for on the board. */
async function resolveRule(run: Run, r: RuleAction): Promise<void> {
  const e = r.entry as LedgerEntry;
  const ids = await run.boards.board(r.kind === 'save' ? (r.board as string) : e.board);
  const known = new Set([e.pin_id, ...(e.saves ?? []).map((s) => s.pin_id), ...(e.earlier ?? []).map((s) => s.pin_id)]);
  const since = Date.parse(e.pending?.at ?? run.now()) - 10 * 60_000;
  const found = (await run.deps.api.listBoardPins(ids.id, 100)).find(
    (p) =>
      !known.has(p.id) &&
      (!p.created_at || Date.parse(p.created_at) >= since) &&
      (r.kind === 'save' ? p.parent_pin_id === e.pin_id : matches(p, { ...e, intent_at: e.pending?.at as string })),
  );
  if (found) {
    await recordRule(run, r, found);
    return;
  }
  await run.record(
    `pinops: ${r.kind} of ${r.key} did not happen`,
    (l) => withRuleCleared(l, r.key, e.pending, new Date(run.deps.clock.now())),
    () => [run.line(r.key, 'clear', 'ok', { pin_id: r.pinId as string, rule: r.rule, error: `the earlier ${r.kind} did not happen; the next run plans it again` })],
  );
  run.deps.log(`· ${r.key}: the earlier ${r.kind} (${r.rule}) did not happen; the next run plans it again`);
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
