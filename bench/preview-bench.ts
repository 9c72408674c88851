import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createMediaFiles } from '../src/files/media-library.js';
import { validateRepository } from '../src/flows/validate.js';
import { CREATIVE_JPEG, type EncodedImage, PREVIEW_JPEG, type RgbImage } from '../src/render/formats.js';
import { creativeLayout } from '../src/render/layout.js';
import { CARD } from '../src/render/preview.js';
import { creativePixels, previewPixels, renderCreative, renderPreview } from '../src/render/sharp.js';
import { TemplateSchema } from '../src/settings/schema.js';
import { BENCH_TEMPLATE, BENCH_TEMPLATE_YAML, benchPhotos } from './photos.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const RUNS = 15;

const CREATIVE = TemplateSchema.parse(BENCH_TEMPLATE);

/** A repository of 50 pins over the bench photographs (one a template creative in ten). */
async function fixture(photos: Map<string, Buffer>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'pinops-bench-previews-'));
  await mkdir(join(root, 'content/pins'), { recursive: true });
  await mkdir(join(root, 'content/media'), { recursive: true });
  await cp('content/media/logo.png', join(root, 'content/media/logo.png'));
  for (const [name, bytes] of photos) await writeFile(join(root, 'content/media', name), bytes);
  await writeFile(join(root, 'pinops.yml'), BENCH_TEMPLATE_YAML);
  await writeFile(join(root, 'content/boards.yml'), 'boards:\n  - name: Bench\n');
  const names = [...photos.keys()];
  for (let i = 0; i < 50; i++) {
    const template = i % 10 === 0 ? 'template: card\n' : '';
    await writeFile(
      join(root, `content/pins/p${i}.md`),
      `---\nid: p${i}\ntitle: Product ${i}, a title of ordinary length\nboard: Bench\nlink: https://shop.example.com/p/${i}\nimage: ../media/${names[i % names.length]}\nalt_text: p\n${template}---\nA description of product ${i}: warm, soft and made to last for many winters.\n`,
    );
  }
  return root;
}

/** One photo's figures: pinops against bare sharp doing the same decode, cover-resize and encode, measured in turn. */
export interface PhotoFigures {
  name: string;
  width: number;
  height: number;
  fileBytes: number;
  preview: { ms: number; baselineMs: number; bytes: number; format: string; pngBytes: number };
  creative: { ms: number; baselineMs: number; bytes: number; format: string; pngBytes: number };
}

const pngBytes = async (img: RgbImage) =>
  (
    await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
      .png()
      .toBuffer()
  ).length;

/** Medians of `RUNS` pairs, pinops then the baseline, after one unmeasured run of each. */
async function inTurn(pinops: () => Promise<EncodedImage>, baseline: () => Promise<Buffer>): Promise<{ ms: number; baselineMs: number; out: EncodedImage }> {
  let out = await pinops();
  await baseline();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    out = await pinops();
    a.push(performance.now() - t);
    t = performance.now();
    await baseline();
    b.push(performance.now() - t);
  }
  return { ms: median(a), baselineMs: median(b), out };
}

/**
 * One photo's preview card and creative. Bare sharp does the same work on the same file: decode,
 * cover-resize (to the card's 720×1080 picture; to the creative's 1000×1500), encode as the same
 * JPEG; pinops also crops by attention, draws the text (and for the creative the band and logo)
 * and encodes the card's 720×1380.
 */
async function photoFigures(root: string, name: string, bytes: Buffer): Promise<PhotoFigures> {
  const path = `content/media/${name}`;
  const card = {
    picture: { path },
    title: 'Product 1, a title of ordinary length',
    excerpt: 'A description of product 1: warm, soft and made to last.',
    footer: 'shop.example.com · Bench',
  };
  const layout = creativeLayout({ title: card.title, description: '', board: 'Bench', link: 'https://shop.example.com/p/1', fields: {}, image: path }, CREATIVE);
  const file = join(root, path);
  const preview = await inTurn(
    () => renderPreview(createMediaFiles(root), card),
    () => sharp(file).resize(CARD.width, CARD.image, { fit: 'cover' }).jpeg(PREVIEW_JPEG).toBuffer(),
  );
  const creative = await inTurn(
    () => renderCreative(createMediaFiles(root), layout),
    () => sharp(file).resize(layout.width, layout.height, { fit: 'cover' }).jpeg(CREATIVE_JPEG).toBuffer(),
  );
  const meta = await sharp(bytes).metadata();
  const figures = (r: typeof preview, png: number) => ({ ms: r.ms, baselineMs: r.baselineMs, bytes: r.out.data.length, format: r.out.format, pngBytes: png });
  return {
    name,
    width: meta.width ?? 0,
    height: meta.height ?? 0,
    fileBytes: bytes.length,
    preview: figures(preview, await pngBytes(await previewPixels(createMediaFiles(root), card))),
    creative: figures(creative, await pngBytes(await creativePixels(createMediaFiles(root), layout))),
  };
}

