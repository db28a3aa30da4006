import { bridgeGaps, buildTracks, movingAverage } from './tracks';
import { syntheticSet } from './testing/kinematic-model';

const times = (n: number, fps = 30) => Float64Array.from({ length: n }, (_, i) => i / fps);

describe('tracks', () => {
  it('bridges a short gap linearly and leaves a long one missing', () => {
    const v = Float64Array.from([0, NaN, NaN, 3, NaN]);
    bridgeGaps(times(5), v, 0.5);
    expect(Array.from(v)).toEqual([0, 1, 2, 3, NaN]);

    const long = Float64Array.from([0, ...Array(20).fill(NaN), 21]);
    bridgeGaps(times(22), long, 0.5);
    expect(long[10]).toBeNaN();
  });

  it('averages within the window, skipping missing samples and keeping them missing', () => {
    const v = Float64Array.from([1, 3, NaN, 5, 7]);
    const out = movingAverage(times(5, 10), v, 0.1);
    expect(out[0]).toBeCloseTo(2);
    expect(out[1]).toBeCloseTo(2);
    expect(out[2]).toBeNaN();
    expect(out[3]).toBeCloseTo(6);
  });

  it('treats keypoints below the visibility floor as missing, and flips y to point up', () => {
    const set = syntheticSet({
      exercise: 'squat',
      view: 'side',
      skeleton: 'coco17',
      fps: 30,
      reps: [],
      topHoldS: 1,
    });
    // The camera is on the left: the right side is reported at visibility 0.35.
    const tracks = buildTracks(set);
    expect(tracks.lowVisibility.rightKnee).toBe(1);
    expect(tracks.joints.rightKnee.y[5]).toBeNaN();
    expect(tracks.lowVisibility.leftKnee).toBe(0);
    expect(tracks.joints.leftHip.y[5]).toBeGreaterThan(tracks.joints.leftKnee.y[5]);
  });
});
