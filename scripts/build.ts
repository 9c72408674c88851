// Builds the action into dist/ (committed: what a runner downloads) and the CLI into dist-cli/
// (not committed: `npm pack` builds it, see package.json's prepack).
//   tsx scripts/build.ts [action|cli|all] [OUT]   — OUT: where the action goes (check-dist builds elsewhere)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompressSync, constants } from 'node:zlib';
import subsetFont from 'subset-font';
import { FALLBACK_FONTS } from '../src/render/fonts.js';
import { NATIVE_PACKAGES } from '../src/render/natives.js';
import { cjkCharacters } from './cjk-characters.js';

const what = process.argv[2] ?? 'all';
const actionOut = process.argv[3] ?? 'dist';
const ncc = join('node_modules', '.bin', 'ncc');

function bundle(entry: string, dir: string, externals: string[] = []): void {
  rmSync(dir, { recursive: true, force: true });
  execFileSync(ncc, ['build', entry, '-o', dir, '--license', 'licenses.txt', '-q', ...externals.flatMap((e) => ['-e', e])], { stdio: 'inherit' });
}

/** The fonts creatives use travel with each bundle (src/render/fonts.ts looks beside it first). */
async function copyFonts(out: string): Promise<void> {
  mkdirSync(join(out, 'fonts'), { recursive: true });
  for (const [dir, file] of [
    ['400Regular', 'Inter_400Regular.ttf'],
    ['700Bold', 'Inter_700Bold.ttf'],
  ] as const) {
    copyFileSync(join('node_modules/@expo-google-fonts/inter', dir, file), join(out, 'fonts', file));
  }
  copyFileSync('node_modules/@expo-google-fonts/inter/LICENSE_FONT', join(out, 'fonts', 'LICENSE-Inter.txt'));
  // The fallback fonts: the CJK ones cut to their commonly used characters (10 MB → about 2 MB each,
  // deterministically: harfbuzz's subsetter gives the same bytes for the same input).
  for (const f of FALLBACK_FONTS) {
    const from = join('node_modules', f.source);
    if (f.subset) writeFileSync(join(out, 'fonts', f.file), await subsetFont(readFileSync(from), cjkCharacters(f.subset), { targetFormat: 'truetype' }));
    else copyFileSync(from, join(out, 'fonts', f.file));
  }
  for (const pkg of new Set(FALLBACK_FONTS.map((f) => f.source.split('/').slice(0, 2).join('/')))) {
    copyFileSync(join('node_modules', pkg, 'LICENSE_FONT'), join(out, 'fonts', `LICENSE-${pkg.split('/')[1]}.txt`));
  }
}

/**
 * Brotli at its strongest takes about 40 s for an 18 MB library. Its output is the same for the
 * same input, so it is not made again when it is already at hand: in node_modules/.cache by the
 * input's hash, or as the committed copy in dist/ when that decompresses to exactly this input
 * (which is all the dist check needs to know; a fresh clone then checks in seconds).
 */
async function brotli(file: string, committed: string): Promise<Buffer> {
  const input = readFileSync(file);
  const cache = join('node_modules', '.cache', 'pinops-build', `${createHash('sha256').update(input).digest('hex')}.br`);
  if (existsSync(cache)) return readFileSync(cache);
  if (existsSync(committed)) {
    const packed = readFileSync(committed);
    if (brotliDecompressSync(packed).equals(input)) return packed;
  }
  const out = await promisify(brotliCompress)(input, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: input.length },
  });
  mkdirSync(join(cache, '..'), { recursive: true });
  writeFileSync(cache, out);
  return out;
}

/**
 * sharp's native addon and libvips travel with dist/ (ncc does not copy them), so rendering works
 * from the action's own checkout, where there is no node_modules: for linux-x64 and linux-arm64
 * runners (npm installs the host's; scripts/fetch-natives.mjs adds the other).
 * libvips is stored brotli-compressed (18 MB → 6.5 MB, a third less than the runner's gzip makes
 * of it) and unpacked on first use by src/render/natives.ts.
 */
async function copyNatives(out: string): Promise<void> {
  execFileSync(process.execPath, ['scripts/fetch-natives.mjs'], { stdio: 'inherit' });
  const libs: string[] = [];
  for (const pkg of NATIVE_PACKAGES) {
    const from = join('node_modules/@img', pkg);
    if (!existsSync(from)) throw new Error(`${from} is missing: run \`npm ci\``);
    const to = join(out, 'node_modules/@img', pkg);
    cpSync(from, to, { recursive: true });
    if (pkg.startsWith('sharp-libvips-'))
      libs.push(
        ...readdirSync(join(to, 'lib'))
          .filter((f) => f.startsWith('libvips'))
          .map((f) => join(to, 'lib', f)),
      );
  }
  // Both architectures at once: zlib compresses on libuv's threads.
  await Promise.all(
    libs.map(async (lib) => {
      writeFileSync(`${lib}.br`, await brotli(lib, join('dist', relative(out, lib)) + '.br'));
      rmSync(lib);
    }),
  );
}

if (what === 'action' || what === 'all') {
  bundle('src/index.ts', actionOut);
  await copyFonts(actionOut);
  await copyNatives(actionOut);
}
if (what === 'cli' || what === 'all') {
  // The npm package: sharp stays a dependency, so that npm installs the natives of the user's own
  // platform (macOS, Windows, Linux) from sharp's optional packages.
  bundle('src/cli.ts', 'dist-cli', ['sharp']);
  await copyFonts('dist-cli');
}
