import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { mdCell, mdCode } from '../../src/util/md-escape.js';

const cell = async (md: string) => {
  const html = await marked.parse(`| a | b |\n|---|---|\n| ${md} | end |\n`, { gfm: true });
  return [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
};

describe('markdown from user text', () => {
  it('a code span holds any text whole, in a table too', async () => {
    for (const text of ['plain', 'a`b', '``x`', '`lead', 'trail`', 'x|<img src=x>', 'two\nlines']) {
      const cells = await cell(mdCode(text));
      expect(cells, text).toHaveLength(2);
      expect(cells[1]).toBe('end');
      expect(cells[0]?.startsWith('<code>') && cells[0].endsWith('</code>'), `${text}: ${cells[0]}`).toBe(true);
    }
  });

  it('a cell opens no HTML, link, image or entity, and pings nobody', async () => {
    const text = '<img src=x> [a](https://evil.example) ![i](https://t.example/p.gif) &#64;team @org/team https://evil.example www.evil.example | x';
    const [first, second] = await cell(mdCell(text));
    expect(second).toBe('end');
    expect(first).not.toMatch(/<(img|a)\b/);
    expect(first).not.toMatch(/@(team|org)/);
    expect(first).toContain('&amp;#64;team');
  });
});
