import type { FormAnalysisRequestDto } from './form-analysis-request.dto';

/** A standing COCO-17 pose, side view (x, y, visibility per keypoint; far side barely visible). */
const STANDING = [
  0.52, 0.2, 0.9, 0.53, 0.19, 0.9, 0.51, 0.19, 0.3, 0.5, 0.2, 0.9, 0.5, 0.2, 0.3, 0.5, 0.3, 0.9,
  0.5, 0.3, 0.3, 0.58, 0.32, 0.9, 0.58, 0.32, 0.3, 0.66, 0.32, 0.9, 0.66, 0.32, 0.3, 0.5, 0.56, 0.9,
  0.5, 0.56, 0.3, 0.5, 0.75, 0.9, 0.5, 0.75, 0.3, 0.5, 0.95, 0.9, 0.5, 0.95, 0.3,
];

/**
 * The request example of the OpenAPI document: the shortest valid set (10 frames at 30 fps,
 * standing still, so no rep). A real set sends one frame per pose-model frame.
 */
export const FORM_ANALYSIS_REQUEST_EXAMPLE: FormAnalysisRequestDto = {
  exercise: 'squat',
  skeleton: 'coco17',
  view: 'side',
  frameRate: 30,
  imageWidth: 720,
  imageHeight: 1280,
  frames: Array.from({ length: 10 }, (_, i) => ({
    t: Math.round((i * 1000) / 30),
    keypoints: STANDING,
  })),
};
