// Bundles the action (dist/index.js) and the CLI (dist/cli/index.js) with ncc.
// `tsx scripts/build.ts OUT` builds elsewhere: test/dist.test.ts compares that with dist/.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import subsetFont from 'subset-font';
import { FALLBACK_FONTS } from '../src/render/fonts.js';
import { cjkCharacters } from './cjk-characters.js';

const out = process.argv[2] ?? 'dist';
const ncc = join('node_modules', '.bin', 'ncc');
rmSync(out, { recursive: true, force: true });
for (const [entry, dir] of [
  ['src/index.ts', out],
  ['src/cli.ts', join(out, 'cli')],
]) {
  execFileSync(ncc, ['build', entry as string, '-o', dir as string, '--license', 'licenses.txt', '-q'], { stdio: 'inherit' });
}

// The fonts creatives use travel with dist/ (src/render/fonts.ts looks beside the bundle first).
mkdirSync(join(out, 'fonts'), { recursive: true });
for (const [dir, file] of [
  ['400Regular', 'Inter_400Regular.ttf'],
  ['700Bold', 'Inter_700Bold.ttf'],
]) {
  copyFileSync(join('node_modules/@expo-google-fonts/inter', dir as string, file as string), join(out, 'fonts', file as string));
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

// sharp's native addon and libvips travel with dist/ (ncc does not copy them), so rendering works
// from the action's own checkout, where there is no node_modules: for linux-x64 and linux-arm64
// runners (npm installs the host's; scripts/fetch-natives.mjs, run on install, adds the other).
for (const pkg of ['sharp-linux-x64', 'sharp-libvips-linux-x64', 'sharp-linux-arm64', 'sharp-libvips-linux-arm64']) {
  const from = join('node_modules/@img', pkg);
  if (!existsSync(from)) throw new Error(`${from} is missing: run \`npm install\` (its postinstall adds the natives of the other architecture)`);
  cpSync(from, join(out, 'node_modules/@img', pkg), { recursive: true });
}
