import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CLI_FROM_SOURCE } from './cli.js';

const PEAK_RSS = new URL('./peak-rss.mjs', import.meta.url).href;

/** Prints the process's peak resident memory on stderr when it exits. */
const PRELOAD = `data:text/javascript,${encodeURIComponent(`import { peakRssKb } from ${JSON.stringify(PEAK_RSS)}; process.on('exit', () => process.stderr.write('\\nmaxrss_kb=' + peakRssKb() + '\\n'));`)}`;

export interface Measured {
  code: number | null;
  out: string;
  /** Peak resident memory in MB: the process's own figure at exit, or the last one seen before it was stopped. */
  peakMb: number;
  ms: number;
  /** Why the process was stopped early, if it was. */
  stopped?: 'memory' | 'time';
}

function rssMb(pid: number): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `pinops ARGS` from source in a child process and measures its peak memory. The child is
 * watched (every 50 ms, from /proc) and killed as soon as it passes `limitMb` or runs past
 * `timeoutMs`, so a run that would grow to gigabytes fails the test instead of the machine.
 */
export function runMeasured(args: string[], env: Record<string, string>, opts: { limitMb: number; timeoutMs: number }): Promise<Measured> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PRELOAD, ...CLI_FROM_SOURCE, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let peak = 0;
    let stopped: Measured['stopped'];
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const watch = setInterval(() => {
      peak = Math.max(peak, rssMb(child.pid as number) ?? 0);
      if (peak > opts.limitMb) stopped = 'memory';
      else if (performance.now() - started > opts.timeoutMs) stopped = 'time';
      if (stopped) child.kill('SIGKILL');
    }, 50);
    child.on('close', (code) => {
      clearInterval(watch);
      const reported = /maxrss_kb=(\d+)/.exec(out)?.[1];
      resolve({ code, out, peakMb: reported ? Number(reported) / 1024 : peak, ms: performance.now() - started, ...(stopped ? { stopped } : {}) });
    });
  });
}
