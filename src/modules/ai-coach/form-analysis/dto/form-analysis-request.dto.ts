import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsNumber,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { NestedObjects } from '../../../../common/validation/nested';
import {
  CAMERA_VIEWS,
  type CameraView,
  type Exercise,
  EXERCISES,
  type PoseFrame,
  type PoseSet,
} from '../form-analysis.types';
import {
  MAX_COORDINATE,
  MAX_FRAME_RATE,
  MAX_FRAMES,
  MAX_TIMESTAMP_MS,
  MAX_VALUES_PER_FRAME,
  MIN_COORDINATE,
  MIN_FRAME_RATE,
  MIN_FRAMES,
  MIN_VALUES_PER_FRAME,
} from '../limits';
import {
  KEYPOINT_COUNT,
  type Skeleton,
  SKELETONS,
  VALUES_PER_KEYPOINT,
  valuesPerFrame,
} from '../skeletons';

/** How many offending frames a message names before it stops counting. */
const NAMED = 3;

/**
 * Why keypoint values are wrong, or null: each a finite number (JSON has no NaN: a client
 * serialising NaN sends null, which is refused here), x and y within the image give or take one
 * image, visibility within 0..1.
 */
export function keypointValuesProblem(values: unknown): string | null {
  if (!Array.isArray(values)) return 'must be an array of numbers';
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return `item ${i} must be a finite number (got ${JSON.stringify(v) ?? String(v)}); send a keypoint not found with visibility 0`;
    }
    const visibility = i % VALUES_PER_KEYPOINT === 2;
    if (visibility ? v < 0 || v > 1 : v < MIN_COORDINATE || v > MAX_COORDINATE) {
      return visibility
        ? `item ${i} is a visibility and must be within 0..1 (got ${v})`
        : `item ${i} is a normalised coordinate and must be within ${MIN_COORDINATE}..${MAX_COORDINATE} (got ${v})`;
    }
  }
  return null;
}

/** Keypoint values as keypointValuesProblem wants them. One loop: a set has 180,000 of them. */
function IsKeypointValues(): PropertyDecorator {
  return ValidateBy({
    name: 'isKeypointValues',
    validator: {
      validate: (value) => keypointValuesProblem(value) === null,
      defaultMessage: (args) => `${args?.property}: ${keypointValuesProblem(args?.value)}`,
    },
  });
}

type Frames = { t?: unknown; keypoints?: unknown }[];

/** `frames.<i>.keypoints` of the first frames whose count does not fit the skeleton. */
export function keypointCountProblem(frames: unknown, skeleton: unknown): string | null {
  if (!Array.isArray(frames) || !SKELETONS.includes(skeleton as Skeleton)) return null;
  const expected = valuesPerFrame(skeleton as Skeleton);
  const wrong: string[] = [];
  let count = 0;
  (frames as Frames).forEach((frame, i) => {
    const k = frame?.keypoints;
    if (!Array.isArray(k) || k.length === expected) return;
    count++;
    if (wrong.length < NAMED) wrong.push(`frames.${i}.keypoints has ${k.length}`);
  });
  if (count === 0) return null;
  return (
    `every frame needs ${expected} numbers for skeleton ${skeleton as string} ` +
    `(${KEYPOINT_COUNT[skeleton as Skeleton]} keypoints × x, y, visibility): ` +
    `${wrong.join(', ')}${count > NAMED ? ` and ${count - NAMED} more` : ''}`
  );
}

/** The first frames whose time is not after the previous frame's. */
export function frameOrderProblem(frames: unknown): string | null {
  if (!Array.isArray(frames)) return null;
  const wrong: string[] = [];
  let count = 0;
  for (let i = 1; i < frames.length; i++) {
    const a = (frames as Frames)[i - 1]?.t;
    const b = (frames as Frames)[i]?.t;
    if (typeof a !== 'number' || typeof b !== 'number' || b > a) continue;
    count++;
    if (wrong.length < NAMED)
      wrong.push(`frames.${i}.t (${b}) is not after frames.${i - 1}.t (${a})`);
  }
  if (count === 0) return null;
  return `frames must be in time order, each after the one before: ${wrong.join('; ')}${count > NAMED ? ` and ${count - NAMED} more` : ''}`;
}

/** A rule over the whole frame list, with the message its check returns. */
function FramesRule(
  name: string,
  problem: (frames: unknown, set: Record<string, unknown>) => string | null,
): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value, args) => problem(value, args?.object as Record<string, unknown>) === null,
      defaultMessage: (args) =>
        problem(args?.value, args?.object as Record<string, unknown>) ?? `${name} failed`,
    },
  });
}

