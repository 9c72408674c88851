// Generates the bundled example's media (content/media/). Run once by hand; the files are committed.
// Video needs ffmpeg on the machine (apt-get install ffmpeg); CI never runs this script.
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import sharp from 'sharp';

const out = 'content/media';
await mkdir(out, { recursive: true });

function card(w: number, h: number, from: string, to: string, label: string): Buffer {
  const size = Math.round(w / 9);
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="0.4" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/>
  <circle cx="${w * 0.7}" cy="${h * 0.3}" r="${w * 0.22}" fill="#ffffff" fill-opacity="0.18"/>
  <rect x="${w * 0.12}" y="${h * 0.55}" width="${w * 0.5}" height="${h * 0.25}" rx="${w * 0.04}" fill="#000000" fill-opacity="0.12"/>
  <text x="50%" y="${h * 0.9}" font-family="DejaVu Sans" font-size="${size}" fill="#ffffff" text-anchor="middle">${label}</text>
</svg>`);
}

const images: [string, number, number, string, string, string][] = [
  ['boots.jpg', 600, 900, '#2b2d42', '#8d99ae', 'boots'],
  ['scarf.jpg', 600, 900, '#6d2e46', '#d5b9b2', 'scarf'],
  ['wreath.jpg', 600, 900, '#1b4332', '#95d5b2', 'wreath'],
  ['look-1.jpg', 600, 900, '#3d405b', '#e07a5f', 'look 1'],
  ['look-2.jpg', 600, 900, '#3d405b', '#81b29a', 'look 2'],
  ['look-3.jpg', 600, 900, '#3d405b', '#f2cc8f', 'look 3'],
  ['cocoa-cover.jpg', 600, 900, '#4a2c2a', '#c08552', 'cocoa'],
  ['sweater.jpg', 900, 900, '#e9edc9', '#ccd5ae', 'sweater'],
  ['gift-guide.jpg', 600, 900, '#bc4749', '#f2e8cf', 'gifts'],
  ['welcome.jpg', 400, 600, '#264653', '#2a9d8f', 'welcome'],
];
for (const [name, w, h, a, b, label] of images) {
  await sharp(card(w, h, a, b, label))
    .jpeg({ quality: 78, mozjpeg: true })
    .toFile(`${out}/${name}`);
}
// The mug pin shows a real photograph (test/fixtures/photos/README.md): the coffee cup, cut to 2:3
// around the cup and scaled to the example's 600×900.
await sharp('test/fixtures/photos/coffee.png')
  .extract({ left: 162, top: 0, width: 267, height: 400 })
  .resize(600, 900, { kernel: 'lanczos3' })
  .jpeg({ quality: 85, mozjpeg: true })
  .toFile(`${out}/mug.jpg`);
await sharp(card(240, 240, '#111111', '#333333', 'B'))
  .png()
  .toFile(`${out}/logo.png`);

// A 2-second 320×480 H.264 clip with a moving gradient.
execFileSync('ffmpeg', [
  '-y',
  '-loglevel',
  'error',
  '-f',
  'lavfi',
  '-i',
  'gradients=s=320x480:d=2:speed=0.05',
  '-pix_fmt',
  'yuv420p',
  '-c:v',
  'libx264',
  '-crf',
  '36',
  '-movflags',
  '+faststart',
  `${out}/cocoa.mp4`,
]);
console.log(`wrote ${images.length + 3} files to ${out}/`);
