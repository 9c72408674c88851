import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/action/inputs.js';
import { failureMessage } from '../../src/action/run.js';
import { AnalyticsFileError } from '../../src/analytics/csv.js';
import { UsageError } from '../../src/cli/errors.js';
import type { CliIO } from '../../src/cli/io.js';
import { report } from '../../src/cli/main.js';
import { diagnostic } from '../../src/diagnostics/diagnostic.js';
import { MediaFileError } from '../../src/files/media-file.js';
import { DraftError } from '../../src/flows/draft-error.js';
import { OnlyError } from '../../src/flows/only-error.js';
import { ArtifactError } from '../../src/flows/preview-bundle.js';
import { MediaError } from '../../src/flows/publish/bodies.js';
import { GithubError } from '../../src/github/errors.js';
import { PreviewBranchError } from '../../src/github/previews.js';
import { SecretWriteError } from '../../src/github/secrets.js';
import { ImportError } from '../../src/import/errors.js';
import { LedgerError } from '../../src/ledger/format.js';
import { CredentialsError } from '../../src/pinterest/credentials.js';
import { PinterestError } from '../../src/pinterest/errors.js';
import { VideoError } from '../../src/pinterest/video.js';
import { SettingsError } from '../../src/settings/load.js';
import { FetchError } from '../../src/util/safe-fetch.js';
import { ISSUES_URL, type UserError } from '../../src/util/user-error.js';
import { PROJECT } from '../helpers/repo.js';

/** The CLI's report of an error: its exit code and what it printed on stderr. */
function cli(err: unknown, env: Record<string, string> = {}): { code: number; err: string } {
  let out = '';
  const io: CliIO = { cwd: PROJECT, env, out: () => {}, err: (s) => (out += s), color: false };
  return { code: report(err, io), err: out };
}

const setting = diagnostic('invalid-setting', 'unknown field `max_per_run`', 'pinops.yml', { line: 1, column: 1 });
const pinterest = new PinterestError('server', 500, 'Internal error', 'rid-1', undefined);

/** Every user error class, with the exit code it gives and the fix it carries (if any). */
const USER_ERRORS: [string, UserError, number, string | undefined][] = [
  ['UsageError', new UsageError('--limit must be a number'), 2, 'Run `pinops --help` for usage.'],
  ['SettingsError', new SettingsError([setting]), 2, setting.hint],
  ['LedgerError (format)', new LedgerError('ledger.json is not valid JSON'), 2, undefined],
  ['LedgerError (lost)', new LedgerError('the ledger branch is gone', 'lost'), 2, undefined],
  ['LedgerError (unreachable)', new LedgerError('the remote cannot be reached', 'unreachable'), 4, undefined],
  ['LedgerError (rejected)', new LedgerError('a rule refused the push', 'rejected'), 4, undefined],
  ['LedgerError (permission)', new LedgerError('the token may not push', 'permission'), 4, undefined],
  ['DraftError', new DraftError('the page is not HTML'), 2, undefined],
  ['OnlyError', new OnlyError('"x/**" matches no pin file'), 2, undefined],
  ['ImportError', new ImportError('the account has no board "Nowhere"'), 2, undefined],
  ['AnalyticsFileError', new AnalyticsFileError('analytics/2026-01.csv', 3, 'a bad date'), 2, undefined],
  ['ArtifactError', new ArtifactError('the previews artifact has no previews.json'), 2, undefined],
  ['InputError', new InputError('input `dry-run`: not a boolean'), 2, undefined],
  ['CredentialsError', new CredentialsError('no Pinterest credentials'), 3, undefined],
  ['PinterestError', pinterest, 3, pinterest.advice],
  ['GithubError', new GithubError(403, 'GitHub answered 403'), 3, undefined],
  [
    'PreviewBranchError',
    new PreviewBranchError('main', 'README.md'),
    3,
    'set preview_branch to a branch of its own (the default is pinops-previews), or delete main if it only ever held previews',
  ],
  ['SecretWriteError', new SecretWriteError('GitHub answered 403', 403), 3, undefined],
  ['MediaFileError', new MediaFileError('outside', 'content/x.jpg', 'outside the repository'), 1, undefined],
  ['MediaError', new MediaError('content/x.jpg does not decode as an image'), 1, undefined],
  ['VideoError', new VideoError('Pinterest could not process the video (media 1)'), 3, undefined],
  ['FetchError', new FetchError('https://shop.example.com: HTTP 404'), 4, undefined],
];

