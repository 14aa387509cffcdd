/**
 * Conformance of the emulator's responses to Clerk's official Frontend API spec
 * (`test/support/clerk-fapi/2026-05-12.yml`, the repository's own copy; see its README).
 *
 * Every JSON body the emulator sends is matched to the spec operation (method + path template)
 * and status code, and validated with Ajv against that response's schema. OpenAPI 3.0 is turned
 * into JSON Schema first:
 * - `nullable: true` admits `null`, also on `$ref`, `oneOf` and `allOf` schemas;
 * - `additionalProperties: false` is dropped, because clerk-js speaks a newer API version
 *   (2026-08-20) whose objects carry fields the 2026-05-12 spec does not list;
 * - `oneOf` becomes `anyOf`: once extra properties are allowed, the alternatives overlap.
 * Error statuses an operation does not list are validated against `ClerkErrors`.
 *
 * Use it by passing `recorder.observe` as the emulator's `onResponse`, then assert at the end:
 *
 *   const recorder = createConformanceRecorder();
 *   const emulator = createEmulator({ users, onResponse: recorder.observe });
 *   // ... run the tests ...
 *   recorder.assertAllConform();   // throws listing every mismatch
 *   console.log(recorder.summary()); // "N response bodies validated against ..."
 *
 * In web-test-runner (test/support/wtr-emulator.ts), the same: create the emulator with
 * `onResponse: recorder.observe`, and add a plugin whose `serverStop()` prints `recorder.summary()`
 * and calls `recorder.assertAllConform()` (setting `process.exitCode = 1` on a mismatch).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import type { EmulatorResponse } from '../../src/emulator/index.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The repository's own copy of Clerk's spec. */
export const DEFAULT_SPEC_PATH = fileURLToPath(new URL('./clerk-fapi/2026-05-12.yml', import.meta.url));

/** Emulator paths served under another name in the spec. */
const PATH_ALIASES: Record<string, string> = { '/v1/jwks': '/.well-known/jwks.json' };

export interface ConformanceFailure {
  method: string;
  path: string;
  status: number;
  operation: string;
  errors: string;
}

export interface ConformanceRecorder {
  /** Pass as the emulator's `onResponse`. */
  observe(response: EmulatorResponse): void;
  /** Bodies validated against a schema. */
  readonly validated: number;
  /** Bodies with no schema in the spec (e.g. `POST /v1/dev_browser`), by "METHOD path status". */
  readonly unchecked: string[];
  readonly failures: ConformanceFailure[];
  summary(): string;
  /** Throws when any body did not conform, or when nothing was validated. */
  assertAllConform(): void;
}

type Json = Record<string, unknown>;

function convert(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(convert);
  if (!schema || typeof schema !== 'object') return schema;
  const input = schema as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'nullable' || key === 'example' || key === 'examples' || key === 'deprecated' || key === 'discriminator' || key === 'xml' || key === 'externalDocs' || key.startsWith('x-')) continue;
    if (key === 'additionalProperties' && value === false) continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', '#/$defs/');
      continue;
    }
    if (key === 'oneOf') {
      out.anyOf = convert(value);
      continue;
    }
    if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value as Json).map(([name, sub]) => [name, convert(sub)]));
      continue;
    }
    out[key] = convert(value);
  }
  if (input.nullable === true) {
    // `$ref` siblings are ignored in older drafts; an explicit anyOf keeps both meanings.
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

interface Operation {
  id: string;
  pattern: RegExp;
  template: string;
  method: string;
  responses: Record<string, Json>;
}

export function createConformanceRecorder(specPath: string = DEFAULT_SPEC_PATH): ConformanceRecorder {
  const spec = parse(readFileSync(specPath, 'utf8')) as Json;
  const components = spec.components as { schemas: Json; responses: Json };
  const $defs = Object.fromEntries(Object.entries(components.schemas).map(([name, schema]) => [name, convert(schema)]));
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);

  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths as Record<string, Json>)) {
    const source = template.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`)).replace(/\{[^}]+\}/g, '[^/]+');
    const pattern = new RegExp(`^${source}$`);
    for (const [method, op] of Object.entries(item ?? {})) {
      if (!op || typeof op !== 'object' || !('responses' in (op as Json))) continue;
      const operation = op as Json;
      operations.push({
        id: String(operation.operationId ?? `${method} ${template}`),
        pattern,
        template,
        method: method.toUpperCase(),
        responses: operation.responses as Record<string, Json>,
      });
    }
  }
  // Literal segments win over parameters: fewer parameters first.
  operations.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));

  const compiled = new Map<string, ValidateFunction>();
  function validatorFor(schema: unknown): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (!validate) {
      const converted = convert(schema) as Json;
      validate = ajv.compile({ ...converted, $defs } as Json);
      compiled.set(key, validate);
    }
    return validate;
  }

  function responseSchema(response: Json | undefined): unknown | null {
    if (!response) return null;
    let resolved = response;
    if (typeof resolved.$ref === 'string') {
      resolved = components.responses[resolved.$ref.replace('#/components/responses/', '')] as Json;
    }
    const content = resolved?.content as Record<string, { schema?: unknown }> | undefined;
    return content?.['application/json']?.schema ?? null;
  }

  let validated = 0;
  const unchecked: string[] = [];
  const failures: ConformanceFailure[] = [];
  const errorsSchema = { $ref: '#/components/schemas/ClerkErrors' };

  const recorder: ConformanceRecorder = {
    observe({ method, path, status, body }) {
      // clerk-js sends some paths with a trailing slash (`/v1/me/backup_codes/`): the same operation.
      const specPath = PATH_ALIASES[path] ?? path.replace(/(.)\/$/, '$1');
      const operation = operations.find((op) => op.method === method && op.pattern.test(specPath));
      const label = `${method} ${path} ${status}`;
      let schema: unknown = null;
      let operationName = operation?.id ?? '(no operation)';
      if (operation) {
        const declared = operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`] ?? operation.responses.default;
        schema = responseSchema(declared);
        if (!schema && !declared && status >= 400) schema = errorsSchema;
      } else if (status >= 400) {
        schema = errorsSchema;
        operationName = 'ClerkErrors';
      }
      if (!schema) {
        unchecked.push(label);
        return;
      }
      const validate = validatorFor(schema);
      validated += 1;
      if (!validate(body)) {
        failures.push({
          method,
          path,
          status,
          operation: operationName,
          errors: ajv.errorsText(validate.errors, { separator: '\n    ' }),
        });
      }
    },
    get validated() {
      return validated;
    },
    unchecked,
    failures,
    summary() {
      const extra = unchecked.length ? `; ${unchecked.length} without a schema in the spec (${[...new Set(unchecked)].slice(0, 5).join(', ')})` : '';
      return `${validated} response bodies validated against Clerk's Frontend API spec, ${failures.length} mismatches${extra}`;
    },
    assertAllConform() {
      if (failures.length > 0) {
        const detail = failures
          .slice(0, 20)
          .map((f) => `  ${f.method} ${f.path} -> ${f.status} (${f.operation}):\n    ${f.errors}`)
          .join('\n');
        throw new Error(`${failures.length} of ${validated} response bodies do not conform to the spec:\n${detail}`);
      }
      if (validated === 0) throw new Error('no response bodies were validated');
    },
  };
  recorder.observe = recorder.observe.bind(recorder);
  return recorder;
}
