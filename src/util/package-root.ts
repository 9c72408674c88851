import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of pinops' own package (where the bundled example content/ lives), found by walking
 * up from this module: it differs between src/ (tests), dist/ (the action) and an npm install.
 */
export function packageRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'pinops') return dir;
      } catch {
        // dist/package.json and others: keep climbing.
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the pinops package folder');
    dir = up;
  }
}
