import { z } from 'zod';
import { dict } from '../util/dict.js';
import { canonical } from '../util/hash.js';
import { EXIT, type ExitCode, UserError } from '../util/user-error.js';

/**
 * The ledger: what pinops has published, kept on the `pinops-ledger` branch as ledger.json, with
 * one log line per API action in log/YYYY-MM.jsonl. An `intent` is written (and pushed) before a
 * create is sent; a run that finds one does not know the create's outcome until it looks, and
 * may look only once the intent's lease has run out (its run died or released it).
 */
const EntrySchema = z.object({
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

export const LedgerSchema = z.object({ version: z.literal(1), pins: z.record(z.string(), EntrySchema), credentials: CredentialsSchema.optional() });

export type LedgerCredentials = z.infer<typeof CredentialsSchema>;

export type LedgerEntry = z.infer<typeof EntrySchema>;
export type Ledger = z.infer<typeof LedgerSchema>;

/** One API action, as a line of log/YYYY-MM.jsonl. */
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

export function parseLedger(text: string, where: string): Ledger {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new LedgerError(
      `${where} is not valid JSON (${err instanceof Error ? err.message : String(err)}). Nothing was published. Repair the file on the ledger branch (its git history has every earlier version), or revert the commit that broke it.`,
    );
  }
  const parsed = LedgerSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LedgerError(
      `${where} does not have the ledger's shape (${first ? `${first.path.join('.')}: ${first.message}` : 'unknown problem'}). Nothing was published. Repair or revert it on the ledger branch.`,
    );
  }
  // `pins` without a prototype, keeping every key of the file: `constructor` is a pin like any other,
  // and `__proto__` (which a plain object would take as its prototype) is kept as an entry too.
  const raw = (json as { pins: Record<string, unknown> }).pins;
  const pins = dict<LedgerEntry>();
  for (const key of Object.keys(raw)) {
    if (Object.hasOwn(parsed.data.pins, key)) pins[key] = parsed.data.pins[key] as LedgerEntry;
    else {
      const entry = EntrySchema.safeParse(raw[key]);
      if (!entry.success)
        throw new LedgerError(
          `${where} does not have the ledger's shape (pins.${key}: ${entry.error.issues[0]?.message ?? 'unknown problem'}). Nothing was published. Repair or revert it on the ledger branch.`,
        );
      pins[key] = entry.data;
    }
  }
  return { ...parsed.data, pins };
}

/** Stable text: sorted keys, one entry per line block, so git diffs of the ledger read well. */
export function serializeLedger(ledger: Ledger): string {
  return `${JSON.stringify(JSON.parse(canonical(ledger)), null, 2)}\n`;
}

/** Is this lease still held at `at`? A missing lease is not (intents of older versions, released ones). */
export function leaseLive(leaseUntil: string | undefined, at: Date): boolean {
  return leaseUntil !== undefined && Date.parse(leaseUntil) > at.getTime();
}
