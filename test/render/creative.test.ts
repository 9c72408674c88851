import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createMediaFiles } from '../../src/files/media-library.js';
import { type CreativeInput, creativeLayout, fieldText } from '../../src/render/layout.js';
import { renderCreative } from '../../src/render/sharp.js';
import { TemplateSchema } from '../../src/settings/schema.js';
import { PROJECT } from '../helpers/repo.js';

const template = TemplateSchema.parse({
  width: 600,
  height: 900,
  background: { color: '#f6f1eb', focus: 'attention' },
  bands: [{ y: 600, height: 300, color: '#1d1d1d', to: '#3a3a3a', opacity: 0.9 }],
  texts: [
    { field: 'title', x: 30, y: 620, width: 540, size: 40, weight: 'bold', color: '#ffffff', max_lines: 2 },
    { field: 'price', x: 30, y: 760, width: 200, size: 36, color: '#ffd166', max_lines: 1 },
    { field: 'domain', x: 30, y: 840, width: 540, size: 20, color: '#dddddd', max_lines: 1 },
  ],
  logo: { path: 'content/media/logo.png', x: 520, y: 20, width: 60 },
});
const input: CreativeInput = {
  title: 'The fisherman sweater',
  description: 'Wool',
  link: 'https://www.shop.example.com/s?utm_source=x',
  board: 'Winter',
  fields: { price: '€129' },
  image: 'content/media/sweater.jpg',
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('creative layout (pure)', () => {
  it('resolves fields: title, description, board, domain without www, and fields:', () => {
    expect(fieldText(input, 'domain')).toBe('shop.example.com');
    expect(fieldText(input, 'price')).toBe('€129');
    expect(fieldText(input, 'board')).toBe('Winter');
    expect(fieldText({ ...input, description: '' }, 'description')).toBeUndefined();
    expect(fieldText(input, 'missing')).toBeUndefined();
  });

  it('orders the layers photo, bands, texts, logo and leaves out missing fields', () => {
    const layout = creativeLayout({ ...input, fields: {} }, template);
    expect(layout.layers.map((l) => (l.kind === 'text' ? `text:${l.text}` : l.kind))).toEqual(['photo', 'band', 'text:The fisherman sweater', 'text:shop.example.com', 'logo']);
    expect([layout.width, layout.height, layout.background]).toEqual([600, 900, '#f6f1eb']);
  });
});

describe('rendering a creative', () => {
  it('is deterministic: the same pin and template give the same bytes', async () => {
    const layout = creativeLayout(input, template);
    const a = await renderCreative(createMediaFiles(PROJECT), layout);
    const b = await renderCreative(createMediaFiles(PROJECT), layout);
    expect(sha(a)).toBe(sha(b));
    const meta = await sharp(a).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 600, 900]);
  });

  it('draws the text with the bundled font: another title gives other pixels, only in the text area', async () => {
    const one = await sharp(await renderCreative(createMediaFiles(PROJECT), creativeLayout(input, template)))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const two = await sharp(await renderCreative(createMediaFiles(PROJECT), creativeLayout({ ...input, title: 'Another title entirely' }, template)))
      .raw()
      .toBuffer();
    const rowBytes = one.info.width * one.info.channels;
    const differs = (from: number, to: number) => !one.data.subarray(from * rowBytes, to * rowBytes).equals(two.subarray(from * rowBytes, to * rowBytes));
    expect(differs(620, 720)).toBe(true);
    expect(differs(0, 600)).toBe(false);
  });

  it('crops the photo around a focal point', async () => {
    const at = (x: number) =>
      renderCreative(createMediaFiles(PROJECT), creativeLayout(input, { ...template, bands: [], texts: [], background: { color: '#ffffff', focus: { x, y: 0.5 } } }));
    expect(sha(await at(0))).not.toBe(sha(await at(1)));
  });

  it('cuts text to max_lines', async () => {
    const long = { ...input, title: 'word '.repeat(60) };
    const tall = await renderCreative(
      createMediaFiles(PROJECT),
      creativeLayout(long, { ...template, texts: [{ ...template.texts[0], max_lines: 8 } as (typeof template.texts)[0]] }),
    );
    const short = await renderCreative(
      createMediaFiles(PROJECT),
      creativeLayout(long, { ...template, texts: [{ ...template.texts[0], max_lines: 1 } as (typeof template.texts)[0]] }),
    );
    expect(sha(tall)).not.toBe(sha(short));
  });
});
