import { z } from 'zod';
import { dict } from '../util/dict.js';
import { EXIT, type ExitCode, UserError } from '../util/user-error.js';
import { lineJson, prettyJson } from './json.js';

/**
 * The ledger: what pinops has published, kept on the `pinops-ledger` branch in pins/ (one shard a
 * hash prefix of the pin key, see shards.ts) beside ledger.json (the layout's version and the
 * credentials record), with one log line per API action in a file of its run,
 * log/YYYY-MM/RUN.jsonl. An `intent` is written (and pushed) before a
 * create is sent; a run that finds one does not know the create's outcome until it looks, and
 * may look only once the intent's lease has run out (its run died or released it).
 */
export const EntrySchema = z.object({
  state: z.enum(['intent', 'published']),
  pin_id: z.string().optional(),
  board: z.string(),
  board_id: z.string().optional(),
  section_id: z.string().nullable().optional(),
  content: z.string(),
  media: z.string(),
  /** Text, untagged link and board: recognises a renamed file. */
  identity: z.string().optional(),
  title: z.string(),
  link: z.string().optional(),
  intent_at: z.string().optional(),
  /**
   * While an intent's run lives it renews this lease; no other run resolves or replaces an intent
   * whose lease has not run out. Intents written before leases existed have none (resolvable).
   */
  lease_until: z.string().optional(),
  published_at: z.string().optional(),
  run: z.string(),
  /** What kind of media the pin has: analytics ask video pins for video metrics too. */
  media_kind: z.enum(['image', 'carousel', 'video', 'template']).optional(),
  /** Boards the pin was also saved to (interval pinning). */
  saves: z.array(z.object({ board: z.string(), section: z.string().optional(), pin_id: z.string(), at: z.string(), rule: z.string().optional() })).optional(),
  /** Earlier pins of this pin, before an evergreen rule published it again with a fresh creative. */
  earlier: z.array(z.object({ pin_id: z.string(), at: z.string(), rule: z.string().optional() })).optional(),
  /**
   * An edit Pinterest refused because PATCH /pins/{id} is in beta and not available to the app
   * (403): the content it would have sent, by fingerprint. While the pin's content is that, the plan
   * shows it as `update-unavailable` and sends nothing, until the content changes again or a run is
   * told to retry; a successful edit clears it.
   */
  update_refused: z.object({ content: z.string(), at: z.string(), run: z.string(), error: z.string() }).optional(),
  /**
   * A rule action sent or about to be sent (the intent, pushed first): a run that finds one looks on
   * the board before doing it again.
   */
  pending: z
    .object({
      kind: z.enum(['save', 'republish']),
      rule: z.string(),
      board: z.string(),
      section: z.string().optional(),
      template: z.string().optional(),
      at: z.string(),
      run: z.string(),
      /** As an intent's: the run renews it while it lives. */
      lease_until: z.string().optional(),
    })
    .optional(),
});

/**
 * What pinops knows about the credentials, never the secrets themselves: tokens are named by a
 * short SHA-256 prefix.
 */
const CredentialsSchema = z.object({
  /** When pinops first saw each refresh token (the secret's token expires 60 days after it was issued). */
  seen: z.record(z.string(), z.string()).optional(),
  /** The newest refresh token written back to the secret: newer ones win a race. */
  stored: z.object({ fingerprint: z.string(), expires_at: z.string(), at: z.string(), run: z.string() }).optional(),
  /** Set by `pinops disconnect`; runs stop until `pinops auth` clears it. */
  disconnected: z.object({ at: z.string(), by: z.string() }).optional(),
});

/** ledger.json of the single-file layout: the pins are checked one by one (parseEntries). */
const LegacySchema = z.object({ version: z.literal(1), pins: z.record(z.string(), z.unknown()), credentials: CredentialsSchema.optional() });

/** ledger.json beside pins/: version 2 of the layout. */
const TopSchema = z.object({ version: z.literal(2), credentials: CredentialsSchema.optional() });

/** The ledger in memory, whichever layout it was read from. */
const LedgerSchema = z.object({ version: z.literal(1), pins: z.record(z.string(), EntrySchema), credentials: CredentialsSchema.optional() });

