import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets, REDACTED, redact, redactJson, registerEnvSecrets, registerSecret } from '../../src/util/redact.js';

afterEach(() => clearSecrets());

describe('redact', () => {
  it('cuts every registered secret, and its URL-encoded form', () => {
    registerSecret('s3cr3t/value+1');
    registerEnvSecrets({ PINTEREST_APP_SECRET: 'app-secret-xyz', PINTEREST_APP_ID: 'app-1', INPUT_TOKEN: 'tok-123456', GITHUB_SERVER_URL: 'https://github.com' });
    expect(redact('Authorization: Bearer s3cr3t/value+1 (echoed)')).toBe(`Authorization: Bearer ${REDACTED} (echoed)`);
    expect(redact('a s3cr3t/value+1 b s3cr3t%2Fvalue%2B1 c app-secret-xyz d tok-123456 e app-1')).toBe(`a ${REDACTED} b ${REDACTED} c ${REDACTED} d ${REDACTED} e app-1`);
    // Too short to register: ordinary words stay.
    registerSecret('abc');
    expect(redact('abc')).toBe('abc');
  });

  it('cuts credential-shaped text that was never registered', () => {
    const basic = Buffer.from('app-1:hunter2hunter2').toString('base64');
    const cases: [string, string][] = [
      ['echo: Authorization: Bearer abc.DEF-123_xyz', `echo: Authorization: Bearer ${REDACTED}`],
      ['{"authorization":"token 0123456789abcdef"}', `{"authorization":"token ${REDACTED}"}`],
      [`Authorization: Basic ${basic}`, `Authorization: Basic ${REDACTED}`],
      [`sent Basic ${basic} again`, `sent Basic ${REDACTED} again`],
      ['a Bearer eyJhbGciOi.J9.xyz token', `a Bearer ${REDACTED} token`],
      ['pina_AMAZXYZ1234567890abcdefghijk rest', `${REDACTED} rest`],
      ['refresh pinr_AMA0123456789abcdefghij', `refresh ${REDACTED}`],
      ['ghp_0123456789abcdefghijklmnopqrstuvwxyz and ghs_ABCDEFGHIJKLMNOPQRSTUV', `${REDACTED} and ${REDACTED}`],
      ['github_pat_11ABCDEFG0123456789_abcdefghijklmnop', REDACTED],
    ];
    for (const [text, want] of cases) {
      expect(redact(text), text).toBe(want);
      expect(redact(want), `${want}, again`).toBe(want);
    }
  });

  it('leaves ordinary text alone', () => {
    for (const text of [
      'Basic authentication is off',
      'the refresh token PINTEREST_REFRESH_TOKEN expires on 2026-01-01',
      'the Authorization header was refused',
      'pins_winter boots',
      'content/pins/a.md:7:1',
    ])
      expect(redact(text)).toBe(text);
  });

  it('keeps JSON valid', () => {
    const line = JSON.stringify({ error: 'HTTP 400: echo "Authorization: Bearer abcdefgh12345678" \\ done' }, redactJson);
    expect(JSON.parse(line)).toEqual({ error: `HTTP 400: echo "Authorization: Bearer ${REDACTED}" \\ done` });
  });
});
