import { Audience, isWithin } from './privacy.vocabulary';

describe('audiences', () => {
  const all = [Audience.Public, Audience.Friends, Audience.OnlyMe];

  it('are declared widest first: SQL takes GREATEST() of two as the stricter (the enum keeps this order)', () => {
    expect(Object.values(Audience)).toEqual(all);
  });

  it('allow a child only as strict as its source or stricter', () => {
    expect(isWithin(Audience.Friends, Audience.Public)).toBe(true);
    expect(isWithin(Audience.Friends, Audience.Friends)).toBe(true);
    expect(isWithin(Audience.Public, Audience.Friends)).toBe(false);
    expect(isWithin(Audience.Friends, Audience.OnlyMe)).toBe(false);
  });
});
