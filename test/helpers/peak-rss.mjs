import { readFileSync } from 'node:fs';

/**
 * The peak resident memory of this process, in kB. Not `process.resourceUsage().maxRSS` alone:
 * Linux keeps ru_maxrss across exec, so a process spawned by a large one (a test worker, the bench
 * runner) reports at least its parent's size at the fork — a 40 MB child of a 450 MB parent says
 * 386 MB. VmHWM is the peak of this process's own memory map; elsewhere maxRSS is all there is.
 */
export function peakRssKb() {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb);
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS;
}
