import { describe, expect, it } from 'vitest';
import { resolveMediaRef } from '../../src/content/media.js';
import type { PinRecord } from '../../src/content/parse-pins.js';
import { mediaKinds, mediaUses } from '../../src/content/validate.js';

// Only what the media functions read of a pin: its file and its fields.
const pin = (file: string, fields: Record<string, unknown> | undefined) => ({ file, fields }) as unknown as PinRecord;

describe("the pins' media kinds", () => {
  it('are what the uses give: a path used as a video anywhere is a video, URLs and escapes are left out', () => {
    const pins = [
      pin('content/pins/a.md', { image: '../media/a.jpg', cover: '../media/c.jpg' }),
      pin('content/pins/b.md', { images: ['../media/a.jpg', '../media/b.png', 'https://cdn.example.com/x.jpg'] }),
      pin('content/pins/deep/c.yml', { video: '../../media/c.jpg', cover: '../../media/d.jpg' }),
      pin('content/pins/d.md', undefined),
      pin('content/pins/e.md', { image: '../../../etc/passwd' }),
    ];
    const kinds = mediaKinds(pins);
    // The same as the uses say, resolved one by one (a video wins over an image).
    const fromUses = new Map<string, string>();
    for (const u of mediaUses(pins)) {
      const r = resolveMediaRef(u.pin.file, u.ref);
      if (r.kind === 'file' && fromUses.get(r.path) !== 'video') fromUses.set(r.path, u.expect);
    }
    expect([...kinds]).toEqual([...fromUses]);
    expect([...kinds]).toEqual([
      ['content/media/a.jpg', 'image'],
      ['content/media/c.jpg', 'video'],
      ['content/media/b.png', 'image'],
      ['content/media/d.jpg', 'image'],
    ]);
    expect(mediaUses(pins).map((u) => u.field)).toEqual([['image'], ['cover'], ['images', 0], ['images', 1], ['images', 2], ['video'], ['cover'], ['image']]);
  });
});