describe('one error taxonomy', () => {
  it.each(USER_ERRORS)('%s: its exit code, its message and fix, no bug line (CLI and action)', (_name, err, exitCode, fix) => {
    const r = cli(err, { PINOPS_DEBUG: '1' });
    expect(r.code).toBe(exitCode);
    expect(r.err).toBe(`pinops: ${err.message}\n${fix ? `${fix}\n` : ''}`);
    const reason = failureMessage(err, { PINOPS_DEBUG: '1' });
    expect(reason.startsWith(err.message)).toBe(true);
    if (fix) expect(reason).toContain(fix);
    for (const text of [r.err, reason]) {
      expect(text).not.toContain('bug');
      expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
  });

  it('the --only option is named in the message, as the CLI always printed it', () => {
    expect(cli(new OnlyError('"[x" is not a valid glob')).err).toBe('pinops: --only "[x" is not a valid glob\n');
  });

  it('a plain Error is a bug: exit 5 and a line asking for a report; the stack only with PINOPS_DEBUG', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const quiet = cli(bug);
    expect(quiet.code).toBe(5);
    expect(quiet.err).toBe(
      `pinops: unexpected failure: ${bug.message}\nThis is a bug in pinops: please report it at ${ISSUES_URL} with the command you ran (PINOPS_DEBUG=1 adds the stack trace).\n`,
    );
    const debug = cli(bug, { PINOPS_DEBUG: '1' });
    expect(debug.code).toBe(5);
    expect(debug.err).toContain(`${bug.stack}\n`);
    expect(cli('a thrown string').err).toContain('pinops: unexpected failure: a thrown string\nThis is a bug in pinops');

    const reason = failureMessage(bug, {});
    expect(reason).toBe(`${bug.message}\nThis is a bug in pinops: please report it at ${ISSUES_URL} with this job's log (PINOPS_DEBUG=1 adds the stack trace).`);
    expect(failureMessage(bug, { PINOPS_DEBUG: '1' })).toContain(bug.stack);
  });

  it("an operating system's refusal is exit 4, naming the path and the errno, not a bug", () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device'), { syscall: 'write', code: 'ENOSPC', path: '/repo/out.png', errno: -28 });
    expect(cli(enospc)).toEqual({ code: 4, err: 'pinops: could not write /repo/out.png: ENOSPC (the disk is full)\n' });
    expect(failureMessage(enospc, {})).toBe('could not write /repo/out.png: ENOSPC (the disk is full)');
  });

  it('reports bugs where package.json says', async () => {
    expect(JSON.parse(await readFile(join(PROJECT, 'package.json'), 'utf8')).bugs.url).toBe(ISSUES_URL);
  });

  it('every error class in src is a user error in the table above, or an internal signal that never reaches an entry point', async () => {
    const files = (await readdir(join(PROJECT, 'src'), { recursive: true })).map(String).filter((f) => f.endsWith('.ts') && !f.includes('generated'));
    const classes = new Map<string, string>();
    for (const f of files)
      for (const m of (await readFile(join(PROJECT, 'src', f), 'utf8')).matchAll(/class (\w+) extends (\w*Error)\b/g)) classes.set(m[1] as string, m[2] as string);
    const tabled = new Set(USER_ERRORS.map(([name]) => name.split(' ')[0]));
    const users = [...classes].filter(([, base]) => base === 'UserError').map(([name]) => name);
    expect(users.sort()).toEqual([...tabled].sort());
    // LeaseLost stops a send inside the executor, which catches it.
    expect([...classes].filter(([name, base]) => base === 'Error' && name !== 'UserError').map(([name]) => name)).toEqual(['LeaseLost']);
  });
});
