import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { OutputFormat } from '../diagnostics/format.js';
import { packageRoot } from '../util/package-root.js';
import { redact, registerEnvSecrets, registerSecret } from '../util/redact.js';
import { bugLine, EXIT, failureOf } from '../util/user-error.js';
import { COMMON, type CommandSpec, columns, commandHelp, isoTime, optionRows, type Parsed, parseCommand } from './args.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { OUTPUTS } from './outputs.js';

const json = { type: 'boolean', help: 'print the result as JSON on stdout (logs go to stderr)' } as const;
const retryUpdates = {
  type: 'boolean',
  help: 'send again the edits Pinterest refused (PATCH /pins not available to the app), planned as update-unavailable otherwise',
} as const;

/** `--repo` and `--github-token`: the repository whose secrets auth stores and disconnect deletes. */
const secretsRepo = (verb: string): CommandSpec['options'] => ({
  repo: { type: 'string', value: 'OWNER/NAME', help: `${verb} the secrets of this GitHub repository` },
  'github-token': { type: 'string', value: 'TOKEN', help: 'a token that may write its secrets (default: GITHUB_TOKEN)' },
});

/** Every command, its arguments and its own options: the parser accepts nothing else. */
export const COMMANDS: Record<string, CommandSpec> = {
  validate: {
    brief: 'check content/ (all of it, or the paths given)',
    args: '[PATH…]',
    maxArgs: Number.POSITIVE_INFINITY,
    summary: 'Check the content (all of it, or the files and folders given) and print every problem with its file, line and fix.',
    options: { format: { type: 'string', value: 'text|json|github', help: 'how to print the problems (default: text)' }, json: { ...json, help: 'the same as --format json' } },
  },
  preview: {
    brief: 'render preview images of the pins (default: all)',
    args: '[FILE…]',
    maxArgs: Number.POSITIVE_INFINITY,
    summary: 'Render preview images of the pins (default: all of them), named after the pin ids: JPEG for photos, PNG where that is smaller.',
    options: { out: { type: 'string', value: 'DIR', help: `where to write them (default: ${OUTPUTS.previews})` }, json },
  },
  plan: {
    brief: 'what publishing would do, against the ledger',
    args: '',
    maxArgs: 0,
    summary: 'Print what publishing would do, against the ledger; nothing is sent and no credentials are needed.',
    options: { now: { type: 'string', value: 'ISO', help: 'plan as of this time (default: now)' }, 'retry-updates': retryUpdates, json },
  },
  calendar: {
    brief: 'the schedule of the coming weeks, as a PNG (and iCalendar)',
    args: '',
    maxArgs: 0,
    summary: "Render the schedule of the coming weeks as a PNG: a column per day, a row per posting slot, each pin's preview where it goes out; nothing is sent.",
    options: {
      weeks: { type: 'string', value: 'N', help: 'how many weeks, from Monday of this one (1–12; default: 2)' },
      out: { type: 'string', value: 'FILE', help: `the PNG to write (default: ${OUTPUTS.calendar})` },
      ics: { type: 'string', value: 'FILE', help: 'also (without --out: only) write the schedule as iCalendar; - prints it' },
      now: { type: 'string', value: 'ISO', help: 'as of this time (default: now)' },
    },
  },
  publish: {
    brief: 'carry out the plan; the ledger branch is pushed to origin',
    args: '',
    maxArgs: 0,
    summary: 'Carry out the plan: create, update and (with prune) delete pins; the ledger branch is pushed to origin.',
    options: {
      'dry-run': { type: 'boolean', help: 'print the plan only' },
      limit: { type: 'string', value: 'N', help: 'publish at most N pins' },
      only: { type: 'string', value: 'GLOB', help: 'only the content files matching GLOB' },
      'confirm-republish': { type: 'string', value: 'N', help: 'agree to publish again up to N pins pinops had published (board deleted, ledger record lost)' },
      'retry-updates': retryUpdates,
      json,
    },
  },
  boards: {
    brief: "the account's boards and sections, with their ids",
    args: '',
    maxArgs: 0,
    summary: "List the account's boards and sections with their ids.",
    options: { json },
  },
  analytics: {
    brief: "collect the pins' daily metrics and print the summary",
    args: '',
    maxArgs: 0,
    summary: 'Collect the daily metrics of the pins pinops published onto the ledger branch, and print the summary.',
    options: { days: { type: 'string', value: 'N', help: 'read the last N days (1–90; default: what is new since the last run)' }, json },
  },
  draft: {
    brief: 'write a draft pin from a product page',
    args: 'URL',
    maxArgs: 1,
    summary: "Write a draft pin (status: draft) from a product page's Open Graph and schema.org data, with its image.",
    options: { out: { type: 'string', value: 'FILE', help: 'the pin file to write (default: content/pins/drafts/ID.md)' }, json },
  },
  import: {
    brief: 'bring an existing account, or a CSV of pins, under pinops',
    args: '[FILE.csv|URL]',
    maxArgs: 1,
    summary:
      "Write pin files from the Pinterest account's boards and pins (--account), recorded as published so publishing leaves them as they are, or from a CSV in Pinterest's bulk-upload columns (a file or a Google Sheets CSV URL). Never overwrites a file; never changes anything on Pinterest.",
    options: {
      account: { type: 'boolean', help: "import the account's boards and pins" },
      'dry-run': { type: 'boolean', help: 'print what would be written; write nothing' },
      'no-download': { type: 'boolean', help: 'keep the pictures as their https URLs instead of downloading them into content/media/' },
      board: { type: 'string', value: 'NAME', help: 'only this board (--account)' },
      since: { type: 'string', value: 'DATE', help: 'only pins published on or after DATE (--account)' },
      limit: { type: 'string', value: 'N', help: 'at most N new pins (--account)' },
      json,
    },
  },
  export: {
    brief: "write the repository's pins as a CSV (Pinterest's bulk-upload columns) or JSON",
    args: '[FILE]',
    maxArgs: 1,
    summary: "Write the repository's pins in Pinterest's bulk-upload CSV columns (--csv) or as JSON (--json), to FILE or stdout.",
    options: {
      csv: { type: 'boolean', help: "Pinterest's bulk-upload columns (default)" },
      json: { type: 'boolean', help: 'JSON instead' },
      separator: { type: 'string', value: 'CHAR', help: 'the CSV separator (default ","; ";" for spreadsheets in many locales)' },
    },
  },
  auth: {
    brief: 'connect a Pinterest account (OAuth)',
    args: '',
    maxArgs: 0,
    summary: 'Connect a Pinterest account through OAuth (a browser and a localhost callback), and print or store the secrets to set.',
    options: {
      port: { type: 'string', value: 'N', help: 'the callback port (default: 8085; register http://localhost:N/ with your app)' },
      'no-open': { type: 'boolean', help: 'print the consent URL instead of opening a browser' },
      timeout: { type: 'string', value: 'SECONDS', help: 'how long to wait for the browser (default: 300)' },
      ...secretsRepo('store'),
    },
  },
  disconnect: {
    brief: 'revoke access, delete the secrets, stop all runs',
    args: '',
    maxArgs: 0,
    summary: 'Revoke access (where Pinterest allows), delete the secrets and stop publishing.',
    options: secretsRepo('delete'),
  },
  init: {
    brief: 'write pinops.yml, content/, schemas/ and the workflows',
    args: '',
    maxArgs: 0,
    summary: 'Write pinops.yml, content/, schemas/, the workflows and editor settings; existing files are kept.',
    options: {
      force: { type: 'boolean', help: 'overwrite the scaffold (your pinops.yml, boards and pins are still kept)' },
      schemas: { type: 'boolean', help: 'only refresh schemas/ (after upgrading pinops)' },
    },
  },
  demo: {
    brief: 'the whole flow on the bundled example (or a copy of your repository), offline',
    args: '[REPO]',
    maxArgs: 1,
    summary:
      "The whole flow on the bundled example, offline: validate, previews, plan, publish to pinops' own simulator, analytics. With REPO, on a copy of that repository instead (its origin, ledger and webhooks are not touched).",
    ownRepository: true,
    options: { now: { type: 'string', value: 'ISO', help: 'plan as of this time (default: 2026-11-28T12:00:00Z for the example, the time it is written for; now for REPO)' } },
  },
};

