import type { BoardsModel } from '../../content/parse-boards.js';
import type { Warning } from '../../diagnostics/warning.js';
import type { MediaFiles } from '../../files/media-library.js';
import type { FilesChange, LedgerStore } from '../../ledger/store.js';
import type { PinterestApi } from '../../pinterest/client.js';
import type { PinterestError } from '../../pinterest/errors.js';
import type { Clock } from '../../pinterest/transport.js';
import type { ApiBoard } from '../../pinterest/types.js';
import type { Settings } from '../../settings/schema.js';

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
  /** The run's media files, as validation read them. */
  media: MediaFiles;
  runId: string;
  boards: BoardsModel | undefined;
  /** The account's boards, as the run's checks listed them moments ago (else listed when first needed): one listing a run. */
  listBoards?: () => Promise<ApiBoard[]>;
  log: (line: string) => void;
  /** Told what the run must say once, at its level, beside its results (an edit Pinterest refuses). */
  warn?: (warning: Warning) => void;
  /** The least batch of intents one push writes (batches are sized by the measured push time and create rate). */
  batchSize?: number;
  /** Creates sent at once at most (default 3); the transport paces them within the rate limits. */
  inFlight?: number;
  videoTimeoutMs?: number;
  /** The settings' creative templates (evergreen republishing renders with them). */
  templates: Settings['templates'];
  /** How long this run's intents stay locked without a renewal (settings' `intent_lease`). */
  leaseMs?: number;
  /**
   * Files that go with the run's last push of the ledger, computed from the ledger it writes (the
   * schedule file): a push of their own would cost the run another 0.5–1.5 s at its end.
   */
  lastFiles?: FilesChange;
}
