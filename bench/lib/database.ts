import { Client, Pool } from 'pg';

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'fitai-bench' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function quoteIdentifier(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name ${name}`);
  return `"${name}"`;
}

export function createDatabase(adminUrl: string, name: string): Promise<void> {
  return withClient(adminUrl, async (c) => {
    await c.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  });
}

/** WITH (FORCE): a child process that did not exit cleanly must not keep it alive. */
export function dropDatabase(adminUrl: string, name: string): Promise<void> {
  return withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  });
}

export function serverVersion(adminUrl: string): Promise<string> {
  return withClient(adminUrl, async (c) => {
    const { rows } = await c.query<{ server_version: string }>('SHOW server_version');
    return rows[0].server_version;
  });
}

/** The bench's own connections to its database (seeding, polling, EXPLAIN). */
export function benchPool(databaseUrl: string): Pool {
  return new Pool({ connectionString: databaseUrl, max: 4, application_name: 'fitai-bench' });
}
