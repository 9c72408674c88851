import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

/** A file to write: text, bytes, a copy of a bundled example medium or of a test photo, or a symbolic link. */
export type FixtureFile = string | Uint8Array | { media: string } | { photo: Photo } | { symlink: string };

const here = dirname(new URL(import.meta.url).pathname);
export const PROJECT = join(here, '..', '..');

/** The real photographs of test/fixtures/photos/ (see its README): a photo's detail and grain, which flat test art lacks. */
export const PHOTOS = ['coffee.png', 'chelsea.png', 'astronaut.png', 'rocket.jpg'] as const;
export type Photo = (typeof PHOTOS)[number];
/** A test photo's path inside the project (for readers rooted at PROJECT). */
export const photoPath = (name: Photo) => `test/fixtures/photos/${name}`;
/** A test photo's bytes. */
export const photo = (name: Photo) => readFile(join(PROJECT, photoPath(name)));

/** Writes a throw-away repository and returns its path; `cleanup` removes it. */
export async function makeRepo(files: Record<string, FixtureFile>): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'pinops-test-'));
  for (const [rel, body] of Object.entries(files)) {
    const abs = join(root, rel);
    await mkdir(dirname(abs), { recursive: true });
    if (typeof body === 'string' || body instanceof Uint8Array) await writeFile(abs, body);
    else if ('media' in body) await writeFile(abs, await readFile(join(PROJECT, 'content/media', body.media)));
    else if ('photo' in body) await writeFile(abs, await photo(body.photo));
    else await symlink(body.symlink, abs);
  }
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** A minimal valid repository: boards.yml and the settings a test can extend. */
export const BASE: Record<string, FixtureFile> = {
  'content/boards.yml': 'boards:\n  - name: Winter Looks\n    sections: [Boots]\n  - name: Cozy Home\n',
  'content/media/boots.jpg': { media: 'boots.jpg' },
  'content/media/look-1.jpg': { media: 'look-1.jpg' },
  'content/media/look-2.jpg': { media: 'look-2.jpg' },
  'content/media/sweater.jpg': { media: 'sweater.jpg' },
  'content/media/cocoa.mp4': { media: 'cocoa.mp4' },
  'content/media/cover.jpg': { media: 'cocoa-cover.jpg' },
};

/** A markdown pin with sensible defaults; `fields` replaces or adds front matter lines. */
export function mdPin(fields: Record<string, string | undefined> = {}, body = 'A fine description.'): string {
  const all: Record<string, string | undefined> = {
    title: 'Waterproof boots',
    board: 'Winter Looks',
    // A pin with an id its own page, as a shop's pins have: min_link_spacing (24 h by default)
    // holds back a second pin to one URL. By id, not title, so that an edit keeps the link.
    link: fields.id === undefined ? 'https://shop.example.com/boots' : `https://shop.example.com/${slug(fields.id)}`,
    image: '../media/boots.jpg',
    alt_text: 'Boots on snow',
    ...fields,
  };
  const lines = Object.entries(all)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`);
  return `---\n${lines.join('\n')}\n---\n${body}\n`;
}

/** An id as a URL path segment: `Boots, black` → `boots-black`. */
function slug(id: string): string {
  return (
    id
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'pin'
  );
}

/** A PNG header (signature + IHDR) claiming the given size; no pixel data follows. */
export function pngHeader(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8;
  b[25] = 6;
  return b;
}

/**
 * For a test file: returns `repo(files)`, which writes a temporary repository and returns its path;
 * every repository is removed after each test.
 */
export function tempRepos(): (files: Record<string, FixtureFile>) => Promise<string> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  return async (files) => {
    const r = await makeRepo(files);
    cleanups.push(r.cleanup);
    return r.root;
  };
}
