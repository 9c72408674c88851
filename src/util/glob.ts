import picomatch from 'picomatch';

/**
 * A glob as a matcher, or why it is not one: a glob picomatch would read as something other than
 * what was typed (`[unclosed`, `{a,b`, `a)`) is refused, rather than silently matching nothing.
 */
export function compileGlob(glob: string): { ok: true; match: (path: string) => boolean } | { ok: false; problem: string } {
  try {
    return { ok: true, match: picomatch(glob, { dot: true, strictBrackets: true }) };
  } catch (err) {
    return { ok: false, problem: `"${glob}" is not a valid glob: ${err instanceof Error ? err.message.replace(/ - use .*$/, '') : String(err)}` };
  }
}
