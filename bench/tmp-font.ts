import sharp from 'sharp';
import { fontFile } from '../src/render/fonts.js';
const emoji = '/tmp/armtest/emoji/400Regular/NotoEmoji_400Regular.ttf';
const render = async (text: string, font: string, fontfile: string, out: string) => {
  const img = sharp({ text: { text, font, fontfile, width: 800, dpi: 72, rgba: true } });
  const meta = await img.clone().png().toFile(out);
  return meta;
};
console.log(await render('before 😀🎁', 'Inter Regular 48px', fontFile('regular'), '/tmp/f1.png'));
// Register the emoji font once with fontconfig (libvips adds a fontfile as an app font).
await render('😀', 'Noto Emoji 48px', emoji, '/tmp/f0.png');
console.log(await render('after 😀🎁', 'Inter Regular 48px', fontFile('regular'), '/tmp/f2.png'));
