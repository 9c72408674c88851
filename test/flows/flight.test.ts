import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { gitLedgerStore } from '../../src/ledger/store.js';
import { publishWorlds } from '../helpers/publish-world.js';
import { mdPin } from '../helpers/repo.js';

const world = publishWorlds();

/** `n` pins p0…, each to its own link except p3 and p4, which share one. */
function pins(n: number): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`content/pins/p${i}.md`, mdPin({ id: `p${i}`, title: `Pin ${i}`, link: `https://shop.example.com/${i === 4 ? 3 : i}` })]),
  );
}

const LATENCY_MS = 200;
const SETTINGS = 'schedule:\n  max_per_run: 9\n  max_per_day: 50\n  min_link_spacing: 1h\n';

describe('creates kept in flight', () => {
  it('sends each create only once its intent is on the origin, with several at once; caps, link spacing and the order of results hold', async () => {
    // At each create Pinterest carries out: the origin's ledger head at that moment (read right away,
    // without an await), and when it was handled.
    const seen: { title: string; head: string; at: number }[] = [];
    let origin = '';
    const w = await world(
      { ...pins(12), 'pinops.yml': SETTINGS },
      {
        latencyMs: LATENCY_MS,
        onExchange: (e) => {
          if (e.method !== 'POST' || e.route !== '/pins' || e.status !== 201) return;
          const head = execFileSync('git', ['--git-dir', origin, 'rev-parse', 'refs/heads/pinops-ledger'], { encoding: 'utf8' }).trim();
          seen.push({ title: (e.requestBody as { title: string }).title, head, at: performance.now() });
        },
      },
    );
    origin = w.repo.origin;
    const r = await w.run();
    // Several at once: one at a time, each create is handled a full latency after the one before
    // (it is sent once that one's answer is back); creates sent together are handled together.
    const together = seen.slice(1).filter((s, i) => s.at - (seen[i] as { at: number }).at < LATENCY_MS);
    expect(together.length).toBeGreaterThanOrEqual(2);
    const planned = r.plan.actions.filter((a) => a.kind === 'create').map((a) => a.key);
    // max_per_run: 9 of the 12; min_link_spacing: p4 shares p3's link, so it waits for a later run.
    expect(planned).toHaveLength(9);
    expect(planned).not.toContain('p4');
    expect(r.outcomes.map((o) => `${o.key}:${o.result}`)).toEqual(planned.map((k) => `${k}:ok`));
    expect(w.sim.state.creates).toBe(9);
    // Every create found its own intent on the origin: read back through the product's store, one ref per moment.
    const check = await w.repo.clone();
    for (const [i, { title, head }] of seen.entries()) {
      execFileSync('git', ['--git-dir', origin, 'update-ref', `refs/heads/at-${i}`, head]);
      const entry = (await gitLedgerStore(check, `at-${i}`).load({ fresh: true })).pins[`p${title.replace('Pin ', '')}`];
      expect(entry?.state, `${title} at its create`).toBe('intent');
    }
    // The credentials' record and the new board went with the first intents: one push before the first create.
    const commits = execFileSync('git', ['--git-dir', origin, 'log', '--reverse', '--format=%B%x00', 'refs/heads/pinops-ledger'], { encoding: 'utf8' }).split('\0');
    expect(commits[0]).toMatch(/^pinops: intend to create p0, p1, /);
    expect(commits[0]).toContain('pinops: create board Winter Looks');
    expect(commits[0]).toContain('pinops: credentials');
    expect(seen[0]?.head).toBe(execFileSync('git', ['--git-dir', origin, 'rev-list', '--max-parents=0', 'refs/heads/pinops-ledger'], { encoding: 'utf8' }).trim());
    expect(Object.keys((await gitLedgerStore(check, 'pinops-ledger').load({ fresh: true })).credentials?.seen ?? {})).toHaveLength(1);
    // Each pin's result said once, in the plan's order, however the creates in flight finished.
    const created = w.logs.filter((l) => l.startsWith('✔ created p'));
    expect(created.map((l) => l.slice('✔ created '.length).split(':')[0])).toEqual(planned);
    expect(w.contract.violations).toEqual([]);
  });
});