export class PoseFrameDto implements PoseFrame {
  @ApiProperty({
    type: 'integer',
    description:
      'Time of the frame in milliseconds since the start of the set; strictly increasing',
    minimum: 0,
    maximum: MAX_TIMESTAMP_MS,
    example: 0,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_TIMESTAMP_MS)
  t: number;

  @ApiProperty({
    type: [Number],
    minItems: MIN_VALUES_PER_FRAME,
    maxItems: MAX_VALUES_PER_FRAME,
    description:
      'x, y, visibility for each keypoint of the skeleton, in its order (COCO-17: 51 numbers; ' +
      'BlazePose-33: 99). x and y are normalised to the image (0..1, left to right and top to ' +
      `bottom; ${MIN_COORDINATE}..${MAX_COORDINATE} accepted for joints guessed off the image), ` +
      'visibility is 0..1 (a keypoint below 0.5 is treated as missing). Finite numbers only.',
    example: [
      0.52, 0.2, 0.9, 0.53, 0.19, 0.9, 0.51, 0.19, 0.9, 0.54, 0.2, 0.9, 0.5, 0.2, 0.3, 0.55, 0.3,
      0.9, 0.49, 0.3, 0.3, 0.6, 0.33, 0.9, 0.47, 0.33, 0.3, 0.68, 0.33, 0.9, 0.46, 0.33, 0.3, 0.52,
      0.56, 0.9, 0.5, 0.56, 0.3, 0.55, 0.75, 0.9, 0.53, 0.75, 0.3, 0.52, 0.95, 0.9, 0.5, 0.95, 0.3,
    ],
  })
  @ArrayMinSize(MIN_VALUES_PER_FRAME)
  @ArrayMaxSize(MAX_VALUES_PER_FRAME)
  @IsKeypointValues()
  keypoints: number[];
}

/** One set's pose keypoints, as the app's on-device pose model produced them. No video. */
export class FormAnalysisRequestDto implements PoseSet {
  @ApiProperty({ enum: EXERCISES, enumName: 'FormExercise', example: 'squat' })
  @IsIn(EXERCISES)
  exercise: Exercise;

  @ApiProperty({
    enum: SKELETONS,
    enumName: 'PoseSkeleton',
    example: 'coco17',
    description:
      'coco17: the 17 COCO keypoints (MoveNet, YOLO-pose); blazepose33: the 33 MediaPipe Pose landmarks',
  })
  @IsIn(SKELETONS)
  skeleton: Skeleton;

  @ApiProperty({
    enum: CAMERA_VIEWS,
    enumName: 'CameraView',
    example: 'side',
    description:
      'side: the camera sees the body side-on (depth, torso, knee travel, back, body line); ' +
      'front: face-on or from behind (knee valgus, left–right asymmetry). Rules the view cannot ' +
      'measure are reported as not measurable.',
  })
  @IsIn(CAMERA_VIEWS)
  view: CameraView;

  @ApiProperty({
    description: 'Frames per second the pose model ran at',
    minimum: MIN_FRAME_RATE,
    maximum: MAX_FRAME_RATE,
    example: 30,
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(MIN_FRAME_RATE)
  @Max(MAX_FRAME_RATE)
  frameRate: number;

  @ApiProperty({
    type: 'integer',
    description: 'Image width in pixels (angles need square pixels)',
    minimum: 16,
    maximum: 8192,
    example: 720,
  })
  @IsInt()
  @Min(16)
  @Max(8192)
  imageWidth: number;

  @ApiProperty({
    type: 'integer',
    description: 'Image height in pixels',
    minimum: 16,
    maximum: 8192,
    example: 1280,
  })
  @IsInt()
  @Min(16)
  @Max(8192)
  imageHeight: number;

  @ApiProperty({
    type: [PoseFrameDto],
    minItems: MIN_FRAMES,
    maxItems: MAX_FRAMES,
    description:
      `The set's frames in time order, ${MIN_FRAMES} to ${MAX_FRAMES} (two minutes at 30 fps); ` +
      'each with as many keypoints as the skeleton has. Dropped frames are simply absent.',
  })
  @ArrayMinSize(MIN_FRAMES)
  @ArrayMaxSize(MAX_FRAMES)
  @NestedObjects(() => PoseFrameDto)
  @FramesRule('keypointsMatchSkeleton', (frames, set) => keypointCountProblem(frames, set.skeleton))
  @FramesRule('framesInOrder', (frames) => frameOrderProblem(frames))
  frames: PoseFrameDto[];
}
