import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  EXPORT_REGISTRY,
  ExportedTable,
} from './export-registry';

/** Runs a query (a TypeORM DataSource, EntityManager or QueryRunner all fit). */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

interface ColumnInfo {
  column: string;
  dataType: string;
  udt: string;
  nullable: boolean;
  enumValues: string[] | null;
}

export type JsonSchema = Record<string, unknown>;

const SCHEMA_BASE = 'https://fitai.dev/schemas/export/v1';

/** The JSON Schema of one column as `to_jsonb` writes it. */
function columnSchema(info: ColumnInfo): JsonSchema {
  let schema: JsonSchema;
  const scalar = (udt: string): JsonSchema => {
    switch (udt) {
      case 'uuid':
        return { type: 'string', format: 'uuid' };
      case 'timestamptz':
        return { type: 'string', format: 'date-time' };
      case 'date':
        return { type: 'string', format: 'date' };
      case 'int2':
      case 'int4':
      case 'int8':
        return { type: 'integer' };
      case 'numeric':
      case 'float4':
      case 'float8':
        return { type: 'number' };
      case 'bool':
        return { type: 'boolean' };
      case 'jsonb':
      case 'json':
        return {};
      default:
        return { type: 'string' };
    }
  };
  if (info.dataType === 'ARRAY') {
    const element = info.udt.replace(/^_/, '');
    schema = {
      type: 'array',
      items: info.enumValues ? { type: 'string', enum: info.enumValues } : scalar(element),
    };
  } else if (info.dataType === 'USER-DEFINED') {
    schema = { type: 'string', enum: info.enumValues ?? [] };
  } else {
    schema = scalar(info.udt);
  }
  if (!info.nullable || Object.keys(schema).length === 0) return schema;
  if (schema.enum) return { anyOf: [schema, { type: 'null' }] };
  return { ...schema, type: [schema.type as string, 'null'] };
}

async function columnsOf(db: Queryable, table: string): Promise<ColumnInfo[]> {
  const rows = (await db.query(
    `SELECT c.column_name AS "column", c.data_type AS "dataType", c.udt_name AS udt,
            c.is_nullable = 'YES' AS nullable,
            (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
               FROM pg_type ty JOIN pg_enum e ON e.enumtypid = ty.oid
              WHERE ty.typname = ltrim(c.udt_name, '_')) AS "enumValues"
       FROM information_schema.columns c
      WHERE c.table_schema = current_schema() AND c.table_name = $1
      ORDER BY c.ordinal_position`,
    [table],
  )) as ColumnInfo[];
  return rows;
}

/** The schema of `data/<file>.json`: an array of the table's rows (minus omitted columns). */
export async function tableSchema(db: Queryable, entry: ExportedTable): Promise<JsonSchema> {
  const columns = (await columnsOf(db, entry.table)).filter(
    (c) => !(entry.omit ?? []).includes(c.column),
  );
  if (columns.length === 0) throw new Error(`export registry: no table ${entry.table}`);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${SCHEMA_BASE}/${entry.file}.schema.json`,
    title: `${entry.file}.json`,
    description: `${entry.description} (table ${entry.table}).`,
    type: 'array',
    items: {
      type: 'object',
      additionalProperties: false,
      required: columns.map((c) => c.column),
      properties: Object.fromEntries(columns.map((c) => [c.column, columnSchema(c)])),
    },
  };
}

/** The schema of manifest.json, the archive's table of contents. */
export function manifestSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${SCHEMA_BASE}/manifest.schema.json`,
    title: 'manifest.json',
    description: 'What a FitAI data export holds: every file, its schema and its row count.',
    type: 'object',
    additionalProperties: false,
    required: ['format', 'version', 'exportId', 'userId', 'exportedAt', 'files'],
    properties: {
      format: { const: EXPORT_FORMAT },
      version: { const: EXPORT_FORMAT_VERSION },
      exportId: { type: 'string', format: 'uuid' },
      userId: { type: 'string', format: 'uuid' },
      exportedAt: { type: 'string', format: 'date-time' },
      files: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['path', 'kind', 'rows'],
          properties: {
            path: { type: 'string' },
            kind: { enum: ['json', 'csv', 'file'] },
            table: { type: 'string' },
            schema: { type: 'string' },
            rows: { type: 'integer', minimum: 0 },
            bytes: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
  };
}

/** Every published schema by file name (`<file>.schema.json`), from the database's tables. */
export async function buildExportSchemas(db: Queryable): Promise<Record<string, JsonSchema>> {
  const schemas: Record<string, JsonSchema> = { 'manifest.schema.json': manifestSchema() };
  for (const entry of EXPORT_REGISTRY) {
    schemas[`${entry.file}.schema.json`] = await tableSchema(db, entry);
  }
  return schemas;
}
