import type { z } from 'zod';
import type { Code } from '../diagnostics/codes.js';
import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.js';
import { suggestion } from '../util/did-you-mean.js';
import { type FieldPath, formatPath, locate, type YamlSource } from './yaml-source.js';

type Issue = z.core.$ZodIssue;

/** Options for turning schema errors into diagnostics. */
export interface IssueOptions {
  /** Where the validated value sits in the YAML document (e.g. `['pins', 2]`). */
  base: FieldPath;
  /** Force one code for every diagnostic (pinops.yml reports everything as `invalid-setting`). */
  code?: Code;
}

/** One diagnostic per problem zod found, placed on the offending key or value. */
export function issuesToDiagnostics(schema: z.ZodType, error: z.ZodError, source: YamlSource, opts: IssueOptions): Diagnostic[] {
  return error.issues.flatMap((issue) => fromIssue(schema, issue, source, opts, []));
}

function fromIssue(schema: z.ZodType, issue: Issue, source: YamlSource, opts: IssueOptions, prefix: FieldPath): Diagnostic[] {
  const rel = [...prefix, ...(issue.path as (string | number)[])];
  const path = [...opts.base, ...rel];
  const name = formatPath(path);
  const field = formatPath(rel) || undefined;
  const make = (code: Code, message: string, at: 'key' | 'value' = 'value', hint?: string): Diagnostic =>
    diagnostic(opts.code ?? code, message, source.file, locate(source, path, at), { ...(field ? { field } : {}), ...(hint ? { hint } : {}) });

  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = keysAt(schema, rel);
      return issue.keys.map((key) => {
        const keyPath = [...path, key];
        return diagnostic(opts.code ?? 'unknown-field', `unknown field \`${formatPath(keyPath)}\`${suggestion(key, known)}`, source.file, locate(source, keyPath, 'key'), {
          field: formatPath([...rel, key]),
        });
      });
    }
    case 'invalid_type':
      if (issue.input === undefined) return [make('missing-field', `missing required field \`${name}\``, 'key')];
      return [make('wrong-type', `\`${name}\` must be ${typeName(issue.expected)}, not ${describe(issue.input)}`)];
    case 'too_big':
      if (issue.origin === 'string' && typeof issue.input === 'string') return [make('too-long', `\`${name}\` is ${issue.input.length} characters; the limit is ${issue.maximum}`)];
      if (issue.origin === 'array' && Array.isArray(issue.input))
        return [make('invalid-value', `\`${name}\` has ${issue.input.length} items; at most ${issue.maximum} are allowed`)];
      return [make('invalid-value', `\`${name}\` is too large; at most ${issue.maximum}`)];
    case 'too_small':
      if (issue.origin === 'string') return [make('invalid-value', `\`${name}\` is empty`)];
      if (issue.origin === 'array' && Array.isArray(issue.input))
        return [make('invalid-value', `\`${name}\` has ${issue.input.length} items; at least ${issue.minimum} are needed`)];
      return [make('invalid-value', `\`${name}\` is too small; at least ${issue.minimum}`)];
    case 'invalid_format': {
      const code: Code = path[path.length - 1] === 'id' ? 'invalid-id' : 'invalid-value';
      const what = issue.format === 'regex' ? issue.message : `a valid ${issue.format}`;
      return [make(code, `\`${name}\` is not valid: expected ${what}, got ${describe(issue.input)}`)];
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const got = describe(issue.input);
      const hint = typeof issue.input === 'string' ? suggestion(issue.input, values) : '';
      return [make('invalid-value', `\`${name}\` must be one of: ${values.join(', ')} (got ${got})${hint}`)];
    }
    case 'invalid_union': {
      // A branch that accepted the type but failed a check explains the problem best.
      const specific = issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.code !== 'invalid_type' && i.code !== 'invalid_union'));
      if (specific) return specific.flatMap((sub) => fromIssue(schema, sub, source, opts, rel));
      const expected = [
        ...new Set(
          issue.errors.flat().flatMap((i) => (i.code === 'invalid_type' ? [typeName(i.expected)] : i.code === 'invalid_value' ? i.values.map((v) => JSON.stringify(v)) : [])),
        ),
      ];
      return [make('wrong-type', `\`${name}\` must be ${expected.join(' or ') || 'something else'}, not ${describe(issue.input)}`)];
    }
    case 'invalid_key':
      return [make('invalid-value', invalidKey(name, rel, issue.issues), 'key')];
    default:
      return [make('invalid-value', `\`${name}\`: ${issue.message}`)];
  }
}

/** A record's key that its key schema refuses (`slots: {weekdays: …}`), with what keys may be. */
function invalidKey(name: string, rel: FieldPath, issues: readonly { message: string }[]): string {
  return `\`${name}\`: "${String(rel[rel.length - 1] ?? '')}" is not a valid key here: expected ${issues.map((i) => i.message).join('; ')}`;
}

function typeName(t: string): string {
  return { string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'a mapping of fields' }[t] ?? t;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === 'boolean') return String(v);
  return `${typeof v} ${String(v)}`;
}

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; options?: z.ZodType[]; valueType?: z.ZodType; in?: z.ZodType };

/** The field names a schema accepts at `path`, for did-you-mean. */
export function keysAt(schema: z.ZodType, path: FieldPath): string[] {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  switch (def.type) {
    case 'object':
      if (path.length === 0) return Object.keys(def.shape ?? {});
      return def.shape?.[String(path[0])] ? keysAt(def.shape[String(path[0])] as z.ZodType, path.slice(1)) : [];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return def.innerType ? keysAt(def.innerType, path) : [];
    case 'pipe':
      return def.in ? keysAt(def.in, path) : [];
    case 'array':
      return def.element && path.length > 0 ? keysAt(def.element, path.slice(1)) : [];
    case 'record':
      return def.valueType && path.length > 0 ? keysAt(def.valueType, path.slice(1)) : [];
    case 'union':
      return [...new Set((def.options ?? []).flatMap((o) => keysAt(o, path)))];
    default:
      return [];
  }
}
