import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { validateRepository } from '../../src/flows/validate.js';
import { withoutLints } from '../helpers/lint.js';
import { BASE, type FixtureFile, tempRepos } from '../helpers/repo.js';

/*
 * A video's cover is an image (`cover:`) or one of its frames (`cover_time:`, a whole number of
 * seconds ≥ 0: the spec's `cover_image_key_frame_time` is an integer with minimum 0), exactly one
 * of them. And Pinterest's API Sandbox takes no video pins: an error at the `video:` line.
 */

const repo = tempRepos();

async function diagnosticsOf(files: Record<string, FixtureFile>, env: Record<string, string> = {}): Promise<Diagnostic[]> {
  const r = await validateRepository({ root: await repo({ ...BASE, ...files }), env });
  if (!r.ok) throw new Error(`settings failed: ${JSON.stringify(r.diagnostics)}`);
  return withoutLints(r.diagnostics);
}

const video = (extra: string) => `title: Cocoa\nboard: Cozy Home\nvideo: ../media/cocoa.mp4\nalt_text: cocoa\n${extra}`;
const brief = (list: Diagnostic[]) => list.map((d) => `${d.file}:${d.line}:${d.code}: ${d.message}`);

describe('cover_time', () => {
  it('is a cover, as cover: is', async () => {
    expect(await diagnosticsOf({ 'content/pins/v.yml': video('cover_time: 3\n'), 'content/pins/zero.yml': video('cover_time: 0\n') })).toEqual([]);
  });

  it('must be a whole number of seconds, at least 0: each bad value at its line, the other pins still valid', async () => {
    const d = await diagnosticsOf({
      'content/pins/negative.yml': video('cover_time: -1\n'),
      'content/pins/fraction.yml': video('cover_time: 2.5\n'),
      'content/pins/text.yml': video('cover_time: 3s\n'),
      'content/pins/fine.yml': video('cover_time: 12\n'),
    });
    expect(brief(d)).toEqual([
      'content/pins/fraction.yml:5:wrong-type: `cover_time` must be a whole number, not number 2.5',
      'content/pins/negative.yml:5:invalid-value: `cover_time` is too small; at least 0',
      'content/pins/text.yml:5:wrong-type: `cover_time` must be a number, not "3s"',
    ]);
  });

  it('exactly one of cover and cover_time, and neither without a video', async () => {
    const d = await diagnosticsOf({
      'content/pins/both.yml': video('cover: ../media/cover.jpg\ncover_time: 3\n'),
      'content/pins/none.yml': video(''),
      'content/pins/image.yml': 'title: Boots\nboard: Winter Looks\nimage: ../media/boots.jpg\nalt_text: boots\ncover_time: 3\n',
    });
    expect(brief(d)).toEqual([
      'content/pins/both.yml:6:conflicting-media: the pin has both `cover` and `cover_time`',
      'content/pins/image.yml:5:invalid-value: `cover_time` is only for video pins',
      'content/pins/none.yml:3:video-cover-missing: a video pin needs a cover: `cover:` with an image, or `cover_time:` with the second whose frame is shown',
    ]);
  });
});

describe('video pins under api: sandbox', () => {
  const files = {
    'pinops.yml': 'api: sandbox\n',
    'content/pins/v.yml': video('cover: ../media/cover.jpg\n'),
    'content/pins/boots.yml': 'title: Boots\nboard: Winter Looks\nimage: ../media/boots.jpg\nalt_text: boots\n',
  };

  it('are an error at the video line; image pins are fine', async () => {
    const d = await diagnosticsOf(files);
    expect(brief(d)).toEqual(["content/pins/v.yml:3:sandbox-video: a video pin cannot be published to Pinterest's API Sandbox (`api: sandbox` in pinops.yml)"]);
    expect(d[0]?.hint).toMatch(/Standard access/);
  });

  it('still, when PINTEREST_API_BASE points the run at a server standing in for the sandbox', async () => {
    const d = await diagnosticsOf(files, { PINTEREST_API_BASE: 'http://127.0.0.1:4010/v5' });
    expect(d.map((x) => x.code)).toEqual(['sandbox-video']);
  });

  it('and with the sandbox given by its URL', async () => {
    const d = await diagnosticsOf({ ...files, 'pinops.yml': 'api: https://api-sandbox.pinterest.com/v5\n' });
    expect(d.map((x) => x.code)).toEqual(['sandbox-video']);
  });

  it('are not an error in production', async () => {
    expect(await diagnosticsOf({ ...files, 'pinops.yml': 'api: production\n' })).toEqual([]);
  });
});
