import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitLedgerStore } from '../../src/ledger/store.js';
import { previewCard } from '../../src/render/preview.js';
import { publishWorlds } from '../helpers/publish-world.js';

/*
 * `cover_time:` makes one of the video's frames its cover: the create sends the spec's
 * `cover_image_key_frame_time` instead of a cover image, and the contract check holds it to the spec.
 */

const world = publishWorlds();
const cocoa = (cover: string) => `title: Cocoa\nboard: Cozy Home\nvideo: ../media/cocoa.mp4\nalt_text: cocoa\n${cover}`;

describe('a video pin with cover_time', () => {
  it('is created with cover_image_key_frame_time and no cover image', async () => {
    const w = await world({ 'content/pins/cocoa.yml': cocoa('cover_time: 2\n') });
    const r = await w.run();
    expect(r.outcomes.map((o) => `${o.key}:${o.result}`)).toEqual(['cocoa:ok']);
    const sent = w.sim.exchanges.find((e) => e.method === 'POST' && e.route === '/pins')?.requestBody as { media_source: Record<string, unknown> };
    expect(sent.media_source).toEqual({ source_type: 'video_id', media_id: expect.stringMatching(/^\d+$/), cover_image_key_frame_time: 2 });
    expect([...w.sim.state.pins.values()].map((p) => (p.media as { media_type?: string }).media_type)).toEqual(['video']);
    expect(w.contract.violations).toEqual([]);
    expect(w.contract.checked).toBeGreaterThan(3);
  });

  it('a cover image is still sent as one', async () => {
    const w = await world({ 'content/pins/cocoa.yml': cocoa('cover: ../media/cover.jpg\n') });
    await w.run();
    const sent = w.sim.exchanges.find((e) => e.method === 'POST' && e.route === '/pins')?.requestBody as { media_source: Record<string, unknown> };
    expect(Object.keys(sent.media_source).sort()).toEqual(['cover_image_content_type', 'cover_image_data', 'media_id', 'source_type']);
    expect(w.contract.violations).toEqual([]);
  });

  it('another frame is another cover: the API cannot edit it, so the pin is planned as recreate', async () => {
    const w = await world({ 'content/pins/cocoa.yml': cocoa('cover_time: 2\n') });
    await w.run();
    await writeFile(join(w.repo.root, 'content/pins/cocoa.yml'), cocoa('cover_time: 5\n'));
    const r = await w.run({ dryRun: true });
    expect(r.plan.actions.map((a) => `${a.key}:${a.kind}${a.blocked ? ' (blocked)' : ''}`)).toEqual(['cocoa:recreate (blocked)']);
    expect((await gitLedgerStore(w.repo.root, 'pinops-ledger').load()).pins.cocoa?.media_kind).toBe('video');
  });

  it('its preview names the frame, with the play mark', async () => {
    const w = await world({ 'content/pins/cocoa.yml': cocoa('cover_time: 7\n') });
    const r = await w.run({ dryRun: true });
    const card = previewCard(r.plan.actions[0]?.desired as NonNullable<(typeof r.plan.actions)[0]['desired']>);
    expect(card.picture).toEqual({ missing: "cover: the video's frame at 7 s" });
    expect(card.badge).toBe('video');
  });
});
