import { describe, expect, it } from 'vitest';
import { LeaseLost, Leases } from '../../src/flows/publish/lease.js';
import { type LedgerEntry, leaseLive } from '../../src/ledger/format.js';
import { gitLedgerStore } from '../../src/ledger/store.js';
import type { Clock } from '../../src/pinterest/transport.js';
import { tempGitRepos } from '../helpers/git-repo.js';

const repo = tempGitRepos();
const LEASE = 60_000;

/** A clock the test moves by hand: the lease's arithmetic is the subject, not waiting. */
function handClock(start = Date.parse('2026-12-01T10:00:00Z')): Clock & { advance(ms: number): void } {
  let t = start;
  const advance = (ms: number) => {
    t += ms;
  };
  return { now: () => t, sleep: async (ms) => advance(ms), advance };
}

const intent = (run: string, lease: string): LedgerEntry => ({
  state: 'intent',
  board: 'B',
  content: 'c',
  media: 'm',
  title: 'T',
  run,
  intent_at: '2026-12-01T10:00:00.000Z',
  lease_until: lease,
});

async function world() {
  const r = await repo({ 'README.md': 'hi' });
  const clock = handClock();
  const mine = gitLedgerStore(r.root, 'pinops-ledger');
  const theirs = gitLedgerStore(await r.clone(), 'pinops-ledger');
  const leases = new Leases(mine, 'run-a', clock, LEASE);
  const lease = leases.until();
  await mine.commit(
    'intent',
    (l) => {
      l.pins.a = intent('run-a', lease);
      l.pins.b = intent('run-a', lease);
      return true;
    },
    () => [],
  );
  leases.hold(['a', 'b']);
  return { clock, mine, theirs, leases };
}

describe("a run's lease on its intents", () => {
  it('is live until it runs out; a missing lease is not', () => {
    const at = new Date('2026-12-01T10:00:00Z');
    expect(leaseLive('2026-12-01T10:00:01.000Z', at)).toBe(true);
    expect(leaseLive('2026-12-01T10:00:00.000Z', at)).toBe(false);
    expect(leaseLive(undefined, at)).toBe(false);
  });

  it('renews every intent it holds in one push, so other runs keep seeing them as live', async () => {
    const w = await world();
    try {
      w.clock.advance(LEASE * 0.75);
      await w.leases.guard('a')();
      const ledger = await w.theirs.load({ fresh: true });
      for (const k of ['a', 'b']) expect(Date.parse(ledger.pins[k]?.lease_until as string)).toBe(w.clock.now() + LEASE);
    } finally {
      w.leases.stop();
    }
  });

  it('sends without a push while more than half the lease is left', async () => {
    const w = await world();
    try {
      const pushes = w.mine.pushes;
      w.clock.advance(LEASE * 0.25);
      await w.leases.guard('a')();
      expect(w.mine.pushes).toBe(pushes);
    } finally {
      w.leases.stop();
    }
  });

  it('never sends a create whose intent another run took over after the lease ran out', async () => {
    const w = await world();
    try {
      // This run stalled past its lease; another run resolved the intent and wrote its own.
      w.clock.advance(LEASE + 1);
      await w.theirs.commit(
        'taken over',
        (l) => {
          l.pins.a = intent('run-b', new Date(w.clock.now() + LEASE).toISOString());
          return true;
        },
        () => [],
      );
      await expect(w.leases.guard('a')()).rejects.toBeInstanceOf(LeaseLost);
      // The intent it still holds is renewed, and the other run's is left as it was.
      await w.leases.guard('b')();
      const ledger = await w.theirs.load({ fresh: true });
      expect(ledger.pins.a?.run).toBe('run-b');
      expect(ledger.pins.b?.run).toBe('run-a');
      expect(Date.parse(ledger.pins.b?.lease_until as string)).toBe(w.clock.now() + LEASE);
    } finally {
      w.leases.stop();
    }
  });

  it('never sends after an intent was cleared by another run', async () => {
    const w = await world();
    try {
      w.clock.advance(LEASE + 1);
      await w.theirs.commit(
        'cleared',
        (l) => {
          delete l.pins.a;
          return true;
        },
        () => [],
      );
      await expect(w.leases.guard('a')()).rejects.toThrow(/another run took the pin over/);
      expect((await w.theirs.load({ fresh: true })).pins.a).toBeUndefined();
    } finally {
      w.leases.stop();
    }
  });
});
