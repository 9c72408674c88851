import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The fonts pinops ships (Inter, SIL Open Font License), by weight. */
export const FONT_FILES = { regular: 'Inter_400Regular.ttf', bold: 'Inter_700Bold.ttf' } as const;
const PACKAGE_DIRS = { regular: '400Regular', bold: '700Bold' } as const;

/**
 * A bundled font file: from `fonts/` beside the bundle (dist/, where the build copies them), or
 * from the npm package when running from source. System fonts are never used.
 */
export function fontFile(weight: 'regular' | 'bold'): string {
  for (const rel of [`./fonts/${FONT_FILES[weight]}`, `../fonts/${FONT_FILES[weight]}`]) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return createRequire(import.meta.url).resolve(`@expo-google-fonts/inter/${PACKAGE_DIRS[weight]}/${FONT_FILES[weight]}`);
}
