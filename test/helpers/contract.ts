import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Exchange } from '../../src/pinterest/simulator.js';
import { SPEC_PATH } from './spec-path.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** OpenAPI 3.0 → JSON Schema: `nullable` becomes a null type, `discriminator` is dropped. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (k !== 'discriminator' && k !== 'nullable') out[k] = toJsonSchema(v);
  if ((node as { nullable?: boolean }).nullable !== true) return out;
  if (typeof out.type === 'string' && !out.enum) return { ...out, type: [out.type, 'null'] };
  return { anyOf: [out, { type: 'null' }] };
}

const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Checks exchanges against Pinterest's spec: request bodies, response bodies, response statuses. */
export class ContractChecker {
  private readonly ajv: Ajv;
  private readonly spec: {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> }; responses: Record<string, { content?: Record<string, unknown> }> }>>;
  };
  private readonly cache = new Map<string, ValidateFunction>();
  readonly violations: string[] = [];
  checked = 0;

  constructor() {
    this.spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8'));
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    for (const f of ['int32', 'int64', 'float', 'double', 'password']) this.ajv.addFormat(f, true);
    this.ajv.addSchema(toJsonSchema(this.spec) as object, 'spec');
  }

  private validator(pointer: string): ValidateFunction {
    let v = this.cache.get(pointer);
    if (!v) {
      v = this.ajv.compile({ $ref: `spec#${pointer}` });
      this.cache.set(pointer, v);
    }
    return v;
  }

  /** Records every violation of one exchange; returns them. */
  check(e: Exchange): string[] {
    this.checked++;
    const found: string[] = [];
    const op = this.spec.paths[e.route]?.[e.method.toLowerCase()];
    if (!op) found.push(`${e.method} ${e.route}: not in the spec`);
    else {
      const base = `/paths/${pointer(e.route)}/${e.method.toLowerCase()}`;
      if (e.requestBody !== undefined && op.requestBody) {
        const type = Object.keys(op.requestBody.content)[0] as string;
        const v = this.validator(`${base}/requestBody/content/${pointer(type)}/schema`);
        if (!v(e.requestBody)) found.push(`${e.method} ${e.route} request: ${this.ajv.errorsText(v.errors)}`);
      }
      found.push(...this.checkQuery(e, op as unknown as { parameters?: Param[] }));
      const status = op.responses[String(e.status)] ? String(e.status) : op.responses.default ? 'default' : undefined;
      if (!status) found.push(`${e.method} ${e.route}: status ${e.status} is not in the spec`);
      else if (op.responses[status]?.content?.['application/json'] && e.responseBody !== undefined) {
        const v = this.validator(`${base}/responses/${status}/content/application~1json/schema`);
        if (!v(e.responseBody)) found.push(`${e.method} ${e.route} response ${e.status}: ${this.ajv.errorsText(v.errors)}`);
      }
    }
    this.violations.push(...found);
    return found;
  }

  /** Query parameters: each known to the spec, the required ones present, each value valid for its schema. */
  private checkQuery(e: Exchange, op: { parameters?: Param[] }): string[] {
    const found: string[] = [];
    const params = (op.parameters ?? []).map((p) => (p.$ref ? (this.resolve(p.$ref) as Param) : p)).filter((p) => p.in === 'query');
    const given = e.query ?? {};
    for (const name of Object.keys(given)) if (!params.some((p) => p.name === name)) found.push(`${e.method} ${e.route}: query parameter ${name} is not in the spec`);
    for (const p of params) {
      const raw = given[p.name as string];
      if (raw === undefined) {
        if (p.required) found.push(`${e.method} ${e.route}: required query parameter ${p.name} is missing`);
        continue;
      }
      const schema = p.schema as { type?: string; items?: { type?: string } } | undefined;
      const coerce = (v: string, type: string | undefined) => (type === 'integer' || type === 'number' ? Number(v) : type === 'boolean' ? v === 'true' : v);
      const value = schema?.type === 'array' ? raw.split(',').map((v) => coerce(v, schema.items?.type)) : coerce(raw, schema?.type);
      const key = `query ${e.method} ${e.route} ${p.name}`;
      let v = this.cache.get(key);
      if (!v) {
        v = this.ajv.compile(enumsAnyOf(toJsonSchema(schema ?? {})) as object);
        this.cache.set(key, v);
      }
      if (!v(value)) found.push(`${e.method} ${e.route}: query parameter ${p.name}=${raw}: ${this.ajv.errorsText(v.errors)}`);
    }
    return found;
  }

  private resolve(ref: string): unknown {
    let node: unknown = this.spec;
    for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return node;
  }
}

/**
 * The spec lists metric types as a `oneOf` of two enums that share values (IMPRESSION is in both),
 * which no value can satisfy exactly once: read such a oneOf as the anyOf it means.
 */
function enumsAnyOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(enumsAnyOf);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = enumsAnyOf(v);
  const one = out.oneOf as { enum?: unknown[] }[] | undefined;
  if (one?.every((x) => Array.isArray(x.enum))) {
    out.anyOf = one;
    delete out.oneOf;
  }
  return out;
}

interface Param {
  $ref?: string;
  name?: string;
  in?: string;
  required?: boolean;
  schema?: unknown;
}