export type LedgerCredentials = z.infer<typeof CredentialsSchema>;

export type LedgerEntry = z.infer<typeof EntrySchema>;
export type Ledger = z.infer<typeof LedgerSchema>;

/** One API action, as a line of log/YYYY-MM/RUN.jsonl (log/YYYY-MM.jsonl before pins/). */
export interface LogLine {
  time: string;
  run: string;
  pin: string;
  action: 'create' | 'update' | 'delete' | 'recreate' | 'adopt' | 'clear' | 'board' | 'section' | 'save' | 'republish';
  /** The rule that made a save or a republish. */
  rule?: string;
  result: 'intent' | 'ok' | 'error';
  pin_id?: string;
  board_id?: string;
  rid?: string;
  error?: string;
}

/** A ledger with no pins; `pins` has no prototype, so a pin id such as `constructor` is an ordinary key. */
export const emptyLedger = (): Ledger => ({ version: 1, pins: dict() });

/**
 * The ledger could not be read or written: its file is broken (`format`, a user's to repair), or
 * the branch's remote could not be reached, refused the push by a rule, or refused this token.
 */
export class LedgerError extends UserError {
  override name = 'LedgerError';
  readonly exitCode: ExitCode;
  constructor(
    message: string,
    readonly kind: 'format' | 'unreachable' | 'rejected' | 'permission' | 'lost' = 'format',
  ) {
    super(message);
    // The ledger's remote (unreachable, a rule, a permission) is the machine's trouble, like a disk.
    this.exitCode = kind === 'unreachable' || kind === 'rejected' || kind === 'permission' ? EXIT.io : EXIT.usage;
  }
}

/** The JSON of a ledger file, or the error naming it. */
function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new LedgerError(
      `${where} is not valid JSON (${err instanceof Error ? err.message : String(err)}). Nothing was published. Repair the file on the ledger branch (its git history has every earlier version), or revert the commit that broke it.`,
    );
  }
}

function shapeError(where: string, problem: string): LedgerError {
  return new LedgerError(`${where} does not have the ledger's shape (${problem}). Nothing was published. Repair or revert it on the ledger branch.`);
}

/**
 * Entries checked one by one into a record without a prototype, keeping every key of the file:
 * `constructor` is a pin like any other, and `__proto__` (which a plain object would take as its
 * prototype) is kept as an entry too. Each entry is frozen: the store hands the same objects to
 * every reader, and a change replaces an entry rather than editing it (so a push finds what
 * changed by identity, without comparing every entry).
 */
function parseEntries(raw: unknown, where: string, path: string): Record<string, LedgerEntry> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw shapeError(where, `${path || 'the file'}: expected an object of pins by key`);
  // The parsed objects themselves, once known to have the entry's shape (zod's copies would
  // double the objects a load of 50,000 pins makes; a field of a newer pinops stays as written).
  // JSON.parse makes every key an own property, `__proto__` too; the prototype goes after.
  const record = raw as Record<string, LedgerEntry>;
  for (const key of Object.keys(record)) {
    const value: unknown = record[key];
    // Most entries are flat (strings only): checked by hand, and frozen without a walk.
    if (isFlatEntry(value)) {
      Object.freeze(value);
      continue;
    }
    const checked = EntrySchema.safeParse(value);
    if (!checked.success) {
      const first = checked.error.issues[0];
      throw shapeError(where, `${[path, key, ...(first?.path ?? [])].filter((p) => p !== '').join('.')}: ${first?.message ?? 'unknown problem'}`);
    }
    deepFreeze(value);
  }
  return Object.setPrototypeOf(record, null) as Record<string, LedgerEntry>;
}

/**
 * What each field of a flat entry may hold: the fields of EntrySchema whose values are strings
 * (or null), `required` a string it must have. An entry with any other field (saves, pending…, or
 * one EntrySchema does not know) is left to EntrySchema, as is any entry this check refuses: zod
 * stays the judge, and the one that words the error.
 */