function help(): string {
  const commands = Object.entries(COMMANDS).map(([n, c]) => [`${n}${c.args ? ` ${c.args}` : ''}`, c.brief] as const);
  return `pinops ${version()} — Pinterest publishing as code

Usage: pinops <command> [options]      pinops <command> --help for a command's options

Commands:
${columns(commands)}

Options for every command:
${columns(optionRows(COMMON))}

Exit codes: 0 success, 1 content errors, 2 usage or settings error, 3 API or credential error,
4 a file or folder could not be read or written, 5 a bug in pinops (please report it).
`;
}

/** pinops' own version, from its package.json (source, bundle and npm install alike). */
export function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** Runs the CLI; returns the exit code. The one place that turns errors into messages. */
export async function main(argv: string[], given: CliIO): Promise<number> {
  // Errors and logs go to stderr: no secret of the environment (or shaped like one) reaches it.
  registerEnvSecrets(given.env);
  const io: CliIO = { ...given, err: (s) => given.err(redact(s)) };
  try {
    return await dispatch(argv, io);
  } catch (err) {
    return report(err, io);
  }
}

/**
 * An error as the user reads it: a user error's message and fix, with its exit code; anything else
 * a bug to report, its stack only when PINOPS_DEBUG asks for it. Exported for tests.
 */
