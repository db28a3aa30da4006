import { Connection } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { preparedQuery, statementName } from '../src/common/database/prepared-statement';
import { buildDataSourceOptions } from '../src/infrastructure/database/data-source-options';
import { testEnv } from './support/test-env';

const SERIES = `SELECT n, n * $2::int AS times FROM generate_series(1, $1::int) AS g(n) ORDER BY n`;

/** Named prepared statements through TypeORM (src/common/database/prepared-statement.ts). */
describe('preparedQuery (e2e)', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await new DataSource(
      buildDataSourceOptions({ url: testEnv('databaseUrl'), poolSize: 2 }),
    ).initialize();
  });
  afterAll(() => db.destroy());
  afterEach(() => jest.restoreAllMocks());

  it('answers the rows the unnamed statement answers', async () => {
    for (const [count, factor] of [
      [3, 2],
      [0, 5],
      [2, -1],
    ]) {
      expect(await preparedQuery(db, SERIES, [count, factor])).toEqual(
        await db.query(SERIES, [count, factor]),
      );
    }
  });

  it('is parsed once per connection, then only bound and executed', async () => {
    const parses: string[] = [];
    const parse = Connection.prototype.parse;
    jest.spyOn(Connection.prototype, 'parse').mockImplementation(function (
      this: Connection,
      query,
      more,
    ) {
      parses.push(query.name ?? '');
      return parse.call(this, query, more);
    });
    const text = `${SERIES} -- ${Math.random()}`;
    const name = statementName(text);
    await db.transaction(async (manager) => {
      for (let run = 0; run < 3; run += 1) {
        expect(await preparedQuery(manager, text, [2, run])).toEqual([
          { n: 1, times: run },
          { n: 2, times: 2 * run },
        ]);
      }
      // The same connection holds it, once, under its name.
      expect(
        await manager.query(`SELECT statement FROM pg_prepared_statements WHERE name = $1`, [name]),
      ).toEqual([{ statement: text }]);
    });
    expect(parses.filter((parsed) => parsed === name)).toHaveLength(1);
    // An unnamed statement is parsed at every run.
    parses.length = 0;
    await db.query(SERIES, [1, 1]);
    await db.query(SERIES, [1, 1]);
    expect(parses.filter((parsed) => parsed === '')).toHaveLength(2);
  });

  it('names a text by its hash: the same text one name, another text another', () => {
    const name = statementName(SERIES);
    expect(statementName(`${SERIES}`)).toBe(name);
    expect(statementName(`${SERIES} `)).not.toBe(name);
    expect(name).toMatch(/^fitai_[0-9a-f]{32}$/);
  });

  it('fails as TypeORM fails, and leaves the connection usable', async () => {
    const failing = `SELECT 1 / $1::int AS quotient`;
    await expect(preparedQuery(db, failing, [0])).rejects.toBeInstanceOf(QueryFailedError);
    expect(await preparedQuery(db, failing, [1])).toEqual([{ quotient: 1 }]);
    await expect(preparedQuery(db, 'SELECT FROM nowhere_at_all', [])).rejects.toBeInstanceOf(
      QueryFailedError,
    );
  });

  it('runs in the caller transaction: committed or rolled back with it', async () => {
    await db.query(`CREATE TABLE prepared_check (n int)`);
    const insert = `INSERT INTO prepared_check (n) VALUES ($1) RETURNING n`;
    await expect(
      db.transaction(async (manager) => {
        expect(await preparedQuery(manager, insert, [1])).toEqual([{ n: 1 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await db.transaction((manager) => preparedQuery(manager, insert, [2]));
    expect(await db.query(`SELECT n FROM prepared_check`)).toEqual([{ n: 2 }]);
  });
});
