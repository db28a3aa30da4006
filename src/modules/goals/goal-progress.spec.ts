import { newlyReachedMilestones, progressPercent } from './goal-progress';

describe('progressPercent', () => {
  it('measures an increasing target from the baseline: e1RM 100 → 120 kg', () => {
    expect(progressPercent(100, 100, 120)).toBe(0);
    expect(progressPercent(100, 105, 120)).toBe(25);
    expect(progressPercent(100, 110, 120)).toBe(50);
    expect(progressPercent(100, 117.5, 120)).toBe(87.5);
    expect(progressPercent(100, 120, 120)).toBe(100);
  });

  it('measures a decreasing target the same way: body weight 90 → 80 kg', () => {
    expect(progressPercent(90, 90, 80)).toBe(0);
    expect(progressPercent(90, 87.5, 80)).toBe(25);
    expect(progressPercent(90, 82.4, 80)).toBe(76);
    expect(progressPercent(90, 80, 80)).toBe(100);
  });

  it('clamps: going the wrong way is 0 %, overshooting is 100 %', () => {
    expect(progressPercent(100, 95, 120)).toBe(0);
    expect(progressPercent(90, 92, 80)).toBe(0);
    expect(progressPercent(100, 130, 120)).toBe(100);
    expect(progressPercent(90, 78, 80)).toBe(100);
  });

  it('rounds down to two decimals, so 100 % is only ever the target itself', () => {
    expect(progressPercent(0, 1, 3)).toBe(33.33);
    expect(progressPercent(100, 119.999, 120)).toBe(99.99);
  });

  it('is 0 % without data and handles a target equal to its baseline', () => {
    expect(progressPercent(0, null, 120)).toBe(0);
    expect(progressPercent(3, 3, 3)).toBe(100);
    expect(progressPercent(3, 2, 3)).toBe(0);
  });
});

describe('newlyReachedMilestones', () => {
  it('lists every milestone at or below the percent, lowest first', () => {
    expect(newlyReachedMilestones(0)).toEqual([]);
    expect(newlyReachedMilestones(24.99)).toEqual([]);
    expect(newlyReachedMilestones(50)).toEqual([25, 50]);
    expect(newlyReachedMilestones(100)).toEqual([25, 50, 75, 100]);
  });

  it('leaves out the milestones already recorded', () => {
    expect(newlyReachedMilestones(80, [25, 50])).toEqual([75]);
    expect(newlyReachedMilestones(100, [25, 50, 75, 100])).toEqual([]);
  });

  it('keeps recorded milestones even when progress falls back', () => {
    expect(newlyReachedMilestones(10, [25, 50])).toEqual([]);
  });
});
