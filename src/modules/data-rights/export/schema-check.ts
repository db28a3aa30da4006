import type { JsonSchema } from './export-schema';

/** One way a value breaks its schema: where (a JSON Pointer) and what. */
export interface SchemaViolation {
  path: string;
  message: string;
}

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/**
 * Checks a value against the subset of JSON Schema the export's schemas use (export-schema.ts:
 * type, format, enum, const, required, additionalProperties: false, properties, items, anyOf).
 * The import checks archives with it; the tests check the same archives with ajv against the
 * published files, so the two cannot drift apart unnoticed. Stops after `limit` violations.
 */
export function checkSchema(
  schema: JsonSchema,
  value: unknown,
  limit = 50,
  path = '',
  out: SchemaViolation[] = [],
): SchemaViolation[] {
  if (out.length >= limit) return out;
  const fail = (message: string) => out.push({ path, message });
  if (Array.isArray(schema.anyOf)) {
    const ok = (schema.anyOf as JsonSchema[]).some((s) => checkSchema(s, value, 1).length === 0);
    if (!ok) fail('matches none of the allowed forms');
    return out;
  }
  if ('const' in schema && value !== schema.const) fail(`must be ${JSON.stringify(schema.const)}`);
  const types = schema.type === undefined ? null : ([schema.type].flat() as string[]);
  if (types && !types.some((t) => hasType(value, t))) {
    fail(`must be ${types.join(' or ')}`);
    return out;
  }
  if (Array.isArray(schema.enum) && !(schema.enum as unknown[]).includes(value)) {
    fail(`must be one of ${(schema.enum as unknown[]).join(', ')}`);
  }
  if (typeof value === 'string' && typeof schema.format === 'string') {
    const format = FORMATS[schema.format];
    if (format && !format.test(value)) fail(`must be a ${schema.format}`);
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) =>
      checkSchema(schema.items as JsonSchema, item, limit, `${path}/${i}`, out),
    );
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required ?? []) as string[]) {
      if (!(key in object)) out.push({ path: `${path}/${key}`, message: 'is required' });
    }
    for (const [key, item] of Object.entries(object)) {
      if (properties[key]) checkSchema(properties[key], item, limit, `${path}/${key}`, out);
      else if (schema.additionalProperties === false) {
        out.push({ path: `${path}/${key}`, message: 'is not an allowed field' });
      }
    }
  }
  return out;
}
