import { describe, expect, it } from 'vitest';
import { summarise } from '../../src/flows/report.js';
import { publishWorlds } from '../helpers/publish-world.js';

/*
 * A Pinterest app with Trial access may create pins only in the API Sandbox: in production its
 * creates are refused with 403, code 29, "use API Sandbox". The run says what to do, once, and
 * stops sending (every later create would be refused the same way).
 */

const world = publishWorlds();

describe('a Trial app publishing to production', () => {
  it('is told to use the sandbox (or ask for Standard access), and the run stops after the first refusal', async () => {
    const w = await world({ 'content/pins/a.md': { id: 'a' }, 'content/pins/b.md': { id: 'b', title: 'Other boots' } }, { trialApp: true });
    const r = await w.run();
    const [first, second] = r.outcomes;
    expect(first).toMatchObject({ key: 'a', action: 'create', result: 'error', error: expect.stringMatching(/^HTTP 403 \(code 29\): Apps with Trial access .*API Sandbox/) });
    expect(first?.advice).toMatch(
      /Trial access, which may create pins only in Pinterest's API Sandbox: set `api: sandbox` in pinops.yml and PINTEREST_ACCESS_TOKEN to the sandbox token/,
    );
    expect(second).toMatchObject({ key: 'b', result: 'skipped', halted: 'trial' });
    expect(summarise(r).halted?.advice).toMatch(/set `api: sandbox`/);
    expect(w.sim.exchanges.filter((e) => e.method === 'POST' && e.route === '/pins')).toHaveLength(1);
    expect(w.sim.state.pins.size).toBe(0);
    expect(w.contract.violations).toEqual([]);
  });

  it('a 403 with code 29 that does not speak of the sandbox stays what it was (a token problem)', async () => {
    const w = await world({ 'content/pins/a.md': { id: 'a' } });
    w.sim.inject({ method: 'POST', route: '/pins', when: 'before', action: { status: 403, body: { code: 29, message: 'You are not permitted to access that resource.' } } });
    const r = await w.run();
    expect(r.outcomes[0]?.advice).toMatch(/^The Pinterest token was refused/);
  });
});
