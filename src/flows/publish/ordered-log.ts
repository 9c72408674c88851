import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The log lines of creates in flight, said in the plan's order: a pin's lines wait until every
 * pin before it is done, so that a run prints its results in the same order however its creates
 * finish. With three in flight, a line waits at most for two creates.
 */
export class OrderedLog {
  private readonly slot = new AsyncLocalStorage<number>();
  private readonly held = new Map<number, string[]>();
  private readonly finished = new Set<number>();
  private nextOut = 0;

  constructor(private readonly out: (line: string) => void) {}

  /** Logs as the pin whose work is running says it (any other line goes out at once). */
  readonly log = (line: string): void => {
    const i = this.slot.getStore();
    if (i === undefined || i <= this.nextOut) this.out(line);
    else this.held.set(i, [...(this.held.get(i) ?? []), line]);
  };

  /** Runs the work of the pin at position `i`: what it logs is its own. */
  within<T>(i: number, work: () => Promise<T>): Promise<T> {
    return this.slot.run(i, work);
  }

  /** The pin at `i` is done: the lines of those after it that are done, or in flight next, come out. */
  finish(i: number): void {
    this.finished.add(i);
    while (this.finished.has(this.nextOut)) {
      this.nextOut++;
      for (const line of this.held.get(this.nextOut) ?? []) this.out(line);
      this.held.delete(this.nextOut);
    }
  }

  /** Whatever is still held, in order (pins never sent leave gaps). */
  flush(): void {
    for (const i of [...this.held.keys()].sort((a, b) => a - b)) for (const line of this.held.get(i) ?? []) this.out(line);
    this.held.clear();
  }
}
