import { compileGlob } from '../util/glob.js';
import { OnlyError } from './only-error.js';

/** A `--only` glob as a matcher; an invalid one is an OnlyError (a usage error) naming the problem. */
export function globMatcher(glob: string): (path: string) => boolean {
  const g = compileGlob(glob);
  if (!g.ok) throw new OnlyError(g.problem);
  return g.match;
}
