/**
 * The pose skeletons the app may send. Each frame carries, per keypoint, x and y (normalised to
 * the image: 0..1 left→right and top→bottom, as MediaPipe and MoveNet report them) and a
 * visibility (0..1). The analysis only reads the joints in CANONICAL_JOINTS.
 */
export const SKELETONS = ['coco17', 'blazepose33'] as const;
export type Skeleton = (typeof SKELETONS)[number];

/** Numbers per keypoint in a frame: x, y, visibility. */
export const VALUES_PER_KEYPOINT = 3;

export const KEYPOINT_COUNT: Record<Skeleton, number> = { coco17: 17, blazepose33: 33 };

export const CANONICAL_JOINTS = [
  'nose',
  'leftEar',
  'rightEar',
  'leftShoulder',
  'rightShoulder',
  'leftElbow',
  'rightElbow',
  'leftWrist',
  'rightWrist',
  'leftHip',
  'rightHip',
  'leftKnee',
  'rightKnee',
  'leftAnkle',
  'rightAnkle',
] as const;
export type Joint = (typeof CANONICAL_JOINTS)[number];

/**
 * Keypoint index of each joint. COCO-17: the COCO keypoint order (MoveNet, OpenPose-COCO,
 * YOLO-pose). BlazePose-33: MediaPipe Pose landmark order.
 */
export const JOINT_INDEX: Record<Skeleton, Record<Joint, number>> = {
  coco17: {
    nose: 0,
    leftEar: 3,
    rightEar: 4,
    leftShoulder: 5,
    rightShoulder: 6,
    leftElbow: 7,
    rightElbow: 8,
    leftWrist: 9,
    rightWrist: 10,
    leftHip: 11,
    rightHip: 12,
    leftKnee: 13,
    rightKnee: 14,
    leftAnkle: 15,
    rightAnkle: 16,
  },
  blazepose33: {
    nose: 0,
    leftEar: 7,
    rightEar: 8,
    leftShoulder: 11,
    rightShoulder: 12,
    leftElbow: 13,
    rightElbow: 14,
    leftWrist: 15,
    rightWrist: 16,
    leftHip: 23,
    rightHip: 24,
    leftKnee: 25,
    rightKnee: 26,
    leftAnkle: 27,
    rightAnkle: 28,
  },
};

/** Numbers a frame of this skeleton carries. */
export function valuesPerFrame(skeleton: Skeleton): number {
  return KEYPOINT_COUNT[skeleton] * VALUES_PER_KEYPOINT;
}
