import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { SANDBOX_NO_ANALYTICS } from '../../src/settings/sandbox.js';
import { publishWorlds } from '../helpers/publish-world.js';

/*
 * `api: sandbox`: Pinterest's API Sandbox creates no video pins and has no analytics. Validation
 * and the plan say so before anything is sent (the video pin is invalid, analytics are skipped
 * with a notice), and the rest is published with the sandbox's own access token. The simulator's
 * `sandbox` mode refuses what the sandbox refuses, so a pin that slipped through would fail.
 */

const world = publishWorlds();
const FILES = {
  'pinops.yml': 'api: sandbox\n',
  'content/pins/boots.md': { id: 'boots' },
  'content/pins/cocoa.yml': 'title: Cocoa\nboard: Cozy Home\nvideo: ../media/cocoa.mp4\ncover: ../media/cover.jpg\nalt_text: cocoa\n',
};

/** The sandbox world: PINTEREST_ACCESS_TOKEN is the sandbox's token from the app's page; PINTEREST_API_BASE stands in for its host. */
async function sandbox(files: Record<string, Parameters<typeof world>[0][string]> = FILES) {
  // Pins dated a week back: they have days of figures to ask for.
  const w = await world(files, { sandbox: true, accessTokens: ['sandbox-token'], backdateDays: 7 });
  const env = { PINTEREST_API_BASE: w.sim.url, PINTEREST_ACCESS_TOKEN: 'sandbox-token' };
  const cli = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await main(args, { cwd: w.repo.root, env, color: false, out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };
  return { ...w, env, cli };
}

describe('publishing under api: sandbox', () => {
  it('publishes the image pin with the sandbox token, never sends the video pin, and says analytics are skipped', async () => {
    const w = await sandbox();
    const r = await w.run({ env: w.env });
    expect(r.plan.actions.map((a) => `${a.key}:${a.kind}`)).toEqual(['boots:create', 'cocoa:invalid']);
    expect(r.plan.actions[1]?.reason).toMatch(/^a video pin cannot be published to Pinterest's API Sandbox .*\(content\/pins\/cocoa\.yml:3\)$/);
    expect(r.plan.notes).toEqual([SANDBOX_NO_ANALYTICS]);
    expect(r.outcomes.map((o) => `${o.action} ${o.key} ${o.result}`)).toEqual(['create boots ok']);
    expect(w.sim.exchanges.some((e) => e.route === '/media' || e.route.startsWith('/media/'))).toBe(false);
    expect(w.sim.exchanges.filter((e) => e.method === 'POST' && e.route === '/pins')).toHaveLength(1);
    expect(w.contract.violations).toEqual([]);
  });

  it('pinops plan says both, in text and JSON, with nothing sent and no credentials', async () => {
    const w = await sandbox();
    const text = await w.cli(['plan']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/invalid\s+cocoa\s+\(a video pin cannot be published to Pinterest's API Sandbox/);
    expect(text.out).toContain(`Note: ${SANDBOX_NO_ANALYTICS}`);
    const json = JSON.parse((await w.cli(['plan', '--json'])).out) as { notes: string[]; actions: { key: string; action: string }[] };
    expect(json.notes).toEqual([SANDBOX_NO_ANALYTICS]);
    expect(json.actions.find((a) => a.key === 'cocoa')?.action).toBe('invalid');
    expect(w.sim.exchanges).toEqual([]);
  });

  it('pinops validate names the video pin at its line, with its code', async () => {
    const w = await sandbox();
    const r = await w.cli(['validate']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/content\/pins\/cocoa\.yml:3:8 +error +a video pin cannot be published to Pinterest's API Sandbox .* sandbox-video\n/);
  });

  it('pinops analytics skips with a notice, asking Pinterest nothing', async () => {
    const w = await sandbox();
    await w.run({ env: w.env });
    const before = w.sim.exchanges.length;
    const r = await w.cli(['analytics']);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`notice: ${SANDBOX_NO_ANALYTICS}\n`);
    expect(w.sim.exchanges.length).toBe(before);
  });

  it('what the checks spare: the sandbox itself refuses the video pin and the analytics (the same pin under api: production)', async () => {
    const w = await sandbox({ ...FILES, 'pinops.yml': 'api: production\n' });
    const r = await w.run({ env: w.env });
    expect(r.outcomes.find((o) => o.key === 'cocoa')).toMatchObject({ result: 'error', error: expect.stringMatching(/Video Pins cannot be created in the API Sandbox/) });
    const analytics = await w.cli(['analytics']);
    expect(analytics.code).toBe(3);
    expect(w.sim.exchanges.some((e) => e.route === '/pins/{pin_id}/analytics' && e.status === 403)).toBe(true);
  });
});
