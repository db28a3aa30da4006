import { randomUUID } from 'node:crypto';

/**
 * The pieces of the OpenAPI fuzz test (test/fuzz.e2e-spec.ts): the operations and schemas of
 * the document the API serves, valid-looking samples built from them, and the hostile requests
 * each operation gets. Everything is derived from the document, so a new route is fuzzed as
 * soon as it is documented (and test/openapi.e2e-spec.ts requires every route to be).
 */

export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  nullable?: boolean;
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
}

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { content: Record<string, { schema: SchemaObject }> };
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, SchemaObject> };
}

export interface Operation {
  method: string;
  /** As documented: /api/v1/goals/{id} */
  path: string;
  parameters: ParameterObject[];
  body?: SchemaObject;
  /** `security: []`: no token needed. */
  anonymous: boolean;
  /** Takes a form body as well (@AcceptsOneClickForm): a form is not refused there. */
  form: boolean;
  /** An upload route (@AcceptsMultipart): a multipart body is read, not refused. */
  multipart: boolean;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content['application/json']?.schema,
      anonymous: JSON.stringify(op.security) === '[]',
      form: !!op.requestBody?.content['application/x-www-form-urlencoded'],
      multipart: !!op.requestBody?.content['multipart/form-data'],
    })),
  );
}

/** Where a value sits in a body: ['days', 0, 'name'] is reported by the API as `days.0.name`. */
export type FieldPath = (string | number)[];
export const fieldName = (path: FieldPath) => path.join('.');

/** Ids the fuzz test has seen the API hand out, by the collection path that created or listed them. */
export type KnownIds = Map<string, string>;

/**
 * Reads the document's schemas: follows `$ref`, merges `allOf` (Nest documents an enum property
 * as `{ allOf: [{ $ref }], example, nullable }`), builds valid-looking samples.
 */
/**
 * Whether a schema takes null: `nullable: true`, or, for a reference (an enum, an object),
 * `oneOf: [{ $ref }, { nullable: true, enum: [null] }]` as the document writes it (OpenAPI 3.0).
 */
function isNullable(schema: SchemaObject): boolean {
  return (
    schema.nullable === true ||
    [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].some((member) => member.nullable === true)
  );
}

export class Schemas {
  private emails = 0;

  constructor(
    private readonly doc: OpenApiDocument,
    private readonly ids: KnownIds,
  ) {}

  /** The schema a reference or a composition stands for (a nullable one keeps its `oneOf`). */
  resolve(schema: SchemaObject): SchemaObject {
    let resolved = schema;
    if (resolved.$ref) {
      const { $ref, ...own } = resolved;
      resolved = { ...this.resolve(this.byRef($ref)), ...own };
    }
    if (resolved.allOf) {
      const { allOf, ...own } = resolved;
      resolved = Object.assign({}, ...allOf.map((part) => this.resolve(part)), own);
    }
    return resolved;
  }

  /** The value a careful client would send: the documented example, default or first choice. */
  sample(schema: SchemaObject, name = ''): unknown {
    const s = this.resolve(schema);
    if (s.example !== undefined && s.type !== 'array') return structuredClone(s.example);
    if (s.default !== undefined) return structuredClone(s.default);
    if (s.enum) return s.enum[0];
    if (s.oneOf) return this.sample(s.oneOf[0], name);
    switch (s.type) {
      case 'string':
        return this.sampleString(s, name);
      case 'number':
      case 'integer':
        return Math.min(Math.max(s.minimum ?? 1, 1), s.maximum ?? Infinity);
      case 'boolean':
        return true;
      case 'array':
        if (Array.isArray(s.example)) return structuredClone(s.example);
        return s.items ? [this.sample(s.items, name)] : [];
      default:
        return s.properties ? this.sampleObject(s) : {};
    }
  }

