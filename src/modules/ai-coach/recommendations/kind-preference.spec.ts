import {
  coolDownUntil,
  coolingDown,
  PRIOR,
  preferenceWeight,
  suppressed,
  updatePreference,
} from './kind-preference';
import { RecommendationFeedback as F } from './recommendation-kinds';

describe('kind preference (Beta prior)', () => {
  it('starts at Beta(1, 1), mean 0.5, and counts useful and done as successes', () => {
    expect(PRIOR).toEqual({ alpha: 1, beta: 1 });
    expect(preferenceWeight(PRIOR)).toBe(0.5);
    expect(updatePreference(PRIOR, F.Useful)).toEqual({ alpha: 2, beta: 1 });
    expect(updatePreference(PRIOR, F.Done)).toEqual({ alpha: 2, beta: 1 });
    expect(updatePreference(PRIOR, F.NotUseful)).toEqual({ alpha: 1, beta: 2 });
  });

  it('lowers the weight with each "not useful" and suppresses the kind under 0.25', () => {
    let p = PRIOR;
    const weights: number[] = [];
    const hidden: boolean[] = [];
    for (let i = 0; i < 3; i += 1) {
      p = updatePreference(p, F.NotUseful);
      weights.push(Number(preferenceWeight(p).toFixed(3)));
      hidden.push(suppressed(p));
    }
    // Beta(1,2) = 1/3, Beta(1,3) = 1/4, Beta(1,4) = 1/5.
    expect(weights).toEqual([0.333, 0.25, 0.2]);
    expect(hidden).toEqual([false, false, true]);
    // A "useful" brings it back: Beta(2,4) = 1/3.
    expect(suppressed(updatePreference(p, F.Useful))).toBe(false);
  });
});

describe('cool-down by kind and subject', () => {
  const at = new Date('2026-03-01T12:00:00Z');
  const day = 86_400_000;

  it('keeps a dismissed one away for 14 days, a done one for 7, a useful one not at all', () => {
    const dismissed = coolDownUntil(F.NotUseful, at)!;
    expect(dismissed.toISOString()).toBe('2026-03-15T12:00:00.000Z');
    expect(coolingDown(dismissed, new Date(at.getTime() + day))).toBe(true); // the next day
    expect(coolingDown(dismissed, new Date(at.getTime() + 13 * day))).toBe(true);
    expect(coolingDown(dismissed, new Date(at.getTime() + 14 * day))).toBe(false);
    expect(coolDownUntil(F.Done, at)!.toISOString()).toBe('2026-03-08T12:00:00.000Z');
    expect(coolDownUntil(F.Useful, at)).toBeNull();
    expect(coolingDown(null, at)).toBe(false);
  });
});
