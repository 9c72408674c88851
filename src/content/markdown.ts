import { Lexer, type Token, type Tokens } from 'marked';

/**
 * Flattens a markdown description to the plain text Pinterest shows: emphasis, links and code
 * lose their markup, HTML is dropped, blocks are separated by a blank line and list items get a
 * bullet. The 800-character limit applies to this text, not to the markdown source.
 */
export function flattenMarkdown(markdown: string): string {
  const text = markdown.replace(/\r\n?/g, '\n');
  return flattenPlain(text) ?? flattenParsed(text);
}

/** `flattenMarkdown` by the markdown parser alone (tests compare the quick way with it). */
export function flattenParsed(markdown: string): string {
  return blocks(Lexer.lex(markdown.replace(/\r\n?/g, '\n')))
    .join('\n\n')
    .trim();
}

/*
 * The quick way, for the markdown most descriptions are: paragraphs of text with **strong** or
 * *emphasised* words and [links](https://…), and lists of one-line `- ` items. Anything else
 * (indents, trailing spaces, headings, quotes, code, HTML, entities, escapes, underscores, tables,
 * images, loose lists…) returns `undefined` for the parser. It gives the parser's text exactly:
 * test/unit/markdown compares the two on random markdown. A plan flattens every pin's
 * description, and the parser cost it a third of validation's time on 10,000 pins.
 */

/** Characters the quick way never reads (it leaves the text to the parser). */
const NOT_PLAIN = /[\\`<&_~|\t]|!\[/;
/** How a paragraph line or a list item's text may begin: a letter or digit (not `1.`), a link, a quote. */
const LINE_START = /^(?!\d+[.)])[\p{L}\p{N}"'[]/u;
/** A word or words in `**` or `*`, after the start or a space, before the end, a space or punctuation. */
const EMPHASIS = /(?<=^| )(\*\*?)([\p{L}\p{N}](?:[\p{L}\p{N} ]*[\p{L}\p{N}])?)\1(?=$|[ .,;:!?)])/gu;
/** A link with plain text and a plain destination (no title). */
const LINK = /(?<!!)\[([\p{L}\p{N}.,;:?'"/-](?:[\p{L}\p{N} .,;:?'"/-]*[\p{L}\p{N}.,;:?'"/-])?)\]\(([A-Za-z0-9:/?#=.%&_~+,;@-]+)\)/gu;

export function flattenPlain(text: string): string | undefined {
  if (NOT_PLAIN.test(text)) return undefined;
  let out = '';
  // The block being read: its text so far, and whether it is a paragraph or a list.
  let block = '';
  let kind: 'paragraph' | 'list' | undefined;
  let lastWasList = false;
  for (const line of `${text}\n`.split('\n')) {
    if (line === '') {
      if (kind) out += `${out ? '\n\n' : ''}${block}`;
      if (kind) lastWasList = kind === 'list';
      kind = undefined;
      block = '';
      continue;
    }
    const item = line.startsWith('- ');
    const body = item ? line.slice(2) : line;
    if (line.endsWith(' ') || !LINE_START.test(body)) return undefined;
    const k = item ? 'list' : 'paragraph';
    // Mixed lines are a list interrupting a paragraph or a lazy continuation; two lists a blank line apart are one loose list.
    if (kind ? kind !== k : k === 'list' && lastWasList) return undefined;
    kind = k;
    const flat = inlinePlain(body);
    if (flat === undefined) return undefined;
    block += `${block ? '\n' : ''}${item ? '• ' : ''}${flat}`;
  }
  return out;
}

/** A line's text without its markup, or `undefined` for markup the quick way does not read. */
function inlinePlain(line: string): string | undefined {
  const linked = line.includes('[') ? line.replace(LINK, '$1') : line;
  const text = linked.includes('*') ? linked.replace(EMPHASIS, '$2') : linked;
  // Bare URLs and addresses become links whose end the parser decides (it may take the markup after them in).
  return /[*[\]@]|:\/\/|www\./i.test(text) || text.trim() !== text ? undefined : text;
}

/**
 * `flattenMarkdown`, or `undefined` for markdown that cannot be flattened: thousands of nested
 * `>` or emphasis markers overflow the parser's stack. Validation reports such a body at its file.
 */
export function tryFlattenMarkdown(markdown: string): string | undefined {
  try {
    return flattenMarkdown(markdown);
  } catch (err) {
    if (err instanceof RangeError) return undefined;
    throw err;
  }
}

function blocks(tokens: Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
      case 'hr':
      case 'html':
        break;
      case 'list':
        out.push((t as Tokens.List).items.map((item) => `• ${blocks(item.tokens).join(' ')}`).join('\n'));
        break;
      case 'blockquote':
        out.push(...blocks((t as Tokens.Blockquote).tokens));
        break;
      case 'code':
        out.push((t as Tokens.Code).text);
        break;
      case 'table': {
        const table = t as Tokens.Table;
        const row = (cells: Tokens.TableCell[]) => cells.map((c) => inline(c.tokens)).join(' · ');
        out.push([row(table.header), ...table.rows.map(row)].join('\n'));
        break;
      }
      default: {
        const text = 'tokens' in t && t.tokens ? inline(t.tokens) : 'text' in t ? decodeEntities(String(t.text)) : '';
        if (text.trim()) out.push(text.trim());
      }
    }
  }
  return out;
}

function inline(tokens: Token[]): string {
  let s = '';
  for (const t of tokens) {
    switch (t.type) {
      case 'html':
        break;
      case 'br':
        s += '\n';
        break;
      case 'escape':
      case 'codespan':
        s += (t as Tokens.Codespan).text;
        break;
      case 'image':
        s += (t as Tokens.Image).text;
        break;
      default:
        s += 'tokens' in t && t.tokens ? inline(t.tokens) : 'text' in t ? decodeEntities(String(t.text)) : '';
    }
  }
  return s;
}

const NAMED = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
]);

/** Markdown keeps character references in text tokens; Pinterest shows the characters. */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, ref: string) => {
    if (ref[0] !== '#') return NAMED.get(ref.toLowerCase()) ?? m;
    const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/**
 * An upper bound on the length (in code points) of `flattenMarkdown(markdown)`, computed without
 * parsing. Flattening only removes markup, except that it may put a blank line where the source
 * had a single newline (+1 per newline), a ` · ` where a table had `|` (+2 per pipe), and spaces
 * for a tab (+3). When the bound is within a limit, so is the flattened text; test/unit/markdown
 * checks the bound against the real flattener on random markdown.
 */
export function flattenedLengthBound(markdown: string): number {
  let extra = 0;
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown.charCodeAt(i);
    if (c === 10) extra += 1;
    else if (c === 124) extra += 2;
    else if (c === 9) extra += 3;
  }
  return markdown.length + extra;
}
