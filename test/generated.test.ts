import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../src/diagnostics/codes.js';
import { buildJsonSchemas } from '../src/schemas/json-schemas.js';
import { PROJECT } from './helpers/repo.js';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('generated files are current', () => {
  it('schemas/*.json match the zod schemas (run `npm run schemas`)', async () => {
    for (const [name, text] of Object.entries(buildJsonSchemas())) {
      expect(await readFile(join(PROJECT, 'schemas', name), 'utf8'), `schemas/${name} is stale`).toBe(text);
    }
  });

  it('dist/ matches a fresh build of src/ (run `npm run build`)', { timeout: 180_000 }, async () => {
    const out = await mkdtemp(join(tmpdir(), 'pinops-dist-'));
    try {
      execFileSync(join(PROJECT, 'node_modules/.bin/tsx'), ['scripts/build.ts', out], { cwd: PROJECT, stdio: 'pipe' });
      const fresh = await listFiles(out);
      expect(await listFiles(join(PROJECT, 'dist'))).toEqual(fresh);
      for (const f of fresh) {
        const same = (await readFile(join(out, f))).equals(await readFile(join(PROJECT, 'dist', f)));
        expect(same, `dist/${f} differs from a fresh build`).toBe(true);
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('the README documents every diagnostic code', async () => {
    const readme = await readFile(join(PROJECT, 'README.md'), 'utf8');
    const missing = Object.keys(CODES).filter((code) => !readme.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });
});
