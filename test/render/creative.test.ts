import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createMediaFiles } from '../../src/files/media-library.js';
import { type CreativeInput, creativeLayout, fieldText } from '../../src/render/layout.js';
import { creativePixels, renderCreative } from '../../src/render/sharp.js';
import { TemplateSchema } from '../../src/settings/schema.js';
import { PROJECT, photoPath } from '../helpers/repo.js';

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
  // A real photograph: its creative costs what a user's product shot costs.
  image: photoPath('coffee.png'),
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

/** Peak signal-to-noise ratio of decoded `encoded` against the RGB pixels it was made from, in dB. */
async function psnr(encoded: Buffer, pixels: Buffer): Promise<number> {
  const decoded = await sharp(encoded).removeAlpha().raw().toBuffer();
  let sum = 0;
  for (let i = 0; i < pixels.length; i++) sum += ((decoded[i] as number) - (pixels[i] as number)) ** 2;
  return 10 * Math.log10(255 ** 2 / (sum / pixels.length));
}

describe('rendering a creative', () => {
  it('is deterministic: the same pin and template give the same bytes', async () => {
    const layout = creativeLayout(input, template);
    const a = await renderCreative(createMediaFiles(PROJECT), layout);
    const b = await renderCreative(createMediaFiles(PROJECT), layout);
    expect(sha(a.data)).toBe(sha(b.data));
    const meta = await sharp(a.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual([a.format, 600, 900]);
  });

  it('sends a photo as a JPEG of high quality: a fraction of its PNG, nearly the same pixels, no colour subsampling', async () => {
    const layout = creativeLayout(input, template);
    const creative = await renderCreative(createMediaFiles(PROJECT), layout);
    expect(creative.format).toBe('jpeg');
    const pixels = await creativePixels(createMediaFiles(PROJECT), layout);
    const png = await sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 3 } })
      .png()
      .toBuffer();
    expect(creative.data.length).toBeLessThan(png.length / 4);
    expect(await psnr(creative.data, pixels.data)).toBeGreaterThan(38);
    expect((await sharp(creative.data).metadata()).chromaSubsampling).toBe('4:4:4');
  });

  it('keeps flat art (colour bands and text, no photo) as PNG, where PNG is the smaller', async () => {
    const { image: _, ...flat } = input;
    const creative = await renderCreative(createMediaFiles(PROJECT), creativeLayout(flat, { ...template, logo: undefined }));
    expect(creative.format).toBe('png');
    const pixels = await creativePixels(createMediaFiles(PROJECT), creativeLayout(flat, { ...template, logo: undefined }));
    const jpeg = await sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 3 } })
      .jpeg({ quality: 92, chromaSubsampling: '4:4:4' })
      .toBuffer();
    expect(creative.data.length).toBeLessThan(jpeg.length);
  });

  it('draws the text with the bundled font: another title gives other pixels, only in the text area', async () => {
    const one = await creativePixels(createMediaFiles(PROJECT), creativeLayout(input, template));
    const two = await creativePixels(createMediaFiles(PROJECT), creativeLayout({ ...input, title: 'Another title entirely' }, template));
    const rowBytes = one.width * 3;
    const differs = (from: number, to: number) => !one.data.subarray(from * rowBytes, to * rowBytes).equals(two.data.subarray(from * rowBytes, to * rowBytes));
    expect(differs(620, 720)).toBe(true);
    expect(differs(0, 600)).toBe(false);
  });

  it('crops the photo around a focal point', async () => {
    const at = (x: number) =>
      renderCreative(createMediaFiles(PROJECT), creativeLayout(input, { ...template, bands: [], texts: [], background: { color: '#ffffff', focus: { x, y: 0.5 } } }));
    expect(sha((await at(0)).data)).not.toBe(sha((await at(1)).data));
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
    expect(sha(tall.data)).not.toBe(sha(short.data));
  });
});
