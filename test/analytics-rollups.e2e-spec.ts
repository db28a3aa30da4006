import { DataSource } from 'typeorm';
import { addDays, isoWeekStart } from '../src/common/time/local-date';
import { TrainingRollupsService } from '../src/modules/analytics/training-rollups.service';
import { AnalyticsSubscribers } from '../src/modules/analytics/analytics.subscribers';
import { TrainingRollupsRepository } from '../src/modules/analytics/rollups/training-rollups.repository';
import { strengthWindows } from '../src/modules/progress/progress-period';
import { LocalPeriod, ProgressRepository } from '../src/modules/progress/progress.repository';
import { estimateOneRepMax } from '../src/modules/workouts/one-rep-max';
import { apiClient } from './support/api-client';
import { BENCH_PRESS, completedWorkout, libraryExerciseIds } from './support/fixtures';
import { ProgressReference } from './support/progress-reference';
import { registerUser, startApi, TestApi, TestUser } from './support/test-app';

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SLUGS = {
  bench: BENCH_PRESS,
  squat: 'Barbell_Squat',
  pullup: 'Pullups',
  deadlift: 'Barbell_Deadlift',
} as const;

const NEW_YORK = 'America/New_York';
const LAST_DAY = '2026-11-20';

/**
 * The rollups against the reference computation over the workouts' tables (the progress
 * repository's aggregations, and the same sums written here for the analytics periods), on
 * three generated years of a New York lifter: warm-ups, unfinished sets, body-weight sets,
 * abandoned sessions, sessions at local midnight and across the daylight-saving changes, then
 * late logs, redates and deletions applied as the worker applies their events, and a time
 * zone change.
 */
