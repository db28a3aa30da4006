import { fromCentimetres, LengthUnit, toCentimetres } from './length-unit';

describe('length units', () => {
  it('stores centimetres as sent', () => {
    expect(toCentimetres(81.5, LengthUnit.Centimetre)).toBe(81.5);
    expect(fromCentimetres(81.5, LengthUnit.Centimetre)).toBe(81.5);
  });

  it('converts inches exactly and round-trips them', () => {
    expect(toCentimetres(32, LengthUnit.Inch)).toBe(81.28);
    expect(fromCentimetres(toCentimetres(32.5, LengthUnit.Inch), LengthUnit.Inch)).toBe(32.5);
    expect(fromCentimetres(100, LengthUnit.Inch)).toBe(39.37);
  });
});
