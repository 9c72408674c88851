import { execFileSync } from 'node:child_process';

/**
 * npm as the suite or the bench was started with (`npm test` sets npm_execpath), else the one on
 * PATH; its output as text, whatever log level the caller's npm was given.
 */
export function npm(args: string[], cwd: string): string {
  const [cmd, pre] = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
  return execFileSync(cmd, [...pre, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_loglevel: 'notice' },
  });
}

/** Bytes under a folder, as `du -sb` counts them (apparent sizes). */
export const du = (dir: string) => Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
