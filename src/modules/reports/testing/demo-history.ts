import { DateTime } from 'luxon';

/** One API call that builds the demo history: method, path below /api/v1, body. */
export interface DemoRequest {
  method: 'POST' | 'PUT';
  path: string;
  body: Record<string, unknown>;
}

/** Library exercise slugs the demo lifts (ids are looked up by the caller). */
export const DEMO_LIFTS = {
  bench: 'Barbell_Bench_Press_-_Medium_Grip',
  squat: 'Barbell_Squat',
  deadlift: 'Barbell_Deadlift',
} as const;

export const DEMO_TIME_ZONE = 'Europe/Paris';

/**
 * A lifter's two months ending with `month` (YYYY-MM, in Europe/Paris): three sessions a week
 * with slowly rising weights, a body weight reading every other day drifting down, a journal
 * entry most days whose mood is higher the day after training, and two goals. Deterministic,
 * so a report of `month` always shows the same figures. Used by the reports e2e test, the
 * sample in docs/reports, and the bench (figure 13).
 */
export function demoHistory(
  month: string,
  exerciseIds: Record<keyof typeof DEMO_LIFTS, string>,
): DemoRequest[] {
  const zone = DEMO_TIME_ZONE;
  const end = DateTime.fromISO(`${month}-01`, { zone }).endOf('month');
  const start = end.minus({ months: 1 }).startOf('month');
  const requests: DemoRequest[] = [
    { method: 'PUT', path: '/users/preferences', body: { timeZone: zone, weightUnit: 'kg' } },
  ];
  const trained = new Set<string>();
  let session = 0;
  for (let day = start; day <= end; day = day.plus({ days: 1 })) {
    const i = Math.round(day.diff(start, 'days').days);
    if ([1, 3, 5].includes(day.weekday)) {
      const at = day.set({ hour: 18 });
      const step = session * 0.5;
      const lifts =
        session % 2 === 0
          ? [
              { id: exerciseIds.bench, weight: 80 + step, reps: [5, 5, 5] },
              { id: exerciseIds.squat, weight: 110 + step * 1.5, reps: [5, 5, 5] },
            ]
          : [
              { id: exerciseIds.deadlift, weight: 140 + step * 2, reps: [5, 3] },
              { id: exerciseIds.bench, weight: 70 + step, reps: [8, 8] },
            ];
      requests.push({
        method: 'POST',
        path: '/workouts',
        body: {
          name: session % 2 === 0 ? 'Bench and squat' : 'Deadlift day',
          startedAt: at.toUTC().toISO(),
          completedAt: at.plus({ minutes: 70 }).toUTC().toISO(),
          exercises: lifts.map((lift) => ({
            exerciseId: lift.id,
            sets: lift.reps.map((reps) => ({ weight: lift.weight, reps })),
          })),
        },
      });
      trained.add(day.toISODate()!);
      session += 1;
    }
    if (i % 2 === 0) {
      const wobble = [0.3, -0.2, 0.1, -0.1, 0.25][i % 5];
      requests.push({
        method: 'POST',
        path: '/progress/body',
        body: {
          measuredAt: day.set({ hour: 7 }).toUTC().toISO(),
          weight: Math.round((83 - i * 0.04 + wobble) * 10) / 10,
        },
      });
    }
    if (i % 6 !== 5) {
      const afterTraining = trained.has(day.minus({ days: 1 }).toISODate()!);
      const mood = Math.min(10, 5 + (afterTraining ? 2 : 0) + (i % 3));
      requests.push({
        method: 'POST',
        path: '/entries',
        body: {
          occurredAt: day.set({ hour: 21 }).toUTC().toISO(),
          type: 'mood',
          mood,
          energy: Math.max(1, mood - 1),
          tags: afterTraining ? ['rested'] : ['work'],
        },
      });
    }
  }
  requests.push(
    {
      method: 'POST',
      path: '/goals',
      body: {
        type: 'strength',
        metric: 'e1rm',
        exerciseId: exerciseIds.bench,
        title: 'Bench 120 kg e1RM',
        target: 120,
      },
    },
    {
      method: 'POST',
      path: '/goals',
      body: { type: 'body', metric: 'body_weight', title: 'Weigh 78 kg', target: 78 },
    },
  );
  return requests;
}
