import { Lexer, type Token, type Tokens } from 'marked';

/**
 * Flattens a markdown description to the plain text Pinterest shows: emphasis, links and code
 * lose their markup, HTML is dropped, blocks are separated by a blank line and list items get a
 * bullet. The 800-character limit applies to this text, not to the markdown source.
 */
export function flattenMarkdown(markdown: string): string {
  const tokens = Lexer.lex(markdown.replace(/\r\n?/g, '\n'));
  return blocks(tokens).join('\n\n').trim();
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
