import { execFileSync } from 'node:child_process';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildJsonSchemas } from '../schemas/json-schemas.js';
import { packageRoot } from '../util/package-root.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { OUTPUTS } from './outputs.js';

const SETTINGS = `# yaml-language-server: $schema=./schemas/settings.schema.json
# pinops settings. Every field is optional; the values below are the defaults.
api: production            # production | sandbox | a base URL (the offline simulator)
# timezone: Europe/Berlin  # for publish_at values without an offset
schedule:
  max_per_run: 10
  max_per_day: 25
  min_link_spacing: 24h    # no two pins to the same URL closer than this; 0m turns it off
  windows: []              # e.g. ["mon-fri 08:00-20:00"]
defaults:
  utm:
    utm_source: pinterest
    utm_medium: social
prune: false               # true: delete pins whose files were removed
rate_limits:
  access: standard         # your app's access level on Pinterest: standard | trial (300 writes, 1,000 analytics a day)
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
# yaml-language-server: $schema=../../schemas/pin.schema.json
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

/** The workflow: validate pull requests; publish on push, on schedule and by hand. */
export function workflowYaml(branch: string): string {
  return `# yaml-language-server: $schema=https://json.schemastore.org/github-workflow.json
# pinops: validate pins in pull requests; publish on merge, every hour, and by hand.
name: pinops
on:
  pull_request:
    types: [opened, synchronize, reopened, closed]   # closed: its previews are removed
    paths: ['content/**', 'pinops.yml']
  push:
    branches: [${branch}]
    paths: ['content/**', 'pinops.yml']
  schedule:
    - cron: '17 * * * *'        # hourly: publish what has become due
  workflow_dispatch:
    inputs:
      dry-run:
        description: Only show the plan
        type: boolean
        default: true
      limit:
        description: Publish at most this many pins
        required: false
      confirm-republish:
        description: Agree to publish again up to this many pins pinops had published (board deleted, ledger record lost)
        required: false
      only:
        description: Only these content files (a glob, e.g. content/pins/winter/**)
        required: false
      retry-updates:
        description: Send again the edits Pinterest refused (PATCH /pins not available to the app)
        type: boolean
        default: false
      draft-url:
        description: Instead, write a draft pin from this product page and open a pull request
        required: false
      import:
        description: Instead, type "account" to write pin files from the Pinterest account's existing boards and pins and open a pull request
        required: false
permissions:
  contents: read
jobs:
  validate:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    permissions:
      contents: write          # the pinops-previews branch (preview images)
      pull-requests: write     # the preview comment
      checks: write            # the check run with every problem annotated
    steps:
      - uses: actions/checkout@v5
      - id: pinops
        uses: pinops/pinops@v1
      - if: always() && steps.pinops.outputs.previews-dir != ''
        uses: actions/upload-artifact@v4
        with:
          name: pinops-previews
          path: \${{ steps.pinops.outputs.previews-dir }}
  publish:
    if: github.event_name == 'push' || github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    # One publishing run at a time: the ledger keeps overlapping runs safe, this makes them queue.
    concurrency:
      group: pinops-publish
      cancel-in-progress: false
    permissions:
      contents: write          # the pinops-ledger branch
      pull-requests: write     # the result comment on the merged pull request
      checks: write            # the check run with every problem annotated
    steps:
      - uses: actions/checkout@v5
      - uses: pinops/pinops@v1
        with:
          dry-run: \${{ inputs.dry-run }}
          limit: \${{ inputs.limit }}
          confirm-republish: \${{ inputs.confirm-republish }}
          only: \${{ inputs.only }}
          retry-updates: \${{ inputs.retry-updates }}
          draft-url: \${{ inputs.draft-url }}
          import: \${{ inputs.import }}
          # A token that may write this repository's secrets (fine-grained: "Secrets: read and
          # write"): pinops then stores each rotated refresh token itself. Without it, the run
          # warns in time to renew PINTEREST_REFRESH_TOKEN by hand.
          secrets-token: \${{ secrets.PINOPS_SECRETS_TOKEN }}
        env:
          PINTEREST_APP_ID: \${{ secrets.PINTEREST_APP_ID }}
          PINTEREST_APP_SECRET: \${{ secrets.PINTEREST_APP_SECRET }}
          PINTEREST_REFRESH_TOKEN: \${{ secrets.PINTEREST_REFRESH_TOKEN }}
`;
}

/**
 * The second of the pair: a pull request from a fork runs with a read-only token, so its previews
 * travel as an artifact and this workflow posts them. It never checks out the fork's code.
 */
export const FORK_WORKFLOW = `# yaml-language-server: $schema=https://json.schemastore.org/github-workflow.json
# pinops: post the previews of pull requests from forks (their own run's token is read-only).
# This job never checks out the pull request's code: it reads only the previews artifact, and takes
# the pull request from the event.
name: pinops previews
on:
  workflow_run:
    workflows: [pinops]
    types: [completed]
permissions:
  contents: write          # the pinops-previews branch
  pull-requests: write     # the preview comment
  actions: read            # the artifact of the other run
jobs:
  previews:
    if: github.event.workflow_run.event == 'pull_request' && github.event.workflow_run.head_repository.full_name != github.repository
    runs-on: ubuntu-latest
    steps:
      - uses: actions/download-artifact@v4
        with:
          name: pinops-previews
          path: pinops-previews
          run-id: \${{ github.event.workflow_run.id }}
          github-token: \${{ github.token }}
      - uses: pinops/pinops@v1
        with:
          previews-from: pinops-previews
`;

/** The branch the repository is on (the one merges land on), or main. */
function currentBranch(root: string): string {
  try {
    const b = execFileSync('git', ['symbolic-ref', '--short', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' }).trim();
    return /^[\w./-]+$/.test(b) ? b : 'main';
  } catch {
    return 'main';
  }
}

/** Editors that read `yaml.schemas` (VS Code's YAML extension) complete and check every content file. */
const VSCODE_SCHEMAS: Record<string, string[]> = {
  './schemas/pin-file.schema.json': ['content/pins/**/*.yml', 'content/pins/**/*.yaml'],
  './schemas/boards.schema.json': ['content/boards.yml'],
  './schemas/settings.schema.json': ['pinops.yml'],
};

/** A file init would write: its text or bytes, and whose it is once written. */
interface Planned {
  rel: string;
  body: string | Buffer;
  /**
   * `user`: the user's own from then on (settings, content), never overwritten, not even with
   * --force; `pinops`: pinops' own, rewritten with --force; `merged`: what is there plus pinops'
   * lines, written whenever that adds something.
   */
  owner: 'user' | 'pinops' | 'merged';
}

const exists = (abs: string) =>
  access(abs).then(
    () => true,
    () => false,
  );

/** What `init` writes, before anything is written. */
async function plan(root: string, schemasOnly: boolean): Promise<Planned[]> {
  const schemas: Planned[] = Object.entries(buildJsonSchemas()).map(([name, text]) => ({ rel: `schemas/${name}`, body: text, owner: 'pinops' }));
  if (schemasOnly) return schemas;
  const files: Planned[] = [{ rel: 'pinops.yml', body: SETTINGS, owner: 'user' }];
  // In a repository that has its boards already, a welcome pin on a board it does not declare
  // would fail validation at once: the example comes only with the example boards.
  if (!(await exists(join(root, 'content/boards.yml')))) {
    files.push(
      { rel: 'content/boards.yml', body: BOARDS, owner: 'user' },
      { rel: 'content/pins/welcome.md', body: PIN, owner: 'user' },
      { rel: 'content/media/welcome.jpg', body: await readFile(join(packageRoot(), 'content/media/welcome.jpg')), owner: 'user' },
    );
  }
  files.push(
    { rel: '.github/workflows/pinops.yml', body: workflowYaml(currentBranch(root)), owner: 'pinops' },
    { rel: '.github/workflows/pinops-previews.yml', body: FORK_WORKFLOW, owner: 'pinops' },
    ...schemas,
    { rel: '.vscode/settings.json', body: await vscodeSettings(root), owner: 'merged' },
    { rel: '.gitignore', body: await gitignore(root), owner: 'merged' },
  );
  return files;
}

/** .vscode/settings.json with pinops' schemas added to whatever it holds already. */
async function vscodeSettings(root: string): Promise<string> {
  const abs = join(root, '.vscode/settings.json');
  let settings: Record<string, unknown> = {};
  if (await exists(abs)) {
    try {
      settings = JSON.parse(await readFile(abs, 'utf8'));
    } catch {
      throw new UsageError('.vscode/settings.json is not plain JSON (comments?): add the yaml.schemas of `pinops init` by hand, or remove the file and run init again');
    }
  }
  const yamlSchemas = { ...((settings['yaml.schemas'] as Record<string, unknown>) ?? {}), ...VSCODE_SCHEMAS };
  return `${JSON.stringify({ ...settings, 'yaml.schemas': yamlSchemas }, null, 2)}\n`;
}

/** .gitignore with what pinops writes by default and the npm packages, each added once. */
async function gitignore(root: string): Promise<string> {
  const abs = join(root, '.gitignore');
  const text = (await exists(abs)) ? await readFile(abs, 'utf8') : '';
  const lines = text.split('\n').map((l) => l.trim());
  const outputs = [`/${OUTPUTS.previews}/`, `/${OUTPUTS.calendar}`].filter((l) => !lines.includes(l));
  const add = outputs.length ? ['# pinops output (pinops preview, pinops calendar)', ...outputs] : [];
  // The README installs pinops with npm: the packages are not the repository's to commit.
  if (!lines.some((l) => /^\/?node_modules\/?$/.test(l))) add.push('node_modules/');
  return add.length ? `${text}${text && !text.endsWith('\n') ? '\n' : ''}${add.join('\n')}\n` : text;
}

/**
 * Writes every file or none: all go to temporary names first and are renamed into place only
 * when all are written; a failure removes what this call wrote.
 */
async function writeAll(root: string, files: Planned[]): Promise<void> {
  const written: string[] = [];
  const folders: string[] = [];
  try {
    for (const f of files) {
      const abs = join(root, f.rel);
      const made = await mkdir(dirname(abs), { recursive: true });
      if (made) folders.push(made);
      await writeFile(`${abs}.pinops-init`, f.body);
      written.push(abs);
    }
    for (const abs of written) await rename(`${abs}.pinops-init`, abs);
  } catch (err) {
    for (const abs of written) await rm(`${abs}.pinops-init`, { force: true });
    for (const dir of folders.reverse()) await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * `pinops init`: writes the skeleton a new repository needs. Existing files are kept; `--force`
 * rewrites pinops' own (workflows, schemas, editor settings) but never the user's settings or
 * content; `--schemas` refreshes only schemas/.
 */
export async function initCommand(io: CliIO, root: string, opts: { force: boolean; schemasOnly: boolean }): Promise<number> {
  const report: string[] = [];
  const todo: Planned[] = [];
  for (const f of await plan(root, opts.schemasOnly)) {
    const there = await exists(join(root, f.rel));
    if (there && (f.owner === 'user' || (f.owner === 'pinops' && !(opts.force || opts.schemasOnly)))) {
      report.push(`  kept     ${f.rel} (exists)`);
      continue;
    }
    if (there && f.owner === 'merged' && (await readFile(join(root, f.rel))).equals(Buffer.from(f.body))) {
      report.push(`  kept     ${f.rel} (up to date)`);
      continue;
    }
    todo.push(f);
    report.push(`  ${there ? 'updated' : 'created'}  ${f.rel}`);
  }
  await writeAll(root, todo);
  io.out(`${report.join('\n')}\n`);
  if (!opts.schemasOnly)
    io.out(
      '\nNext: edit content/pins/welcome.md and run `npx pinops validate`; add the secrets PINTEREST_APP_ID,\nPINTEREST_APP_SECRET and PINTEREST_REFRESH_TOKEN to the repository to publish.\n',
    );
  return 0;
}
