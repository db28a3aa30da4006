import { segmentReps } from './reps';
import { random } from './testing/kinematic-model';

const FPS = 30;

/** A height signal (px, y up): standing at 500, `depth` px lower at each rep's bottom. */
function signal(
  reps: { depth: number; downS: number; pauseS: number; upS: number }[],
  options: { holdS?: number; noisePx?: number; endLow?: boolean } = {},
) {
  const hold = options.holdS ?? 0.5;
  const values: number[] = [];
  const push = (v: number) => values.push(v);
  const ease = (u: number) => (1 - Math.cos(Math.PI * u)) / 2;
  const holdFrames = Math.round(hold * FPS);
  for (let k = 0; k < holdFrames; k++) push(500);
  for (const rep of reps) {
    const down = Math.round(rep.downS * FPS);
    const up = Math.round(rep.upS * FPS);
    for (let k = 0; k < down; k++) push(500 - rep.depth * ease(k / down));
    for (let k = 0; k < Math.round(rep.pauseS * FPS); k++) push(500 - rep.depth);
    for (let k = 0; k <= up; k++) push(500 - rep.depth * (1 - ease(k / up)));
    for (let k = 0; k < holdFrames; k++) push(500);
  }
  if (options.endLow) for (let k = 0; k < 30; k++) push(500 - 200 * ease(Math.min(1, k / 20)));
  const rng = random(7);
  const noise = options.noisePx ?? 0;
  const height = Float64Array.from(values, (v) => v + noise * rng.gaussian());
  const t = Float64Array.from(values, (_, i) => i / FPS);
  return { t, height };
}

const full = { depth: 200, downS: 1.5, pauseS: 0, upS: 1 };

describe('segmentReps', () => {
  it('counts clean reps and times them', () => {
    const { t, height } = signal(Array(5).fill(full));
    const { reps, partialMovements } = segmentReps(t, height, 30);
    expect(reps).toHaveLength(5);
    expect(partialMovements).toBe(0);
    // 5 % → 95 % of a cosine descent is 71 % of its duration.
    expect(reps[0].eccentricS).toBeCloseTo(0.713 * 1.5, 1);
    expect(reps[0].concentricS).toBeCloseTo(0.713 * 1, 1);
    expect(reps.every((r) => r.relativeRange > 0.99)).toBe(true);
  });

  it('counts a pause at the bottom once, and measures it', () => {
    const { t, height } = signal([full, { ...full, pauseS: 2 }, full], { noisePx: 2 });
    const { reps } = segmentReps(t, height, 30);
    expect(reps).toHaveLength(3);
    expect(reps[1].pauseS).toBeGreaterThan(1.9);
    expect(reps[0].pauseS).toBeLessThan(0.5);
  });

  it('counts a partial rep past half depth as a rep with its range, and a shallow dip as a partial movement', () => {
    const { t, height } = signal([full, { ...full, depth: 130 }, { ...full, depth: 70 }, full]);
    const { reps, partialMovements } = segmentReps(t, height, 30);
    expect(reps).toHaveLength(3);
    expect(reps[1].relativeRange).toBeCloseTo(0.65, 2);
    expect(partialMovements).toBe(1);
  });

  it('does not count noise as reps, nor standing still', () => {
    const noisy = signal(Array(4).fill(full), { noisePx: 6 });
    expect(segmentReps(noisy.t, noisy.height, 30).reps).toHaveLength(4);
    const still = signal([], { holdS: 5, noisePx: 3 });
    expect(segmentReps(still.t, still.height, 30).reps).toHaveLength(0);
  });

  it('does not count a descent the set ends in', () => {
    const { t, height } = signal([full, full], { endLow: true });
    expect(segmentReps(t, height, 30).reps).toHaveLength(2);
  });

  it('skips missing samples', () => {
    const { t, height } = signal(Array(3).fill(full));
    for (let i = 40; i < 50; i++) height[i] = NaN;
    expect(segmentReps(t, height, 30).reps).toHaveLength(3);
  });
});