type FlatField = 'required' | 'string' | 'nullable' | 'state' | 'media_kind';
const FLAT: Readonly<Record<string, FlatField>> = Object.assign(Object.create(null), {
  state: 'state',
  pin_id: 'string',
  board: 'required',
  board_id: 'string',
  section_id: 'nullable',
  content: 'required',
  media: 'required',
  identity: 'string',
  title: 'required',
  link: 'string',
  intent_at: 'string',
  lease_until: 'string',
  published_at: 'string',
  run: 'required',
  media_kind: 'media_kind',
});
/** The fields an entry must have: `state` and the `required` ones. */
const REQUIRED = Object.values(FLAT).filter((f) => f === 'required' || f === 'state').length;

/**
 * Whether `value` is an entry EntrySchema accepts, told without zod (whose checks are slow
 * before they warm up, and a load makes 50,000 of them): true only for an object of FLAT's fields,
 * each of its type, the required ones all there. False says nothing: EntrySchema decides.
 */
function isFlatEntry(value: unknown): value is LedgerEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entry = value as Record<string, unknown>;
  let required = 0;
  for (const key in entry) {
    const v = entry[key];
    const field = FLAT[key];
    if (field === 'required' || field === 'string') {
      if (typeof v !== 'string') return false;
    } else if (field === 'nullable') {
      if (typeof v !== 'string' && v !== null) return false;
    } else if (field === 'state') {
      if (v !== 'intent' && v !== 'published') return false;
    } else if (field === 'media_kind') {
      if (v !== 'image' && v !== 'carousel' && v !== 'video' && v !== 'template') return false;
    } else return false;
    if (field === 'required' || field === 'state') required++;
  }
  return required === REQUIRED;
}

/** The single-file ledger of pinops before pins/ (`{"version": 1, "pins": {…}}`), read as it was. */
export function parseLedger(text: string, where: string): Ledger {
  const json = parseJson(text, where);
  const parsed = LegacySchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw shapeError(where, first ? `${first.path.join('.')}: ${first.message}` : 'unknown problem');
  }
  const pins = parseEntries((json as { pins: unknown }).pins, where, 'pins');
  return { version: 1, pins, ...(parsed.data.credentials ? { credentials: parsed.data.credentials } : {}) };
}

/**
 * ledger.json since pins/ holds the pins: the layout's version and the credentials record. Its
 * version 1 is the single file of before, read whole (and rewritten as pins/ at the first write).
 */
export function parseTop(text: string, where: string): { legacy: Ledger } | { credentials?: LedgerCredentials } {
  const json = parseJson(text, where);
  if ((json as { version?: unknown } | null)?.version === 1) return { legacy: parseLedger(text, where) };
  const parsed = TopSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw shapeError(where, first ? `${first.path.join('.') || 'the file'}: ${first.message}` : 'unknown problem');
  }
  return parsed.data.credentials ? { credentials: parsed.data.credentials } : {};
}

/** One shard of pins/ (pin key → entry). */
export function parseShard(text: string, where: string): Record<string, LedgerEntry> {
  return parseEntries(parseJson(text, where), where, '');
}

/** The text of ledger.json: the layout's version and the credentials record, canonical. */
export function serializeTop(credentials: LedgerCredentials | undefined): string {
  return `${prettyJson({ version: 2, credentials })}\n`;
}

/**
 * The text of one shard: its pins by key, sorted, one line each (`"KEY": {…}`, the entry's
 * canonical JSON), between a line `{` and a line `}`: a change of one pin is one line of the
 * diff, `git grep` shows a pin whole, and a load reads a sixth fewer bytes than indented JSON.
 */
export function serializeShard(pins: Readonly<Record<string, LedgerEntry>>): string {
  const keys = Object.keys(pins).sort();
  return keys.length === 0 ? '{}\n' : `{\n${keys.map((key) => `${JSON.stringify(key)}: ${lineJson(pins[key])}`).join(',\n')}\n}\n`;
}

/** Freezes a parsed value and everything in it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    for (const key in value) {
      const v: unknown = value[key];
      if (typeof v === 'object' && v !== null) deepFreeze(v);
    }
  }
  return value;
}

/** Is this lease still held at `at`? A missing lease is not (intents of older versions, released ones). */
export function leaseLive(leaseUntil: string | undefined, at: Date): boolean {
  return leaseUntil !== undefined && Date.parse(leaseUntil) > at.getTime();
}
