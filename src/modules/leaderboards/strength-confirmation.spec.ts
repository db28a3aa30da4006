import { confirmedBests } from './strength-confirmation';

const at = (...values: number[]) =>
  values.map((e1rmKg, i) => ({ sessionAt: `2026-11-0${i + 1}T10:00:00Z`, e1rmKg }));

describe('confirmedBests', () => {
  it('counts steady progress as it comes', () => {
    expect(confirmedBests(at(100, 110, 120))).toEqual({ counted: [100, 110, 120], best: 120 });
  });

  it('holds a jump of more than 30 % back until a second session confirms it', () => {
    // 100 → 140 (+40 %): held; 100 again counts 100; 135 confirms the level both reached (135).
    expect(confirmedBests(at(100, 140, 100, 135))).toEqual({
      counted: [100, 100, 100, 135],
      best: 135,
    });
  });

  it('never confirms a single outlier', () => {
    expect(confirmedBests(at(100, 300, 105))).toEqual({ counted: [100, 100, 105], best: 105 });
  });
});
