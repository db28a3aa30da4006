import { Query } from 'pg';
import { DataSource } from 'typeorm';
import { ApiClient, apiClient } from './support/api-client';
import { BENCH_PRESS, completedWorkout, libraryExerciseIds } from './support/fixtures';
import { StatementRecorder } from './support/statement-recorder';
import { registerUser, startApi, TestApi, testConfig } from './support/test-app';

/**
 * Statements and sequential round trips per answer of the analytics and progress routes
 * (docs/analytics.md, "Cost of an answer"): the rollup reads are cheap, so what an answer
 * costs is mostly how many times it waits for PostgreSQL.
 */
describe('SQL statements per analytics and progress answer (e2e)', () => {
  const statements = new StatementRecorder();
  let api: TestApi;
  let phone: ApiClient;
  let bench: string;
  const figures: Record<string, { statements: number; roundTrips: number }> = {};

  beforeAll(async () => {
    api = await startApi(testConfig({ REVOCATIONS_POLL_MS: '60000' }));
    const user = await registerUser(api.http);
    phone = apiClient(api.http, user);
    ({ bench } = await libraryExerciseIds(api.app.get(DataSource), { bench: BENCH_PRESS }));
    for (const weight of [60, 62.5]) {
      await completedWorkout(phone, [{ exerciseId: bench, weight, reps: 5 }]);
    }
    // The first read catches the rollups up (measured below); the routes then read fresh ones.
    statements.start();
  }, 60_000);
  afterAll(async () => {
    statements.stop();
    console.log(
      `statements (round trips) per answer:\n${Object.entries(figures)
        .map(([route, { statements: n, roundTrips }]) => `  ${route}: ${n} (${roundTrips})`)
        .join('\n')}`,
    );
    await api.close();
  });

  const period = { startDate: '2026-01-01', endDate: '2026-12-31' };

  async function measure(route: string, query: Record<string, string | number> = {}, note = '') {
    // Once unrecorded: the pool opens the connections a first concurrent read needs.
    if (!note) await phone.get(route, query).expect(200);
    const recorded = await statements.of(phone.get(route, query).expect(200));
    const key = `${route}${Object.keys(query).length ? ` ${JSON.stringify(query)}` : ''}${note}`;
    figures[key] = { statements: recorded.sql.length, roundTrips: recorded.roundTrips };
    return recorded;
  }

  it('a read behind the workouts catches up once, then answers', async () => {
    const { sql } = await measure('/analytics/frequency', period, ' (catching up)');
    // The history's version: once to find the rollups behind, once under the refresh's lock.
    expect(
      sql.filter((statement) => statement.includes('FROM workout_history_versions v')),
    ).toHaveLength(2);
    expect(
      sql.filter((statement) => statement.includes('JOIN analytics_rollup_states st')),
    ).toHaveLength(1);
  });

  // [route, query, statements, round trips]: the preferences and the rollups' state at once,
  // then the figures at once (training with its streaks, body weight, goals, journal).
  it.each([
    ['/analytics/overview', period, 6, 2],
    ['/analytics/compare', { a: '2025-01-01..2025-12-31', b: '2026-01-01..2026-12-31' }, 6, 2],
    ['/analytics/volume', period, 3, 2],
    ['/analytics/volume', { ...period, bucket: 'month' }, 3, 2],
    ['/analytics/frequency', period, 3, 2],
    ['/progress/strength', {}, 3, 2],
    ['/progress/volume', { weeks: 156 }, 4, 2],
    ['/progress/analytics', { weeks: 156 }, 4, 2],
  ] as const)('%s %j', async (route, query, count, roundTrips) => {
    const recorded = await measure(route, query);
    expect({ statements: recorded.sql.length, roundTrips: recorded.roundTrips }).toEqual({
      statements: count,
      roundTrips,
    });
  });

  it.each([
    ['/analytics/overview', period],
    ['/analytics/compare', { a: '2025-01-01..2025-12-31', b: '2026-01-01..2026-12-31' }],
    ['/analytics/volume', period],
    ['/analytics/frequency', period],
    ['/progress/volume', { weeks: 156 }],
    ['/progress/analytics', { weeks: 156 }],
    [`/progress/strength`, {}],
  ] as const)(
    '%s sends each statement prepared by name (docs/decisions.md)',
    async (route, query) => {
      // Unrecorded first: a read that finds the rollups behind refreshes them (not prepared).
      await phone.get(route, query).expect(200);
      const [named, unnamed]: string[][] = [[], []];
      const submit = Query.prototype.submit;
      const spy = jest.spyOn(Query.prototype, 'submit').mockImplementation(function (
        this: Query & { name?: string; text: string },
        connection,
      ) {
        (this.name ? named : unnamed).push(this.text);
        return submit.call(this, connection);
      });
      try {
        await phone.get(route, query).expect(200);
      } finally {
        spy.mockRestore();
      }
      expect(unnamed).toEqual([]);
      // The preferences, the freshness check and at least one figure.
      expect(named.length).toBeGreaterThanOrEqual(3);
    },
  );

  it('/progress/strength/:exerciseId: the exercise checked alongside, then one read', async () => {
    for (const resolution of ['week', 'session']) {
      const recorded = await measure(`/progress/strength/${bench}`, { weeks: 156, resolution });
      expect({ statements: recorded.sql.length, roundTrips: recorded.roundTrips }).toEqual({
        statements: 4,
        roundTrips: 2,
      });
    }
  });
});
