import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createMediaFiles } from '../src/files/media-library.js';
import { validateRepository } from '../src/flows/validate.js';
import { desiredPins } from '../src/plan/desired.js';
import { previewCard } from '../src/render/preview.js';
import { renderPreview } from '../src/render/sharp.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** A repository of 50 pins over 1000×1500 photos (one a template creative in ten). */
async function fixture(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'pinops-bench-previews-'));
  await mkdir(join(root, 'content/pins'), { recursive: true });
  await mkdir(join(root, 'content/media'), { recursive: true });
  await cp('content/media/logo.png', join(root, 'content/media/logo.png'));
  for (let i = 0; i < 10; i++) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1500"><rect width="100%" height="100%" fill="hsl(${i * 36},60%,50%)"/><circle cx="600" cy="500" r="300" fill="#fff" fill-opacity="0.3"/></svg>`;
    await sharp(Buffer.from(svg))
      .jpeg({ quality: 80 })
      .toFile(join(root, `content/media/p${i}.jpg`));
  }
  await writeFile(
    join(root, 'pinops.yml'),
    'templates:\n  card:\n    bands: [{ y: 1050, height: 450, color: "#1d1d1d", opacity: 0.9 }]\n    texts:\n      - { field: title, x: 60, y: 1090, width: 880, size: 64, weight: bold, color: "#ffffff", max_lines: 2 }\n      - { field: domain, x: 60, y: 1400, width: 880, size: 32, color: "#dddddd", max_lines: 1 }\n',
  );
  await writeFile(join(root, 'content/boards.yml'), 'boards:\n  - name: Bench\n');
  for (let i = 0; i < 50; i++) {
    const template = i % 10 === 0 ? 'template: card\n' : '';
    await writeFile(
      join(root, `content/pins/p${i}.md`),
      `---\nid: p${i}\ntitle: Product ${i}, a title of ordinary length\nboard: Bench\nlink: https://shop.example.com/p/${i}\nimage: ../media/p${i % 10}.jpg\nalt_text: p\n${template}---\nA description of product ${i}: warm, soft and made to last for many winters.\n`,
    );
  }
  return root;
}

/**
 * Preview rendering: the median time of one 1000×1500-photo preview, beside a bare sharp baseline
 * on the same photo (decode, resize to the card's image, encode PNG); wall time and peak memory
 * for 50 pins through `pinops preview` (a fresh process, both cores).
 */
export async function previewBench(): Promise<{ perPinMs: number; baselineMs: number; wall50Ms: number; peakMb: number }> {
  const root = await fixture();
  try {
    const v = await validateRepository({ root, env: {} });
    if (!v.ok) throw new Error('bench fixture invalid');
    const cards = desiredPins(v.pins, v.diagnostics, v.settings, new Map())
      .filter((d) => d.media?.kind !== 'template')
      .map(previewCard);
    const photo = join(root, 'content/media/p0.jpg');
    await renderPreview(createMediaFiles(root), cards[0] as (typeof cards)[0]);
    const times: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < 15; i++) {
      let t = performance.now();
      await renderPreview(createMediaFiles(root), cards[i % cards.length] as (typeof cards)[0]);
      times.push(performance.now() - t);
      t = performance.now();
      await sharp(photo).resize(720, 1080, { fit: 'cover' }).png().toBuffer();
      base.push(performance.now() - t);
    }
    const start = performance.now();
    const out = join(root, 'out');
    const peakKb = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['bench/measure.mjs', 'bin/pinops.js', 'preview', '--cwd', root, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (code) => (code === 0 ? resolve(Number(/maxrss_kb=(\d+)/.exec(err)?.[1] ?? Number.NaN)) : reject(new Error(`pinops preview failed: ${err}`))));
    });
    return { perPinMs: median(times), baselineMs: median(base), wall50Ms: performance.now() - start, peakMb: peakKb / 1024 };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
