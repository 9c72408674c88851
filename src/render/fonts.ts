import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The fonts pinops ships (Inter, SIL Open Font License), by weight. */
export const FONT_FILES = { regular: 'Inter_400Regular.ttf', bold: 'Inter_700Bold.ttf' } as const;
const PACKAGE_DIRS = { regular: '400Regular', bold: '700Bold' } as const;

/**
 * Fonts for what Inter lacks, all SIL Open Font License: Noto Sans Arabic and Hebrew (right-to-left
 * scripts) and Noto Emoji (monochrome), in both weights. They are registered with fontconfig and
 * named after Inter in every font description, so Pango takes each character from the first of
 * them that has it, and never from the machine's own fonts for these scripts.
 */
export const FALLBACK_FONTS = [
  { file: 'NotoSansArabic_400Regular.ttf', pkg: '@expo-google-fonts/noto-sans-arabic/400Regular', family: 'Noto Sans Arabic' },
  { file: 'NotoSansArabic_700Bold.ttf', pkg: '@expo-google-fonts/noto-sans-arabic/700Bold', family: 'Noto Sans Arabic' },
  { file: 'NotoSansHebrew_400Regular.ttf', pkg: '@expo-google-fonts/noto-sans-hebrew/400Regular', family: 'Noto Sans Hebrew' },
  { file: 'NotoSansHebrew_700Bold.ttf', pkg: '@expo-google-fonts/noto-sans-hebrew/700Bold', family: 'Noto Sans Hebrew' },
  { file: 'NotoEmoji_400Regular.ttf', pkg: '@expo-google-fonts/noto-emoji/400Regular', family: 'Noto Emoji' },
  { file: 'NotoEmoji_700Bold.ttf', pkg: '@expo-google-fonts/noto-emoji/700Bold', family: 'Noto Emoji' },
] as const;

/** The font description Pango gets: Inter, then the fallbacks, in order. */
export function fontDescription(weight: 'regular' | 'bold', size: number): string {
  const families = ['Inter', ...new Set(FALLBACK_FONTS.map((f) => f.family))].join(', ');
  return `${families} ${weight === 'bold' ? 'Bold' : 'Regular'} ${size}px`;
}

/** The packages of the fallback fonts, for their licences. */
export const FALLBACK_PACKAGES = ['@expo-google-fonts/noto-sans-arabic', '@expo-google-fonts/noto-sans-hebrew', '@expo-google-fonts/noto-emoji'] as const;

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
