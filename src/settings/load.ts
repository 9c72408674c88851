import { decodeText } from '../content/text.js';
import { locate, parseYaml, type YamlSource } from '../content/yaml-source.js';
import { issuesToDiagnostics } from '../content/zod-diagnostics.js';
import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.js';
import { dict, own } from '../util/dict.js';
import { compileGlob } from '../util/glob.js';
import { EXIT, UserError } from '../util/user-error.js';
import { type Settings, SettingsSchema } from './schema.js';

/** `source`: the file as parsed, for diagnostics that point into it later (a template's logo). */
export type SettingsResult = { ok: true; settings: Settings; file?: string; source?: YamlSource } | { ok: false; diagnostics: Diagnostic[] };

/** Defaults for a repository without pinops.yml. */
export function defaultSettings(): Settings {
  const settings = SettingsSchema.parse({});
  return { ...settings, templates: dict() };
}

/**
 * Parses pinops.yml (bytes as read; `undefined` when the file does not exist). Every problem is an
 * `invalid-setting` diagnostic naming the setting; callers exit with code 2 on any.
 * `PINTEREST_API_BASE` in `env` wins over the file's `api`.
 */
export function parseSettings(file: string, bytes: Uint8Array | undefined, env: Record<string, string | undefined> = {}): SettingsResult {
  const read: SettingsResult = bytes === undefined ? { ok: true, settings: defaultSettings() } : settingsFromFile(file, bytes);
  if (!read.ok) return read;
  let { settings } = read;
  const base = env.PINTEREST_API_BASE?.trim();
  if (base) {
    const checked = SettingsSchema.shape.api.safeParse(base);
    if (!checked.success)
      return {
        ok: false,
        diagnostics: [
          diagnostic(
            'invalid-setting',
            `PINTEREST_API_BASE is not a URL: "${base}"`,
            file,
            { line: 1, column: 1 },
            { hint: 'Set PINTEREST_API_BASE to an http(s) base URL such as http://127.0.0.1:4010/v5, or unset it.' },
          ),
        ],
      };
    settings = { ...settings, api: checked.data, ...(settings.api === 'sandbox' ? { sandbox: true as const } : {}) };
  }
  return { ok: true, settings, ...(bytes ? { file } : {}), ...(read.source ? { source: read.source } : {}) };
}

/** The settings a pinops.yml holds, with its parsed source; an empty file is as good as none. */
function settingsFromFile(file: string, bytes: Uint8Array): SettingsResult {
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    if (decoded.reason === 'empty-file') return { ok: true, settings: defaultSettings() };
    return { ok: false, diagnostics: [diagnostic('invalid-setting', decoded.detail, file, decoded.position)] };
  }
  const { source, diagnostics } = parseYaml(file, decoded.text);
  if (!source) return { ok: false, diagnostics: diagnostics.map((d) => ({ ...d, code: 'invalid-setting' as const })) };
  const parsed = SettingsSchema.safeParse(source.data ?? {}, { reportInput: true });
  if (!parsed.success) return { ok: false, diagnostics: issuesToDiagnostics(SettingsSchema, parsed.error, source, { base: [], code: 'invalid-setting' }) };
  // Templates are looked up by the names pins give: no prototype, so `template: constructor` finds nothing inherited.
  const settings: Settings = { ...parsed.data, templates: dict(Object.entries(parsed.data.templates)) };
  const problems = ruleProblems(settings, file, source);
  if (problems.length) return { ok: false, diagnostics: problems };
  return { ok: true, settings, source };
}

/** What the schema cannot say about the rules: a rule may only name templates that exist, and its `only:` must be a glob. */
function ruleProblems(settings: Settings, file: string, source: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  settings.rules.forEach((rule, i) => {
    const glob = rule.only === undefined ? undefined : compileGlob(rule.only);
    if (glob && !glob.ok)
      out.push(diagnostic('invalid-setting', `rule "${rule.name}": \`only\` ${glob.problem}`, file, locate(source, ['rules', i, 'only']), { field: `rules.${i}.only` }));
    if (!('templates' in rule)) return;
    rule.templates.forEach((t, j) => {
      if (!own(settings.templates, t))
        out.push(
          diagnostic('invalid-setting', `rule "${rule.name}" names the template "${t}", which \`templates:\` does not define`, file, locate(source, ['rules', i, 'templates', j]), {
            field: `rules.${i}.templates.${j}`,
          }),
        );
    });
  });
  return out;
}

/** Settings that cannot be used: exit code 2, the diagnostics say which and their hints what to do. */
export class SettingsError extends UserError {
  override name = 'SettingsError';
  readonly exitCode = EXIT.usage;
  override readonly fix: string;
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`the settings are invalid: ${diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('; ')}`);
    this.fix = [...new Set(diagnostics.map((d) => d.hint))].join('\n');
  }
}
