/**
 * The characters the bundled CJK fonts keep: what Chinese, Japanese and Korean text commonly uses,
 * taken from the national character sets through the runtime's own decoders (no data files):
 * GB 2312 (its 6,763 hanzi), JIS X 0208 level 1 (2,965 kanji), KS X 1001's
 * 2,350 hangul syllables, plus kana, CJK punctuation, fullwidth forms and hangul jamo.
 */
function rows(encoding: string, first: number, last: number): string {
  const decoder = new TextDecoder(encoding);
  let out = '';
  for (let row = first; row <= last; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const ch = decoder.decode(new Uint8Array([row, cell]));
      if (ch.length === 1 && ch !== '\uFFFD') out += ch;
    }
  }
  return out;
}

function range(from: number, to: number): string {
  let out = '';
  for (let c = from; c <= to; c++) out += String.fromCodePoint(c);
  return out;
}

const PUNCTUATION = range(0x3000, 0x303f) + range(0xff00, 0xffef) + range(0x2010, 0x2027) + range(0x3200, 0x32ff);

export function cjkCharacters(kind: 'han' | 'hangul'): string {
  if (kind === 'han') return rows('gb18030', 0xb0, 0xf7) + rows('euc-jp', 0xb0, 0xcf) + range(0x3040, 0x30ff) + range(0x31f0, 0x31ff) + PUNCTUATION;
  return rows('euc-kr', 0xb0, 0xc8) + range(0x1100, 0x11ff) + range(0x3130, 0x318f) + PUNCTUATION;
}
