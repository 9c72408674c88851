import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import type Sharp from 'sharp';

/** sharp's platform packages that dist/ carries: the action runs on linux-x64 and linux-arm64 runners. */
export const NATIVE_PACKAGES = ['sharp-linux-x64', 'sharp-libvips-linux-x64', 'sharp-linux-arm64', 'sharp-libvips-linux-arm64'] as const;

/**
 * In dist/, libvips is stored brotli-compressed (scripts/build.ts), which keeps the download a
 * runner makes of the action small: this machine's copy is unpacked beside it before sharp is
 * first loaded (about 0.1 s, once per checkout of the action). From source or an npm install
 * there is nothing to unpack.
 */
export function unpackNatives(bundle: string = import.meta.url): void {
  const lib = fileURLToPath(new URL(`./node_modules/@img/sharp-libvips-${process.platform}-${process.arch}/lib/`, bundle));
  if (!existsSync(lib)) return;
  for (const packed of readdirSync(lib).filter((f) => f.endsWith('.br'))) {
    const target = join(lib, packed.slice(0, -'.br'.length));
    if (existsSync(target)) continue;
    // Written aside and renamed, so a second process never loads a half-written library.
    const partial = `${target}.${process.pid}.partial`;
    writeFileSync(partial, brotliDecompressSync(readFileSync(join(lib, packed))));
    renameSync(partial, target);
  }
}

/** sharp itself, its natives unpacked first. */
export async function loadSharp(): Promise<typeof Sharp> {
  unpackNatives();
  return (await import(/* webpackMode: "eager" */ 'sharp')).default;
}

/** The renderer (sharp.ts), its natives unpacked first. */
export async function loadRenderer(): Promise<typeof import('./sharp.js')> {
  unpackNatives();
  return import(/* webpackMode: "eager" */ './sharp.js');
}

/** The calendar's renderer (sharp, with the natives unpacked first, as for the previews). */
export async function loadCalendarRenderer(): Promise<typeof import('./calendar-image.js')> {
  unpackNatives();
  return import(/* webpackMode: "eager" */ './calendar-image.js');
}
