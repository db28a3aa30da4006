import { ageBand, birthYearsOf, bodyWeightBand, midRankPercentile, sizeBand } from './cohort';

describe('benchmark cohorts', () => {
  it('bands body weight by 10 kg, lower bound included', () => {
    expect(bodyWeightBand(79.999)).toEqual({ min: 70, max: 80 });
    expect(bodyWeightBand(80)).toEqual({ min: 80, max: 90 });
  });

  it('bands ages by decade of this year’s age, and back to birth years', () => {
    expect(ageBand(1990, 2026)).toEqual({ min: 30, max: 39 });
    expect(ageBand(1997, 2026)).toEqual({ min: 20, max: 29 });
    expect(birthYearsOf({ min: 30, max: 39 }, 2026)).toEqual({ from: 1987, to: 1996 });
  });

  it('gives the mid-rank percentile', () => {
    expect(midRankPercentile(0, 0, 20)).toBe(0);
    expect(midRankPercentile(20, 0, 20)).toBe(100);
    expect(midRankPercentile(9, 2, 20)).toBe(50);
    expect(midRankPercentile(10, 1, 25)).toBe(42);
  });

  it('shows sizes as bands only', () => {
    expect(sizeBand(19)).toBe('<20');
    expect(sizeBand(20)).toBe('20–49');
    expect(sizeBand(49)).toBe('20–49');
    expect(sizeBand(50)).toBe('50–99');
    expect(sizeBand(12_345)).toBe('10000+');
  });
});
