/**
 * Writes the published JSON Schemas of the data export (docs/export/schemas/) from a migrated
 * database: `DATABASE_URL=postgres://... npx ts-node scripts/export-schemas.ts`.
 * test/data-export.e2e-spec.ts fails when the committed files differ from what this writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { buildExportSchemas } from '../src/modules/data-rights/export/export-schema';

export const SCHEMA_DIR = join(__dirname, '..', 'docs', 'export', 'schemas');

async function main(): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const schemas = await buildExportSchemas({
      query: async (sql, parameters) => (await client.query(sql, parameters as unknown[])).rows,
    });
    mkdirSync(SCHEMA_DIR, { recursive: true });
    for (const [name, schema] of Object.entries(schemas)) {
      writeFileSync(join(SCHEMA_DIR, name), `${JSON.stringify(schema, null, 2)}\n`);
    }
    console.log(`${Object.keys(schemas).length} schemas written to ${SCHEMA_DIR}`);
  } finally {
    await client.end();
  }
}

void main();
