import { Muscle } from './exercise-attributes.vocabulary';
import { SECONDARY_MUSCLE_SHARE, setsPerMuscle } from './muscle-sets.vocabulary';

describe('setsPerMuscle', () => {
  const muscles = new Map([
    ['squat', { primaryMuscles: [Muscle.Quadriceps], secondaryMuscles: [Muscle.Glutes] }],
    ['hip-thrust', { primaryMuscles: [Muscle.Glutes], secondaryMuscles: [Muscle.Hamstrings] }],
  ]);

  it('counts a set in full for each primary muscle and by the share for each secondary one', () => {
    expect(SECONDARY_MUSCLE_SHARE).toBe(0.5);
    const sets = setsPerMuscle(
      [
        { exerciseId: 'squat', sets: 4 },
        { exerciseId: 'hip-thrust', sets: 3 },
        { exerciseId: 'squat', sets: 2 },
      ],
      muscles,
    );
    expect([...sets]).toEqual([
      [Muscle.Quadriceps, 6],
      [Muscle.Glutes, 4 * 0.5 + 3 + 2 * 0.5],
      [Muscle.Hamstrings, 1.5],
    ]);
  });

  it('ignores exercises it does not know', () => {
    expect(setsPerMuscle([{ exerciseId: 'unknown', sets: 5 }], muscles).size).toBe(0);
  });
});
