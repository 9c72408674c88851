import { relative, sep } from 'node:path';

/**
 * Whether the real path `real` (symbolic links resolved) lies inside the real folder `dir`, and
 * not in a `.git` folder below the repository's real root: what every reader of the repository's
 * files checks before it reads.
 */
export function contained(real: string, dir: string, realRoot: string): boolean {
  if (real !== dir && !real.startsWith(dir + sep)) return false;
  return !relative(realRoot, real).split(sep).includes('.git');
}
