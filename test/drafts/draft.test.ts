import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProductPage } from '../../src/drafts/product.js';
import { draftFromUrl } from '../../src/flows/draft.js';
import { DraftError } from '../../src/flows/draft-error.js';
import { validateRepository } from '../../src/flows/validate.js';
import { JPEG, PRODUCT, productPages } from '../helpers/product-pages.js';
import { makeRepo, PROJECT, tempRepos } from '../helpers/repo.js';

let shop: Awaited<ReturnType<typeof productPages>>;
let base = '';
beforeAll(async () => {
  shop = await productPages();
  base = shop.base;
});
afterAll(() => shop.close());

const repos = tempRepos();
// The example's templates, without its default board: the draft names the first declared board.
const settings = readFileSync(join(PROJECT, 'pinops.yml'), 'utf8').replace(/^ {2}board: .*\n/m, '');
async function repo(): Promise<{ root: string }> {
  return {
    root: await repos({
      'pinops.yml': settings,
      'content/boards.yml': 'boards:\n  - name: Winter Looks\n  - name: Cozy Home\n',
      'content/media/logo.png': { media: 'logo.png' },
    }),
  };
}
/** Only the page server is allowed, as a private address; everything else private stays refused. */
const env = () => ({ PINOPS_ALLOW_PRIVATE_NETWORK: new URL(base).host });

async function failure(url: string): Promise<string> {
  const r = await repo();
  const err = await draftFromUrl({ root: r.root, env: env(), url, log: () => {} }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DraftError);
  return (err as Error).message;
}

