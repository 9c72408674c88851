import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makePreviewBundle } from '../../src/flows/pr-previews.js';
import { validateRepository } from '../../src/flows/validate.js';
import { CARD } from '../../src/render/preview.js';
import { runCli } from '../helpers/cli.js';
import { withoutLints } from '../helpers/lint.js';
import { BASE, mdPin, tempRepos } from '../helpers/repo.js';

const repo = tempRepos();
const LONG = 'A title far too long for Pinterest, '.padEnd(120, 'x');

/** The picture part of a preview (everything above the text panel), as raw pixels. */
const picture = async (image: Buffer | string) => sharp(image).extract({ left: 0, top: 0, width: CARD.width, height: CARD.image }).removeAlpha().raw().toBuffer();

/** A repository of two pins over the same photo: `ok`, valid, and `long`, whose only problem is its title. */
const photoPins = (extra: Record<string, string> = {}) =>
  repo({
    ...BASE,
    'content/media/coffee.png': { photo: 'coffee.png' },
    'content/pins/ok.md': mdPin({ id: 'ok', image: '../media/coffee.png' }),
    'content/pins/long.md': mdPin({ id: 'long', title: LONG, image: '../media/coffee.png' }),
    ...extra,
  });

describe('previews of invalid pins', () => {
  it("a pin whose only problem is a too-long title shows its real picture in the pull request's previews", async () => {
    const root = await photoPins();
    const bundle = await makePreviewBundle({ root, env: {}, changed: ['content/pins/long.md', 'content/pins/ok.md'], headSha: 'a'.repeat(40) });
    const long = bundle.pins.find((p) => p.key === 'long');
    expect(long).toMatchObject({ title: LONG, problem: { severity: 'error', message: '`title` is 120 characters; the limit is 100' }, image: 'long.jpg' });
    expect(long?.error).toBeUndefined();
    // The same photo as the valid pin's, not the grey card of a pin without media.
    expect((await picture(bundle.images.get('long.jpg') as Buffer)).equals(await picture(bundle.images.get('ok.jpg') as Buffer))).toBe(true);
  });

  it('pinops preview draws it too, and says that the pin is invalid (exit 1)', async () => {
    const root = await photoPins();
    const r = await runCli(['preview', '--out', 'out'], root);
    expect(r.code).toBe(1);
    expect(r.err).toContain('✖ long: the pin is invalid: `title` is 120 characters; the limit is 100 (content/pins/long.md:2); its preview was drawn all the same');
    expect(r.out).toBe('Wrote 2 preview(s) to out/\n');
    expect((await picture(join(root, 'out/long.jpg'))).equals(await picture(join(root, 'out/ok.jpg')))).toBe(true);
  });

  it('is still checked for everything else (it stays invalid), and a picture that validation refused is never drawn', async () => {
    const root = await photoPins({
      'content/pins/other.md': mdPin({ id: 'other', title: LONG, board: 'Nope' }),
      'content/pins/gone.md': mdPin({ id: 'gone', title: LONG, image: '../media/gone.jpg' }),
    });
    const v = await validateRepository({ root, env: {} });
    if (!v.ok) throw new Error('settings');
    expect(
      withoutLints(v.diagnostics)
        .filter((d) => d.pin === 'other' || d.pin === 'gone')
        .map((d) => `${d.pin}:${d.code}`),
    ).toEqual(['gone:too-long', 'gone:media-not-found', 'other:too-long', 'other:unknown-board']);
    const bundle = await makePreviewBundle({ root, env: {}, changed: ['content/pins/gone.md'], headSha: 'a'.repeat(40), validated: v });
    expect(bundle.pins).toMatchObject([{ key: 'gone', error: 'the pin is invalid: `image` "../media/gone.jpg" (content/media/gone.jpg): no such file (content/pins/gone.md:5)' }]);
    expect(bundle.images.size).toBe(0);
  });
});
