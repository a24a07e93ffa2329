/**
 * JSON Schemas of the contract's views, from the TypeScript types the gateway and the client use
 * (libs/contract/src): `npm run contract:schemas` writes libs/contract/src/generated/view-schemas.json, which
 * the OpenAPI document serves as its response schemas (in OpenAPI 3.0's dialect: `nullable`, no
 * type lists). A test fails when the file is behind the types.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as TJS from 'typescript-json-schema';

const ROOT = path.resolve(__dirname, '..');
export const SCHEMAS_FILE = path.join(ROOT, 'libs/contract/src/generated/view-schemas.json');

export function contractSchemas(): Record<string, unknown> {
  const program = TJS.getProgramFromFiles([path.join(ROOT, 'libs/contract/src/index.ts')], {
    target: 'es2022',
    strict: true,
    strictNullChecks: true,
    skipLibCheck: true,
    resolveJsonModule: true,
    esModuleInterop: true,
    types: [],
  });
  const generator = TJS.buildGenerator(program, { required: true, strictNullChecks: true, ignoreErrors: true });
  if (!generator) throw new Error('The contract does not compile; see the errors above.');
  const dir = path.join(ROOT, 'libs/contract/src');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((f) => path.join(dir, f));
  const names = generator
    .getMainFileSymbols(program, files)
    .filter((n) => /View$/.test(n) || n === 'MeetingPack')
    .sort();
  const schema = generator.getSchemaForSymbols(names) as { definitions: Record<string, unknown> };
  return Object.fromEntries(
    Object.entries(schema.definitions).map(([name, def]) => [componentName(name), toOpenApi30(def)]),
  );
}

/** OpenAPI allows only letters, digits, dots, dashes and underscores in a schema's name. */
export function componentName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Draft-07 as typescript-json-schema writes it, into OpenAPI 3.0's schema dialect. */
function toOpenApi30(node: unknown): Json {
  if (Array.isArray(node)) return node.map(toOpenApi30);
  if (!node || typeof node !== 'object') return node as Json;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === '$schema') continue;
    if (k === '$ref' && typeof v === 'string') {
      out.$ref = `#/components/schemas/${componentName(decodeURIComponent(v.replace('#/definitions/', '')))}`;
      continue;
    }
    out[k] = toOpenApi30(v);
  }
  if ('const' in out) {
    out.enum = [out.const];
    delete out.const;
  }
  if (typeof out.$ref === 'string' && Object.keys(out).length > 1) {
    // OpenAPI 3.0 ignores whatever stands beside a $ref: wrap it.
    const { $ref, ...rest } = out;
    return { allOf: [{ $ref }], ...rest };
  }
  if (Array.isArray(out.type)) {
    const types = out.type.filter((t) => t !== 'null');
    if (types.length < out.type.length) out.nullable = true;
    if (types.length === 1) out.type = types[0];
    else {
      delete out.type;
      out.anyOf = types.map((t) => ({ type: t }));
    }
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const alts = out[key];
    if (!Array.isArray(alts)) continue;
    const rest = alts.filter((a) => !(a && typeof a === 'object' && !Array.isArray(a) && a.type === 'null'));
    if (rest.length === alts.length) continue;
    out.nullable = true;
    if (rest.length === 1) {
      delete out[key];
      const only = rest[0] as { [k: string]: Json };
      if (only.$ref) {
        out.allOf = [only];
        out.type = 'object';
      } else Object.assign(out, only);
    } else out[key] = rest;
  }
  return out;
}

if (require.main === module) {
  writeFileSync(SCHEMAS_FILE, `${JSON.stringify(contractSchemas(), null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(ROOT, SCHEMAS_FILE)}\n`);
}
