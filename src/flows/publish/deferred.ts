import type { Ledger, LogLine } from '../../ledger/format.js';
import type { FilesChange, LedgerStore } from '../../ledger/store.js';

/** A change of the ledger that need not be pushed on its own: it rides with the next push. */
interface Later {
  message: string;
  change: (ledger: Ledger) => boolean | undefined;
  log: (ledger: Ledger) => LogLine[];
}

/**
 * A ledger store that holds back records no send depends on (the credentials' first-seen note,
 * a board's creation in the log) and pushes them with the next commit: a push costs 0.5–1.5 s on
 * GitHub, and the first creates of a run wait for every push before them. What is held back and
 * lost to a crash is harmless: a board is listed again, a token noted as first seen again.
 */
export interface DeferringStore extends LedgerStore {
  /** Adds a change to the next commit (or to `flush`). */
  defer(message: string, change: Later['change'], log: Later['log']): void;
  /** Pushes what is held back, if anything, with `files` if it pushes. */
  flush(files?: FilesChange): Promise<void>;
}

/** The store that holds back deferred changes for its next commit; a store that already does is returned as it is. */
export function deferring(store: LedgerStore): DeferringStore {
  return isDeferring(store) ? store : new Deferring(store);
}

export function isDeferring(store: LedgerStore): store is DeferringStore {
  return store instanceof Deferring;
}

class Deferring implements DeferringStore {
  private held: Later[] = [];

  constructor(private readonly inner: LedgerStore) {}

  get pushes(): number {
    return this.inner.pushes;
  }

  get vanished(): string | undefined {
    return this.inner.vanished;
  }

  load(opts?: { fresh?: boolean }): Promise<Ledger> {
    return this.inner.load(opts);
  }

  readFolder(folder: string): Promise<Map<string, string>> {
    return this.inner.readFolder(folder);
  }

  defer(message: string, change: Later['change'], log: Later['log']): void {
    this.held.push({ message, change, log });
  }

  async flush(files?: FilesChange): Promise<void> {
    if (this.held.length > 0)
      await this.commit(
        'pinops: records',
        () => false,
        () => [],
        files,
      );
  }

  /**
   * The commit, with what was held back applied first (again on every try after a lost race);
   * `applied` is the caller's own change's. Held changes that fail to push are kept for the next.
   */
  async commit(message: string, change: Later['change'], log: Later['log'], files?: FilesChange): Promise<{ ledger: Ledger; applied: boolean }> {
    const riding = this.held.splice(0);
    if (riding.length === 0) return this.inner.commit(message, change, log, files);
    let own = false;
    const both = (l: Ledger) => {
      const any = riding.map((r) => r.change(l) !== false).some(Boolean);
      own = change(l) !== false;
      return own || any;
    };
    const lines = (l: Ledger) => [...riding.flatMap((r) => r.log(l)), ...log(l)];
    const full = `${message}\n\n${riding.map((r) => r.message).join('\n')}`;
    try {
      const r = await this.inner.commit(full, both, lines, files);
      return { ledger: r.ledger, applied: r.applied && own };
    } catch (err) {
      this.held.unshift(...riding);
      throw err;
    }
  }
}
