import { DataSource } from 'typeorm';
import { ApiClient, registerClient } from './support/api-client';
import { libraryExerciseIds, setPreferences } from './support/fixtures';
import { startApi, TestApi } from './support/test-app';

interface SetBody {
  id: string;
  setType: string;
  plannedWeight: number | null;
  plannedRepsMin: number | null;
}
interface StepBody {
  outcome: string;
  change: number | null;
  reason: string;
  basedOnWorkoutId: string | null;
  failedSessions: number;
}
interface WorkoutBody {
  id: string;
  exercises: { exerciseId: string; progressionStep: StepBody | null; sets: SetBody[] }[];
}

/** Progression rules applied when a session is built from a template (docs/templates.md). */
describe('progression rules (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let curl: string;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    ({ curl } = await libraryExerciseIds(db, { curl: 'Barbell_Curl' }));
  });
  afterAll(() => api.close());

  /** The template: Barbell Curl, two sets of 8–10 at 30 kg, +2.5 kg at the top. */
  async function curlTemplate(
    client: ApiClient,
    load: object = { weightKg: 30 },
    visibility = 'private',
  ): Promise<string> {
    const progression =
      'weightKg' in load
        ? { type: 'linear_load', incrementKg: 2.5, when: 'all_sets_top_of_range' }
        : { type: 'linear_load', increment: 5, when: 'all_sets_top_of_range' };
    const body = {
      name: 'Arms',
      visibility,
      goal: 'hypertrophy',
      level: 'beginner',
      days: [
        {
          name: 'Curls',
          exercises: [
            {
              exerciseId: curl,
              progression,
              sets: [
                { repsMin: 8, repsMax: 10, ...load },
                { repsMin: 8, repsMax: 10, ...load },
              ],
            },
          ],
        },
      ],
    };
    return (await client.post('/templates', body).expect(201)).body.id;
  }

  const curlOf = (workout: WorkoutBody) => workout.exercises.find((e) => e.exerciseId === curl)!;
  const planned = (workout: WorkoutBody) => curlOf(workout).sets.map((set) => set.plannedWeight);

  /**
   * The next session of the day as planned, then done: each planned set at its planned weight
   * for `reps` (null: not done), completed. Answers the plan.
   */
  async function session(
    client: ApiClient,
    templateId: string,
    reps: (number | null)[],
  ): Promise<WorkoutBody> {
    const plan: WorkoutBody = (await client.post('/workouts', { templateId }).expect(201)).body;
    await client.post(`/workouts/${plan.id}/start`).expect(200);
    for (const [i, set] of curlOf(plan).sets.entries()) {
      if (reps[i] === null) continue;
      await client
        .put(`/workouts/${plan.id}/exercises/${curl}/sets/${set.id}`, {
          weight: set.plannedWeight,
          reps: reps[i],
          completed: true,
        })
        .expect(200);
    }
    await client.post(`/workouts/${plan.id}/complete`).expect(200);
    return plan;
  }

  it('adds 2.5 kg to the next session once both sets reached 10 reps', async () => {
    const { client } = await registerClient(api.http);
    const templateId = await curlTemplate(client);
    const first = await session(client, templateId, [10, 10]);
    expect(planned(first)).toEqual([30, 30]);
    expect(curlOf(first).progressionStep).toEqual({
      outcome: 'start',
      change: null,
      reason: "First session of this day: the template's loads",
      basedOnWorkoutId: null,
      failedSessions: 0,
    });

    const next: WorkoutBody = (await client.post('/workouts', { templateId }).expect(201)).body;
    expect(planned(next)).toEqual([32.5, 32.5]);
    expect(curlOf(next).progressionStep).toEqual({
      outcome: 'increase',
      change: 2.5,
      reason: '+2.5 kg: all sets at 10 reps last time',
      basedOnWorkoutId: first.id,
      failedSessions: 0,
    });
    // Stored in kilograms, as the plan of the session.
    const rows = await db.query(
      'SELECT planned_weight_kg FROM workout_sets WHERE workout_id = $1 ORDER BY position',
      [next.id],
    );
    expect(rows.map((row: { planned_weight_kg: string }) => row.planned_weight_kg)).toEqual([
      '32.500',
      '32.500',
    ]);
  });

  it("plans a pound user's sessions in pounds, rounded to their plates", async () => {
    const { client } = await registerClient(api.http);
    await setPreferences(client, { weightUnit: 'lb' });
    // A kilogram author's public template: 30 kg is 66.14 lb, loaded as 65 lb.
    const { client: author } = await registerClient(api.http);
    const metric = await curlTemplate(author, { weightKg: 30 }, 'public');
    const first = await session(client, metric, [10, 10]);
    expect(planned(first)).toEqual([65, 65]);
    // 65 lb + 2.5 kg (5.51 lb) = 70.51 lb: 70 lb with 2.5 lb plates.
    const next: WorkoutBody = (await client.post('/workouts', { templateId: metric }).expect(201))
      .body;
    expect(planned(next)).toEqual([70, 70]);
    expect(curlOf(next).progressionStep).toMatchObject({
      outcome: 'increase',
      change: 5,
      reason: '+5 lb: all sets at 10 reps last time',
    });

    // Written in pounds (65 lb, +5 lb): exact, 70 lb.
    const imperial = await curlTemplate(client, { weight: 65 });
    await session(client, imperial, [10, 10]);
    const again: WorkoutBody = (
      await client.post('/workouts', { templateId: imperial }).expect(201)
    ).body;
    expect(planned(again)).toEqual([70, 70]);
  });

  it('holds the load after a failed session, and deloads after three in a row', async () => {
    const { client } = await registerClient(api.http);
    const templateId = await curlTemplate(client);
    await session(client, templateId, [10, 10]);
    // 32.5 kg: within the range but not at the top, no failure: held.
    const inRange = await session(client, templateId, [9, 8]);
    expect(planned(inRange)).toEqual([32.5, 32.5]);

    const held = await session(client, templateId, [7, 6]);
    expect(planned(held)).toEqual([32.5, 32.5]);
    expect(curlOf(held).progressionStep).toMatchObject({
      outcome: 'hold',
      change: 0,
      reason: 'Held: not every set at 10 reps yet (9, 8 last time)',
      failedSessions: 0,
    });

    // A session abandoned, and one logged late for last month: neither is the last session.
    const abandoned: WorkoutBody = (await client.post('/workouts', { templateId }).expect(201))
      .body;
    await client.post(`/workouts/${abandoned.id}/abandon`).expect(200);
    const startedAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const old: WorkoutBody = (await client.post('/workouts', { templateId, startedAt }).expect(201))
      .body;
    for (const set of curlOf(old).sets) {
      await client
        .put(`/workouts/${old.id}/exercises/${curl}/sets/${set.id}`, {
          weight: 30,
          reps: 10,
          completed: true,
        })
        .expect(200);
    }
    await client
      .post(`/workouts/${old.id}/complete`, {
        completedAt: new Date(Date.parse(startedAt) + 3_600_000).toISOString(),
      })
      .expect(200);

    const second = await session(client, templateId, [8, 7]);
    expect(curlOf(second).progressionStep).toMatchObject({
      outcome: 'hold',
      reason: 'Held: sets short of 8 reps last time (7, 6; 1 of 3 failed sessions before a deload)',
      basedOnWorkoutId: held.id,
      failedSessions: 1,
    });
    const third = await session(client, templateId, [null, null]);
    expect(planned(third)).toEqual([32.5, 32.5]);
    expect(curlOf(third).progressionStep).toMatchObject({ outcome: 'hold', failedSessions: 2 });
    // Skipped entirely: held, the count unchanged.
    const skipped = await session(client, templateId, [6, 6]);
    expect(curlOf(skipped).progressionStep).toMatchObject({
      outcome: 'hold',
      reason: 'Held: not done last time',
      failedSessions: 2,
    });

    // The third failed session: 32.5 × 0.9 = 29.25 → 30 kg, and the count starts again.
    const deload: WorkoutBody = (await client.post('/workouts', { templateId }).expect(201)).body;
    expect(planned(deload)).toEqual([30, 30]);
    expect(curlOf(deload).progressionStep).toEqual({
      outcome: 'deload',
      change: -2.5,
      reason: '−2.5 kg, a deload: 3 failed sessions in a row',
      basedOnWorkoutId: skipped.id,
      failedSessions: 0,
    });
  });
});
