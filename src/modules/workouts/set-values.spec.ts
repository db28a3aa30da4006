import { SetType } from '../training/set-type.vocabulary';
import { SetState, storedSet } from './set-values';

const set = (changes: Partial<SetState>): SetState => ({
  setType: SetType.Normal,
  weightKg: 100,
  reps: 5,
  rpe: 8,
  rir: null,
  restSeconds: 120,
  completed: true,
  ...changes,
});

describe('storedSet', () => {
  it('stores decimals as strings and the e1RM of a completed working set', () => {
    expect(storedSet(set({ weightKg: 102.5, reps: 3, rpe: 8.5 }))).toEqual({
      setType: SetType.Normal,
      weightKg: '102.5',
      reps: 3,
      rpe: '8.5',
      rir: null,
      restSeconds: 120,
      completed: true,
      e1rmKg: '108.53',
    });
  });

  it.each([
    ['a warm-up', { setType: SetType.WarmUp }],
    ['a set not yet done', { completed: false }],
    ['a body-weight set', { weightKg: null }],
    ['a set over the rep cap', { reps: 20 }],
  ])('gives %s no e1RM', (_label, changes) => {
    expect(storedSet(set(changes)).e1rmKg).toBeNull();
  });
});
