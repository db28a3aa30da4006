import { assertGrounded, factNumbers, inventedNumbers, numbersIn } from './number-check';

describe('number check', () => {
  it('reads numbers as written, thousands separators and dates included', () => {
    expect(numbersIn('140.5 kg, 12,500 kg, 12,5 and 2026-11-20')).toEqual([
      140.5, 12500, 12.5, 2026, 11, 20,
    ]);
  });

  it('collects the numbers of nested facts and of their strings', () => {
    expect(factNumbers({ a: 1, b: { c: [2, 'on 2026-11-20'] }, d: null })).toEqual([
      1, 2, 2026, 11, 20,
    ]);
    // An id's digits are not figures.
    expect(factNumbers({ id: '3f0c7c52-8f0e-4d4b-9a52-3c3f4e2b6a10' })).toEqual([]);
  });

  it('accepts facts as written or rounded, and rejects any other number', () => {
    const allowed = factNumbers({ bestE1rm: 141.67, date: '2026-11-20' });
    expect(inventedNumbers('About 141.7 kg, or 142 kg, on 2026-11-20.', allowed)).toEqual([]);
    expect(inventedNumbers('Your best is 150 kg.', allowed)).toEqual([150]);
    expect(() => assertGrounded('Try 5 sets.', allowed)).toThrow('writes 5');
    expect(() => assertGrounded('No figures at all.', allowed)).not.toThrow();
  });
});
