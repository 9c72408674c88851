import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { summarise } from '../../src/flows/report.js';
import { gitLedgerStore } from '../../src/ledger/store.js';
import { planMarkdown } from '../../src/plan/render.js';
import { publishWorlds } from '../helpers/publish-world.js';
import { mdPin } from '../helpers/repo.js';

/*
 * PATCH /pins/{id} is in beta and "not available to all apps". When Pinterest refuses it (403),
 * the run says so once, records it in the ledger, and goes on with the other pins; later runs plan
 * the pin as `update-unavailable` and send nothing, until its content changes again, a retry is
 * asked for, or `allow_recreate` publishes the edit as a new pin.
 */

const world = publishWorlds();
const REFUSED = { status: 403, body: { code: 29, message: 'You are not permitted to access that resource: this endpoint is in beta and not available to your app.' } };
const patches = (w: { sim: { exchanges: { method: string; route: string }[] } }) => w.sim.exchanges.filter((e) => e.method === 'PATCH' && e.route === '/pins/{pin_id}').length;

/** A world whose pins a and b are published, and whose pin a was then edited. */
async function editedWorld(simOpts: Parameters<typeof world>[1] = {}) {
  const w = await world({ 'content/pins/a.md': { id: 'a' }, 'content/pins/b.md': { id: 'b', title: 'Other boots' } }, simOpts);
  await w.run();
  await writeFile(join(w.repo.root, 'content/pins/a.md'), mdPin({ id: 'a', title: 'Boots, now waterproof' }));
  return w;
}

const kinds = (r: { plan: { actions: { key: string; kind: string }[] } }) => r.plan.actions.map((a) => `${a.key}:${a.kind}`);

