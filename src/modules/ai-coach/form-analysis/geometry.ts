/** Plane geometry on image points in pixels, y pointing up. Angles in degrees. */
export interface Point {
  x: number;
  y: number;
}

const DEG = 180 / Math.PI;

/** The angle ABC at B, 0..180; NaN when a point is missing or two coincide. */
export function angleAt(a: Point, b: Point, c: Point): number {
  const ux = a.x - b.x;
  const uy = a.y - b.y;
  const vx = c.x - b.x;
  const vy = c.y - b.y;
  const norms = Math.hypot(ux, uy) * Math.hypot(vx, vy);
  if (!(norms > 0)) return NaN;
  const cos = Math.min(1, Math.max(-1, (ux * vx + uy * vy) / norms));
  return Math.acos(cos) * DEG;
}

/** Flexion at B: 0 for a straight limb (A, B, C aligned), 90 for a right angle. */
export function flexionAt(a: Point, b: Point, c: Point): number {
  return 180 - angleAt(a, b, c);
}

/** The angle between the segment from → to and the upward vertical, 0..180. */
export function angleFromVertical(from: Point, to: Point): number {
  return angleAt({ x: from.x, y: from.y + 1 }, from, to);
}

/**
 * How far `high` sits above `low`, as the angle of the segment above horizontal (-90..90):
 * positive when `high` is above `low`, 0 when level, negative when below.
 */
export function elevation(low: Point, high: Point): number {
  const dx = Math.abs(high.x - low.x);
  const dy = high.y - low.y;
  if (dx === 0 && dy === 0) return NaN;
  return Math.atan2(dy, dx) * DEG;
}

/** The tilt of the segment a–b from horizontal, 0..90, whichever end is higher. */
export function tilt(a: Point, b: Point): number {
  return Math.abs(elevation(a, b));
}

/**
 * Frontal-plane projection angle of a knee (Munro et al. 2012): the deviation of the shin from
 * the line of the thigh, signed positive when the knee lies medially (towards `midlineX`)
 * of the hip–ankle line, i.e. valgus, and negative for varus.
 */
export function frontalPlaneProjectionAngle(
  hip: Point,
  knee: Point,
  ankle: Point,
  midlineX: number,
): number {
  const deviation = flexionAt(hip, knee, ankle);
  if (Number.isNaN(deviation)) return NaN;
  // Where the hip–ankle line passes at the knee's height.
  const span = hip.y - ankle.y;
  const lineX =
    span === 0 ? (hip.x + ankle.x) / 2 : ankle.x + ((knee.y - ankle.y) / span) * (hip.x - ankle.x);
  const medialDirection = Math.sign(midlineX - lineX) || 1;
  return Math.sign((knee.x - lineX) * medialDirection) >= 0 ? deviation : -deviation;
}
