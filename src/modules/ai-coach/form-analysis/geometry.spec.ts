import {
  angleAt,
  angleFromVertical,
  elevation,
  flexionAt,
  frontalPlaneProjectionAngle,
  tilt,
} from './geometry';

describe('geometry', () => {
  it('measures the angle at a joint, and flexion as its complement', () => {
    expect(angleAt({ x: 0, y: 1 }, { x: 0, y: 0 }, { x: 1, y: 0 })).toBeCloseTo(90);
    expect(flexionAt({ x: 0, y: 2 }, { x: 0, y: 1 }, { x: 0, y: 0 })).toBeCloseTo(0);
    expect(flexionAt({ x: -1, y: 1 }, { x: 0, y: 0 }, { x: 1, y: 1 })).toBeCloseTo(90);
  });

  it('is NaN when a point is missing or two coincide', () => {
    expect(angleAt({ x: NaN, y: 0 }, { x: 0, y: 0 }, { x: 1, y: 0 })).toBeNaN();
    expect(angleAt({ x: 0, y: 0 }, { x: 0, y: 0 }, { x: 1, y: 0 })).toBeNaN();
  });

  it('reads a segment against the vertical and the horizontal', () => {
    expect(angleFromVertical({ x: 0, y: 0 }, { x: 1, y: 1 })).toBeCloseTo(45);
    expect(angleFromVertical({ x: 0, y: 0 }, { x: -1, y: 1 })).toBeCloseTo(45);
    // Hip 10 px above the knee, 100 px behind it: about 5.7° above horizontal.
    expect(elevation({ x: 100, y: 0 }, { x: 0, y: 10 })).toBeCloseTo(5.71, 1);
    expect(elevation({ x: 100, y: 0 }, { x: 0, y: -10 })).toBeCloseTo(-5.71, 1);
    expect(tilt({ x: 0, y: 0 }, { x: 100, y: -10 })).toBeCloseTo(5.71, 1);
  });

  it('signs the frontal-plane projection angle: medial (valgus) positive, lateral negative', () => {
    const hip = { x: 100, y: 200 };
    const ankle = { x: 100, y: 0 };
    const midline = 0; // the body's midline is to the left of this leg
    const inward = frontalPlaneProjectionAngle(hip, { x: 80, y: 100 }, ankle, midline);
    const outward = frontalPlaneProjectionAngle(hip, { x: 120, y: 100 }, ankle, midline);
    expect(inward).toBeCloseTo(2 * ((Math.atan(20 / 100) * 180) / Math.PI), 3);
    expect(outward).toBeCloseTo(-inward, 6);
    expect(frontalPlaneProjectionAngle(hip, { x: 100, y: 100 }, ankle, midline)).toBeCloseTo(0);
  });
});
