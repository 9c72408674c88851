import { parseArgs } from 'node:util';
import { didYouMean } from '../util/did-you-mean.js';
import { UsageError } from './errors.js';

/** One option of a command, for parsing and for its help. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in help (string options). */
  value?: string;
  help: string;
}

/** A command: its arguments, its own options and its help. */
export interface CommandSpec {
  /** A line for the overview of every command (`pinops --help`). */
  brief: string;
  /** What follows `pinops NAME` in the usage line, e.g. `[PATH…]`. */
  args: string;
  /** The command works on no repository of the user's (`demo`): it takes no `--cwd` or `--config`. */
  ownRepository?: true;
  /** At most this many positional arguments (Infinity for a list). */
  maxArgs: number;
  summary: string;
  options: Record<string, OptionSpec>;
}

/** Options every command takes. */
export const COMMON: Record<string, OptionSpec> = {
  cwd: { type: 'string', value: 'DIR', help: "the repository's root (default: found from the current folder, as git finds it)" },
  config: { type: 'string', value: 'FILE', help: 'the settings file (default: pinops.yml in the root)' },
  help: { type: 'boolean', short: 'h', help: "this command's help" },
  version: { type: 'boolean', help: "pinops' version" },
};

export interface Parsed {
  command: string;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Splits argv into the command and its options, accepting only the options that command has:
 * anything else is a usage error that names it and the option meant (a typo, or another
 * command's option), before anything runs.
 */
export function parseCommand(argv: string[], commands: Record<string, CommandSpec>): Parsed {
  const scan = parseArgs({ args: argv, options: allOptions(commands), strict: false, allowPositionals: true, tokens: true });
  const name = scan.tokens.find((t) => t.kind === 'positional')?.value;
  const spec = name === undefined ? undefined : commands[name];
  if (name !== undefined && !spec) {
    const near = didYouMean(name, Object.keys(commands));
    throw new UsageError(`unknown command "${name}"${near ? ` — did you mean \`pinops ${near}\`?` : ''}`);
  }
  const options = { ...commonOf(spec), ...(spec?.options ?? {}) };
  for (const t of scan.tokens) if (t.kind === 'option' && !(t.name in options)) throw unknownOption(t.rawName, name, options, commands);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options: strip(options), strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.replace(/\. To specify.*$/s, '').replace(/^Option '([^']+)'/, '$1') : String(err));
  }
  const positionals = parsed.positionals.slice(1);
  if (spec && positionals.length > spec.maxArgs)
    throw new UsageError(
      spec.maxArgs === 0 ? `\`pinops ${name}\` takes no arguments, got "${positionals.join(' ')}"` : `\`pinops ${name}\` takes ${spec.args}, got "${positionals.join(' ')}"`,
    );
  return { command: name ?? '', values: parsed.values as Parsed['values'], positionals };
}

function unknownOption(raw: string, command: string | undefined, options: Record<string, OptionSpec>, commands: Record<string, CommandSpec>): UsageError {
  const flag = raw.replace(/^-+/, '').split('=')[0] ?? '';
  const where = command ? `\`pinops ${command}\`` : 'pinops';
  if (flag in COMMON && command && commands[command]?.ownRepository)
    return new UsageError(
      `${where} runs on its own bundled example, so it takes no ${raw}; \`pinops demo DIR\` runs it on a copy of that repository, and \`pinops plan --cwd DIR\` shows its plan`,
    );
  const near = didYouMean(flag, Object.keys(options));
  if (near) return new UsageError(`${where} has no option ${raw} — did you mean --${near}?`);
  const owners = Object.entries(commands)
    .filter(([, c]) => flag in c.options)
    .map(([n]) => `\`pinops ${n}\``);
  if (owners.length) return new UsageError(`${where} has no option ${raw}; it is an option of ${owners.join(' and ')}`);
  return new UsageError(`${where} has no option ${raw}`);
}

/** The options every command takes, less the repository's for a command that has its own. */
function commonOf(spec: CommandSpec | undefined): Record<string, OptionSpec> {
  if (!spec?.ownRepository) return COMMON;
  const { cwd: _cwd, config: _config, ...rest } = COMMON;
  return rest;
}

/** Every option of every command, so that the first pass knows which ones take a value. */
function allOptions(commands: Record<string, CommandSpec>) {
  const all: Record<string, OptionSpec> = { ...COMMON };
  for (const c of Object.values(commands)) Object.assign(all, c.options);
  return strip(all);
}

function strip(options: Record<string, OptionSpec>) {
  return Object.fromEntries(Object.entries(options).map(([k, o]) => [k, o.short ? { type: o.type, short: o.short } : { type: o.type }]));
}

/** Two columns for help: each left cell padded to the widest. */
export function columns(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return rows.map(([l, r]) => `  ${l.padEnd(width)}${r}`).join('\n');
}

/** Help rows of options: `-h, --help` or `--out DIR`, and what it does. */
export function optionRows(options: Record<string, OptionSpec>): [string, string][] {
  return Object.entries(options).map(([k, o]) => [`${o.short ? `-${o.short}, ` : ''}--${k}${o.value ? ` ${o.value}` : ''}`, o.help]);
}

/** `pinops NAME --help`: the usage line, what it does, and each of its options. */
export function commandHelp(name: string, spec: CommandSpec): string {
  return `Usage: pinops ${name}${spec.args ? ` ${spec.args}` : ''} [options]\n\n${spec.summary}\n\nOptions:\n${columns(optionRows({ ...spec.options, ...commonOf(spec) }))}\n`;
}

/** `--now ISO`, checked. */
export function isoTime(text: string): Date {
  const now = new Date(text);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO 8601 time, not "${text}"`);
  return now;
}
