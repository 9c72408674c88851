import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { htmlAttr, htmlMessage, htmlText, mdCell, mdCode, mdText } from '../../src/util/md-escape.js';

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

/** What a reader sees of rendered HTML: the text, without tags, entities decoded. */
const seen = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** A fragment as GitHub puts it in an HTML block (a cell of the previews grid). */
const inHtml = async (fragment: string) => marked.parse(`<table><tr><td>${fragment}</td></tr></table>\n\nafter\n`, { gfm: true });

describe("messages: pinops' code spans stay code, no backslash shows, user text stays inert", () => {
  const message = '`link` uses ftp:, not http or https';

  it('a message in a table cell shows its code as code and no backslash (mdText)', async () => {
    const [first] = await cell(mdText(message));
    expect(first).toBe('<code>link</code> uses ftp:, not http or https');
    // Special characters inside a code span need no escape there, so none shows.
    const [second] = await cell(mdText('`title` "a*b [x] <y> & z" is too long'));
    expect(second).toBe('<code>title</code> &quot;a*b [x] &lt;y&gt; &amp; z&quot; is too long');
    expect(seen(second as string)).not.toContain('\\');
    // What mdCell alone does to the same message, in HTML: the backslashes show.
    expect(seen(await inHtml(mdCell(message, { code: true })))).toContain('\\`link\\`');
  });

  it('a message in HTML shows its code as <code> and no backslash (htmlMessage)', async () => {
    const html = await inHtml(htmlMessage(message));
    expect(html).toContain('<td><code>link</code> uses ftp:, not http or https</td>');
    expect(seen(html)).not.toContain('\\');
    expect(seen(await inHtml(htmlMessage('`x` <a & b> "q" \\ back')))).toContain('x <a & b> "q" \\ back');
  });

  const hostile = [
    '`</code><img src=x onerror=alert(1)>` then <img src=y> [a](https://evil.example) ![i](https://t.example/p.gif)',
    'ping @octocat and @org/team at https://evil.example or www.evil.example `@octocat`',
    'a lone ` backtick, then `<b>bold</b>` and *em* | pipe <!-- pinops:previews -->',
    'two\n\nlines: <script>alert(1)</script>',
  ];

  it('user text in a message opens no HTML, link or image, pings nobody and keeps the table whole (mdText)', async () => {
    for (const text of hostile) {
      const cells = await cell(mdText(text));
      expect(cells, text).toHaveLength(2);
      expect(cells[1], text).toBe('end');
      expect(cells[0], text).not.toMatch(/<(img|a|script|b)\b/);
      // A mention outside code would ping: every one is defused or in code.
      expect(cells[0]?.replace(/<code>[\s\S]*?<\/code>/g, ''), text).not.toMatch(/@(octocat|org)/);
    }
  });

  it('user text in HTML opens no tag, ends no block, forges no marker and pings nobody (htmlText, htmlMessage)', async () => {
    for (const text of hostile)
      for (const toHtml of [htmlText, htmlMessage]) {
        const out = toHtml(text);
        expect(out, text).not.toMatch(/<(?!\/?code>)/);
        expect(out, text).not.toContain('<!--');
        expect(out, text).not.toContain('\n');
        const html = await inHtml(out);
        // The table and the paragraph after it: the block was not ended early.
        expect(html.match(/<td>/g), text).toHaveLength(1);
        expect(html, text).toContain('<p>after</p>');
        expect(html, text).not.toMatch(/<(img|a|script|b)\b/);
        expect(seen(html).replace(/@\u200b/g, ''), text).not.toMatch(/@(octocat|org)/);
        expect(seen(html), text).not.toMatch(/https?:\/\//);
      }
  });

  it('attribute values cannot end their quotes (htmlAttr)', () => {
    expect(htmlAttr('preview of a" onerror="x\' <b>&')).toBe('preview of a&quot; onerror=&quot;x&#39; &lt;b&gt;&amp;');
  });

  it('outside a table, a code span keeps its pipe without a backslash', async () => {
    const html = await marked.parse(mdText('`a|b` failed', { table: false }), { gfm: true });
    expect(html).toContain('<code>a|b</code> failed');
  });
});