/** Wall time and peak memory of `pinops preview` on the fixture, in a fresh process on every core. */
function previewProcess(root: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ['bench/measure.mjs', 'bin/pinops.js', 'preview', '--cwd', root, '--out', join(root, 'out')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(Number(/maxrss_kb=(\d+)/.exec(err)?.[1] ?? Number.NaN)) : reject(new Error(`pinops preview failed: ${err}`))));
  });
}

/**
 * Previews and creatives of real photographs (bench/photos.ts: the four of test/fixtures/photos/
 * and a 2000×3000 product shot), each beside bare sharp doing the same work in the same run; then
 * 50 pins over them through `pinops preview`.
 */
export async function previewBench(): Promise<{ photos: PhotoFigures[]; wall50Ms: number; peakMb: number }> {
  const photos = await benchPhotos();
  const root = await fixture(photos);
  try {
    const v = await validateRepository({ root, env: {} });
    if (!v.ok || v.diagnostics.some((d) => d.severity === 'error')) throw new Error('bench fixture invalid');
    const figures: PhotoFigures[] = [];
    for (const [name, bytes] of photos) figures.push(await photoFigures(root, name, bytes));
    const start = performance.now();
    const peakKb = await previewProcess(root);
    return { photos: figures, wall50Ms: performance.now() - start, peakMb: peakKb / 1024 };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
const ratio = (a: number, b: number) => (a / b).toFixed(2);

/** The figures as `npm run bench` prints them. */
export function printPreviewFigures(r: Awaited<ReturnType<typeof previewBench>>, log: (line: string) => void = console.log): void {
  for (const kind of ['preview', 'creative'] as const) {
    log(kind === 'preview' ? '  preview cards (720×1380), median of 15 in-process:' : '  creatives (1000×1500, band, text, logo), median of 15:');
    for (const p of r.photos) {
      const f = p[kind];
      log(
        `    ${`${p.name} ${p.width}×${p.height}`.padEnd(28)} ${f.ms.toFixed(0).padStart(4)} ms, bare sharp ${f.baselineMs.toFixed(0).padStart(3)} ms, ratio ${ratio(f.ms, f.baselineMs)}  ${f.format} ${kb(f.bytes)} (PNG ${kb(f.pngBytes)})`,
      );
    }
  }
  log(`  targets for a photo's card: ≤ 300 KB, ratio ≤ 2, < 60 ms`);
  log(`  50 pins, pinops preview           ${(r.wall50Ms / 1000).toFixed(2)} s, peak ${r.peakMb.toFixed(0)} MB  (targets < 3 s, < 400 MB)`);
}

/** The rows of the previews' table in bench/RESULTS.md. */
export function previewRows(r: Awaited<ReturnType<typeof previewBench>>): string {
  const rows = r.photos.map((p) => {
    const cell = (f: PhotoFigures['preview']) =>
      `${f.ms.toFixed(0)} ms / ${f.baselineMs.toFixed(0)} ms = ${ratio(f.ms, f.baselineMs)} | ${f.format}, ${kb(f.bytes)} (PNG: ${kb(f.pngBytes)})`;
    return `| ${p.name} (${p.width}×${p.height}, ${kb(p.fileBytes)}) | ${cell(p.preview)} | ${cell(p.creative)} |`;
  });
  return ['| photo | card: pinops / bare sharp = ratio | card: bytes | creative: pinops / bare sharp = ratio | creative: bytes |', '|---|---|---|---|---|', ...rows].join('\n');
}
