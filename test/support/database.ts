import { Client } from 'pg';

/** Creates or drops a throwaway database through the maintenance connection. */
export async function withAdminClient<T>(
  adminUrl: string,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function createDatabase(adminUrl: string, name: string): Promise<void> {
  return withAdminClient(adminUrl, async (c) => {
    await c.query(`CREATE DATABASE "${name}"`);
  });
}

export function dropDatabase(adminUrl: string, name: string): Promise<void> {
  return withAdminClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}
