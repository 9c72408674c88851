import { stringify } from 'yaml';
import { LIMITS } from '../content/schema.js';
import type { ProductPage } from './product.js';

/** A pin id from a product title: `Merino Wool Sweater — Navy` → `merino-wool-sweater-navy`. */
export function slugFor(title: string | undefined, url: string): string {
  const base = (title ?? new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return base || `draft-${new URL(url).hostname.replace(/[^a-z0-9]+/gi, '-')}`;
}

/** Shortens text to `max` characters at a word boundary, saying so. */
function shorten(text: string, max: number, what: string, notes: string[]): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const at = cut.lastIndexOf(' ');
  notes.push(`the page's ${what} has ${text.length} characters, over Pinterest's ${max}: it was shortened; edit it`);
  return `${(at > max / 2 ? cut.slice(0, at) : cut).trimEnd()}…`;
}

export interface DraftChoices {
  id: string;
  /** The image, relative to the pin file. */
  image: string;
  /** A board from boards.yml, when the settings have no default board. */
  board?: string;
  /** A creative template from pinops.yml. */
  template?: string;
  now: Date;
}

/**
 * The draft pin file: `status: draft`, the page's title, description, link and image, and its
 * price and brand as template fields. Pure; what had to be shortened is returned as notes.
 */
export function draftPinFile(page: ProductPage, choices: DraftChoices): { text: string; notes: string[] } {
  const notes: string[] = [];
  const title = shorten(page.title ?? choices.id, LIMITS.title, 'title', notes);
  if (!page.title) notes.push('the page has no title: the pin is titled by its id; edit it');
  const fields: Record<string, string> = {};
  if (page.price) fields.price = page.price;
  if (page.brand) fields.brand = page.brand;
  const front: Record<string, unknown> = {
    id: choices.id,
    title,
    ...(choices.board ? { board: choices.board } : {}),
    link: page.url,
    image: choices.image,
    alt_text: shorten(title, LIMITS.altText, 'alt text', notes),
    status: 'draft',
    ...(choices.template ? { template: choices.template } : {}),
    ...(Object.keys(fields).length ? { fields } : {}),
  };
  const description = shorten(page.description ?? '', LIMITS.description, 'description', notes);
  if (!page.description) notes.push('the page has no description: write one under the front matter');
  const from = Object.entries(page.sources)
    .map(([k, v]) => `${k} from ${v}`)
    .join(', ');
  const header = `# Drafted by pinops from ${page.url} on ${choices.now.toISOString().slice(0, 10)}${from ? ` (${from})` : ''}.\n# Check the text, alt text and board, then set status: ready.\n`;
  return { text: `---\n${header}${stringify(front, { lineWidth: 0 })}---\n${description}\n`, notes };
}
