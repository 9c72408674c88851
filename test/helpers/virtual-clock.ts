import { subscribe } from 'node:diagnostics_channel';
import type { Clock } from '../../src/pinterest/transport.js';

/**
 * HTTP requests of this process under way (fetch's undici says when one is made and when its
 * answer's headers, or an error, come back): a jump of the clock while one is on its way would
 * date its arrival a minute late, into a server's next rate-limit window.
 */
let underWay = 0;
let quiet: (() => void)[] = [];
subscribe('undici:request:create', () => underWay++);
const answered = () => {
  underWay = Math.max(0, underWay - 1);
  if (underWay === 0) for (const r of quiet.splice(0)) r();
};
subscribe('undici:request:headers', answered);
subscribe('undici:request:error', answered);
/** Until no request is under way; at most `ms` (a request a test makes hang is never answered). */
function settled(ms: number): Promise<void> {
  if (underWay === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      quiet = quiet.filter((r) => r !== done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    quiet.push(done);
  });
}

/**
 * A clock whose waits take no time: `sleep` moves the clock forward instead of waiting, and the
 * rest of the time (requests, git) passes as it does. Share it between pinops (its transport) and
 * the simulator (`now`), and a run paced by minutes of rate limits takes a second, while what it
 * did is measured in the time it would have taken: `elapsed()`.
 *
 * A sleeper moves the clock to the moment its wait ends, unless the clock is past it already:
 * callers that wait for a moment (the transport's pacing) compute the wait just before, so
 * concurrent sleepers each wake at their moment or a little after it, never before. Rate limits are kept as strictly as with
 * real waits, and the elapsed time is never less than real waits would have taken. Before it
 * jumps, the requests under way are answered (up to 2 s), as they would be during a real wait.
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
      // Let the event loop turn, as a real wait would, and the requests on their way arrive and be
      // answered first, as they would during a real wait (on a busy machine that can take a while).
      await new Promise((r) => setImmediate(r));
      await settled(2000);
      skipped += Math.max(0, wake - now());
    },
  };
}
