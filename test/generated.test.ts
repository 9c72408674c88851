import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../src/diagnostics/codes.js';
import { buildJsonSchemas } from '../src/schemas/json-schemas.js';
import { PROJECT } from './helpers/repo.js';

describe('generated files are current', () => {
  it('schemas/*.json match the zod schemas (run `npm run schemas`)', async () => {
    for (const [name, text] of Object.entries(buildJsonSchemas())) {
      expect(await readFile(join(PROJECT, 'schemas', name), 'utf8'), `schemas/${name} is stale`).toBe(text);
    }
  });

  it('the README documents every diagnostic code', async () => {
    const readme = await readFile(join(PROJECT, 'README.md'), 'utf8');
    const missing = Object.keys(CODES).filter((code) => !readme.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });
});
