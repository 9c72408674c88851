import type { Clock } from '../../src/pinterest/transport.js';

/**
 * A clock whose waits take no time: `sleep` moves the clock forward instead of waiting, and the
 * rest of the time (requests, git) passes as it does. Share it between pinops (its transport) and
 * the simulator (`now`), and a run paced by minutes of rate limits takes a second, while what it
 * did is measured in the time it would have taken: `elapsed()`.
 *
 * A sleeper moves the clock by its own wait from the moment it sleeps: callers that wait for a
 * moment (the transport's pacing) compute the wait just before, so concurrent sleepers each wake
 * at their moment or a little after it, never before. Rate limits are kept as strictly as with
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
      skipped += Math.max(0, ms);
      // Let the event loop turn, as a real wait would.
      await new Promise((r) => setImmediate(r));
    },
  };
}