export function report(err: unknown, io: CliIO): number {
  const f = failureOf(err);
  if (!f.bug) {
    io.err(`pinops: ${f.message}\n${f.fix ? `${f.fix}\n` : ''}`);
    return f.exitCode;
  }
  io.err(`pinops: unexpected failure: ${f.message}\n${bugLine('the command you ran')}\n`);
  if (io.env.PINOPS_DEBUG && f.stack) io.err(`${f.stack}\n`);
  return f.exitCode;
}

/**
 * The repository's root, as git finds it: the nearest folder up from the current one that holds
 * `.git` (so `pinops validate` works from content/pins), or the current folder outside any
 * repository. `--cwd DIR` names the root itself.
 */
export function findRoot(cwd: string, given: string | undefined): string {
  if (given !== undefined) {
    const root = resolve(cwd, given);
    if (!existsSync(root)) throw new UsageError(`--cwd ${given}: no such folder`);
    if (!statSync(root).isDirectory()) throw new UsageError(`--cwd ${given}: a file, not a folder`);
    return root;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const p = parseCommand(argv, COMMANDS);
  if (p.values.version) {
    io.out(`${version()}\n`);
    return EXIT.ok;
  }
  const spec = COMMANDS[p.command];
  if (!spec || p.values.help) {
    io.out(spec ? commandHelp(p.command, spec) : help());
    return spec || p.values.help ? EXIT.ok : EXIT.usage;
  }
  const root = findRoot(io.cwd, p.values.cwd as string | undefined);
  return run(p, io, root, config(io, p));
}

/** `--config FILE`, relative to the current folder; a file that is not there is an error, not ignored. */
function config(io: CliIO, p: Parsed): { config?: string } {
  const given = p.values.config as string | undefined;
  if (given === undefined) return {};
  const abs = resolve(io.cwd, given);
  if (!existsSync(abs)) throw new UsageError(`--config ${given}: no such file`);
  return { config: abs };
}

/**
 * Paths given on the command line are relative to the current folder; pinops wants them from the
 * root. A path that does not exist, or lies outside the repository, is a usage error: it would
 * otherwise select nothing and report "0 errors".
 */
function fromRoot(io: CliIO, root: string, paths: string[]): string[] {
  return paths.map((f) => {
    const abs = resolve(io.cwd, f);
    if (!existsSync(abs)) throw new UsageError(`${f}: no such file or folder`);
    const rel = relative(root, abs);
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw new UsageError(`${f}: outside the repository (${root})`);
    return rel.split(sep).join('/') || '.';
  });
}

async function calendar(io: CliIO, root: string, v: Record<string, string | boolean | undefined>, cfg: { config?: string }): Promise<number> {
  const { calendarCommand } = await import('./calendar.js');
  const text = (k: string) => (typeof v[k] === 'string' ? { [k]: v[k] as string } : {});
  return calendarCommand(io, root, { ...text('weeks'), ...text('out'), ...text('ics'), ...text('now'), ...cfg });
}

async function run(p: Parsed, io: CliIO, root: string, cfg: { config?: string }): Promise<number> {
  const v = p.values as Record<string, string | undefined> & Record<string, boolean | undefined>;
  const asJson = v.json === true;
  if (p.command === 'import' || p.command === 'export') return importExport(p, io, root, cfg);
  if (p.command === 'calendar') return calendar(io, root, v, cfg);
  switch (p.command) {
    case 'validate': {
      const format = asJson ? 'json' : ((v.format as string | undefined) ?? 'text');
      if (format !== 'text' && format !== 'json' && format !== 'github') throw new UsageError(`--format must be text, json or github, not "${format}"`);
      const { validateCommand } = await import('./validate.js');
      return validateCommand(io, root, { paths: fromRoot(io, root, p.positionals), format: format as OutputFormat, ...cfg });
    }
    case 'preview': {
      const { previewCommand } = await import('./preview.js');
      return previewCommand(io, root, { files: fromRoot(io, root, p.positionals), json: asJson, ...(v.out ? { out: v.out as string } : {}), ...cfg });
    }
    case 'plan': {
      const { planCommand } = await import('./plan.js');
      return planCommand(io, root, { json: asJson, retryUpdates: v['retry-updates'] === true, ...(v.now ? { now: v.now as string } : {}), ...cfg });
    }
    case 'publish': {
      const { publishCommand } = await import('./publish.js');
      return publishCommand(io, root, {
        dryRun: v['dry-run'] === true,
        json: asJson,
        retryUpdates: v['retry-updates'] === true,
        ...(v.limit ? { limit: v.limit as string } : {}),
        ...(v.only ? { only: v.only as string } : {}),
        ...(v['confirm-republish'] ? { confirmRepublish: v['confirm-republish'] as string } : {}),
        ...cfg,
      });
    }
    case 'boards': {
      const { boardsCommand } = await import('./publish.js');
      return boardsCommand(io, root, { json: asJson, ...cfg });
    }
    case 'analytics': {
      const { analyticsCommand } = await import('./analytics.js');
      return analyticsCommand(io, root, { json: asJson, ...(v.days ? { days: v.days as string } : {}), ...cfg });
    }
    case 'draft': {
      const { draftCommand } = await import('./draft.js');
      return draftCommand(io, root, { urls: p.positionals, json: asJson, ...(v.out ? { out: v.out as string } : {}), ...cfg });
    }
    case 'auth':
      return auth(io, root, v, cfg);
    case 'disconnect': {
      const { disconnectCommand } = await import('./auth.js');
      return disconnectCommand(io, root, { ...cfg, ...githubTarget(v) });
    }
    case 'init': {
      const { initCommand } = await import('./init.js');
      return initCommand(io, root, { force: v.force === true, schemasOnly: v.schemas === true });
    }
    default: {
      const { demoCommand } = await import('./demo.js');
      return demoCommand(io, { ...(v.now ? { now: isoTime(v.now as string) } : {}), ...(p.positionals[0] ? { repo: resolve(io.cwd, p.positionals[0]) } : {}) });
    }
  }
}

/** `pinops import` and `pinops export`: the bridges from an account or a spreadsheet, and back to a spreadsheet. */
async function importExport(p: Parsed, io: CliIO, root: string, cfg: { config?: string }): Promise<number> {
  const v = p.values as Record<string, string | undefined> & Record<string, boolean | undefined>;
  if (p.command === 'export') {
    const { exportCommand } = await import('./import-csv.js');
    return exportCommand(io, root, {
      json: v.json === true,
      ...(p.positionals[0] ? { file: resolve(io.cwd, p.positionals[0]) } : {}),
      ...(v.separator ? { separator: v.separator as string } : {}),
      ...cfg,
    });
  }
  const { importCommand } = await import('./import.js');
  return importCommand(io, root, {
    sources: p.positionals.map((s) => (/^https?:\/\//i.test(s) ? s : resolve(io.cwd, s))),
    account: v.account === true,
    dryRun: v['dry-run'] === true,
    download: v['no-download'] !== true,
    json: v.json === true,
    ...(v.board ? { board: v.board as string } : {}),
    ...(v.since ? { since: v.since as string } : {}),
    ...(v.limit ? { limit: v.limit as string } : {}),
    ...cfg,
  });
}

async function auth(io: CliIO, root: string, v: Record<string, string | boolean | undefined>, cfg: { config?: string }): Promise<number> {
  const port = Number(v.port ?? 8085);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${v.port}"`);
  const timeout = Number(v.timeout ?? 300);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`--timeout must be a number of seconds, not "${v.timeout}"`);
  const { authCommand } = await import('./auth.js');
  return authCommand(io, root, {
    port,
    open: v['no-open'] !== true && !io.env.CI,
    timeoutMs: timeout * 1000,
    ...cfg,
    ...githubTarget(v),
  });
}

function githubTarget(v: Record<string, string | boolean | undefined>): { repo?: string; githubToken?: string } {
  registerSecret(v['github-token'] as string | undefined);
  return { ...(v.repo ? { repo: v.repo as string } : {}), ...(v['github-token'] ? { githubToken: v['github-token'] as string } : {}) };
}
