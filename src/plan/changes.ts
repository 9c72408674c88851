import type { LedgerEntry } from '../ledger/format.js';
import { contentFingerprint, type DesiredPin, type PinText } from './desired.js';
import type { Plan, PlanAction } from './plan.js';

/** A field an update changes, with its value as published and as it will be (`null`: none). */
export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

const FIELDS: [string, (p: PinText) => string | null][] = [
  ['title', (p) => p.title],
  ['description', (p) => p.description],
  ['link', (p) => p.link ?? null],
  ['alt text', (p) => p.altText ?? null],
  ['board', (p) => p.board],
  ['section', (p) => p.section ?? null],
  ['colour', (p) => p.dominantColor ?? null],
];

/** The fields the ledger records as they were published. */
const RECORDED = new Set(['title', 'link', 'board']);

/** What the plan says when only the ledger's fingerprint knows that one of the other fields changed. */
export const UNRECORDED = 'description, alt text, section or colour';

/**
 * The pin as it was published, when that can be known for certain: the ledger records its title,
 * link and board, and of the rest only a fingerprint. A candidate for the rest (the pin file at the
 * pull request's base commit, or the pin as it is now) is taken only when, with the recorded
 * fields, it gives that fingerprint.
 */
function asPublished(now: DesiredPin, entry: LedgerEntry, base: DesiredPin | undefined): PinText | undefined {
  const recorded = { title: entry.title, link: entry.link, board: entry.board };
  const candidates: PinText[] = [...(base ? [base, { ...base, ...recorded }] : []), { ...now, ...recorded }];
  return candidates.find((c) => contentFingerprint(c) === entry.content);
}

/**
 * An update's fields with their earlier and later values. Where the published text cannot be known
 * for certain, the recorded fields still show theirs, and the others are named together
 * (UNRECORDED): the fingerprint says one of them changed, not which.
 */
export function fieldChanges(now: DesiredPin, entry: LedgerEntry, base: DesiredPin | undefined): { changes: string[]; diff: FieldChange[] } {
  const before = asPublished(now, entry, base);
  const known: PinText = before ?? { ...now, title: entry.title, link: entry.link, board: entry.board };
  const diff = FIELDS.filter(([name, get]) => (before || RECORDED.has(name)) && get(known) !== get(now)).map(([field, get]) => ({ field, from: get(known), to: get(now) }));
  return { changes: [...diff.map((f) => f.field), ...(before ? [] : [UNRECORDED])], diff };
}

/**
 * The plan with each update's old → new values (`diff`, and `changes` made exact to match), from
 * the ledger and `base`: the pins as they are at the pull request's base commit, by key.
 */
export function withOldValues(plan: Plan, base: ReadonlyMap<string, DesiredPin>): Plan {
  const detailed = (a: PlanAction): PlanAction => {
    if (a.kind !== 'update' || !a.desired || !a.entry) return a;
    return { ...a, ...fieldChanges(a.desired, a.entry, base.get(a.renamedFrom ?? a.key)) };
  };
  return { ...plan, actions: plan.actions.map(detailed) };
}

/** The files whose version at the base commit gives the updates' earlier values. */
export function updatedFiles(plan: Plan): string[] {
  return [...new Set(plan.actions.filter((a) => a.kind === 'update' && a.file).map((a) => a.file as string))];
}