  /** The required properties, the optional ones with an example, and ids the API gave out. */
  private sampleObject(s: SchemaObject): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(s.properties ?? {})) {
      const resolved = this.resolve(property);
      const known = resolved.format === 'uuid' && this.idFor(key) !== undefined;
      if (s.required?.includes(key) || resolved.example !== undefined || known) {
        object[key] = this.sample(property, key);
      }
    }
    return object;
  }

  private sampleString(s: SchemaObject, name: string): string {
    switch (s.format) {
      case 'uuid':
        return this.idFor(name) ?? randomUUID();
      case 'date-time':
        return new Date(Date.now() - 3_600_000).toISOString();
      case 'date':
        return new Date().toISOString().slice(0, 10);
      case 'email':
        this.emails += 1;
        return `fuzz-${randomUUID().slice(0, 8)}-${this.emails}@test.fitai.dev`;
      default:
        return 'fuzz'.padEnd(s.minLength ?? 0, 'z').slice(0, s.maxLength ?? 100);
    }
  }

  /**
   * An id the API gave out for a field or a parameter named like a collection: `exerciseId`
   * takes one from …/exercises; `id` in /goals/{id} one from /goals (see `idForPath`).
   */
  idFor(name: string): string | undefined {
    const collection = `/${name.replace(/Id$/, '')}s`;
    for (const [path, id] of this.ids) if (path.endsWith(collection)) return id;
    return undefined;
  }

  /** `id` names the collection before it: /goals/{id} one from /goals, /admin/goals/{id} too. */
  idForPath(path: string, param: string): string | undefined {
    if (param !== 'id') return this.idFor(param);
    const collection = path.slice(0, path.indexOf(`/{${param}}`));
    const name = collection.slice(collection.lastIndexOf('/') + 1).replace(/s$/, '');
    return this.ids.get(collection) ?? this.idFor(`${name}Id`);
  }

  /**
   * Every property a hostile value can be put in: the properties of the body and, for those
   * present in `sample`, of its nested objects (the first item of an array of objects).
   */
  fieldsOf(schema: SchemaObject, sample: unknown, path: FieldPath = []): Field[] {
    const s = this.resolve(schema);
    if (!s.properties || typeof sample !== 'object' || sample === null) return [];
    const fields: Field[] = [];
    for (const [key, property] of Object.entries(s.properties)) {
      const resolved = this.resolve(property);
      const here = [...path, key];
      fields.push({ path: here, schema: resolved, nullable: isNullable(resolved) });
      const value = (sample as Record<string, unknown>)[key];
      if (resolved.type === 'array' && resolved.items && Array.isArray(value)) {
        fields.push(...this.fieldsOf(resolved.items, value[0], [...here, 0]));
      } else if (resolved.properties) {
        fields.push(...this.fieldsOf(resolved, value, here));
      }
    }
    return fields;
  }

  private byRef(ref: string): SchemaObject {
    const name = ref.replace('#/components/schemas/', '');
    const schema = this.doc.components.schemas[name];
    if (!schema) throw new Error(`no schema ${ref}`);
    return schema;
  }
}

export interface Field {
  path: FieldPath;
  schema: SchemaObject;
  nullable: boolean;
}

/** What a hostile value must get beyond "no 5xx, a problem+json 4xx". */
export type Expectation =
  /** A 400 whose field errors name the field (or the request never got past the guards). */
  | 'named'
  /** Accepted or refused for other reasons, but never blamed on this field. */
  | 'not-named'
  | 'any';

export interface HostileValue {
  label: string;
  value: unknown;
  expect: Expectation;
}

const NUL = 'a\u0000b';
const LONE_HIGH = '\ud800@example.com';
const LONE_LOW = 'x\udc00';

