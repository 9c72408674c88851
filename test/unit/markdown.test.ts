import { describe, expect, it } from 'vitest';
import { flattenedLengthBound, flattenMarkdown } from '../../src/content/markdown.js';

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
