import type { Clock } from '../../src/pinterest/transport.js';

/**
 * A clock whose waits take no time: `sleep` moves the clock forward instead of waiting, and the
 * rest of the time (requests, git) passes as it does. Share it between pinops (its transport) and
 * the simulator (`now`), and a run paced by minutes of rate limits takes a second, while what it
 * did is measured in the time it would have taken: `elapsed()`.
 *
 * A sleeper moves the clock to the moment its wait ends, unless the clock is past it already:
 * callers that wait for a moment (the transport's pacing) compute the wait just before, so
 * concurrent sleepers each wake at their moment or a little after it, never before. Rate limits are kept as strictly as with
 * real waits, and the elapsed time is never less than real waits would have taken.
 */
export function virtualClock(start: number): Clock & { elapsed(): number; slept: number[] } {
  const realStart = performance.now();
  let skipped = 0;
  const now = () => start + (performance.now() - realStart) + skipped;
  const slept: number[] = [];
  return {
    now,
    slept,
    elapsed: () => now() - start,
    sleep: async (ms) => {
      slept.push(ms);
      // To the moment it waits for, unless another sleeper's wait has passed it: sleepers at once
      // (creates in flight, each waiting for its turn) overlap, as real waits do, and do not add up.
      const wake = now() + Math.max(0, ms);
      // Let the event loop turn, as a real wait would.
      await new Promise((r) => setImmediate(r));
      skipped += Math.max(0, wake - now());
    },
  };
}
