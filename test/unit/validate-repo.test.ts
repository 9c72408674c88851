import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { validateRepository } from '../../src/flows/validate.js';
import { withoutLints } from '../helpers/lint.js';
import { BASE, type FixtureFile, mdPin, PROJECT, photoPath, pngHeader, tempRepos } from '../helpers/repo.js';

const repo = tempRepos();

async function check(files: Record<string, FixtureFile>, opts: { paths?: string[] } = {}) {
  return validateRepository({ root: await repo({ ...BASE, ...files }), env: {}, ...opts });
}

async function diagnosticsOf(files: Record<string, FixtureFile>): Promise<Diagnostic[]> {
  const r = await check(files);
  if (!r.ok) throw new Error(`settings failed: ${JSON.stringify(r.diagnostics)}`);
  return withoutLints(r.diagnostics);
}

const codes = (list: Diagnostic[]) => list.map((d) => `${d.file}:${d.line}:${d.code}`);

describe('validateRepository', () => {
  it('accepts a valid repository of markdown and YAML pins', async () => {
    const d = await diagnosticsOf({
      'content/pins/boots.md': mdPin(),
      'content/pins/looks.yml': 'pins:\n  - id: look\n    title: Look\n    board: Winter Looks\n    images: [../media/look-1.jpg, ../media/look-2.jpg]\n    alt_text: x\n',
      'content/pins/video.yml': 'title: Cocoa\nboard: Cozy Home\nvideo: ../media/cocoa.mp4\ncover: ../media/cover.jpg\nalt_text: cocoa\n',
    });
    expect(d).toEqual([]);
  });

  it('reports duplicate ids in every file that uses them', async () => {
    const d = await diagnosticsOf({
      'content/pins/a.md': mdPin({ id: 'boots' }),
      'content/pins/b.yml':
        'pins:\n  - id: other\n    title: T\n    board: Winter Looks\n    image: ../media/boots.jpg\n    alt_text: x\n  - id: boots\n    title: T\n    board: Winter Looks\n    image: ../media/boots.jpg\n    alt_text: x\n',
    });
    expect(codes(d)).toEqual(['content/pins/a.md:7:duplicate-id', 'content/pins/b.yml:7:duplicate-id']);
    expect(d[0]?.message).toBe('pin id "boots" is also used in content/pins/b.yml:7');
  });

  it('refuses a text file named .jpg by its bytes', async () => {
    const d = await diagnosticsOf({ 'content/media/fake.jpg': 'hello, I am text', 'content/pins/a.md': mdPin({ image: '../media/fake.jpg' }) });
    expect(d).toMatchObject([{ code: 'media-not-image', line: 5, column: 8, field: 'image' }]);
  });

  it('refuses a PNG whose header claims 30000×30000 without decoding it', async () => {
    const d = await diagnosticsOf({ 'content/media/huge.png': pngHeader(30000, 30000), 'content/pins/a.md': mdPin({ image: '../media/huge.png' }) });
    expect(d).toMatchObject([{ code: 'media-too-many-pixels', line: 5 }]);
    expect(d[0]?.message).toContain('30000×30000');
  });

  it('refuses a fake MP4 (an ftyp box, then random bytes) and a cut one, by their boxes', async () => {
    const { randomBytes } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    const real = readFileSync(`${PROJECT}/content/media/cocoa.mp4`);
    const video = (file: string) => `title: T\nboard: Cozy Home\nvideo: ../media/${file}\ncover: ../media/cover.jpg\nalt_text: x\n`;
    const d = await diagnosticsOf({
      'content/media/fake.mp4': Buffer.concat([real.subarray(0, 32), randomBytes(4096)]),
      'content/media/cut.mp4': real.subarray(0, real.length - 100),
      'content/media/no-moov.mp4': Buffer.concat([real.subarray(0, 32), real.subarray(32 + 1415)]),
      'content/pins/fake.yml': video('fake.mp4'),
      'content/pins/cut.yml': video('cut.mp4'),
      'content/pins/no-moov.yml': video('no-moov.mp4'),
      'content/pins/real.yml': video('cocoa.mp4'),
    });
    expect(codes(d)).toEqual(['content/pins/cut.yml:3:media-not-video', 'content/pins/fake.yml:3:media-not-video', 'content/pins/no-moov.yml:3:media-not-video']);
    expect(d[0]?.message).toMatch(/not a complete MP4 video: the box "mdat" at offset \d+ is 6884 bytes, past the end of the file/);
    expect(d[1]?.message).toMatch(/not a complete MP4 video: the bytes at offset 32 are not a box|not a complete MP4 video: the box ".{4}" at offset 32/);
    expect(d[2]?.message).toContain('has no `moov` box');
  });

  it('finds cut images by their end: a cut photo, a cut PNG and a PNG that is only its header are errors at their line', async () => {
    const { readFileSync } = await import('node:fs');
    const photo = readFileSync(`${PROJECT}/content/media/boots.jpg`);
    const png = readFileSync(`${PROJECT}/${photoPath('coffee.png')}`);
    const d = await diagnosticsOf({
      'content/media/cut.jpg': photo.subarray(0, photo.length / 2),
      'content/media/cut.png': png.subarray(0, png.length / 2),
      'content/media/header.png': pngHeader(600, 900),
      'content/pins/a.md': mdPin({ id: 'a', image: '../media/cut.jpg' }),
      'content/pins/b.md': mdPin({ id: 'b', image: '../media/header.png' }),
      'content/pins/c.yml': 'title: T\nboard: Cozy Home\nvideo: ../media/cocoa.mp4\ncover: ../media/cut.png\nalt_text: x\n',
      'content/pins/d.md': mdPin({ id: 'd' }),
    });
    expect(codes(d)).toEqual(['content/pins/a.md:5:media-not-image', 'content/pins/b.md:5:media-not-image', 'content/pins/c.yml:4:media-not-image']);
    expect(d[0]?.message).toBe(
      '`image` "../media/cut.jpg" (content/media/cut.jpg): an image that does not decode: it is truncated or corrupt (the JPEG ends before its end-of-image marker)',
    );
    expect(d[1]?.message).toMatch(/truncated or corrupt \(the PNG ends before its IEND chunk\)/);
    expect(d[2]?.message).toMatch(/truncated or corrupt \(the PNG ends before its IEND chunk\)/);
  });

  it('refuses an image path that climbs out of the repository with ../../', async () => {
    const d = await diagnosticsOf({ 'content/pins/a.md': mdPin({ image: '../../../../etc/passwd' }) });
    expect(d).toMatchObject([{ code: 'outside-repo', line: 5, field: 'image' }]);
  });

  it('refuses a symbolic link to /etc/passwd', async () => {
    const d = await diagnosticsOf({ 'content/media/passwd.jpg': { symlink: '/etc/passwd' }, 'content/pins/a.md': mdPin({ image: '../media/passwd.jpg' }) });
    expect(d).toMatchObject([{ code: 'outside-repo', line: 5 }]);
    expect(d[0]?.message).toContain('symbolic link');
  });

  it('refuses a symlinked pin file that leads out of the repository', async () => {
    const d = await diagnosticsOf({ 'content/pins/evil.md': { symlink: '/etc/passwd' }, 'content/pins/ok.md': mdPin() });
    expect(codes(d)).toEqual(['content/pins/evil.md:1:outside-repo']);
  });

  it('reports missing media, absolute paths and non-https URLs', async () => {
    const d = await diagnosticsOf({
      'content/pins/a.md': mdPin({ image: '../media/nope.jpg' }),
      'content/pins/b.md': mdPin({ image: '/etc/hosts' }),
      'content/pins/c.md': mdPin({ image: 'http://example.com/x.jpg' }),
      'content/pins/d.md': mdPin({ image: 'https://example.com/x.jpg' }),
    });
    expect(codes(d)).toEqual(['content/pins/a.md:5:media-not-found', 'content/pins/b.md:5:outside-repo', 'content/pins/c.md:5:media-invalid-url']);
  });

  it('reports a missing board with did-you-mean, an unknown section, and quotes for long numeric ids', async () => {
    const d = await diagnosticsOf({
      'content/pins/a.md': mdPin({ board: 'Winter Look' }),
      'content/pins/b.md': mdPin({ section: 'Boats' }),
      'content/pins/c.md': mdPin({ board: '4810991285454231870' }),
      'content/pins/d.md': mdPin({ board: '"4810991285454231870"' }),
      'content/pins/e.md': mdPin({ board: undefined }),
    });
    expect(codes(d)).toEqual(['content/pins/a.md:3:unknown-board', 'content/pins/b.md:7:unknown-section', 'content/pins/c.md:3:unknown-board', 'content/pins/e.md:2:no-board']);
    expect(d[0]?.message).toBe('board "Winter Look" is not declared in content/boards.yml — did you mean `Winter Looks`?');
    expect(d[1]?.message).toContain('did you mean `Boots`?');
    expect(d[2]?.hint).toContain('quotes');
  });

  it('rejects publish_at: tomorrow, and a time without offset unless a timezone is set', async () => {
    const d = await diagnosticsOf({
      'content/pins/a.md': mdPin({ publish_at: 'tomorrow' }),
      'content/pins/b.md': mdPin({ publish_at: '2026-12-01T09:00:00' }),
      'content/pins/c.md': mdPin({ publish_at: '2026-12-01T09:00:00Z' }),
    });
    expect(codes(d)).toEqual(['content/pins/a.md:7:publish-at-invalid', 'content/pins/b.md:7:publish-at-no-timezone']);
    const withZone = await diagnosticsOf({ 'pinops.yml': 'timezone: Europe/Berlin\n', 'content/pins/b.md': mdPin({ publish_at: '2026-12-01T09:00:00' }) });
    expect(withZone).toEqual([]);
  });

  it('checks carousels (2–5, equal sizes) and video covers', async () => {
    const d = await diagnosticsOf({
      'content/pins/one.yml': 'title: T\nboard: Winter Looks\nimages: [../media/look-1.jpg]\nalt_text: x\n',
      'content/pins/mixed.yml': 'title: T\nboard: Winter Looks\nimages: [../media/look-1.jpg, ../media/sweater.jpg]\nalt_text: x\n',
      'content/pins/video.yml': 'title: T\nboard: Winter Looks\nvideo: ../media/cocoa.mp4\nalt_text: x\n',
      'content/pins/notvideo.yml': 'title: T\nboard: Winter Looks\nvideo: ../media/boots.jpg\ncover: ../media/cover.jpg\nalt_text: x\n',
    });
    expect(codes(d)).toEqual([
      'content/pins/mixed.yml:3:carousel-dimensions',
      'content/pins/notvideo.yml:3:media-not-video',
      'content/pins/one.yml:3:carousel-size',
      'content/pins/video.yml:3:video-cover-missing',
    ]);
    expect(d[0]?.message).toContain('900×900');
  });

  it('warns (without failing) about missing alt text and an image far from 2:3', async () => {
    const d = await diagnosticsOf({ 'content/pins/a.md': mdPin({ alt_text: undefined, image: '../media/sweater.jpg' }) });
    expect(d.map((x) => [x.severity, x.code])).toEqual([
      ['warning', 'alt-text-missing'],
      ['warning', 'aspect-ratio'],
    ]);
  });

  it('checks links: http(s) only, and the 2048 limit after UTM tagging', async () => {
    const long = `https://shop.example.com/${'a'.repeat(2000)}`;
    const d = await diagnosticsOf({
      'content/pins/a.md': mdPin({ link: 'ftp://example.com/x' }),
      'content/pins/b.md': mdPin({ link: long }),
      'content/pins/c.md': mdPin({ link: long, utm: 'false' }),
    });
    expect(codes(d)).toEqual(['content/pins/a.md:4:invalid-link', 'content/pins/b.md:4:too-long']);
    expect(d[1]?.message).toMatch(/after UTM tagging \(2025 as written\); the limit is 2048/);
  });

  it('checks the description after flattening markdown', async () => {
    const fine = `**${'a'.repeat(796)}**`;
    const d = await diagnosticsOf({ 'content/pins/a.md': mdPin({}, fine), 'content/pins/b.md': mdPin({}, `\n\n${'b'.repeat(801)}`) });
    expect(codes(d)).toEqual(['content/pins/b.md:10:too-long']);
  });

  it('checks templates and the fields they print', async () => {
    const settings = 'templates:\n  card:\n    texts:\n      - { field: price, x: 0, y: 0, width: 500 }\n';
    const d = await diagnosticsOf({
      'pinops.yml': settings,
      'content/pins/a.md': mdPin({ template: 'card' }),
      'content/pins/b.md': mdPin({ template: 'crad' }),
      'content/pins/c.md': mdPin({ template: 'card', fields: '{ price: "€5" }' }),
    });
    expect(codes(d)).toEqual(['content/pins/a.md:7:template-field-missing', 'content/pins/b.md:7:unknown-template']);
    expect(d[1]?.message).toContain('did you mean `card`?');
    // A custom field goes under `fields:` (c.md, which does so, is fine); a top-level `price:` would be an unknown field.
    expect(d[0]?.hint).toBe('Add it under the pin\'s `fields:`, e.g. `fields: { price: "…" }` (a `price:` of its own is not a pin field).');
  });

  it("warns when a template's photo is enlarged more than twice to fill its canvas, not at 1.7×, nor for an image pin", async () => {
    const settings = 'templates:\n  card:\n    texts:\n      - { field: title, x: 0, y: 0, width: 500 }\n  wide:\n    width: 600\n    height: 400\n';
    const d = await diagnosticsOf({
      'pinops.yml': settings,
      'content/media/cat.png': { photo: 'chelsea.png' },
      'content/pins/cat.md': mdPin({ id: 'cat', template: 'card', image: '../media/cat.png' }),
      // 600×900 filling 1000×1500: 1.7×, soft enough to pass.
      'content/pins/boots.md': mdPin({ id: 'boots', template: 'card' }),
      // The 451×300 photo on a 600×400 canvas: 1.3×.
      'content/pins/cat-wide.md': mdPin({ id: 'cat-wide', template: 'wide', image: '../media/cat.png' }),
      // Without a template pinops draws nothing: only the shape is Pinterest's concern (aspect-ratio).
      'content/pins/cat-plain.md': mdPin({ id: 'cat-plain', image: '../media/cat.png' }),
    });
    expect(d.map((x) => `${x.file}:${x.line}:${x.code}`)).toEqual(['content/pins/cat-plain.md:5:aspect-ratio', 'content/pins/cat.md:5:template-photo-small']);
    expect(d[1]?.message).toBe("the photo is 451×300: filling the template's 1000×1500 canvas enlarges it 5.0×");
  });

  it("refuses a template's logo outside the repository at its line in pinops.yml, and holds back the pins that draw it", async () => {
    const { desiredPins } = await import('../../src/plan/desired.js');
    const settings = [
      'templates:',
      '  up:',
      '    logo: { path: ../logo.png, x: 0, y: 0, width: 50 }',
      '  abs:',
      '    logo: { path: /etc/passwd, x: 0, y: 0, width: 50 }',
      '  linked:',
      '    logo: { path: content/media/linked.png, x: 0, y: 0, width: 50 }',
      '  fine:',
      '    logo: { path: content/media/logo.png, x: 0, y: 0, width: 50 }',
      '',
    ].join('\n');
    const r = await check({
      'pinops.yml': settings,
      'content/media/logo.png': { media: 'logo.png' },
      'content/media/linked.png': { symlink: `${PROJECT}/content/media/logo.png` },
      'content/pins/a.md': mdPin({ id: 'a', title: 'Boots A', template: 'linked' }, 'Description A.'),
      'content/pins/b.md': mdPin({ id: 'b', title: 'Boots B', template: 'fine' }, 'Description B.'),
    });
    if (!r.ok) throw new Error('settings');
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}:${d.code}`)).toEqual([
      'content/pins/a.md:8:11:outside-repo',
      'pinops.yml:3:19:outside-repo',
      'pinops.yml:5:19:outside-repo',
      'pinops.yml:7:19:outside-repo',
    ]);
    expect(r.diagnostics[3]?.message).toBe('`templates.linked.logo.path` "content/media/linked.png" (content/media/linked.png): a symbolic link that leads outside the repository');
    expect(r.diagnostics[0]?.message).toContain('template "linked" cannot be drawn: its logo is refused (pinops.yml:7:');
    const desired = desiredPins(r.pins, r.diagnostics, r.settings, new Map());
    expect(desired.map((d) => [d.key, d.invalid !== undefined])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });

  it('reports a 5 MB description at the body line, and still checks the other files', async () => {
    const big = 'word '.repeat(1024 * 1024).trim();
    const d = await diagnosticsOf({ 'content/pins/a.md': mdPin({}, `\n${big}`), 'content/pins/b.md': mdPin({ board: 'Nope' }) });
    expect(codes(d)).toEqual(['content/pins/a.md:9:too-long', 'content/pins/b.md:3:unknown-board']);
    expect(d[0]?.message).toBe(`the description is ${big.length} characters as plain text; the limit is 800`);
  });

  it('reads a non-UTF-8 file and a binary .md from disk and says where the bad byte is', async () => {
    const latin1 = Buffer.concat([Buffer.from('---\ntitle: Caf'), Buffer.from([0xe9]), Buffer.from('\nboard: Winter Looks\n---\nbody\n')]);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const d = await diagnosticsOf({ 'content/pins/latin1.md': latin1, 'content/pins/photo.md': png, 'content/pins/ok.md': mdPin({ title: 'Café ☕ — ok' }) });
    expect(codes(d)).toEqual(['content/pins/latin1.md:2:invalid-encoding', 'content/pins/photo.md:1:not-text']);
    expect(d[0]?.column).toBe(11);
  });

  it('reports every problem of every file in one run', async () => {
    const d = await diagnosticsOf({
      'content/pins/a.md': '',
      'content/pins/b.md': mdPin({ titel: 'x' }),
      'content/pins/c.yml': 'title: [\n',
      'content/pins/d.md': mdPin({ board: 'Nope' }),
      'content/pins/e.md': mdPin(),
    });
    expect(codes(d)).toEqual(['content/pins/a.md:1:empty-file', 'content/pins/b.md:7:unknown-field', 'content/pins/c.yml:2:yaml-syntax', 'content/pins/d.md:3:unknown-board']);
  });

  it('reports only the paths asked for, but still finds duplicates across all files', async () => {
    const r = await check(
      { 'content/pins/a.md': mdPin({ id: 'x' }), 'content/pins/sub/b.md': mdPin({ id: 'x', image: '../../media/boots.jpg' }) },
      { paths: ['content/pins/sub'] },
    );
    expect(r.ok && codes(r.diagnostics)).toEqual(['content/pins/sub/b.md:7:duplicate-id']);
    // "in N files" counts the files reported on: the one under content/pins/sub, not all three read.
    expect(r.ok && r.files).toBe(1);
    const all = await check({ 'content/pins/a.md': mdPin({ id: 'x' }), 'content/pins/sub/b.md': mdPin({ id: 'y' }) }, { paths: ['content/pins/a.md', 'content/boards.yml'] });
    expect(all.ok && all.files).toBe(2);
  });

  it('names the setting of an invalid pinops.yml', async () => {
    const r = await check({ 'pinops.yml': 'schedule:\n  max_per_run: lots\ntimezone: Mars/Olympus\nprunee: true\n', 'content/pins/a.md': mdPin() });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => [d.line, d.code, d.field])).toEqual([
      [2, 'invalid-setting', 'schedule.max_per_run'],
      [3, 'invalid-setting', 'timezone'],
      [4, 'invalid-setting', 'prunee'],
    ]);
    expect(r.diagnostics[2]?.message).toContain('did you mean `prune`?');
    expect(r.diagnostics[1]?.message).toBe('`timezone`: an IANA time zone such as Europe/Berlin, not "Mars/Olympus"');
    // A misspelt zone is named back, with the zone it is closest to.
    const typo = await check({ 'pinops.yml': 'timezone: Europe/Lisbn\n', 'content/pins/a.md': mdPin() });
    expect(!typo.ok && typo.diagnostics[0]?.message).toBe('`timezone`: an IANA time zone such as Europe/Berlin, not "Europe/Lisbn" — did you mean `Europe/Lisbon`?');
  });

  it('reports a repository with no content/ folder', async () => {
    const r = await validateRepository({ root: await repo({ 'README.md': '# hi\n' }), env: {} });
    expect(r.ok && r.diagnostics).toMatchObject([{ code: 'no-content', file: 'content', severity: 'error' }]);
  });

  it('lets PINTEREST_API_BASE win over the file', async () => {
    const root = await repo({ ...BASE, 'pinops.yml': 'api: sandbox\n' });
    const r = await validateRepository({ root, env: { PINTEREST_API_BASE: 'http://127.0.0.1:4010/v5' } });
    expect(r.ok && r.settings.api).toBe('http://127.0.0.1:4010/v5');
  });
});

describe('reading pin files', () => {
  it('refuses a pin file over 16 MB without reading it whole, and still checks the others; a folder named like a pin is skipped', async () => {
    const root = await repo({
      ...BASE,
      'content/pins/huge.md': `---\ntitle: Huge\n---\n${'x'.repeat(17 * 1024 * 1024)}`,
      'content/pins/ok.md': mdPin({ id: 'ok' }),
      'content/pins/folder.md/inner.txt': 'not a pin',
    });
    const r = await validateRepository({ root, env: {} });
    expect(r.ok && r.pins.map((p) => p.key)).toEqual(['ok']);
    expect(r.diagnostics.map((d) => `${d.file} ${d.code} ${d.message}`)).toEqual(['content/pins/huge.md file-too-large the file is 17.0 MB; pin files are read up to 16 MB']);
  });
});

describe('every problem of a pin at once, and only that pin held back', () => {
  it('reports a typo and a missing board of the same pin together; the other pins of its file stay publishable', async () => {
    const { desiredPins } = await import('../../src/plan/desired.js');
    const { plan } = await import('../../src/plan/plan.js');
    const root = await repo({
      ...BASE,
      'content/pins/many.yml':
        'pins:\n  - id: one\n    title: One\n    board: Winter Looks\n    image: ../media/boots.jpg\n    alt_text: a\n  - id: two\n    title: Two\n    board: Nowhere\n    image: ../media/boots.jpg\n    alt_text: a\n    titel: typo\n',
    });
    const r = await validateRepository({ root, env: {} });
    if (!r.ok) throw new Error('settings');
    expect(r.diagnostics.map((d) => `${d.code} ${d.line} ${d.pin}`)).toEqual(['unknown-board 9 two', 'unknown-field 12 two']);
    const p = plan({
      desired: desiredPins(r.pins, r.diagnostics, r.settings, new Map()),
      ledger: { version: 1, pins: {} },
      settings: r.settings,
      now: new Date('2026-06-01T12:00:00Z'),
    });
    expect(p.actions.map((a) => `${a.key}:${a.kind}`)).toEqual(['one:create', 'two:invalid']);
  });

  it('a `titel:` typo hides nothing: its unknown board, ftp link and missing image show with the missing title', async () => {
    const d = await diagnosticsOf({
      'content/pins/a.md': mdPin({ title: undefined, titel: 'Boots', board: 'Nope', link: 'ftp://shop.example.com/boots', image: '../media/gone.jpg' }),
    });
    expect(d.map((x) => `${x.line}:${x.code}:${x.pin}`)).toEqual(['2:missing-field:a', '2:unknown-board:a', '3:invalid-link:a', '4:media-not-found:a', '6:unknown-field:a']);
    expect(d[0]?.message).toBe('missing required field `title`');
  });

  it('a `pins:` item without an id gets one error, not also "rename the file"; the other pins are kept', async () => {
    const r = await check({
      'content/pins/many.yml':
        'pins:\n  - id: one\n    title: One\n    board: Winter Looks\n    image: ../media/boots.jpg\n    alt_text: a\n  - title: Two\n    board: Winter Looks\n    image: ../media/boots.jpg\n    alt_text: a\n',
    });
    if (!r.ok) throw new Error('settings');
    expect(r.diagnostics.map((x) => `${x.line}:${x.code}:${x.pin}:${x.message}`)).toEqual(['7:missing-id:many#1:a pin in a `pins:` list needs its own `id`']);
    expect(r.pins.map((p) => p.key)).toEqual(['one', 'many#1']);
  });

  it("each pin of a duplicate id is held back with the other pin's place, never its own", async () => {
    const { desiredPins } = await import('../../src/plan/desired.js');
    const r = await check({
      'content/pins/a.md': mdPin({ id: 'boots' }),
      'content/pins/b.md': mdPin({ id: 'boots' }),
      'content/pins/c.yml':
        'pins:\n  - id: twin\n    title: T\n    board: Winter Looks\n    image: ../media/boots.jpg\n    alt_text: x\n  - id: twin\n    title: T\n    board: Winter Looks\n    image: ../media/boots.jpg\n    alt_text: x\n',
    });
    if (!r.ok) throw new Error('settings');
    expect(desiredPins(r.pins, r.diagnostics, r.settings, new Map()).map((x) => `${x.file}:${x.line} ${x.invalid}`)).toEqual([
      'content/pins/a.md:2 pin id "boots" is also used in content/pins/b.md:7 (content/pins/a.md:7)',
      'content/pins/b.md:2 pin id "boots" is also used in content/pins/a.md:7 (content/pins/b.md:7)',
      'content/pins/c.yml:2 pin id "twin" is also used in content/pins/c.yml:7 (content/pins/c.yml:2)',
      'content/pins/c.yml:7 pin id "twin" is also used in content/pins/c.yml:2 (content/pins/c.yml:7)',
    ]);
  });
});

describe("an image's end", () => {
  it('tells a whole image from a cut one, in every format pinops takes, without a decode', async () => {
    const { readFileSync } = await import('node:fs');
    const { endProblem } = await import('../../src/files/media-probe.js');
    const whole = (b: Buffer) => endProblem('jpg', b.subarray(0, 12), b.subarray(-65536), b.length);
    const photo = readFileSync(`${PROJECT}/content/media/boots.jpg`);
    expect(whole(photo)).toBeUndefined();
    // Bytes after the end marker (some cameras write them) are harmless.
    expect(whole(Buffer.concat([photo, Buffer.from('trailing')]))).toBeUndefined();
    expect(whole(photo.subarray(0, photo.length - 100))).toMatch(/end-of-image/);
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    expect(endProblem('gif', gif.subarray(0, 12), gif, gif.length)).toBeUndefined();
    expect(endProblem('gif', gif.subarray(0, 12), gif.subarray(0, -1), gif.length - 1)).toMatch(/trailer/);
    const webp = Buffer.alloc(40);
    webp.write('RIFF', 0);
    webp.writeUInt32LE(32, 4);
    webp.write('WEBP', 8);
    expect(endProblem('webp', webp.subarray(0, 12), webp, 40)).toBeUndefined();
    expect(endProblem('webp', webp.subarray(0, 12), webp.subarray(0, 30), 30)).toMatch(/length its header declares/);
  });
});
