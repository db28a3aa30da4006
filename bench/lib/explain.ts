import { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { buildDataSourceOptions } from '../../src/infrastructure/database/data-source-options';
import { EntriesRepository, EntryFilter } from '../../src/modules/entries/entries.repository';
import { Entry } from '../../src/modules/entries/entities/entry.entity';

/** Records the SQL TypeORM sends, so what is explained is exactly what FitAI runs. */
class CapturingLogger implements TypeOrmLogger {
  queries: { sql: string; parameters: unknown[] }[] = [];
  logQuery(query: string | { text: string }, parameters?: unknown[]): void {
    // A prepared statement (preparedQuery) reaches the logger as pg's { name, text } config.
    const sql = typeof query === 'string' ? query : query.text;
    this.queries.push({ sql, parameters: parameters ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export interface ExplainedQuery {
  label: string;
  sql: string;
  parameters: unknown[];
  plan: string;
}

/**
 * Runs each case against a DataSource built from FitAI's own options and entities, captures
 * the last SQL it sent with its parameters, and returns EXPLAIN (ANALYZE, BUFFERS) of it.
 */
export async function explainCaptured(
  databaseUrl: string,
  cases: { label: string; run: (dataSource: DataSource) => Promise<unknown> }[],
): Promise<ExplainedQuery[]> {
  const logger = new CapturingLogger();
  const dataSource = new DataSource({
    ...buildDataSourceOptions({
      url: databaseUrl,
      poolSize: 1,
      applicationName: 'fitai-bench-explain',
    }),
    logging: true,
    logger,
  });
  await dataSource.initialize();
  try {
    const explained: ExplainedQuery[] = [];
    for (const { label, run } of cases) {
      logger.queries = [];
      await run(dataSource);
      const query = logger.queries.at(-1);
      if (!query) throw new Error(`${label}: no query sent`);
      const rows: { 'QUERY PLAN': string }[] = await dataSource.query(
        `EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`,
        query.parameters,
      );
      explained.push({
        label,
        sql: query.sql,
        parameters: query.parameters.map((p) => (p instanceof Date ? p.toISOString() : p)),
        plan: rows.map((r) => r['QUERY PLAN']).join('\n'),
      });
    }
    return explained;
  } finally {
    await dataSource.destroy();
  }
}

/** EXPLAIN of the real EntriesRepository.findPage for each filter. */
export function explainFindPage(
  databaseUrl: string,
  userId: string,
  cases: { label: string; filter: EntryFilter }[],
): Promise<ExplainedQuery[]> {
  return explainCaptured(
    databaseUrl,
    cases.map(({ label, filter }) => ({
      label,
      run: (dataSource) =>
        new EntriesRepository(dataSource.getRepository(Entry)).findPage(userId, filter),
    })),
  );
}
