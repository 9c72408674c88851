import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeGithub } from '../helpers/fake-github.js';
import { JPEG, productPages } from '../helpers/product-pages.js';
import { PROJECT, tempRepos } from '../helpers/repo.js';
import { runAction } from '../helpers/runner.js';

const repos = tempRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function world() {
  const shop = await productPages();
  const github = await fakeGithub({ branches: { main: { 'README.md': '# shop\n' } } });
  closers.push(shop.close, github.close);
  const root = await repos({
    'pinops.yml': readFileSync(join(PROJECT, 'pinops.yml'), 'utf8'),
    'content/boards.yml': 'boards:\n  - name: Cozy Home\n',
    'content/media/logo.png': { media: 'logo.png' },
  });
  const env = { GITHUB_API_URL: github.url, PINOPS_ALLOW_PRIVATE_NETWORK: new URL(shop.base).host };
  const payload = { ref: 'refs/heads/main', repository: { default_branch: 'main' } };
  return { shop, github, root, env, payload };
}

describe('dist/index.js on workflow_dispatch with draft-url', () => {
  it('writes a draft pin from the product page and opens a pull request with it', async () => {
    const w = await world();
    const run = await runAction({
      workspace: w.root,
      event: 'workflow_dispatch',
      payload: w.payload,
      inputs: { token: 'ghs_t', 'draft-url': `${w.shop.base}/product` },
      env: w.env,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs['pull-request']).toBe('100');
    expect(w.github.created).toHaveLength(1);
    const pr = w.github.created[0];
    expect(pr).toMatchObject({ head: 'pinops/draft-alpine-waterproof-boots-laces', base: 'main', title: 'Draft pin: Alpine Waterproof Boots & Laces' });
    expect(pr?.body).toContain('`content/pins/alpine-waterproof-boots-laces.md`: `status: draft`');
    const files = w.github.git.filesOn('pinops/draft-alpine-waterproof-boots-laces');
    expect([...files.keys()].sort()).toEqual(['README.md', 'content/media/alpine-waterproof-boots-laces.jpg', 'content/pins/alpine-waterproof-boots-laces.md']);
    expect(files.get('content/media/alpine-waterproof-boots-laces.jpg')).toEqual(JPEG);
    expect(files.get('content/pins/alpine-waterproof-boots-laces.md')?.toString()).toContain('status: draft');
    expect(run.summary).toContain('Opened [#100](https://github.com/acme/pins/pull/100)');
    // Main is untouched: the draft arrives only through the pull request.
    expect([...w.github.git.filesOn('main').keys()]).toEqual(['README.md']);

    // The same page again: a second branch, never a force-push over the first.
    const again = await runAction({
      workspace: w.root,
      event: 'workflow_dispatch',
      payload: w.payload,
      inputs: { token: 'ghs_t', 'draft-url': `${w.shop.base}/product` },
      env: w.env,
    });
    expect(again.code).toBe(0);
    expect(w.github.created[1]?.head).toBe('pinops/draft-alpine-waterproof-boots-laces-2');
  });

  it('fails clearly, opening nothing, for a page that is not HTML and for a bad URL', async () => {
    const w = await world();
    const feed = await runAction({ workspace: w.root, event: 'workflow_dispatch', payload: w.payload, inputs: { token: 'ghs_t', 'draft-url': `${w.shop.base}/feed` }, env: w.env });
    expect(feed.code).toBe(1);
    expect(feed.outputs['failure-reason']).toMatch(/is not an HTML page \(it is application\/json\)/);
    const bad = await runAction({ workspace: w.root, event: 'workflow_dispatch', payload: w.payload, inputs: { token: 'ghs_t', 'draft-url': 'not a url' }, env: w.env });
    expect(bad.code).toBe(1);
    expect(bad.outputs['failure-reason']).toMatch(/input `draft-url`: an http\(s\) URL of a product page/);
    expect(w.github.created).toEqual([]);
  });
});