/** The hostile values a body field gets: bounded, chosen by its documented type. */
export function hostileBodyValues(field: Field, schemas: Schemas): HostileValue[] {
  const s = field.schema;
  const values: HostileValue[] = [
    { label: 'null', value: null, expect: field.nullable ? 'not-named' : 'named' },
    { label: 'NUL', value: NUL, expect: 'named' },
    { label: 'lone high surrogate', value: LONE_HIGH, expect: 'named' },
    { label: 'lone low surrogate', value: LONE_LOW, expect: 'named' },
    { label: 'empty object', value: {}, expect: 'any' },
    { label: 'empty array', value: [], expect: 'any' },
    { label: 'nested empty arrays', value: [[]], expect: 'any' },
    // 9999999999999999999999999 in JSON: larger than any integer column.
    { label: 'huge number', value: 1e25, expect: 'any' },
    { label: 'negative', value: -1, expect: 'any' },
    { label: 'boolean', value: true, expect: 'any' },
  ];
  if (s.type === 'string' || s.enum) {
    values.push(
      { label: 'empty string', value: '', expect: 'any' },
      { label: 'long string', value: 'x'.repeat(20_000), expect: 'any' },
      { label: 'emoji', value: '💪'.repeat(8), expect: 'any' },
    );
  }
  if (s.type === 'number' || s.type === 'integer') {
    values.push(
      { label: 'max double', value: Number.MAX_VALUE, expect: 'any' },
      { label: 'fraction', value: 0.123456789, expect: 'any' },
      { label: 'int32 overflow', value: 2 ** 31, expect: 'any' },
      { label: 'numeric string', value: '12', expect: 'any' },
    );
  }
  if (s.type === 'array') {
    const item = s.items ? schemas.resolve(s.items) : {};
    const ofObjects = !!item.properties || !!item.oneOf;
    values.push(
      { label: 'array of null', value: [null], expect: 'named' },
      { label: 'array of NUL', value: [NUL], expect: 'named' },
      { label: 'many items', value: Array(2_000).fill(ofObjects ? {} : 'x'), expect: 'any' },
    );
    if (ofObjects) {
      values.push(
        // [[]] where objects belong: class-validator takes an inner array for a nested list.
        { label: 'arrays for objects', value: [[]], expect: 'named' },
        { label: 'numbers for objects', value: [1], expect: 'named' },
      );
    }
  }
  if (s.properties || s.oneOf) {
    values.push(
      { label: 'string for object', value: 'x', expect: 'named' },
      { label: 'array for object', value: [{}], expect: 'named' },
    );
  }
  return values;
}

/** A raw (already encoded) query string value and what it must get. */
export interface HostileQuery {
  label: string;
  /** Appended to the URL as is: `name=<raw>`, or the whole pair when `pair` is set. */
  raw: string;
  pair?: boolean;
  expect: Expectation;
}

/** The hostile values a query parameter gets. */
export function hostileQueryValues(name: string, schema: SchemaObject): HostileQuery[] {
  const numeric = schema.type === 'number' || schema.type === 'integer';
  const p = encodeURIComponent(name);
  return [
    { label: 'NUL', raw: `${p}=%00`, pair: true, expect: 'named' },
    { label: 'NUL inside', raw: `${p}=a%00b`, pair: true, expect: 'named' },
    { label: 'invalid UTF-8', raw: `${p}=%ED%A0%80`, pair: true, expect: 'any' },
    {
      label: 'huge number',
      raw: `${p}=9999999999999999999999999`,
      pair: true,
      expect: numeric ? 'named' : 'any',
    },
    { label: 'negative huge', raw: `${p}=-9999999999999999999999999`, pair: true, expect: 'any' },
    {
      label: 'exponent overflow',
      raw: `${p}=1e400`,
      pair: true,
      expect: numeric ? 'named' : 'any',
    },
    { label: 'NaN', raw: `${p}=NaN`, pair: true, expect: numeric ? 'named' : 'any' },
    { label: 'negative', raw: `${p}=-1`, pair: true, expect: 'any' },
    { label: 'fraction', raw: `${p}=1.5`, pair: true, expect: 'any' },
    { label: 'empty', raw: `${p}=`, pair: true, expect: 'any' },
    { label: 'long', raw: `${p}=${'x'.repeat(5_000)}`, pair: true, expect: 'any' },
    { label: 'repeated', raw: `${p}=1&${p}=2`, pair: true, expect: 'any' },
    { label: 'bracketed', raw: `${p}[a]=1`, pair: true, expect: 'any' },
    { label: 'JSON', raw: `${p}=${encodeURIComponent('{"$gt":""}')}`, pair: true, expect: 'any' },
  ];
}

