import { describe, expect, it } from 'vitest';
import { handleRotation, renewLevel, tokenFingerprint } from '../../src/flows/credentials.js';
import { emptyLedger, type Ledger } from '../../src/ledger/format.js';
import type { LedgerStore } from '../../src/ledger/store.js';
import type { Credentials } from '../../src/pinterest/credentials.js';

/*
 * The renew-by date of a secret pinops does not replace (no secrets-token) is said on every run:
 * an info line until its last 14 days, a warning in them, an error in the last 3. An hourly
 * workflow would otherwise raise 24 warning annotations a day for two months.
 */

const DAY = 86_400_000;
const FIRST_SEEN = Date.parse('2026-01-01T12:00:00Z');
/** The refresh token's renew-by date: 60 days after pinops first saw it. */
const RENEW_BY = new Date(FIRST_SEEN + 60 * DAY);

/** A ledger kept in memory that already saw the token at FIRST_SEEN. */
function storeThatSaw(token: string): LedgerStore {
  let ledger: Ledger = { ...emptyLedger(), credentials: { seen: { [tokenFingerprint(token)]: new Date(FIRST_SEEN).toISOString() } } };
  return {
    pushes: 0,
    load: async () => structuredClone(ledger),
    commit: async (_message, change) => {
      const next = structuredClone(ledger);
      const applied = change(next) !== false;
      if (applied) ledger = next;
      return { ledger, applied };
    },
    readFolder: async () => new Map(),
  };
}

/** The report of a run at `daysLeft` before the renew-by date, with a fixed clock. */
async function reportAt(daysLeft: number, creds: Credentials) {
  const token = (creds.refreshToken ?? creds.accessToken) as string;
  const now = new Date(RENEW_BY.getTime() - daysLeft * DAY);
  return handleRotation(creds, { store: storeThatSaw(token), runId: 'r1', now, log: () => {} });
}

const rotated: Credentials = { accessToken: 'pina_1', source: 'refresh', refreshToken: 'pinr_old', newRefreshToken: 'pinr_new' };
const plainAccess: Credentials = { accessToken: 'pina_plain', source: 'access-token' };

describe('the renew-by date, at its level', () => {
  it.each([
    [59, 'info'],
    [15, 'info'],
    [14, 'warning'],
    [4, 'warning'],
    [3, 'error'],
    [0.5, 'error'],
  ] as const)('a refresh token with %s day(s) left: %s', async (daysLeft, level) => {
    const r = await reportAt(daysLeft, rotated);
    expect(r.renewBy).toEqual(RENEW_BY);
    expect(r.warnings).toEqual([{ level, text: expect.stringMatching(/^The secret PINTEREST_REFRESH_TOKEN \(first seen 2026-01-01\) stops working by 2026-03-02: renew it/) }]);
    expect(r.urgent).toBe(level === 'error');
  });

  it.each([
    [20, 'info'],
    [10, 'warning'],
    [2, 'error'],
  ] as const)('a plain access token with %s day(s) left (30 days from first seen): %s', async (daysLeft, level) => {
    const r = await handleRotation(plainAccess, {
      store: storeThatSaw('pina_plain'),
      runId: 'r1',
      now: new Date(FIRST_SEEN + (30 - daysLeft) * DAY),
      log: () => {},
    });
    expect(r.warnings).toEqual([{ level, text: expect.stringMatching(/^PINTEREST_ACCESS_TOKEN \(first seen 2026-01-01\) expires around 2026-01-31/) }]);
  });

  it('the boundaries are the last 14 and the last 3 days, to the millisecond', () => {
    expect(renewLevel(RENEW_BY, new Date(RENEW_BY.getTime() - 14 * DAY - 1))).toBe('info');
    expect(renewLevel(RENEW_BY, new Date(RENEW_BY.getTime() - 14 * DAY))).toBe('warning');
    expect(renewLevel(RENEW_BY, new Date(RENEW_BY.getTime() - 3 * DAY - 1))).toBe('warning');
    expect(renewLevel(RENEW_BY, new Date(RENEW_BY.getTime() - 3 * DAY))).toBe('error');
    expect(renewLevel(RENEW_BY, new Date(RENEW_BY.getTime() + DAY))).toBe('error');
  });
});
