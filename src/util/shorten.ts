/**
 * Text shortened for a report line, by characters (code points: an emoji is never cut in half),
 * at a word boundary when one is near, with an ellipsis. Shorten before escaping, so an escape or
 * an entity is never cut either.
 */
export function shorten(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > cut.length * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * An earlier and a later value shortened to show where they differ: a long shared beginning (the
 * same description with its last sentence changed, a link whose query changed) is cut to `…`
 * before both, so the change itself stays in view.
 */
export function shortenPair(from: string, to: string, max: number): [string, string] {
  const a = [...from.replace(/\s+/g, ' ').trim()];
  const b = [...to.replace(/\s+/g, ' ').trim()];
  let same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same++;
  // Keep a little of the shared text as context, from a word's (or a link's part's) start; drop the
  // rest only when the values are too long to show.
  let skip = 0;
  if (Math.max(a.length, b.length) > max && same > 20) {
    const stops = a.slice(0, same - 8).map((c, i) => (/[\s/?&=]/.test(c) ? i : -1));
    const stop = Math.max(...stops);
    skip = stop > 0 && same - stop < 40 ? stop + 1 : same - 12;
  }
  const part = (c: string[]) => (skip ? `…${shorten(c.slice(skip).join(''), max - 1)}` : shorten(c.join(''), max));
  return [part(a), part(b)];
}
