import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The fonts pinops ships (Inter, SIL Open Font License), by weight. */
export const FONT_FILES = { regular: 'Inter_400Regular.ttf', bold: 'Inter_700Bold.ttf' } as const;
const PACKAGE_DIRS = { regular: '400Regular', bold: '700Bold' } as const;

/**
 * Fonts for what Inter lacks, registered with fontconfig so Pango falls back to them: Noto Emoji
 * (monochrome; SIL Open Font License), in both weights.
 */
export const FALLBACK_FONTS = [
  { file: 'NotoEmoji_400Regular.ttf', pkg: '@expo-google-fonts/noto-emoji/400Regular', family: 'Noto Emoji' },
  { file: 'NotoEmoji_700Bold.ttf', pkg: '@expo-google-fonts/noto-emoji/700Bold', family: 'Noto Emoji Bold' },
] as const;

/** A fallback font's file, from dist/fonts or the npm package. */
export function fallbackFontFile(f: (typeof FALLBACK_FONTS)[number]): string {
  return bundled(f.file) ?? createRequire(import.meta.url).resolve(`${f.pkg}/${f.file}`);
}

function bundled(file: string): string | undefined {
  for (const rel of [`./fonts/${file}`, `../fonts/${file}`]) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return undefined;
}

/**
 * A bundled font file: from `fonts/` beside the bundle (dist/, where the build copies them), or
 * from the npm package when running from source. System fonts are never used.
 */
export function fontFile(weight: 'regular' | 'bold'): string {
  return bundled(FONT_FILES[weight]) ?? createRequire(import.meta.url).resolve(`@expo-google-fonts/inter/${PACKAGE_DIRS[weight]}/${FONT_FILES[weight]}`);
}
