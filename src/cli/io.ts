import { waitText } from '../pinterest/limits.js';
import type { WaitInfo } from '../pinterest/transport.js';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  out: (s: string) => void;
  err: (s: string) => void;
  /** Whether stdout is a terminal that takes colour. */
  color: boolean;
  /**
   * How long work shows progress on stderr: a bar redrawn in place on a terminal, a line every few
   * seconds in CI (whose logs are not terminals), nothing otherwise (pipes, tests).
   */
  progress?: 'bar' | 'lines' | 'off';
}

/** The progress style for this process: stderr a terminal → bar; CI → lines; else off. */
export function progressStyle(stderrIsTTY: boolean, env: Record<string, string | undefined>): NonNullable<CliIO['progress']> {
  if (stderrIsTTY) return 'bar';
  return env.CI ? 'lines' : 'off';
}

/**
 * A progress reporter for `total` steps of `label`: call it with the steps done. Lines are at
 * most one every `everyMs` (and the last), so a CI log gets a sign of life, not a flood.
 */
export function progress(io: CliIO, label: string, everyMs = 5000, now: () => number = Date.now): (done: number, total: number) => void {
  let last = now();
  return (done, total) => {
    if (io.progress === 'bar') {
      if (total < 2) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      io.err(`\r  ${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
    } else if (io.progress === 'lines' && (done === total || now() - last >= everyMs)) {
      last = now();
      io.err(`  ${label}: ${done} of ${total} done\n`);
    }
  };
}

/** "rate-limited (org_write): waiting 15 s, 142 of 300 done" — a wait longer than a moment is never silent. */
export function waitNotice(io: CliIO): (w: WaitInfo) => void {
  return (w) => {
    const text = waitText(w);
    if (text) io.err(`${text}\n`);
  };
}
