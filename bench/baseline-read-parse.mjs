// Baseline for the validation benchmark: read every content file and YAML-parse it (markdown:
// its front matter), nothing else — the floor any validator must pay. It reads and parses the way
// pinops does (sync reads, js-yaml with the YAML 1.2 core schema), so the ratio is pinops' own work.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';

const root = process.argv[2];
const entries = readdirSync(join(root, 'content/pins'), { recursive: true, withFileTypes: true });
const files = entries.filter((e) => e.isFile() && /\.(md|ya?ml)$/.test(e.name)).map((e) => join(e.parentPath, e.name));
let parsed = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const yaml = f.endsWith('.md') ? text.slice(4, text.indexOf('\n---', 3)) : text;
  if (load(yaml, { schema: CORE_SCHEMA })) parsed++;
}
load(readFileSync(join(root, 'content/boards.yml'), 'utf8'), { schema: CORE_SCHEMA });
if (parsed !== files.length) throw new Error(`parsed ${parsed} of ${files.length}`);
