import { ApiProperty } from '@nestjs/swagger';
import {
  CAMERA_VIEWS,
  type CameraView,
  type Exercise,
  EXERCISES,
  type Finding,
  type FormAnalysis,
  type RepSummary,
  type RuleId,
  type RuleOutcome,
  RULES,
  type RuleStatus,
  type Threshold,
} from '../form-analysis.types';
import { type Skeleton, SKELETONS } from '../skeletons';
import { SQUAT_DEPTH_MAX_THIGH_DEG } from '../thresholds';

const RULE = { enum: RULES, enumName: 'FormRule' } as const;
const SIDE = { enum: ['left', 'right'], enumName: 'BodySide', nullable: true } as const;

export class FormThresholdDto implements Threshold {
  @ApiProperty({ description: 'The limit, in `unit`', example: 0 })
  value: number;

  @ApiProperty({ enum: ['deg', 's', 'ratio'], enumName: 'ThresholdUnit', example: 'deg' })
  unit: Threshold['unit'];

  @ApiProperty({
    enum: ['above', 'below'],
    enumName: 'ThresholdDirection',
    description: 'A finding is raised when the measured value is above (or below) the limit',
    example: 'above',
  })
  flaggedWhen: Threshold['flaggedWhen'];

  @ApiProperty({
    description: 'Where the limit comes from',
    example: SQUAT_DEPTH_MAX_THIGH_DEG.source,
  })
  source: string;

  @ApiProperty({
    description: 'True when the limit is our judgement rather than a published number',
    example: true,
  })
  judgementCall: boolean;
}

export class FormFindingDto implements Finding {
  @ApiProperty({ ...RULE, example: 'depth' })
  rule: RuleId;

  @ApiProperty({ description: 'The rep, from 1', example: 3 })
  rep: number;

  @ApiProperty({ ...SIDE, description: 'The side, for one-sided measures (a knee)', example: null })
  side: 'left' | 'right' | null;

  @ApiProperty({
    description: 'What was measured',
    example: 'thigh angle above horizontal at the deepest point (hip above knee is positive)',
  })
  measure: string;

  @ApiProperty({ description: 'The measured value, in the threshold’s unit', example: 12.4 })
  measured: number;

  @ApiProperty({ type: FormThresholdDto })
  threshold: FormThresholdDto;

  @ApiProperty({
    example:
      'Rep 3: not deep enough: the hip stayed above the knee; thigh angle above horizontal at the deepest point (hip above knee is positive) was 12.4°, above the limit of 0°.',
  })
  message: string;
}

export class FormRuleOutcomeDto implements RuleOutcome {
  @ApiProperty({ ...RULE, example: 'knee_valgus' })
  rule: RuleId;

  @ApiProperty({
    enum: ['pass', 'flagged', 'not_measurable', 'not_applicable'],
    enumName: 'FormRuleStatus',
    description:
      'pass: measured on every rep it could be, no finding; flagged: at least one finding; ' +
      'not_measurable: this view (or the keypoints sent) cannot show it, so nothing is guessed',
    example: 'not_measurable',
  })
  status: RuleStatus;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Why the rule was not measured',
    example: 'not measurable from this view: needs a front view (the frontal plane)',
  })
  reason: string | null;

  @ApiProperty({ type: FormThresholdDto, nullable: true })
  threshold: FormThresholdDto | null;
}

export class FormRepDto implements RepSummary {
  @ApiProperty({ example: 1 })
  rep: number;

  @ApiProperty({ description: 'Start of the rep, ms since the set began', example: 600 })
  startMs: number;

  @ApiProperty({ description: 'Deepest point', example: 2400 })
  bottomMs: number;

  @ApiProperty({ example: 3900 })
  endMs: number;

  @ApiProperty({ description: 'Lowering time, 5 % to 95 % of the excursion', example: 1050 })
  eccentricMs: number;

  @ApiProperty({ description: 'Time within 5 % of the bottom', example: 480 })
  pauseMs: number;

  @ApiProperty({ description: 'Rising time, 95 % to 5 % of the excursion', example: 700 })
  concentricMs: number;

  @ApiProperty({ description: "Excursion relative to the set's deepest rep", example: 1 })
  relativeRange: number;
}

export class FormQualityDto {
  @ApiProperty({ example: 150 })
  frames: number;

  @ApiProperty({ example: 4967 })
  durationMs: number;

  @ApiProperty({
    description: 'Share of the keypoint samples the analysis reads that were below visibility 0.5',
    example: 0.12,
  })
  lowVisibilityShare: number;
}

export class FormAnalysisDto implements FormAnalysis {
  @ApiProperty({ enum: EXERCISES, enumName: 'FormExercise', example: 'squat' })
  exercise: Exercise;

  @ApiProperty({ enum: CAMERA_VIEWS, enumName: 'CameraView', example: 'side' })
  view: CameraView;

  @ApiProperty({ enum: SKELETONS, enumName: 'PoseSkeleton', example: 'coco17' })
  skeleton: Skeleton;

  @ApiProperty({ ...SIDE, description: 'The body side analysed in a side view', example: 'left' })
  analysedSide: 'left' | 'right' | null;

  @ApiProperty({ example: 5 })
  repCount: number;

  @ApiProperty({
    description: 'Movements less than half as deep as the deepest rep, not counted as reps',
    example: 0,
  })
  partialMovements: number;

  @ApiProperty({ type: [FormRepDto] })
  reps: FormRepDto[];

  @ApiProperty({ type: [FormRuleOutcomeDto], description: 'Every rule of the exercise, in order' })
  rules: FormRuleOutcomeDto[];

  @ApiProperty({
    type: [FormFindingDto],
    description: 'One per rep and rule whose limit was crossed',
  })
  findings: FormFindingDto[];

  @ApiProperty({ type: FormQualityDto })
  quality: FormQualityDto;

  @ApiProperty({ description: 'Version of the rules and thresholds', example: 'form-rules-1' })
  rulesVersion: string;
}
