import { positionOf } from './board-positions';

describe('positionOf', () => {
  it('is offset + 1 without hidden users', () => {
    expect(positionOf(0, [])).toBe(1);
    expect(positionOf(40, [])).toBe(41);
  });

  it('skips the hidden positions at or before the row', () => {
    // Positions 1..6, 2 and 3 hidden: the viewer sees 1, 4, 5, 6.
    const hidden = [2, 3];
    expect([0, 1, 2, 3].map((offset) => positionOf(offset, hidden))).toEqual([1, 4, 5, 6]);
    // Hidden positions after the row change nothing.
    expect(positionOf(0, [5, 9])).toBe(1);
    expect(positionOf(4, [5, 9])).toBe(6);
    expect(positionOf(7, [5, 9])).toBe(10);
    // The first rows hidden.
    expect(positionOf(0, [1, 2])).toBe(3);
  });
});
