/**
 * Lets the event loop take in what finished meanwhile (a child process's output, its exit), then
 * goes on. Long synchronous stretches (reading and checking thousands of pin files) call it now
 * and then, so that work started beside them, such as a plan's fetch and read of the ledger with
 * git on another core, moves on from one step to the next instead of waiting for the end.
 */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * How many items a loop handles between two turns: about a millisecond of work. A turn takes in at
 * most what a pipe holds (64 KB): a 10,000-pin ledger, about 4 MB through git cat-file, needs some
 * 70 of them.
 */
export const TURN_EVERY = 64;
