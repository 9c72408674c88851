import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { OutputFormat } from '../diagnostics/format.js';
import { formatText } from '../diagnostics/format.js';
import { DraftError } from '../flows/draft-error.js';
import { LedgerError } from '../ledger/format.js';
import { CredentialsError } from '../pinterest/credentials.js';
import { PinterestError } from '../pinterest/errors.js';
import { SettingsError } from '../settings/load.js';
import { EXIT, UsageError } from './errors.js';
import { initCommand } from './init.js';
import type { CliIO } from './io.js';
import { validateCommand } from './validate.js';

const HELP = `pinops — Pinterest publishing as code

Usage: pinops <command> [options]

Commands:
  validate [PATH…] [--format text|json|github]   check content/ (all of it, or the paths given)
  preview [FILE…] [--out DIR]                     render preview PNGs of the pins (default: all)
  plan [--json] [--now ISO]                       what publishing would do, against the ledger
  publish [--dry-run] [--limit N] [--only GLOB]   carry out the plan; the ledger branch is pushed to origin
  boards                                          the account's boards and sections, with their ids
  analytics [--days N]                            collect the pins' daily metrics and print the summary
  draft URL [--out FILE]                          write a draft pin from a product page
  auth [--port N] [--no-open] [--repo O/N --github-token T]   connect a Pinterest account (OAuth)
  disconnect [--repo O/N --github-token T]        revoke access, delete the secrets, stop all runs
  init [--force]                                  write pinops.yml, content/, schemas/ and a workflow
  demo                                            the whole flow on the bundled example, offline

Options for every command:
  --cwd DIR        the repository's root (default: the current folder)
  --config FILE    the settings file (default: pinops.yml)
  -h, --help       this help

Exit codes: 0 success, 1 content errors, 2 usage or settings error, 3 API or credential error.
`;

/** Runs the CLI; returns the exit code. The one place that turns errors into messages. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`pinops: ${err.message}\nRun \`pinops --help\` for usage.\n`);
      return EXIT.usage;
    }
    if (err instanceof SettingsError) {
      io.err(formatText(err.diagnostics, 0, false));
      return EXIT.usage;
    }
    if (err instanceof LedgerError) {
      io.err(`pinops: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof DraftError) {
      io.err(`pinops: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof CredentialsError) {
      io.err(`pinops: ${err.message}\n`);
      return EXIT.api;
    }
    if (err instanceof PinterestError) {
      io.err(`pinops: Pinterest answered ${err.message}\n${err.advice}\n`);
      return EXIT.api;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.err(`pinops: unexpected failure: ${message}\n`);
    if (io.env.PINOPS_DEBUG && err instanceof Error && err.stack) io.err(`${err.stack}\n`);
    return EXIT.content;
  }
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.replace(/\. To specify.*$/s, '') : String(err));
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.out(HELP);
    return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
  }
  const root = resolve(io.cwd, values.cwd ?? '.');
  switch (command) {
    case 'validate': {
      const format = values.format ?? 'text';
      if (format !== 'text' && format !== 'json' && format !== 'github') throw new UsageError(`--format must be text, json or github, not "${format}"`);
      return validateCommand(io, root, { paths: rest, format: format as OutputFormat, ...(values.config ? { config: values.config } : {}) });
    }
    case 'preview': {
      const { previewCommand } = await import('./preview.js');
      return previewCommand(io, root, { files: rest, ...(values.out ? { out: values.out } : {}), ...(values.config ? { config: values.config } : {}) });
    }
    case 'plan': {
      noArgs(command, rest);
      const { planCommand } = await import('./publish.js');
      return planCommand(io, root, { json: values.json ?? false, ...(values.now ? { now: values.now } : {}), ...(values.config ? { config: values.config } : {}) });
    }
    case 'publish': {
      noArgs(command, rest);
      const { publishCommand } = await import('./publish.js');
      return publishCommand(io, root, {
        dryRun: values['dry-run'] ?? false,
        ...(values.limit ? { limit: values.limit } : {}),
        ...(values.only ? { only: values.only } : {}),
        ...(values.config ? { config: values.config } : {}),
      });
    }
    case 'boards': {
      noArgs(command, rest);
      const { boardsCommand } = await import('./publish.js');
      return boardsCommand(io, root, values.config ? { config: values.config } : {});
    }
    case 'analytics': {
      noArgs(command, rest);
      const { analyticsCommand } = await import('./analytics.js');
      return analyticsCommand(io, root, { ...(values.days ? { days: values.days } : {}), ...(values.config ? { config: values.config } : {}) });
    }
    case 'draft': {
      const { draftCommand } = await import('./draft.js');
      return draftCommand(io, root, { urls: rest, ...(values.out ? { out: values.out } : {}), ...(values.config ? { config: values.config } : {}) });
    }
    case 'auth': {
      noArgs(command, rest);
      const port = Number(values.port ?? 8085);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
      const { authCommand } = await import('./auth.js');
      return authCommand(io, root, {
        port,
        open: !values['no-open'] && !io.env.CI,
        timeoutMs: Number(values.timeout ?? 300) * 1000,
        ...(values.config ? { config: values.config } : {}),
        ...(values.repo ? { repo: values.repo } : {}),
        ...(values['github-token'] ? { githubToken: values['github-token'] } : {}),
      });
    }
    case 'disconnect': {
      noArgs(command, rest);
      const { disconnectCommand } = await import('./auth.js');
      return disconnectCommand(io, root, {
        ...(values.config ? { config: values.config } : {}),
        ...(values.repo ? { repo: values.repo } : {}),
        ...(values['github-token'] ? { githubToken: values['github-token'] } : {}),
      });
    }
    case 'init':
      noArgs(command, rest);
      return initCommand(io, root, values.force ?? false);
    case 'demo': {
      noArgs(command, rest);
      const { demoCommand } = await import('./demo.js');
      return demoCommand(io);
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      cwd: { type: 'string' },
      config: { type: 'string' },
      format: { type: 'string' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
      now: { type: 'string' },
      'dry-run': { type: 'boolean' },
      limit: { type: 'string' },
      days: { type: 'string' },
      only: { type: 'string' },
      port: { type: 'string' },
      out: { type: 'string' },
      timeout: { type: 'string' },
      'no-open': { type: 'boolean' },
      repo: { type: 'string' },
      'github-token': { type: 'string' },
    },
  });
}

function noArgs(command: string, rest: string[]): void {
  if (rest.length) throw new UsageError(`\`pinops ${command}\` takes no arguments, got "${rest.join(' ')}"`);
}