/** Query parameters no operation declares, named after things a DTO may hold. */
export const UNDECLARED_QUERY: HostileQuery[] = [
  'offset',
  'constructor',
  'prototype',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'fuzz',
].map((name) => ({ label: `undeclared ${name}`, raw: `${name}=1`, pair: true, expect: 'any' }));

export const PATH_GARBAGE: { label: string; raw: string; expect: Expectation }[] = [
  { label: 'random uuid', raw: '00000000-0000-4000-8000-000000000000', expect: 'any' },
  { label: 'not a uuid', raw: 'not-a-uuid', expect: 'any' },
  { label: 'NUL', raw: '%00', expect: 'named' },
  { label: 'invalid UTF-8', raw: '%ED%A0%80', expect: 'any' },
  { label: 'huge number', raw: '99999999999999999999999999', expect: 'any' },
  { label: 'long', raw: 'x'.repeat(2_000), expect: 'any' },
  { label: 'dot dot', raw: '%2E%2E', expect: 'any' },
  { label: 'uuid with NUL', raw: '00000000-0000-4000-8000-00000000000%00', expect: 'named' },
];

/** Whole bodies: content types other than JSON, broken and hostile JSON. */
export interface HostileBody {
  label: string;
  contentType?: string;
  body: string | Buffer;
  /** The status it must get whatever the route (it is refused before routing). */
  status?: number;
  problemType?: string;
}

export function deeplyNested(levels: number): string {
  return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

export const HOSTILE_BODIES: HostileBody[] = [
  ...[
    'text/plain',
    'application/xml',
    'text/xml',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=fuzz',
    'application/octet-stream',
    'text/html',
    'application/jsonx',
  ].map((contentType) => ({
    label: contentType,
    contentType,
    body: contentType.startsWith('multipart')
      ? '--fuzz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--fuzz--\r\n'
      : contentType.includes('xml') || contentType.includes('html')
        ? '<a>1</a>'
        : 'a=1',
    status: 415,
  })),
  { label: 'no content type', body: '{"a":1}', status: 415 },
  {
    label: 'deep nesting',
    contentType: 'application/json',
    body: deeplyNested(5_000),
    status: 400,
    problemType: 'urn:fitai:problem:json-too-deep',
  },
  {
    label: 'deep arrays',
    contentType: 'application/json',
    body: '['.repeat(50_000) + ']'.repeat(50_000),
    status: 400,
    problemType: 'urn:fitai:problem:json-too-deep',
  },
  { label: 'top-level array', contentType: 'application/json', body: '[]' },
  { label: 'array of arrays', contentType: 'application/json', body: '[[],[{}]]' },
  { label: 'top-level string', contentType: 'application/json', body: '"x"' },
  { label: 'top-level null', contentType: 'application/json', body: 'null' },
  { label: 'truncated', contentType: 'application/json', body: '{"a":', status: 400 },
  { label: 'utf-16 label', contentType: 'application/json; charset=utf-16', body: '{"a":1}' },
  { label: 'latin-1 label', contentType: 'application/json; charset=latin1', body: '{}' },
  { label: 'vendor JSON', contentType: 'application/vnd.fitai+json', body: '{}' },
  {
    label: 'prototype keys',
    contentType: 'application/json',
    body: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}',
  },
  { label: 'NUL key', contentType: 'application/json', body: '{"\\u0000":1}' },
  { label: 'NUL bytes', contentType: 'application/json', body: Buffer.from([0x7b, 0x00, 0x7d]) },
];
