import { Muscle } from '../../training/exercise-attributes.vocabulary';
import { trainingLoad } from '../training-load';
import { RecommendationKind as K } from './recommendation-kinds';
import { recommend, RecommendationInputs, weeklySetsPerMuscle } from './recommendation-rules';

const AS_OF = new Date('2026-03-01T12:00:00Z');
const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(AS_OF.getTime() - d * DAY);
const muscles = new Map([
  ['bench', { primaryMuscles: [Muscle.Chest], secondaryMuscles: [Muscle.Shoulders] }],
  ['squat', { primaryMuscles: [Muscle.Quadriceps], secondaryMuscles: [Muscle.Glutes] }],
]);

function inputs(overrides: Partial<RecommendationInputs> = {}): RecommendationInputs {
  return {
    asOf: AS_OF,
    load: trainingLoad([], null, AS_OF),
    setsByExercise: [],
    muscles,
    sessions: { last28: 0, fromTemplate28: 0, last56: 0, lastSessionAt: null },
    goals: [],
    template: null,
    ...overrides,
  };
}

describe('recommendation rules', () => {
  it('counts weekly sets per major muscle: primary 1, secondary ½, over four weeks', () => {
    const weekly = weeklySetsPerMuscle(
      [
        { exerciseId: 'bench', sets: 40 },
        { exerciseId: 'squat', sets: 8 },
      ],
      muscles,
    );
    expect(weekly.get(Muscle.Chest)).toBe(10);
    expect(weekly.get(Muscle.Shoulders)).toBe(5);
    expect(weekly.get(Muscle.Quadriceps)).toBe(2);
    expect(weekly.get(Muscle.Glutes)).toBe(1);
    expect(weekly.get(Muscle.Hamstrings)).toBe(0);
  });

  it('flags the muscles under 6 sets a week only with enough sessions to judge', () => {
    const sets = [{ exerciseId: 'bench', sets: 40 }];
    const few = recommend(
      inputs({ setsByExercise: sets, sessions: { ...inputs().sessions, last28: 3 } }),
    );
    expect(few.filter((c) => c.kind === K.UnderTrainedMuscle)).toEqual([]);
    const enough = recommend(
      inputs({
        setsByExercise: sets,
        sessions: { last28: 8, fromTemplate28: 8, last56: 16, lastSessionAt: daysAgo(1) },
      }),
    );
    const subjects = enough.filter((c) => c.kind === K.UnderTrainedMuscle).map((c) => c.subject);
    expect(subjects).not.toContain(Muscle.Chest);
    expect(subjects).toEqual(expect.arrayContaining([Muscle.Shoulders, Muscle.Hamstrings]));
    const shoulders = enough.find((c) => c.subject === Muscle.Shoulders)!;
    // 5 of 6 sets: priority 0.3 + 0.5 × (1 − 5/6).
    expect(shoulders.priority).toBeCloseTo(0.383, 3);
    expect(shoulders.features).toMatchObject({ weeklySets: 5, minWeeklySets: 6 });
  });

  it('nudges after twice the usual gap between sessions (at least 4 days)', () => {
    // 16 sessions in 56 days: 2 a week, a session every 3.5 days: nudge from 7 days.
    const at = (days: number) =>
      recommend(
        inputs({
          sessions: { last28: 6, fromTemplate28: 6, last56: 16, lastSessionAt: daysAgo(days) },
        }),
      ).filter((c) => c.kind === K.Consistency);
    expect(at(6)).toEqual([]);
    expect(at(7)[0].features).toMatchObject({
      daysSinceLastSession: 7,
      sessionsPerWeek: 2,
      usualGapDays: 3.5,
      thresholdDays: 7,
    });
  });

  it('warns when a goal trails the time elapsed by more than 20 points', () => {
    const goal = (progress: number) => ({
      id: 'g1',
      title: 'Bench 100 kg',
      progress,
      createdAt: daysAgo(50),
      deadline: new Date(AS_OF.getTime() + 50 * DAY).toISOString().slice(0, 10),
    });
    expect(recommend(inputs({ goals: [goal(40)] }))).toEqual([]);
    const [warning] = recommend(inputs({ goals: [goal(20)] }));
    expect(warning).toMatchObject({ kind: K.GoalPace, subject: 'g1' });
    expect(warning.features.progressPercent).toBe(20);
    expect(warning.features.elapsedPercent).toBeCloseTo(50, 0);
  });

  it('suggests a template only to someone training without one', () => {
    const template = {
      id: 't1',
      name: 'Full body',
      level: 'beginner',
      daysPerWeek: 3,
      rating: 4.5,
    };
    const withOne = { last28: 6, fromTemplate28: 2, last56: 10, lastSessionAt: daysAgo(1) };
    const templates = (sessions: RecommendationInputs['sessions']) =>
      recommend(inputs({ template, sessions })).filter((c) => c.kind === K.Template);
    expect(templates(withOne)).toEqual([]);
    const [suggested] = templates({ ...withOne, fromTemplate28: 0 });
    expect(suggested).toMatchObject({ kind: K.Template, subject: 't1' });
  });
});
