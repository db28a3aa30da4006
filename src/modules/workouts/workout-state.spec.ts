import {
  allowedActions,
  canApply,
  isClosed,
  TRANSITIONS,
  WorkoutAction,
  WorkoutStatus,
} from './workout-state';

const { Planned, InProgress, Paused, Completed, Abandoned } = WorkoutStatus;
const { Start, Pause, Resume, Complete, Abandon } = WorkoutAction;

describe('workout state machine', () => {
  it.each([
    [Planned, [Start, Abandon]],
    [InProgress, [Pause, Complete, Abandon]],
    [Paused, [Resume, Complete, Abandon]],
    [Completed, []],
    [Abandoned, []],
  ])('from %s allows exactly %j', (status, actions) => {
    expect(allowedActions(status)).toEqual(actions);
  });

  it.each([
    [Start, InProgress],
    [Pause, Paused],
    [Resume, InProgress],
    [Complete, Completed],
    [Abandon, Abandoned],
  ])('%s leads to %s', (action, to) => {
    expect(TRANSITIONS[action].to).toBe(to);
  });

  it('rejects the illegal moves the API answers with 409', () => {
    expect(canApply(Planned, Complete)).toBe(false);
    expect(canApply(InProgress, Resume)).toBe(false);
    expect(canApply(Completed, Start)).toBe(false);
    expect(canApply(Completed, Complete)).toBe(false);
    expect(canApply(Paused, Pause)).toBe(false);
  });

  it('closes completed and abandoned workouts only', () => {
    expect(Object.values(WorkoutStatus).filter(isClosed)).toEqual([Completed, Abandoned]);
  });
});