describe('analytics rollups against the raw computation (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let rollups: TrainingRollupsService;
  let subscribers: AnalyticsSubscribers;
  let raw: ProgressReference;
  let progress: ProgressRepository;
  let reads: TrainingRollupsRepository;
  let ex: Record<keyof typeof SLUGS, string>;
  let user: TestUser;
  let userId: string;
  const next = random(19);

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    rollups = api.app.get(TrainingRollupsService);
    subscribers = api.app.get(AnalyticsSubscribers);
    progress = api.app.get(ProgressRepository);
    raw = new ProgressReference(db);
    reads = api.app.get(TrainingRollupsRepository);
    ex = await libraryExerciseIds(db, SLUGS);
    user = await registerUser(api.http);
    userId = user.id;
    await db.query(`UPDATE users SET time_zone = $2 WHERE id = $1`, [userId, NEW_YORK]);
  }, 60_000);
  afterAll(() => api.close());

  /** Inserts one session (rows as the workouts module writes them); returns its id. */
  async function insertSession(at: Date, status: 'completed' | 'abandoned'): Promise<string> {
    const [{ id }]: { id: string }[] = await db.query(
      `INSERT INTO workouts (user_id, name, status, session_at, started_at, completed_at, abandoned_at)
       VALUES ($1, 'Generated', $2::workout_status, $3, $3,
               CASE WHEN $2 = 'completed' THEN $3::timestamptz + interval '70 minutes' END,
               CASE WHEN $2 = 'abandoned' THEN $3::timestamptz + interval '70 minutes' END)
       RETURNING id`,
      [userId, status, at],
    );
    const keys = Object.keys(ex) as (keyof typeof SLUGS)[];
    const chosen = keys.filter(() => next() < 0.6);
    let minute = 0;
    for (const [position, key] of chosen.entries()) {
      const [{ id: itemId }]: { id: string }[] = await db.query(
        `INSERT INTO workout_exercises (workout_id, exercise_id, position) VALUES ($1, $2, $3)
         RETURNING id`,
        [id, ex[key], position],
      );
      const sets = 1 + Math.floor(next() * 4);
      for (let setPosition = 0; setPosition < sets; setPosition += 1) {
        minute += 1;
        const type =
          setPosition === 0 && next() < 0.3 ? 'warm_up' : next() < 0.1 ? 'drop' : 'normal';
        const completed = next() < 0.93;
        const weight = key === 'pullup' && next() < 0.7 ? null : 20 + Math.round(next() * 64) * 2.5;
        const reps = 1 + Math.floor(next() * 12);
        const working = completed && type !== 'warm_up';
        const [{ id: setId }]: { id: string }[] = await db.query(
          `INSERT INTO workout_sets (workout_exercise_id, user_id, workout_id, exercise_id,
                                     position, set_type, weight_kg, reps, completed,
                                     completed_at, e1rm_kg)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::boolean,
                   CASE WHEN $9 THEN $10::timestamptz + make_interval(mins => $11::int) END, $12)
           RETURNING id`,
          [
            itemId,
            userId,
            id,
            ex[key],
            setPosition,
            type,
            weight,
            reps,
            completed,
            at,
            minute,
            working ? estimateOneRepMax(weight, reps) : null,
          ],
        );
        if (working && status === 'completed' && weight !== null && next() < 0.08) {
          await db.query(
            `INSERT INTO personal_records (user_id, exercise_id, workout_id, set_id, kind, value,
                                           weight_kg, reps, achieved_at)
             VALUES ($1, $2, $3, $4, 'max_weight', $5, $5, $6, $7::timestamptz + interval '70 minutes')`,
            [userId, ex[key], id, setId, weight, reps, at],
          );
        }
      }
    }
    return id;
  }

  /** Three years before LAST_DAY, ~3 sessions a week, with edges in time. */
  async function generateHistory(): Promise<void> {
    const start = Date.parse('2023-11-20T00:00:00Z');
    const end = Date.parse(`${LAST_DAY}T23:00:00Z`);
    for (let day = start; day < end; day += 86_400_000) {
      if (next() > 0.43) continue;
      // Any hour, minutes included: some fall near New York's midnight (04:00/05:00 UTC).
      const at = new Date(day + Math.floor(next() * 24 * 60) * 60_000);
      await insertSession(at, next() < 0.05 ? 'abandoned' : 'completed');
    }
    // Around the DST changes of 2025 and 2026, and on a local midnight exactly.
    for (const instant of [
      '2025-03-09T06:59:00Z',
      '2025-03-09T07:01:00Z',
      '2025-11-02T04:30:00Z',
      '2025-11-02T05:30:00Z',
      '2026-11-01T04:00:00Z',
      '2026-11-02T05:00:00Z',
    ]) {
      await insertSession(new Date(instant), 'completed');
    }
  }

  async function expectSameAsRaw(timeZone: string): Promise<void> {
    await rollups.ensureFresh(userId, timeZone);
    for (const [lastDay, weeks] of [
      [LAST_DAY, 156],
      [LAST_DAY, 12],
      ['2025-11-05', 52],
      ['2025-03-12', 3],
      ['2026-11-01', 1],
    ] as const) {
      const firstDay = addDays(isoWeekStart(lastDay), -7 * (weeks - 1));
      const period: LocalPeriod = { userId, timeZone, firstDay, lastDay };
      const context = `${timeZone} ${firstDay}..${lastDay}`;

      const weekly = (await rollups.weeklyTotals(userId, period)).map((w) => ({
        weekStart: w.start,
        workouts: w.workouts,
        sets: w.sets,
        volumeKg: w.volumeKg,
      }));
      expect({ context, weekly }).toEqual({ context, weekly: await raw.weeklyVolume(period) });

      const muscles = await progress.muscleVolume(userId, period);
      expect({ context, muscles }).toEqual({ context, muscles: await raw.muscleVolume(period) });

      for (const target of [null, 3]) {
        expect({
          context,
          target,
          counts: await rollups.weeklyCounts(userId, period, target),
        }).toEqual({
          context,
          target,
          counts: await raw.weeklyCounts(period, target),
        });
      }
      // The four streaks in one statement, alone and per range of the analytics figures.
      const streaks = {
        weeks: await raw.streak(period, 'week'),
        days: await raw.streak(period, 'day'),
      };
      expect({ context, streaks: await rollups.streaks(userId, lastDay) }).toEqual({
        context,
        streaks,
      });
      const [figures] = await reads.periodTraining(userId, [period]);
      expect({ context, streaks: figures.streaks }).toEqual({ context, streaks });

      const windows = strengthWindows(lastDay);
      const readFrom =
        windows.change12w.firstDay < firstDay ? windows.change12w.firstDay : firstDay;
      const days = {
        recentFrom: windows.recent.firstDay,
        change4wFrom: windows.change4w.firstDay,
        change4wTo: windows.change4w.lastDay,
        change12wFrom: windows.change12w.firstDay,
        change12wTo: windows.change12w.lastDay,
      };
      const fromRollups = await progress.strengthByExercise(userId, period, readFrom, days);
      expect({ context, strength: fromRollups }).toEqual({
        context,
        strength: await raw.strengthByExercise(period, readFrom, days),
      });

      for (const exerciseId of Object.values(ex)) {
        const bests = await raw.sessionBests(period, exerciseId);
        expect({
          context,
          exerciseId,
          bests: await rollups.sessionBests(userId, exerciseId, period),
        }).toEqual({ context, exerciseId, bests });
        // By week: the best session of each ISO week (highest e1RM, then the earliest).
        const weekly = new Map<string, (typeof bests)[number]>();
        for (const best of bests) {
          const week = isoWeekStart(best.date);
          const top = weekly.get(week);
          if (!top || best.e1rmKg > top.e1rmKg) weekly.set(week, best);
        }
        expect({
          context,
          exerciseId,
          weekly: await rollups.sessionBests(userId, exerciseId, period, 'week'),
        }).toEqual({ context, exerciseId, weekly: [...weekly.values()] });
      }
    }
    // Analytics periods starting on any day: sessions, sets, volume and records per range.
    const ranges = [
      { firstDay: '2023-11-20', lastDay: LAST_DAY },
      { firstDay: '2025-10-15', lastDay: '2025-11-13' },
      { firstDay: '2026-11-01', lastDay: '2026-11-01' },
      { firstDay: '2025-03-08', lastDay: '2025-03-09' },
    ];
    const [{ rows: rawRanges }]: { rows: unknown[] }[] = await db.query(
      `SELECT coalesce(json_agg(x ORDER BY x.i), '[]') AS rows FROM (
         SELECT r.i, count(DISTINCT w.id)::int AS sessions,
                count(s.id)::int AS sets,
                count(DISTINCT (w.session_at AT TIME ZONE $2)::date)::int AS "activeDays",
                count(DISTINCT date_trunc('week', w.session_at AT TIME ZONE $2))::int AS "activeWeeks",
                ARRAY(SELECT count(DISTINCT w2.id)::int FROM generate_series(1, 7) d
                        LEFT JOIN workouts w2 ON w2.user_id = $1 AND w2.status = 'completed'
                              AND (w2.session_at AT TIME ZONE $2)::date BETWEEN r.f AND r.l
                              AND extract(isodow FROM w2.session_at AT TIME ZONE $2) = d
                       GROUP BY d ORDER BY d) AS weekdays,
                coalesce(sum(coalesce(s.weight_kg, 0) * coalesce(s.reps, 0)), 0)::float8 AS volume,
                (SELECT count(*) FROM personal_records p JOIN workouts pw ON pw.id = p.workout_id
                  WHERE pw.user_id = $1 AND pw.status = 'completed'
                    AND (pw.session_at AT TIME ZONE $2)::date BETWEEN r.f AND r.l)::int AS records
           FROM unnest($3::date[], $4::date[]) WITH ORDINALITY AS r(f, l, i)
           LEFT JOIN workouts w ON w.user_id = $1 AND w.status = 'completed'
                 AND (w.session_at AT TIME ZONE $2)::date BETWEEN r.f AND r.l
           LEFT JOIN workout_sets s ON s.workout_id = w.id AND s.completed AND s.set_type <> 'warm_up'
          GROUP BY r.i, r.f, r.l) x`,
      [userId, timeZone, ranges.map((r) => r.firstDay), ranges.map((r) => r.lastDay)],
    );
    const training = (await reads.periodTraining(userId, ranges)).map(
      ({ streaks: _streaks, volumeKg, ...row }, i) => ({ i: i + 1, ...row, volume: volumeKg }),
    );
    expect(training).toEqual(rawRanges);
  }

  /** Every rollup row of the user, in a stable order (to compare refreshes). */
  async function snapshot(): Promise<unknown> {
    const table = (name: string, order: string) =>
      db.query(`SELECT * FROM ${name} WHERE user_id = $1 ORDER BY ${order}`, [userId]);
    return {
      sessions: await table('analytics_session_rollups', 'workout_id'),
      exercises: await table('analytics_session_exercise_rollups', 'workout_id, exercise_id'),
      weeks: await table('analytics_week_rollups', 'week_start'),
    };
  }

  it('full rebuild, then late, edited and deleted workouts through the subscriber, then a time zone change', async () => {
    await generateHistory();
    await rollups.rebuild(userId);
    await expectSameAsRaw(NEW_YORK);

    // A session logged late (two years back), as its workout.completed event arrives.
    const late = await insertSession(new Date('2024-06-03T23:45:00Z'), 'completed');
    const [lateRow] = await db.query(
      `SELECT session_at, completed_at FROM workouts WHERE id = $1`,
      [late],
    );
    const completed = {
      id: 'e1',
      name: 'workout.completed' as const,
      occurredAt: new Date().toISOString(),
      payload: {
        userId,
        workoutId: late,
        sessionAt: lateRow.session_at.toISOString(),
        completedAt: lateRow.completed_at.toISOString(),
      },
    };
    await subscribers.workoutChanged(completed);
    const once = await snapshot();
    await subscribers.workoutChanged(completed);
    expect(await snapshot()).toEqual(once);

    // A session moved across a week and a day boundary (redated), as workout.redated arrives.
    const [moved] = await db.query(
      `SELECT id, session_at, completed_at FROM workouts
        WHERE user_id = $1 AND status = 'completed' AND session_at > '2025-05-01' ORDER BY session_at LIMIT 1`,
      [userId],
    );
    const newStart = new Date(moved.session_at.getTime() - 9 * 86_400_000 + 3_600_000 * 5);
    await db.query(
      `UPDATE workouts SET session_at = $2, started_at = $2, completed_at = $2::timestamptz + interval '70 minutes' WHERE id = $1`,
      [moved.id, newStart],
    );
    await db.query(
      `UPDATE workout_sets SET completed_at = completed_at + ($2::timestamptz - $3::timestamptz) WHERE workout_id = $1 AND completed_at IS NOT NULL`,
      [moved.id, newStart, moved.session_at],
    );
    await subscribers.workoutChanged({
      id: 'e2',
      name: 'workout.redated',
      occurredAt: new Date().toISOString(),
      payload: {
        userId,
        workoutId: moved.id,
        sessionAt: newStart.toISOString(),
        completedAt: new Date(newStart.getTime() + 70 * 60_000).toISOString(),
        previousSessionAt: moved.session_at.toISOString(),
        previousCompletedAt: moved.completed_at.toISOString(),
      },
    });

    // A deleted session, as workout.deleted arrives.
    const [gone] = await db.query(
      `SELECT id, session_at, completed_at FROM workouts
        WHERE user_id = $1 AND status = 'completed' AND session_at > '2026-02-01' ORDER BY session_at LIMIT 1`,
      [userId],
    );
    await db.query(`DELETE FROM workouts WHERE id = $1`, [gone.id]);
    await subscribers.workoutChanged({
      id: 'e3',
      name: 'workout.deleted',
      occurredAt: new Date().toISOString(),
      payload: {
        userId,
        workoutId: gone.id,
        sessionAt: gone.session_at.toISOString(),
        completedAt: gone.completed_at.toISOString(),
      },
    });

    // The incremental rows are those of a full rebuild, and the rollups are up to date.
    const incremental = await snapshot();
    const state = await db.query(
      `SELECT history_version FROM analytics_rollup_states WHERE user_id = $1`,
      [userId],
    );
    const fresh = await rollups.ensureFresh(userId, NEW_YORK);
    expect(fresh.caughtUp).toBe(false);
    await rollups.rebuild(userId);
    expect(await snapshot()).toEqual(incremental);
    expect(
      await db.query(`SELECT history_version FROM analytics_rollup_states WHERE user_id = $1`, [
        userId,
      ]),
    ).toEqual(state);
    await expectSameAsRaw(NEW_YORK);

    // Writes the worker has not applied yet (no worker runs here): each change to the completed
    // history through the workouts module bumps its version, so the next read catches up.
    const caughtUp = async () => (await rollups.ensureFresh(userId, NEW_YORK)).caughtUp;
    const lifter = apiClient(api.http, user);
    const done = await completedWorkout(lifter, [{ exerciseId: ex.squat, weight: 100, reps: 5 }]);
    expect(await caughtUp()).toBe(true);
    expect(await caughtUp()).toBe(false);
    await lifter
      .put(`/workouts/${done.id}`, {
        version: done.version,
        startedAt: '2026-11-18T15:00:00Z',
        completedAt: '2026-11-18T16:00:00Z',
      })
      .expect(200);
    expect(await caughtUp()).toBe(true);
    await lifter.delete(`/workouts/${done.id}`).expect(204);
    expect(await caughtUp()).toBe(true);
    await expectSameAsRaw(NEW_YORK);
    // What the version does not see: rows written around the workouts module (raw SQL, a bulk
    // load), until a rebuild (npm run analytics:rebuild) or the user's next change.
    await insertSession(new Date('2026-11-19T15:00:00Z'), 'completed');
    expect(await caughtUp()).toBe(false);
    await rollups.rebuild(userId);

    // Another time zone: every local day and week moves; the next read rebuilds in it.
    await db.query(`UPDATE users SET time_zone = 'Asia/Tokyo' WHERE id = $1`, [userId]);
    await expectSameAsRaw('Asia/Tokyo');
  }, 300_000);
});
