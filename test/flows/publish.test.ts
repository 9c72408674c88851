import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRepository } from '../../src/flows/validate.js';
import { gitLedgerStore } from '../../src/ledger/store.js';
import { publishWorlds } from '../helpers/publish-world.js';
import { mdPin, photo } from '../helpers/repo.js';

/** A repository (BASE and the given pin files) with a bare origin, a contract-checked simulator, and `run()`, a publish between them. */
const world = publishWorlds();
const setup = (files: Parameters<typeof world>[0] = {}) => world(files);

describe('publish', () => {
  it('creates boards, sections and pins, records them in the ledger, and creates nothing the second time', async () => {
    const { repo, sim, contract, run } = await setup({
      'content/pins/a.md': { section: 'Boots' },
      'content/pins/b.md': { id: 'b', board: 'Cozy Home' },
      'content/pins/c.yml': 'title: Cocoa\nboard: Cozy Home\nvideo: ../media/cocoa.mp4\ncover: ../media/cover.jpg\nalt_text: cocoa\n',
      'content/pins/d.yml': 'title: Looks\nboard: Winter Looks\nimages: [../media/look-1.jpg, ../media/look-2.jpg]\nalt_text: looks\n',
      'content/pins/e.md': { status: 'draft' },
    });
    const first = await run();
    expect(first.outcomes.filter((o) => o.result === 'ok').map((o) => `${o.action} ${o.key}`)).toEqual(['create a', 'create b', 'create c', 'create d']);
    expect(sim.state.pins.size).toBe(4);
    expect([...sim.state.boards.values()].map((b) => b.name).sort()).toEqual(['Cozy Home', 'Winter Looks']);
    expect(sim.state.sections.get([...sim.state.boards.values()].find((b) => b.name === 'Winter Looks')?.id as string)?.map((s) => s.name)).toEqual(['Boots']);
    const ledger = await gitLedgerStore(repo.root, 'pinops-ledger').load();
    expect(Object.keys(ledger.pins).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(Object.values(ledger.pins).every((e) => e.state === 'published' && sim.state.pins.has(e.pin_id as string))).toBe(true);
    // One listing of the account's boards serves the check of an empty ledger and the boards' creation (a request less before the first push).
    expect(sim.exchanges.filter((e) => e.method === 'GET' && e.route === '/boards')).toHaveLength(1);

    const second = await run();
    expect(second.plan.actions.map((a) => `${a.key}:${a.kind}`)).toEqual(['a:unchanged', 'b:unchanged', 'c:unchanged', 'd:unchanged', 'e:draft']);
    expect(second.outcomes).toEqual([]);
    expect(sim.state.creates).toBe(4);
    expect(contract.violations).toEqual([]);
  });

  it('lists the boards beside the account check: the listing is answered while the check still waits', async () => {
    const { sim, contract, run } = await setup({ 'content/pins/a.md': {} });
    // The account check's first try gets no answer (it times out and is tried again): a listing sent after it would come after that.
    sim.inject({ method: 'GET', route: '/user_account', when: 'before', action: 'hang' });
    const result = await run({ transport: { timeoutMs: 1500, backoffMs: 10 } });
    expect(result.outcomes.map((o) => `${o.action} ${o.key} ${o.result}`)).toEqual(['create a ok']);
    const order = sim.exchanges.filter((e) => e.method === 'GET' && (e.route === '/boards' || e.route === '/user_account')).map((e) => e.route);
    expect(order).toEqual(['/boards', '/user_account']);
    expect(contract.violations).toEqual([]);
  });

  it('turns an edit into an update, and a pin deleted on Pinterest and then edited into a new pin', async () => {
    const { repo, sim, run } = await setup({ 'content/pins/a.md': {}, 'content/pins/b.md': {} });
    await run();
    await writeFile(join(repo.root, 'content/pins/a.md'), mdPin({ title: 'Boots, now waterproof' }));
    const ledger = await gitLedgerStore(repo.root, 'pinops-ledger').load();
    sim.state.pins.delete(ledger.pins.b?.pin_id as string);
    await writeFile(join(repo.root, 'content/pins/b.md'), mdPin({ title: 'Boots, edited after deletion' }));
    const second = await run();
    expect(second.plan.actions.map((a) => `${a.key}:${a.kind}`)).toEqual(['a:update', 'b:update']);
    expect(sim.state.pins.get(ledger.pins.a?.pin_id as string)?.title).toBe('Boots, now waterproof');
    const b = [...sim.state.pins.values()].filter((p) => p.title === 'Boots, edited after deletion');
    expect(b).toHaveLength(1);
    const after = await gitLedgerStore(repo.root, 'pinops-ledger').load();
    expect(after.pins.b?.pin_id).toBe(b[0]?.id);
    expect((await run()).outcomes).toEqual([]);
  });

  it('renders template pins and uploads the creative of a photo as a JPEG, flat art as a PNG, whichever is smaller', async () => {
    const settings =
      'templates:\n  card:\n    width: 500\n    height: 750\n    texts:\n      - { field: title, x: 20, y: 600, width: 460, size: 32, weight: bold, color: "#111111" }\n';
    const { sim, contract, run } = await setup({
      'pinops.yml': settings,
      'content/media/coffee.png': await photo('coffee.png'),
      'content/pins/t.md': { id: 't', template: 'card', image: '../media/coffee.png' },
      'content/pins/u.md': { id: 'u', title: 'Text only', template: 'card', image: undefined },
    });
    const r = await run();
    expect(r.outcomes.map((o) => `${o.key}:${o.result}`)).toEqual(['t:ok', 'u:ok']);
    const { default: sharp } = await import('sharp');
    const sent = new Map<string, { format: string | undefined; type: string; width: number | undefined; height: number | undefined }>();
    for (const e of sim.exchanges.filter((x) => x.route === '/pins' && x.method === 'POST')) {
      const body = e.requestBody as { title: string; media_source: { content_type: string; data: string } };
      const meta = await sharp(Buffer.from(body.media_source.data, 'base64')).metadata();
      sent.set(body.title, { type: body.media_source.content_type, format: meta.format, width: meta.width, height: meta.height });
    }
    expect(sent.get('Waterproof boots')).toEqual({ type: 'image/jpeg', format: 'jpeg', width: 500, height: 750 });
    expect(sent.get('Text only')).toEqual({ type: 'image/png', format: 'png', width: 500, height: 750 });
    expect(contract.violations).toEqual([]);
  });

  it('never sends an image that does not decode: one corrupt in its middle passes validation (its header and end are whole) but fails its pin, and the others publish', async () => {
    const { repo, sim, contract, run } = await setup({
      'content/pins/a.md': { id: 'a', title: 'Fine' },
      'content/pins/b.md': { id: 'b', title: 'Corrupt', image: '../media/coffee.png' },
    });
    // Bytes in the middle of a photo's image data overwritten: the PNG's checksum no longer holds.
    const png = await photo('coffee.png');
    png.fill(0x55, Math.floor(png.length / 2), Math.floor(png.length / 2) + 64);
    await writeFile(join(repo.root, 'content/media/coffee.png'), png);
    const validated = await validateRepository({ root: repo.root, env: { PINTEREST_API_BASE: sim.url } });
    if (!validated.ok) throw new Error('settings');
    expect(validated.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const r = await run({ validated });
    expect(r.outcomes.map((o) => `${o.key}:${o.result}`)).toEqual(['a:ok', 'b:error']);
    expect(r.outcomes[1]?.error).toMatch(/content\/media\/coffee\.png does not decode as an image: it is truncated or corrupt .*; nothing was sent/);
    expect([...sim.state.pins.values()].map((p) => p.title)).toEqual(['Fine']);
    expect(contract.violations).toEqual([]);
  });

  it('plans without credentials in a dry run and sends nothing', async () => {
    const { sim, run } = await setup({ 'content/pins/a.md': {} });
    const r = await run({ dryRun: true, env: {} });
    expect(r.plan.actions.map((a) => a.kind)).toEqual(['create']);
    expect(sim.exchanges).toEqual([]);
  });

  it('stops before sending anything when the credentials are refused', async () => {
    const { sim, run } = await setup({ 'content/pins/a.md': {} });
    await expect(run({ env: { PINTEREST_API_BASE: sim.url, PINTEREST_APP_ID: 'app-1', PINTEREST_APP_SECRET: 'wrong', PINTEREST_REFRESH_TOKEN: 'refresh-0' } })).rejects.toThrow(
      /PINTEREST_APP_ID or PINTEREST_APP_SECRET is wrong: HTTP 401/,
    );
    expect(sim.exchanges.map((e) => e.route)).toEqual(['/oauth/token']);
  });
});
