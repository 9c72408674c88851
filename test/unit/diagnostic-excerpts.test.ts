import { describe, expect, it } from 'vitest';
import { formatGithub } from '../../src/diagnostics/format.js';
import { excerpt, redactSecrets } from '../../src/diagnostics/redact.js';
import { validateRepository } from '../../src/flows/validate.js';
import { withoutLints } from '../helpers/lint.js';
import { BASE, mdPin, tempRepos } from '../helpers/repo.js';

const repo = tempRepos();

// Shaped like real credentials, made up for the test.
const BASIC = 'eC1hY2Nlc3MtdG9rZW46Z2hzX0FCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFla';
const GHS = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
const GHP = 'ghp_R2d2C3poB8b8Lk0Lk0Qq1Ww2Ee3Rr4Tt5Yy6';
const PAT = 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF';
const PINA = 'pina_AMAQ3QQWACQYWAQAGBAPAD2PL6XLFEABQBIQCYTJT5NXFKEGVRHNTD4ZZ';
const HEX = '3f786850e387550fdab836ed7e6dc881de23001b';

describe('redactSecrets', () => {
  it('hides authorization headers, GitHub and Pinterest tokens and long credential-looking runs', () => {
    const text = [`AUTHORIZATION: basic ${BASIC}`, `Authorization: Bearer ${PINA}`, `token ${GHS} and ${GHP}`, PAT, `key=${HEX}`, `raw ${'Ab1'.repeat(12)}`].join('\n');
    const out = redactSecrets(text);
    for (const secret of [BASIC, PINA, GHS, GHP, PAT, HEX, 'Ab1'.repeat(12)]) expect(out).not.toContain(secret);
    expect(out).toContain('AUTHORIZATION: basic [redacted]');
    expect(out.match(/\[redacted\]/g)).toHaveLength(7);
  });

  it('leaves ordinary text alone: slugs, URLs, words', () => {
    const text = 'link "https://shop.example.com/products/waterproof-winter-boots-for-women-2026?ref=pin" board "Winter Looks"';
    expect(redactSecrets(text)).toBe(text);
  });

  it('cuts an excerpt to the length asked for', () => {
    expect(excerpt('x'.repeat(500), 20)).toBe(`${'x'.repeat(19)}…`);
    expect(excerpt('short')).toBe('short');
  });
});

describe('what diagnostics quote of a file', () => {
  it('a YAML error in a file holding a git credential header quotes no credential', async () => {
    const config = `[core]\n\tbare = false\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${BASIC}\n`;
    const root = await repo({ ...BASE, 'content/pins/config.yml': config, 'content/pins/ok.md': mdPin() });
    const r = await validateRepository({ root, env: {} });
    if (!r.ok) throw new Error('settings');
    const errors = r.diagnostics.filter((d) => d.file === 'content/pins/config.yml');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((d) => d.code === 'yaml-syntax')).toBe(true);
    const annotations = formatGithub(r.diagnostics);
    expect(annotations).not.toContain(BASIC);
    expect(annotations).not.toContain('eC1hY2Nlc3M');
    // The other file is still checked, and fine.
    expect(withoutLints(r.diagnostics).filter((d) => d.file === 'content/pins/ok.md')).toEqual([]);
  });

  it('a token pasted into a field is not repeated, and a long value is quoted as a short excerpt', async () => {
    const root = await repo({
      ...BASE,
      'content/pins/a.md': mdPin({ title: 'Boots A', board: `"${GHP}"` }, 'Description A.'),
      'content/pins/b.md': mdPin({ title: 'Boots B', board: `"${'Winter '.repeat(700)}"` }, 'Description B.'),
    });
    const r = await validateRepository({ root, env: {} });
    if (!r.ok) throw new Error('settings');
    const a = r.diagnostics.find((d) => d.file === 'content/pins/a.md');
    const b = r.diagnostics.find((d) => d.file === 'content/pins/b.md');
    expect(a).toMatchObject({ code: 'unknown-board' });
    expect(a?.message).not.toContain(GHP);
    expect(a?.message).toContain('[redacted]');
    expect(b).toMatchObject({ code: 'unknown-board' });
    expect(b?.message.length).toBeLessThan(400);
    expect(b?.message).toContain('…"');
  });
});