describe('drafts from a product page', () => {
  it('reads Open Graph and schema.org Product data into a draft pin that validates and fills the template', async () => {
    const r = await repo();
    const d = await draftFromUrl({ root: r.root, env: env(), url: `${base}/product`, log: () => {}, now: new Date('2026-11-23T10:00:00Z') });
    expect(d.id).toBe('alpine-waterproof-boots-laces');
    expect(d.pinFile).toBe('content/pins/alpine-waterproof-boots-laces.md');
    expect(d.imageFile).toBe('content/media/alpine-waterproof-boots-laces.jpg');
    expect(await readFile(join(r.root, d.imageFile))).toEqual(JPEG);
    const text = await readFile(join(r.root, d.pinFile), 'utf8');
    expect(text).toContain('title: Alpine Waterproof Boots & Laces\n');
    expect(text).toContain(`link: ${base}/product\n`);
    expect(text).toContain('image: ../media/alpine-waterproof-boots-laces.jpg\n');
    expect(text).toContain('status: draft\n');
    expect(text).toContain('template: product-card\n');
    expect(text).toContain('fields:\n  price: 149.00 EUR\n  brand: Northwind\n');
    expect(text).toContain('board: Winter Looks\n');
    expect(text).toMatch(/---\nLeather boots that stay dry in deep snow\.\n$/);
    expect(d.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    const v = await validateRepository({ root: r.root, env: {} });
    expect(v.ok && v.pins.map((p) => [p.key, p.fields?.status, p.fields?.template])).toEqual([['alpine-waterproof-boots-laces', 'draft', 'product-card']]);
    // A second draft of the same page does not overwrite the first.
    const again = await draftFromUrl({ root: r.root, env: env(), url: `${base}/product`, log: () => {} });
    expect(again.id).toBe('alpine-waterproof-boots-laces-2');
  });

  it('falls back to <title>, the meta description and the largest image on a page without Open Graph', async () => {
    const r = await repo();
    const d = await draftFromUrl({ root: r.root, env: env(), url: `${base}/plain`, log: () => {} });
    expect(d.page.title).toBe('Wool Scarf — Shop');
    expect(d.page.sources).toEqual({ title: '<title>', description: 'meta description' });
    expect(await readFile(join(r.root, d.imageFile))).toEqual(JPEG);
    // The only template prints a price the page does not give: no template, and a note says why.
    expect(await readFile(join(r.root, d.pinFile), 'utf8')).not.toContain('template:');
    expect(d.notes.join('\n')).toMatch(/the page gives no price for the template "product-card"/);
    expect(d.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('writes to --out, with the image path relative to it, and refuses to overwrite', async () => {
    const r = await repo();
    const d = await draftFromUrl({ root: r.root, env: env(), url: `${base}/product`, out: 'content/pins/shop/boots.md', log: () => {} });
    expect(d.pinFile).toBe('content/pins/shop/boots.md');
    expect(await readFile(join(r.root, d.pinFile), 'utf8')).toContain('image: ../../media/alpine-waterproof-boots-laces.jpg\n');
    expect(d.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    const again = await draftFromUrl({ root: r.root, env: env(), url: `${base}/product`, out: 'content/pins/shop/boots.md', log: () => {} }).catch((e: unknown) => e);
    expect((again as Error).message).toBe('content/pins/shop/boots.md exists already: give another --out, or move it first');
  });

  it('reads product data from plain HTML without a network (pure)', () => {
    const p = readProductPage(PRODUCT, 'https://shop.example.com/p/1');
    expect(p).toMatchObject({ title: 'Alpine Waterproof Boots & Laces', price: '149.00 EUR', brand: 'Northwind', siteName: 'Example Shop' });
    expect(p.images[0]).toEqual({ url: 'https://shop.example.com/img/boots.jpg', from: 'og' });
  });

  it.each([
    ['a page that is not HTML', '/feed', /is not an HTML page \(it is application\/json\)/],
    ['a 50 MB page', '/huge', /the page could not be read: .*more than 5242880 bytes/],
    ['a redirect loop', '/loop', /more than 5 redirects/],
    ['a redirect to 127.0.0.1', '/to-local', /127\.0\.0\.1 is a private, loopback or link-local address/],
    ['an SVG bomb as the image', '/svg-page', /no usable image .*an SVG image: Pinterest does not take SVG/],
    ['a page without any image', '/no-image', /names no image/],
    ['a 404', '/gone', /HTTP 404/],
  ])('refuses %s with a clear message and writes nothing', async (_name, path, message) => {
    const r = await repo();
    const err = await draftFromUrl({ root: r.root, env: env(), url: `${base}${path}`, log: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DraftError);
    expect((err as Error).message).toMatch(message);
    const v = await validateRepository({ root: r.root, env: {} });
    expect(v.ok && v.pins).toEqual([]);
  });

  it('refuses a loopback page unless private addresses are allowed', async () => {
    const r = await makeRepo({ 'content/boards.yml': 'boards:\n  - name: A\n' });
    try {
      const err = await draftFromUrl({ root: r.root, env: {}, url: `${base}/product`, log: () => {} }).catch((e: unknown) => e);
      expect((err as Error).message).toMatch(/private, loopback or link-local address .*allow_private_network/);
      expect(await failure('ftp://example.com/x')).toMatch(/only http and https/);
    } finally {
      await r.cleanup();
    }
  });
});

describe('a draft writes only new files inside the repository', () => {
  it('refuses content/media linked out of the repository, steps around a link planted where the image would go, and refuses --out outside', async () => {
    const { mkdtemp, readdir, symlink, rm, mkdir } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const outside = await mkdtemp(join(tmpdir(), 'pinops-outside-'));
    try {
      const linked = await repo();
      await rm(join(linked.root, 'content/media'), { recursive: true });
      await symlink(outside, join(linked.root, 'content/media'));
      const err = await draftFromUrl({ root: linked.root, env: env(), url: `${base}/product`, log: () => {} }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DraftError);
      expect((err as Error).message).toBe('content/media is (or is under) a symbolic link that leads outside the repository: nothing was written');
      expect(await readdir(outside)).toEqual([]);

      const planted = await repo();
      await mkdir(join(outside, 'sub'));
      await symlink(join(outside, 'sub', 'boots.jpg'), join(planted.root, 'content/media/alpine-waterproof-boots-laces.jpg'));
      const d = await draftFromUrl({ root: planted.root, env: env(), url: `${base}/product`, log: () => {} });
      expect(d.imageFile).toBe('content/media/alpine-waterproof-boots-laces-2.jpg');
      expect(await readdir(join(outside, 'sub'))).toEqual([]);

      const out = await repo();
      const far = await draftFromUrl({ root: out.root, env: env(), url: `${base}/product`, out: '../escaped.md', log: () => {} }).catch((e: unknown) => e);
      expect((far as Error).message).toBe('../escaped.md leaves the repository: nothing was written');
      expect(await readdir(join(out.root, 'content/media'))).toEqual(['logo.png']);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
