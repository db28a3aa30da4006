import { Muscle } from '../training/exercise-attributes.vocabulary';
import { MUSCLE_PRIORITY, underTrainedMuscles } from './under-trained-muscles';

describe('underTrainedMuscles', () => {
  it('covers every muscle of the vocabulary once', () => {
    expect([...MUSCLE_PRIORITY].sort()).toEqual(Object.values(Muscle).sort());
  });

  it('starts a user without history on the big movers', () => {
    expect(underTrainedMuscles([], 3).map((m) => m.muscle)).toEqual([
      Muscle.Quadriceps,
      Muscle.Chest,
      Muscle.Lats,
    ]);
  });

  it('puts untrained muscles before trained ones, then the fewest sets first', () => {
    const trained = Object.values(Muscle)
      .filter((m) => m !== Muscle.Hamstrings && m !== Muscle.Calves)
      .map((muscle) => ({ muscle, sets: muscle === Muscle.Glutes ? 1.5 : 12 }));
    expect(underTrainedMuscles(trained, 4)).toEqual([
      { muscle: Muscle.Hamstrings, sets: 0 },
      { muscle: Muscle.Calves, sets: 0 },
      { muscle: Muscle.Glutes, sets: 1.5 },
      { muscle: Muscle.Quadriceps, sets: 12 },
    ]);
  });
});
