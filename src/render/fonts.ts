import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The fonts pinops ships (Inter, SIL Open Font License), by weight. */
export const FONT_FILES = { regular: 'Inter_400Regular.ttf', bold: 'Inter_700Bold.ttf' } as const;
const PACKAGE_DIRS = { regular: '400Regular', bold: '700Bold' } as const;

/**
 * Fonts for what Inter lacks, all SIL Open Font License: Noto Sans Arabic and Hebrew (right-to-left
 * scripts), Noto Sans SC and KR (Chinese, Japanese kana and kanji, Korean) and Noto Emoji
 * (monochrome). They are registered with fontconfig and named after Inter in
 * every font description, so Pango takes each character from the first of them that has it, and
 * never from the machine's own fonts.
 *
 * `source` is the npm package's file. The CJK fonts are 6–10 MB each, so the build ships a subset
 * (`subset`: the commonly used characters, see scripts/cjk-characters.ts) under `file`. Arabic and
 * Hebrew come in both weights; CJK and emoji in the regular weight only, drawn bold by Pango's
 * synthetic emboldening where a bold title needs them: their bold files would add 3 MB to every
 * runner's download of the action.
 */
export const FALLBACK_FONTS: readonly FallbackFont[] = [
  { file: 'NotoSansArabic_400Regular.ttf', source: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf', family: 'Noto Sans Arabic' },
  { file: 'NotoSansArabic_700Bold.ttf', source: '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf', family: 'Noto Sans Arabic' },
  { file: 'NotoSansHebrew_400Regular.ttf', source: '@expo-google-fonts/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf', family: 'Noto Sans Hebrew' },
  { file: 'NotoSansHebrew_700Bold.ttf', source: '@expo-google-fonts/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf', family: 'Noto Sans Hebrew' },
  { file: 'NotoSansSC-Common_400Regular.ttf', source: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf', family: 'Noto Sans SC', subset: 'han' },
  { file: 'NotoSansKR-Common_400Regular.ttf', source: '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf', family: 'Noto Sans KR', subset: 'hangul' },
  { file: 'NotoEmoji_400Regular.ttf', source: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf', family: 'Noto Emoji' },
];

export interface FallbackFont {
  /** The file's name in dist/fonts. */
  file: string;
  /** The file in its npm package. */
  source: string;
  family: string;
  subset?: 'han' | 'hangul';
}

/** The font description Pango gets: Inter, then the fallbacks, in order. */
export function fontDescription(weight: 'regular' | 'bold', size: number): string {
  const families = ['Inter', ...new Set(FALLBACK_FONTS.map((f) => f.family))].join(', ');
  return `${families} ${weight === 'bold' ? 'Bold' : 'Regular'} ${size}px`;
}

/** A fallback font's file: from dist/fonts, or (running from source) the npm package's whole font. */
export function fallbackFontFile(f: FallbackFont): string {
  return bundled(f.file) ?? createRequire(import.meta.url).resolve(f.source);
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
