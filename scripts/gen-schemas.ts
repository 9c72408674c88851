// Writes schemas/*.json from the zod schemas (npm run schemas). test/schemas.test.ts fails when stale.
import { mkdir, writeFile } from 'node:fs/promises';
import { buildJsonSchemas } from '../src/schemas/json-schemas.js';

await mkdir('schemas', { recursive: true });
for (const [name, text] of Object.entries(buildJsonSchemas())) {
  await writeFile(`schemas/${name}`, text);
  console.log(`wrote schemas/${name}`);
}
