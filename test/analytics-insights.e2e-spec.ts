import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays, localDate } from '../src/common/time/local-date';
import { seededRandom } from '../src/modules/analytics/insights/statistics';
import { apiClient, ApiClient } from './support/api-client';
import { BENCH_PRESS, libraryExerciseIds, setPreferences } from './support/fixtures';
import { PROBLEM } from './support/problem';
import { registerUser, startApi, TestApi, TestUser } from './support/test-app';

const ZONE = 'Europe/Paris';

/** A normal draw (Box–Muller) from a seeded generator. */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

interface Seeded {
  from: string;
  to: string;
  /** Workout ids by local day. */
  workouts: Map<string, string>;
  /** Entry ids by local day. */
  entries: Map<string, string>;
}

describe('analytics insights and benchmark (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let bench: string;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    ({ bench } = await libraryExerciseIds(db, { bench: BENCH_PRESS }));
  }, 60_000);
  afterAll(() => api.close());

  async function user(): Promise<{ user: TestUser; client: ApiClient }> {
    const registered = await registerUser(api.http);
    const client = apiClient(api.http, registered);
    await setPreferences(client, { timeZone: ZONE });
    return { user: registered, client };
  }

  /**
   * `days` local days ending yesterday (Paris): a mood entry every evening (noise around 6,
   * plus `moodAfterTraining` the day after a training day), a workout on ~45% of mornings
   * (volume ~5000 kg). Inserted in bulk, as the entries and workouts modules store them.
   */
  async function seedJournalAndTraining(
    owner: TestUser,
    seed: number,
    moodAfterTraining: number,
    days = 120,
  ): Promise<Seeded> {
    const random = seededRandom(seed);
    const to = addDays(localDate(ZONE), -1);
    const from = addDays(to, -(days - 1));
    const entryDays: string[] = [];
    const moods: number[] = [];
    const energies: number[] = [];
    const workoutDays: string[] = [];
    const volumes: number[] = [];
    let trainedYesterday = false;
    for (let i = -30; i < days; i += 1) {
      const day = addDays(from, i);
      const mood = 6 + normal(random) + (trainedYesterday ? moodAfterTraining : 0);
      entryDays.push(day);
      moods.push(Math.min(10, Math.max(1, Math.round(mood))));
      energies.push(Math.min(10, Math.max(1, Math.round(6 + normal(random)))));
      trainedYesterday = random() < 0.45;
      if (trainedYesterday) {
        workoutDays.push(day);
        volumes.push(Math.round(5000 + 400 * normal(random)));
      }
    }
    const entryRows: { id: string; day: string }[] = await db.query(
      `INSERT INTO entries (user_id, occurred_at, type, mood, energy, tags)
       SELECT $1, (d::date + time '20:00') AT TIME ZONE $2, 'mood', m, e, '{}'
         FROM unnest($3::date[], $4::int[], $5::int[]) AS x(d, m, e)
       RETURNING id, to_char(occurred_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day`,
      [owner.id, ZONE, entryDays, moods, energies],
    );
    const workoutRows: { id: string; day: string }[] = await db.query(
      `INSERT INTO workouts (user_id, name, status, session_at, started_at, completed_at,
                             total_volume_kg, total_sets, total_reps)
       SELECT $1, 'Seeded', 'completed', s, s, s + interval '1 hour', v, 10, 80
         FROM unnest($3::date[], $4::numeric[]) AS x(d, v)
        CROSS JOIN LATERAL (SELECT (d + time '07:00') AT TIME ZONE $2 AS s) t
       RETURNING id, to_char(session_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day`,
      [owner.id, ZONE, workoutDays, volumes],
    );
    return {
      from,
      to,
      workouts: new Map(workoutRows.map((row) => [row.day, row.id])),
      entries: new Map(entryRows.map((row) => [row.day, row.id])),
    };
  }

  describe('GET /analytics/insights', () => {
    it('finds a planted "mood +1.5 the day after training" at lag 1, with the days behind it', async () => {
      const { user: owner, client } = await user();
      const seeded = await seedJournalAndTraining(owner, 42, 1.5);
      // One session in the period far below the usual volume: an anomaly.
      const lowDay = [...seeded.workouts.keys()].filter((day) => day >= seeded.from)[30];
      await db.query(`UPDATE workouts SET total_volume_kg = 900 WHERE id = $1`, [
        seeded.workouts.get(lowDay),
      ]);

      const res = await client
        .get('/analytics/insights', { startDate: seeded.from, endDate: seeded.to })
        .expect(200);
      expect(res.body).toMatchObject({ from: seeded.from, to: seeded.to, timeZone: ZONE });
      expect(res.body.method).toMatchObject({ fdr: 0.01, permutations: 9999 });
      expect(res.body.method.tested).toBeGreaterThanOrEqual(8);
      const keys = res.body.insights.map((insight: { key: string }) => insight.key);
      expect(keys).toContain('training→mood+1');
      expect(keys).not.toContain('training→mood+0');

      const found = res.body.insights.find(
        (insight: { key: string }) => insight.key === 'training→mood+1',
      );
      expect(found).toMatchObject({ exposure: 'training', outcome: 'mood', lagDays: 1 });
      expect(found.effect).toBeGreaterThan(1);
      expect(found.effect).toBeLessThan(2.2);
      expect(found.qValue).toBeLessThanOrEqual(0.01);
      expect(found.sampleSize).toBe(found.exposedDays + found.otherDays);
      // Every exposed day is a training day of the period followed by its mood entry, with
      // the real ids; the number shown is recomputed from them.
      expect(found.evidenceTotal).toBe(found.exposedDays);
      for (const day of found.evidence) {
        expect(day.outcomeDate).toBe(addDays(day.date, 1));
        expect(day.workoutIds).toContain(seeded.workouts.get(day.date));
        expect(day.entryIds).toContain(seeded.entries.get(day.outcomeDate));
      }
      const moodOf = new Map<string, number>(
        (
          await db.query(
            `SELECT to_char(occurred_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day, mood
                 FROM entries WHERE user_id = $1`,
            [owner.id, ZONE],
          )
        ).map((row: { day: string; mood: number }) => [row.day, row.mood]),
      );
      const exposed: number[] = [];
      const other: number[] = [];
      for (let day = seeded.from; day < seeded.to; day = addDays(day, 1)) {
        const mood = moodOf.get(addDays(day, 1))!;
        (seeded.workouts.has(day) ? exposed : other).push(mood);
      }
      const avg = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      expect(found.exposedDays).toBe(exposed.length);
      expect(found.otherDays).toBe(other.length);
      expect(found.exposedMean).toBeCloseTo(avg(exposed), 2);
      expect(found.otherMean).toBeCloseTo(avg(other), 2);
      expect(found.statement).toContain(`${found.exposedMean} vs ${found.otherMean}`);

      const low = res.body.anomalies.filter(
        (anomaly: { kind: string }) => anomaly.kind === 'low_session_volume',
      );
      expect(low.map((anomaly: { date: string }) => anomaly.date)).toEqual([lowDay]);
      expect(low[0]).toMatchObject({ value: 900, threshold: -3.5 });
      expect(low[0].workoutIds).toEqual([seeded.workouts.get(lowDay)]);
      expect(low[0].robustZ).toBeLessThanOrEqual(-3.5);
    }, 120_000);

    it.each([101, 202, 303])(
      'shows no insight on pure noise (seed %i)',
      async (seed) => {
        const { user: owner, client } = await user();
        const seeded = await seedJournalAndTraining(owner, seed, 0);
        const res = await client
          .get('/analytics/insights', { startDate: seeded.from, endDate: seeded.to })
          .expect(200);
        expect(res.body.method.tested).toBeGreaterThanOrEqual(8);
        expect(res.body.insights).toEqual([]);
      },
      120_000,
    );

    it('defaults to the last 90 days, and refuses a reversed or too long period', async () => {
      const { client } = await user();
      const today = localDate(ZONE);
      const res = await client.get('/analytics/insights').expect(200);
      expect(res.body).toMatchObject({ from: addDays(today, -89), to: today, insights: [] });
      const reversed = await client
        .get('/analytics/insights', { startDate: today, endDate: addDays(today, -1) })
        .expect(400);
      expect(reversed.headers['content-type']).toMatch(PROBLEM);
      await client
        .get('/analytics/insights', { startDate: addDays(today, -1200), endDate: today })
        .expect(400);
      await client.get('/analytics/insights', { startDate: '2026-02-30' }).expect(400);
    });
  });

  describe('GET /analytics/benchmark', () => {
    interface MemberSpec {
      level?: string;
      sex?: string | null;
      birthYear?: number | null;
      bodyWeightKg?: number | null;
      sessions: number;
      volumePerSession: number;
      benchE1rmKg?: number;
      optOut?: boolean;
      visibility?: 'public' | 'friends' | 'only_me';
    }

    /** A user straight in the tables (no sign-in needed), with their sessions in the window. */
    async function member(spec: MemberSpec): Promise<{ id: string; email: string }> {
      const email = `member-${randomUUID()}@test.fitai.dev`;
      const [{ id }]: { id: string }[] = await db.query(
        `INSERT INTO users (email, display_name, training_level, sex, birth_year,
                            leaderboard_opt_out, activity_visibility)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          email,
          `Member ${email.slice(7, 15)}`,
          spec.level ?? 'expert',
          spec.sex ?? null,
          spec.birthYear ?? null,
          spec.optOut ?? false,
          spec.visibility ?? 'friends',
        ],
      );
      await seedMemberData(id, spec);
      return { id, email };
    }

    async function seedMemberData(id: string, spec: MemberSpec): Promise<void> {
      if (spec.bodyWeightKg != null) {
        await db.query(
          `INSERT INTO body_metrics (user_id, measured_at, weight_kg) VALUES
             ($1, now() - interval '200 days', 150), ($1, now() - interval '2 days', $2)`,
          [id, spec.bodyWeightKg],
        );
      }
      for (let i = 0; i < spec.sessions; i += 1) {
        const [{ id: workoutId }]: { id: string }[] = await db.query(
          `INSERT INTO workouts (user_id, name, status, session_at, started_at, completed_at,
                                 total_volume_kg, total_sets, total_reps)
           SELECT $1, 'Seeded', 'completed', s, s, s + interval '1 hour', $2, 5, 25
             FROM (SELECT now() - make_interval(days => $3::int) AS s) t
           RETURNING id`,
          [id, spec.volumePerSession, 1 + i * 3],
        );
        if (spec.benchE1rmKg !== undefined && i === 0) {
          const [{ id: itemId }]: { id: string }[] = await db.query(
            `INSERT INTO workout_exercises (workout_id, exercise_id, position)
             VALUES ($1, $2, 0) RETURNING id`,
            [workoutId, bench],
          );
          await db.query(
            `INSERT INTO workout_sets (workout_exercise_id, user_id, workout_id, exercise_id,
                                       position, weight_kg, reps, completed, completed_at, e1rm_kg)
             VALUES ($1, $2, $3, $4, 0, $5, 1, true, now() - interval '1 day', $5)`,
            [itemId, id, workoutId, bench, spec.benchE1rmKg],
          );
        }
      }
      // A session before the window counts for nothing.
      await db.query(
        `INSERT INTO workouts (user_id, name, status, session_at, started_at, completed_at, total_volume_kg)
         VALUES ($1, 'Old', 'completed', now() - interval '200 days', now() - interval '200 days',
                 now() - interval '200 days', 99999)`,
        [id],
      );
    }

    /** The caller: a signed-in user with the cohort criteria and data of `spec`. */
    async function caller(spec: MemberSpec): Promise<ApiClient> {
      const { user: owner, client } = await user();
      await setPreferences(client, {
        trainingLevel: spec.level ?? 'expert',
        sex: spec.sex ?? null,
        birthYear: spec.birthYear ?? null,
      });
      await seedMemberData(owner.id, spec);
      return client;
    }

    /** Mid-rank percentile computed here from the members' values. */
    function percentile(mine: number, others: number[]): number {
      const below = others.filter((value) => value < mine).length;
      const equal = others.filter((value) => value === mine).length;
      return Math.round((100 * (below + equal / 2)) / others.length);
    }

    it('says so and shows no figure when fewer than k users share the cohort', async () => {
      const cohort = { sex: 'female', birthYear: 1941, bodyWeightKg: 55 };
      const client = await caller({ ...cohort, sessions: 3, volumePerSession: 3000 });
      // 19 eligible members, and more who match but must not count.
      for (let i = 0; i < 19; i += 1) {
        await member({ ...cohort, sessions: 2 + (i % 3), volumePerSession: 2000 + 100 * i });
      }
      for (let i = 0; i < 3; i += 1) {
        await member({ ...cohort, sessions: 3, volumePerSession: 4000, optOut: true });
        await member({ ...cohort, sessions: 3, volumePerSession: 4000, visibility: 'only_me' });
        await member({ ...cohort, sessions: 0, volumePerSession: 0 }); // no workout in the window
      }
      const res = await client.get('/analytics/benchmark').expect(200);
      expect(res.body.minCohort).toBe(20);
      expect(res.body.cohort).toMatchObject({
        trainingLevel: 'expert',
        sex: 'female',
        ageBand: { min: 80, max: 89 },
        bodyWeightBand: { min: 50, max: 60 },
      });
      expect(res.body.figures).toHaveLength(2);
      for (const figure of res.body.figures) {
        expect(figure).toMatchObject({
          shown: false,
          percentile: null,
          cohortSize: null,
          reason: 'cohort_too_small',
        });
        expect(figure.statement).toContain('Fewer than 20 similar users');
      }
    }, 120_000);

    it('gives the percentile among eligible users only, identifying none of them', async () => {
      const cohort = { sex: 'male', birthYear: 1951, bodyWeightKg: 85 };
      const me = { ...cohort, sessions: 4, volumePerSession: 5000, benchE1rmKg: 120 };
      const client = await caller(me);
      const eligible: MemberSpec[] = Array.from({ length: 24 }, (_, i) => ({
        ...cohort,
        bodyWeightKg: 80 + (i % 10) + 0.5,
        sessions: 1 + (i % 6),
        // A few tie with the caller's 5000 per session.
        volumePerSession: i % 5 === 0 ? 5000 : 2500 + 250 * i,
        benchE1rmKg: 60 + 3.7 * i,
      }));
      const excluded: MemberSpec[] = [
        ...Array.from({ length: 5 }, () => ({
          ...cohort,
          sessions: 1,
          volumePerSession: 100,
          benchE1rmKg: 40,
          optOut: true,
        })),
        ...Array.from({ length: 5 }, () => ({
          ...cohort,
          sessions: 1,
          volumePerSession: 100,
          benchE1rmKg: 40,
          visibility: 'only_me' as const,
        })),
        // Outside the cohort: another body-weight band, sex, age band or level.
        { ...cohort, bodyWeightKg: 95, sessions: 1, volumePerSession: 100 },
        { ...cohort, sex: 'female', sessions: 1, volumePerSession: 100 },
        { ...cohort, birthYear: 1990, sessions: 1, volumePerSession: 100 },
        { ...cohort, level: 'beginner', sessions: 1, volumePerSession: 100 },
      ];
      const created = [];
      for (const spec of [...eligible, ...excluded]) created.push(await member(spec));

      const res = await client
        .get('/analytics/benchmark', { weeks: 12, exerciseId: bench })
        .expect(200);
      expect(res.body.cohort).toMatchObject({
        sex: 'male',
        ageBand: { min: 70, max: 79 },
        bodyWeightBand: { min: 80, max: 90 },
      });
      const byName = Object.fromEntries(
        res.body.figures.map((figure: { figure: string }) => [figure.figure, figure]),
      );
      const volumes = eligible.map((spec) => spec.sessions * spec.volumePerSession);
      const myVolume = me.sessions * me.volumePerSession;
      const expectedVolume = percentile(myVolume, volumes);
      expect(byName.weekly_volume).toMatchObject({
        shown: true,
        percentile: expectedVolume,
        cohortSize: '20–49',
        you: Math.round((myVolume / 12) * 100) / 100,
      });
      // Counting the excluded (all below the caller) would have given another answer.
      expect(percentile(myVolume, [...volumes, ...Array(10).fill(100)])).not.toBe(expectedVolume);
      expect(byName.sessions_per_week.percentile).toBe(
        percentile(
          me.sessions,
          eligible.map((spec) => spec.sessions),
        ),
      );
      expect(byName.relative_strength).toMatchObject({
        shown: true,
        percentile: percentile(
          120 / 85,
          eligible.map((spec) => spec.benchE1rmKg! / spec.bodyWeightKg!),
        ),
        you: Math.round((120 / 85) * 100) / 100,
      });
      // Nothing that identifies anyone: no id, email or name of any other user.
      const body = JSON.stringify(res.body);
      for (const { id, email } of created) {
        expect(body).not.toContain(id);
        expect(body).not.toContain(email.slice(7, 15));
      }
    }, 180_000);

    it('drops below the floor when one member opts out or makes activities private', async () => {
      const cohort = { sex: 'male', birthYear: 1961, bodyWeightKg: 72 };
      const client = await caller({ ...cohort, sessions: 2, volumePerSession: 4000 });
      const members = [];
      for (let i = 0; i < 20; i += 1) {
        members.push(await member({ ...cohort, sessions: 2, volumePerSession: 1000 + 200 * i }));
      }
      const shown = async () =>
        (await client.get('/analytics/benchmark').expect(200)).body.figures[0].shown;
      expect(await shown()).toBe(true);
      await db.query(`UPDATE users SET leaderboard_opt_out = true WHERE id = $1`, [members[0].id]);
      expect(await shown()).toBe(false);
      await db.query(
        `UPDATE users SET leaderboard_opt_out = false, activity_visibility = 'only_me' WHERE id = $1`,
        [members[0].id],
      );
      expect(await shown()).toBe(false);
      await db.query(`UPDATE users SET activity_visibility = 'public' WHERE id = $1`, [
        members[0].id,
      ]);
      expect(await shown()).toBe(true);
    }, 120_000);

    it('refuses a bad window and an exercise the caller cannot see', async () => {
      const { client } = await user();
      await client.get('/analytics/benchmark', { weeks: 0 }).expect(400);
      await client.get('/analytics/benchmark', { exerciseId: 'nope' }).expect(400);
      await client.get('/analytics/benchmark', { exerciseId: randomUUID() }).expect(404);
      const res = await client.get('/analytics/benchmark', { exerciseId: bench }).expect(200);
      expect(res.body.figures[2]).toMatchObject({ shown: false, reason: 'no_body_weight' });
    });
  });
});
