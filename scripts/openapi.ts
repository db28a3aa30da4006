/**
 * `npm run openapi [-- <file>]`: writes the API's OpenAPI document (default
 * dist/openapi.json) without starting it, for the linters (`npm run lint:openapi`) and client
 * generators (`npm run openapi:client`). Needs no database or Redis: the modules are only
 * scanned.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApiDocument } from '../src/bootstrap';
import { loadConfig } from '../src/config/load-config';

async function main(): Promise<void> {
  const file = path.resolve(process.argv[2] ?? 'dist/openapi.json');
  const document = await createApiDocument(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`OpenAPI document written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