describe('an edit Pinterest refuses (PATCH /pins not available to the app)', () => {
  it('is said once, recorded in the ledger, and the run goes on: a new pin of the same run is created, nothing fails', async () => {
    const w = await editedWorld({ updatesRefused: true });
    await writeFile(join(w.repo.root, 'content/pins/c.md'), mdPin({ id: 'c', title: 'New boots' }));
    const r = await w.run();
    expect(r.outcomes.map((o) => `${o.action} ${o.key} ${o.result}`)).toEqual(['update a skipped', 'create c ok']);
    expect(r.outcomes[0]?.error).toMatch(/^Pinterest refused the edit: HTTP 403 \(code 29\): .*beta/);
    expect(r.outcomes[0]?.advice).toMatch(/allow_recreate: true to publish the edit as a new pin/);
    expect(summarise(r)).toMatchObject({ failed: 0, unknown: 0 });
    expect(summarise(r).halted).toBeUndefined();
    const said = r.warnings.filter((x) => x.text.includes('refused to edit'));
    expect(said).toEqual([
      {
        level: 'warning',
        text: expect.stringMatching(/^Pinterest refused to edit 1 pin\(s\) \(a\): PATCH \/pins\/\{id\} is in beta .*update-unavailable .*allow_recreate: true.*--retry-updates/),
      },
    ]);
    const store = gitLedgerStore(w.repo.root, 'pinops-ledger');
    const entry = (await store.load()).pins.a;
    expect(entry?.update_refused).toMatchObject({ content: r.plan.actions.find((a) => a.key === 'a')?.desired?.contentFingerprint, error: expect.stringMatching(/^HTTP 403/) });
    expect(entry?.title).toBe('Waterproof boots');
    const log = [...(await store.readFolder('log')).values()]
      .join('\n')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { action: string; pin: string; result: string; error?: string });
    expect(log.filter((l) => l.action === 'update')).toEqual([
      expect.objectContaining({ pin: 'a', result: 'error', error: expect.stringMatching(/^HTTP 403 \(code 29\): .*; planned as update-unavailable$/) }),
    ]);
    expect(w.contract.violations).toEqual([]);
  });

  it('is not sent again: the next runs plan it as update-unavailable, in the plan, the PR plan and pinops plan (text and JSON), without a warning', async () => {
    const w = await editedWorld({ updatesRefused: true });
    await w.run();
    const again = await w.run();
    expect(kinds(again)).toEqual(['a:update-unavailable', 'b:unchanged']);
    expect(again.plan.actions[0]?.reason).toMatch(/^Pinterest refused this edit on \d{4}-\d\d-\d\d \(PATCH \/pins is in beta and not available to this app\): .*--retry-updates/);
    expect(again.outcomes).toEqual([]);
    expect(again.warnings.filter((x) => x.text.includes('refused'))).toEqual([]);
    expect(patches(w)).toBe(1);
    expect(planMarkdown(again.plan)).toMatch(
      /🚫 1 update-unavailable[\s\S]*\| 🚫 \| `a` \(content\/pins\/a\.md\) \| update-unavailable \| title: `Waterproof boots` → `Boots, now waterproof`; pin \d+; Pinterest refused this edit/,
    );
    const cli = async (args: string[]) => {
      let out = '';
      const code = await main(args, { cwd: w.repo.root, env: {}, color: false, out: (s) => (out += s), err: () => {} });
      return { code, out };
    };
    expect((await cli(['plan'])).out).toMatch(/update-unavailable a {2}\(title: "Waterproof boots" → "Boots, now waterproof"; pin \d+; Pinterest refused this edit/);
    const json = JSON.parse((await cli(['plan', '--json'])).out) as { actions: { key: string; action: string }[]; counts: Record<string, number> };
    expect(json.actions.find((a) => a.key === 'a')?.action).toBe('update-unavailable');
    expect(json.counts['update-unavailable']).toBe(1);
    expect((await cli(['plan', '--retry-updates'])).out).toMatch(/ {2}update +a {2}\(title: "Waterproof boots" → "Boots, now waterproof"/);
  });

  it('is sent again once its content changes again', async () => {
    const w = await editedWorld({ updatesRefused: true });
    await w.run();
    await writeFile(join(w.repo.root, 'content/pins/a.md'), mdPin({ id: 'a', title: 'Boots, waterproof and warm' }));
    const r = await w.run();
    expect(kinds(r)).toEqual(['a:update', 'b:unchanged']);
    expect(patches(w)).toBe(2);
    // Refused again: the new content is what is remembered now.
    expect((await gitLedgerStore(w.repo.root, 'pinops-ledger').load()).pins.a?.update_refused?.content).toBe(r.plan.actions[0]?.desired?.contentFingerprint);
  });

  it('is sent again when asked (retry-updates): once Pinterest grants access it is made, and the refusal forgotten; the other edit of the run was made at once', async () => {
    const w = await editedWorld();
    await writeFile(join(w.repo.root, 'content/pins/b.md'), mdPin({ id: 'b', title: 'Other boots, edited' }));
    w.sim.inject({ method: 'PATCH', route: '/pins/{pin_id}', when: 'before', action: REFUSED });
    const first = await w.run();
    expect(first.outcomes.map((o) => `${o.action} ${o.key} ${o.result}`)).toEqual(['update a skipped', 'update b ok']);
    expect((await w.run()).plan.actions.map((a) => a.kind)).toEqual(['update-unavailable', 'unchanged']);
    const retried = await w.run({ retryUpdates: true });
    expect(retried.outcomes.map((o) => `${o.action} ${o.key} ${o.result}`)).toEqual(['update a ok']);
    const store = gitLedgerStore(w.repo.root, 'pinops-ledger');
    const entry = (await store.load()).pins.a;
    expect(entry?.update_refused).toBeUndefined();
    expect(w.sim.state.pins.get(entry?.pin_id as string)?.title).toBe('Boots, now waterproof');
    expect(kinds(await w.run())).toEqual(['a:unchanged', 'b:unchanged']);
  });

  it('with allow_recreate: true, the refused edit is published as a new pin (the plan says so first)', async () => {
    const w = await editedWorld({ updatesRefused: true });
    await w.run();
    const oldId = (await gitLedgerStore(w.repo.root, 'pinops-ledger').load()).pins.a?.pin_id as string;
    await writeFile(join(w.repo.root, 'pinops.yml'), 'allow_recreate: true\n');
    const planned = await w.run({ dryRun: true });
    expect(kinds(planned)).toEqual(['a:recreate', 'b:unchanged']);
    expect(planned.plan.actions[0]?.reason).toMatch(/Pinterest refused this edit .*: allow_recreate publishes it as a new pin$/);
    const r = await w.run();
    expect(r.outcomes.map((o) => `${o.action} ${o.key} ${o.result}`)).toEqual(['create a ok']);
    const entry = (await gitLedgerStore(w.repo.root, 'pinops-ledger').load()).pins.a;
    expect(entry?.pin_id).not.toBe(oldId);
    expect(entry?.update_refused).toBeUndefined();
    expect(w.sim.state.pins.has(oldId)).toBe(false);
    expect(w.sim.state.pins.get(entry?.pin_id as string)?.title).toBe('Boots, now waterproof');
    expect(patches(w)).toBe(1);
  });

  it('a 403 for a missing scope is not taken for it: it fails and stops the run, as before', async () => {
    const w = await editedWorld();
    await writeFile(join(w.repo.root, 'content/pins/b.md'), mdPin({ id: 'b', title: 'Other boots, edited' }));
    w.sim.inject({ method: 'PATCH', route: '/pins/{pin_id}', when: 'before', action: { status: 403, body: { code: 29, message: 'the token lacks the scope pins:write' } } });
    const r = await w.run();
    expect(r.outcomes.map((o) => `${o.action} ${o.key} ${o.result}`)).toEqual(['update a error', 'update b skipped']);
    expect(summarise(r).halted?.halted).toBe('scope');
    expect((await gitLedgerStore(w.repo.root, 'pinops-ledger').load()).pins.a?.update_refused).toBeUndefined();
  });
});
