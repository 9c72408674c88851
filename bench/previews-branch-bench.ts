// What `git clone` fetches of the previews branch after 100 pull request pushes of 5 photo pins each:
// the old shape (every update a child of the last, the folder replaced) built with git plumbing,
// against pinops' replaceFolder as it is, through the fake GitHub mirrored into a real bare repository.
// Run alone: npx tsx bench/previews-branch-bench.ts
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { removePrPreviews } from '../src/flows/pr-previews.js';
import { githubClient } from '../src/github/client.js';
import { replaceFolder } from '../src/github/previews.js';
import { PREVIEW_JPEG } from '../src/render/formats.js';
import { CARD } from '../src/render/preview.js';
import { fakeGithub } from '../test/helpers/fake-github.js';
import { REAL_PHOTOS, realPhoto } from './photos.js';

export const BRANCH_PUSHES = 100;
export const PINS_PER_PUSH = 5;
const BRANCH = 'pinops-previews';
const CARD_HEIGHT = CARD.image + CARD.panel;
const ENV = { GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' };
const git = (cwd: string, args: string[], input?: Buffer | string) =>
  execFileSync('git', args, { cwd, input, env: { ...process.env, ...ENV }, maxBuffer: 1 << 30 })
    .toString()
    .trim();

/**
 * Push `i`'s pull request: five open at a time, each pushed ten times (pushes 0–49 are #1–#5, which
 * close after push 49; pushes 50–99 are #6–#10, still open at the end).
 */
const prOf = (i: number) => 1 + (i % 5) + 5 * Math.floor(i / 50);

/**
 * A push's five preview cards: the real photographs cover-fit to the card, a band across the top
 * changed per push (as a changed title would), encoded as pinops encodes a photo's preview. Each
 * push's JPEGs differ from the last through their whole entropy-coded data, as a re-render's do.
 */
async function cards(): Promise<(push: number) => Promise<{ name: string; data: Buffer }[]>> {
  const raws = await Promise.all(
    REAL_PHOTOS.map(
      async (n) =>
        (await sharp(await realPhoto(n))
          .resize(CARD.width, CARD_HEIGHT, { fit: 'cover' })
          .removeAlpha()
          .raw()
          .toBuffer()) as Buffer,
    ),
  );
  return async (push) =>
    Promise.all(
      Array.from({ length: PINS_PER_PUSH }, async (_, k) => {
        const px = Buffer.from(raws[k % raws.length] as Buffer);
        for (let j = 0; j < CARD.width * 3 * 90; j++) px[j] = ((px[j] as number) + 37 * push + 11 * k) & 0xff;
        const data = await sharp(px, { raw: { width: CARD.width, height: CARD_HEIGHT, channels: 3 } })
          .jpeg(PREVIEW_JPEG)
          .toBuffer();
        return { name: `pin-${k + 1}.jpg`, data };
      }),
    );
}

/** The old shape with git plumbing: each update a child of the last, its pull request's folder replaced, a closed one's removed. */
function oldShape(bare: string, pushes: { pr: number; files: { name: string; data: Buffer }[] }[]): void {
  const folders = new Map<string, string>();
  let head: string | undefined;
  const commit = (message: string) => {
    const root = [...folders].map(([p, t]) => `040000 tree ${t}\t${p}\n`).join('');
    head = git(bare, ['commit-tree', git(bare, ['mktree'], root), ...(head ? ['-p', head] : []), '-m', message]);
  };
  for (const [i, p] of pushes.entries()) {
    const entries = p.files.map((f) => `100644 blob ${git(bare, ['hash-object', '-w', '--stdin'], f.data)}\t${f.name}\n`).join('');
    folders.set(`pr-${p.pr}`, git(bare, ['mktree'], entries));
    commit(`previews for #${p.pr}`);
    if (i !== 49) continue;
    for (let pr = 1; pr <= 5; pr++) {
      folders.delete(`pr-${pr}`);
      commit(`remove previews of closed #${pr}`);
    }
  }
  git(bare, ['update-ref', `refs/heads/${BRANCH}`, head as string]);
}

/** pinops as it is: replaceFolder and removePrPreviews through the fake GitHub, mirrored into `bare`. */
async function newShape(bare: string, pushes: { pr: number; files: { name: string; data: Buffer }[] }[]): Promise<void> {
  const open: { number: number; head: { sha: string } }[] = [];
  const github = await fakeGithub({ openPulls: open, mirror: bare });
  const gh = githubClient({ owner: 'acme', repo: 'pins', apiUrl: github.url }, 'ghs_bench');
  try {
    for (const [i, p] of pushes.entries()) {
      if (!open.some((o) => o.number === p.pr)) open.push({ number: p.pr, head: { sha: '0'.repeat(40) } });
      const openNow = new Set(open.map((o) => o.number));
      await replaceFolder(gh, BRANCH, `pr-${p.pr}`, p.files, `pinops: previews for #${p.pr}`, (f) => openNow.has(Number(f.slice(3))));
      if (i === 49)
        for (let pr = 1; pr <= 5; pr++) {
          open.splice(
            open.findIndex((o) => o.number === pr),
            1,
          );
          await removePrPreviews(gh, BRANCH, pr);
        }
    }
  } finally {
    await github.close();
  }
}

/** What a fresh clone of the branch fetches (over a transport, not a local copy): its pack's bytes and objects. */
async function cloneSize(bare: string): Promise<{ bytes: number; objects: number; commits: number }> {
  const dest = await mkdtemp(join(tmpdir(), 'pinops-bench-clone-'));
  try {
    execFileSync('git', ['clone', '-q', '--bare', '--no-local', '--single-branch', '--branch', BRANCH, pathToFileURL(bare).href, dest]);
    const packs = (await readdir(join(dest, 'objects/pack'))).filter((f) => f.endsWith('.pack'));
    let bytes = 0;
    for (const p of packs) bytes += (await stat(join(dest, 'objects/pack', p))).size;
    const objects = Number(/in-pack: (\d+)/.exec(git(dest, ['count-objects', '-v']))?.[1]);
    return { bytes, objects, commits: Number(git(dest, ['rev-list', '--count', BRANCH])) };
  } finally {
    await rm(dest, { recursive: true, force: true });
  }
}

export interface BranchFigures {
  before: { bytes: number; objects: number; commits: number };
  after: { bytes: number; objects: number; commits: number };
  /** The open pull requests' previews alone: what the branch must hold. */
  openBytes: number;
}

export async function previewBranchBench(): Promise<BranchFigures> {
  const render = await cards();
  const pushes = [];
  for (let i = 0; i < BRANCH_PUSHES; i++) pushes.push({ pr: prOf(i), files: await render(i) });
  const openBytes = pushes.slice(-5).reduce((n, p) => n + p.files.reduce((m, f) => m + f.data.length, 0), 0);
  const [a, b] = [await mkdtemp(join(tmpdir(), 'pinops-bench-old-')), await mkdtemp(join(tmpdir(), 'pinops-bench-new-'))];
  try {
    for (const d of [a, b]) git(d, ['init', '-q', '--bare']);
    oldShape(a, pushes);
    await newShape(b, pushes);
    return { before: await cloneSize(a), after: await cloneSize(b), openBytes };
  } finally {
    for (const d of [a, b]) await rm(d, { recursive: true, force: true });
  }
}

const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

/** The figures as RESULTS.md's table rows. */
export const branchRows = (f: BranchFigures) =>
  [
    `| before: each update a child of the last | ${mb(f.before.bytes)} | ${f.before.objects} | ${f.before.commits} |`,
    `| now: each update a root commit of the open PRs' folders | ${mb(f.after.bytes)} | ${f.after.objects} | ${f.after.commits} |`,
    `| the 5 open PRs' last previews themselves | ${mb(f.openBytes)} | | |`,
  ].join('\n');

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const f = await previewBranchBench();
  console.log(`previews branch after ${BRANCH_PUSHES} pushes of ${PINS_PER_PUSH} photo pins (what a fresh clone fetches)\n`);
  console.log('| history | fetched | objects | commits |\n|---|---|---|---|');
  console.log(branchRows(f));
}
