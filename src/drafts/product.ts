import { findAll, getAttributeValue, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';

/** What a product page says about its product: Open Graph, schema.org Product, then plain HTML. */
export interface ProductPage {
  url: string;
  title?: string;
  description?: string;
  /** A display price such as `49.00 EUR`. */
  price?: string;
  brand?: string;
  siteName?: string;
  /** Candidate images, best first: og:image, the Product's image, then `<img>`s by their declared size. */
  images: { url: string; width?: number; height?: number; from: 'og' | 'product' | 'img' }[];
  /** Where each field came from, for the draft's comments. */
  sources: Partial<Record<'title' | 'description' | 'price' | 'brand', string>>;
}

type Json = Record<string, unknown>;

/** Reads a page's product data. Pure: the HTML and the page's final URL in, facts out. */
export function readProductPage(html: string, pageUrl: string): ProductPage {
  const doc = parseDocument(html, { decodeEntities: true });
  const metas = metaTags(doc);
  const product = findProduct(jsonLdBlocks(doc));
  const page: ProductPage = { url: pageUrl, images: candidateImages(doc, metas, product, pageUrl), ...productFacts(doc, metas, product) };
  const site = metas.get('og:site_name');
  if (site) page.siteName = site;
  return page;
}

type HtmlDocument = ReturnType<typeof parseDocument>;

/** The page's `<meta>` tags by property (or name), lower-cased; the first of a key wins. */
function metaTags(doc: HtmlDocument): Map<string, string> {
  const metas = new Map<string, string>();
  for (const m of findAll((e) => e.name === 'meta', doc.children)) {
    const key = (getAttributeValue(m, 'property') ?? getAttributeValue(m, 'name') ?? '').trim().toLowerCase();
    const content = getAttributeValue(m, 'content');
    if (key && content !== undefined && !metas.has(key)) metas.set(key, clean(content));
  }
  return metas;
}

/** The text of each JSON-LD `<script>`, where shops put their schema.org data. */
function jsonLdBlocks(doc: HtmlDocument): string[] {
  return findAll((e) => e.name === 'script' && (getAttributeValue(e, 'type') ?? '').toLowerCase() === 'application/ld+json', doc.children).map((s) => textContent(s));
}

type Facts = Pick<ProductPage, 'sources' | 'title' | 'description' | 'price' | 'brand'>;

/** Title, description, price and brand, each from the first source that has it; `sources` says which. */
function productFacts(doc: HtmlDocument, metas: Map<string, string>, product: Json | undefined): Facts {
  const sources: Facts['sources'] = {};
  const facts: Facts = { sources };
  const titleTag = findAll((e) => e.name === 'title', doc.children)[0];
  const title = pick(
    sources,
    'title',
    ['og:title', metas.get('og:title')],
    ['schema.org Product name', str(product?.name)],
    ['<title>', titleTag ? clean(textContent(titleTag)) : undefined],
  );
  if (title) facts.title = title;
  const description = pick(
    sources,
    'description',
    ['og:description', metas.get('og:description')],
    ['schema.org Product description', str(product?.description)],
    ['meta description', metas.get('description')],
  );
  if (description) facts.description = clean(description);
  const price = pick(sources, 'price', displayPrice(metas, product));
  if (price) facts.price = price;
  const brandValue = firstOf(product?.brand);
  const brand = pick(
    sources,
    'brand',
    ['schema.org Product brand', typeof brandValue === 'string' ? brandValue : str((brandValue as Json | undefined)?.name)],
    ['product:brand', metas.get('product:brand') ?? metas.get('og:brand')],
  );
  if (brand) facts.brand = brand;
  return facts;
}

/** The first option with a value, trimmed; its source is noted for the field. */
function pick(sources: Facts['sources'], field: keyof Facts['sources'], ...options: [string, string | undefined][]): string | undefined {
  for (const [from, v] of options) {
    if (v?.trim()) {
      sources[field] = from;
      return v.trim();
    }
  }
  return undefined;
}

/** The price with its currency (`49.00 EUR`) and where it came from: the schema.org offer, else the product:price metas. */
function displayPrice(metas: Map<string, string>, product: Json | undefined): [string, string | undefined] {
  const offer = firstOf(product?.offers) as Json | undefined;
  const offerPrice = str(offer?.price) ?? str((firstOf(offer?.priceSpecification) as Json | undefined)?.price);
  const amount = offerPrice ?? metas.get('product:price:amount') ?? metas.get('og:price:amount');
  const currency = str(offer?.priceCurrency) ?? metas.get('product:price:currency') ?? metas.get('og:price:currency');
  return [offerPrice ? 'schema.org Product offer' : 'product:price meta', amount ? `${amount}${currency ? ` ${currency}` : ''}` : undefined];
}

/** og:image, then the Product's images, then the page's `<img>`s: each once, as an absolute http(s) URL. */
function candidateImages(doc: HtmlDocument, metas: Map<string, string>, product: Json | undefined, pageUrl: string): ProductPage['images'] {
  const images: ProductPage['images'] = [];
  const seen = new Set<string>();
  const add = (u: string | undefined, from: ProductPage['images'][number]['from'], width?: number, height?: number) => {
    const url = absoluteUrl(u, pageUrl);
    if (!url || seen.has(url)) return;
    seen.add(url);
    images.push({ url, from, ...(width ? { width } : {}), ...(height ? { height } : {}) });
  };
  add(metas.get('og:image:secure_url') ?? metas.get('og:image') ?? metas.get('og:image:url'), 'og', int(metas.get('og:image:width')), int(metas.get('og:image:height')));
  for (const img of [product?.image].flat()) add(typeof img === 'string' ? img : str((img as Json | undefined)?.url), 'product');
  for (const i of pageImgs(doc)) add(i.src, 'img', i.w, i.h);
  return images;
}

/** The page's own pictures (no inline data: images), largest first by their declared size: the candidates after the declared ones. */
function pageImgs(doc: HtmlDocument): { src: string | undefined; w: number | undefined; h: number | undefined }[] {
  return findAll((e) => e.name === 'img', doc.children)
    .map((e) => ({ src: getAttributeValue(e, 'src') ?? getAttributeValue(e, 'data-src'), w: int(getAttributeValue(e, 'width')), h: int(getAttributeValue(e, 'height')) }))
    .filter((i) => i.src && !i.src.startsWith('data:'))
    .sort((a, b) => (b.w ?? 0) * (b.h ?? 0) - (a.w ?? 0) * (a.h ?? 0));
}

/** `u` resolved against the page's URL, when that gives an http(s) URL. */
function absoluteUrl(u: string | undefined, pageUrl: string): string | undefined {
  if (!u) return undefined;
  try {
    const r = new URL(u.trim(), pageUrl);
    return r.protocol === 'http:' || r.protocol === 'https:' ? r.href : undefined;
  } catch {
    return undefined;
  }
}

/** The first schema.org Product in the page's JSON-LD blocks (also inside `@graph` and lists). */
function findProduct(blocks: string[]): Json | undefined {
  const visit = (node: unknown): Json | undefined => {
    if (Array.isArray(node)) {
      for (const n of node) {
        const found = visit(n);
        if (found) return found;
      }
      return undefined;
    }
    if (!node || typeof node !== 'object') return undefined;
    const o = node as Json;
    const type = [o['@type']].flat().map(String);
    if (type.some((t) => t === 'Product' || t.endsWith('/Product') || t === 'ProductGroup')) return o;
    return visit(o['@graph']) ?? visit(o.mainEntity) ?? visit(o.itemOffered);
  };
  for (const b of blocks) {
    try {
      const found = visit(JSON.parse(b));
      if (found) return found;
    } catch {
      // A broken JSON-LD block is common on real pages: the other sources still count.
    }
  }
  return undefined;
}

const firstOf = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? clean(v) : typeof v === 'number' ? String(v) : undefined);
const int = (v: string | undefined): number | undefined => {
  const n = Number.parseInt(v ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : undefined;
};
/** Collapses whitespace; text from HTML may hold newlines and runs of spaces. */
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
