import { access, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildJsonSchemas } from '../schemas/json-schemas.js';
import { packageRoot } from '../util/package-root.js';
import type { CliIO } from './io.js';

const SETTINGS = `# yaml-language-server: $schema=./schemas/settings.schema.json
# pinops settings. Every field is optional; the values below are the defaults.
api: production            # production | sandbox | a base URL (the offline simulator)
# timezone: Europe/Berlin  # for publish_at values without an offset
schedule:
  max_per_run: 10
  max_per_day: 25
  min_link_spacing: 0m     # e.g. 48h: no two pins to the same URL closer than this
  windows: []              # e.g. ["mon-fri 08:00-20:00"]
defaults:
  utm:
    utm_source: pinterest
    utm_medium: social
prune: false               # true: delete pins whose files were removed
`;

const BOARDS = `# yaml-language-server: $schema=../schemas/boards.schema.json
# The boards (and sections) that pins may name. Missing ones are created when pins are published.
boards:
  - name: Ideas
    description: Ideas from our shop
    privacy: public
    sections: [Favourites]
`;

const PIN = `---
# A pin: YAML front matter, then the description in markdown (at most 800 characters as text).
title: Welcome to our Pinterest
board: Ideas
section: Favourites
link: https://example.com/
image: ../media/welcome.jpg
alt_text: A welcome card with the shop's name
status: draft              # change to ready to publish it when merged
---
Our first pin, published from git with **pinops**.
`;

const WORKFLOW = `# pinops: validate pins in pull requests (annotations, a job summary and a failing check on errors).
name: pinops
on:
  pull_request:
    paths: ['content/**', 'pinops.yml']
permissions:
  contents: read
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - uses: pinops/pinops@v1
`;

/** `pinops init`: writes the skeleton a new repository needs; existing files are never overwritten. */
export async function initCommand(io: CliIO, root: string, force: boolean): Promise<number> {
  const files: Record<string, string | { copyFrom: string }> = {
    'pinops.yml': SETTINGS,
    'content/boards.yml': BOARDS,
    'content/pins/welcome.md': PIN,
    'content/media/welcome.jpg': { copyFrom: join(packageRoot(), 'content/media/welcome.jpg') },
    '.github/workflows/pinops.yml': WORKFLOW,
  };
  for (const [name, text] of Object.entries(buildJsonSchemas())) files[`schemas/${name}`] = text;
  for (const [rel, body] of Object.entries(files)) {
    const abs = join(root, rel);
    const exists = await access(abs).then(
      () => true,
      () => false,
    );
    if (exists && !force) {
      io.out(`  kept     ${rel} (exists)\n`);
      continue;
    }
    await mkdir(dirname(abs), { recursive: true });
    if (typeof body === 'string') await writeFile(abs, body);
    else await copyFile(body.copyFrom, abs);
    io.out(`  created  ${rel}\n`);
  }
  io.out('\nNext: edit content/pins/welcome.md, then run `npx pinops validate`.\n');
  return 0;
}
