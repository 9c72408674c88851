import { describe, expect, it } from 'vitest';
import { flattenedLengthBound, flattenMarkdown, flattenParsed, flattenPlain } from '../../src/content/markdown.js';

describe('flattenMarkdown', () => {
  it('drops markup but keeps the words', () => {
    expect(flattenMarkdown('# Boots\n\nKeep **dry** and _warm_: [shop now](https://x.y). `Code` &amp; more\\*')).toBe('Boots\n\nKeep dry and warm: shop now. Code & more*');
  });
  it('turns lists into bullets and drops HTML', () => {
    expect(flattenMarkdown('Layers:\n\n- base\n- fleece\n\n<b>bold</b> ![a photo](x.png)')).toBe('Layers:\n\n• base\n• fleece\n\nbold a photo');
  });
  it('normalises CRLF and decodes numeric references', () => {
    expect(flattenMarkdown('one\r\n\r\ntwo &#8364;5 &#x1F600;')).toBe('one\n\ntwo €5 😀');
  });
});

describe('flattenedLengthBound', () => {
  // Random markdown from the characters that make markup: the bound must never be below the truth.
  const pieces = [
    'a',
    'b',
    ' ',
    '\n',
    '\n\n',
    '\t',
    '|',
    '-',
    '*',
    '_',
    '`',
    '#',
    '>',
    '1.',
    '[',
    ']',
    '(',
    ')',
    '!',
    '<',
    '>',
    '&amp;',
    '&#8364;',
    '\\',
    '~',
    '=',
    '+',
    '---',
    '```',
    '  \n',
    'http://x.y',
    'www.z.com',
  ];
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  it('is an upper bound of the flattened length on 3,000 random markdown texts', () => {
    for (let i = 0; i < 3000; i++) {
      let s = '';
      const n = 1 + rand(60);
      for (let k = 0; k < n; k++) s += pieces[rand(pieces.length)];
      const actual = [...flattenMarkdown(s)].length;
      expect(flattenedLengthBound(s), JSON.stringify(s)).toBeGreaterThanOrEqual(actual);
    }
  });
  it('covers tables and short lines that flattening spreads out', () => {
    const table = '|a|b|\n|-|-|\n|c|d|';
    expect(flattenedLengthBound(table)).toBeGreaterThanOrEqual([...flattenMarkdown(table)].length);
    const tight = '# A\nb\n- c\n- d\n> e\nf';
    expect(flattenedLengthBound(tight)).toBeGreaterThanOrEqual([...flattenMarkdown(tight)].length);
  });
});

describe('the quick way of flattening', () => {
  // Pieces of the markdown descriptions are written in, and of what looks like it but is not.
  const pieces = [
    // What descriptions are written in…
    'Warm',
    'wool',
    ' ',
    ' ',
    '\n',
    '\n\n',
    '\n- ',
    '\n\n- ',
    '**warm**',
    '*soft*',
    '**two words**',
    '[See more](https://shop.example.com/p/1)',
    '[a](b)',
    '.',
    ',',
    '(p)',
    '42',
    'é',
    '中文',
    // …and what looks like it but is not.
    '- ',
    '\n',
    '*',
    '**',
    '***a***',
    '[x]',
    '](u)',
    ':',
    '!',
    '?',
    '"',
    "'",
    '1.',
    '2)',
    '#',
    '>',
    '=',
    '+',
    '---',
    '- - -',
    '-',
    'ß',
    '🎉',
    'www.z.com',
    'http://x.y/a)',
    'a@b.co',
    '  \n',
    '   ',
    '\t',
    '_',
    '&amp;',
    '`c`',
    '<b>',
    '|',
    '~~',
    '\\*',
    '![i](x.png)',
  ];
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };

  it('gives the parser’s text on 20,000 random descriptions, and is taken for many of them', () => {
    let quick = 0;
    for (let i = 0; i < 20_000; i++) {
      let s = rand(2) ? 'Pin ' : '';
      const n = 1 + rand(14);
      // A third from the usual pieces only, a third with near misses, a third with anything.
      const from = [19, 31, pieces.length][rand(3)] as number;
      for (let k = 0; k < n; k++) s += pieces[rand(from)];
      if (flattenPlain(s) !== undefined) quick++;
      expect(flattenMarkdown(s), JSON.stringify(s)).toBe(flattenParsed(s));
    }
    expect(quick).toBeGreaterThan(1500);
  });

  it('reads the usual description without the parser, and leaves the rest to it', () => {
    const usual = 'Pin number 3: a **warm** wool piece, knitted to last. [See more](https://shop.example.com/p/3).\n\n- soft\n- warm';
    expect(flattenPlain(usual)).toBe('Pin number 3: a warm wool piece, knitted to last. See more.\n\n• soft\n• warm');
    for (const other of ['# Boots', 'a  \nb', '- a\n\n- b', 'p\n- a', '1. one', 'a_b_', '    code', 'a &amp; b', '**a**b']) expect(flattenPlain(other)).toBeUndefined();
  });
});
