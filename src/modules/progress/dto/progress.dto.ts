import { ApiProperty } from '@nestjs/swagger';
import { WeightUnit } from '../../../common/units/weight-unit';
import { Muscle } from '../../training/exercise-attributes.vocabulary';
import { SetType } from '../../training/set-type.vocabulary';
import { SeriesResolution } from './progress-query.dto';

/** What every progress answer says about itself: unit, time zone and the local days covered. */
export class ProgressPeriodDto {
  @ApiProperty({ enum: WeightUnit, enumName: 'WeightUnit', description: 'Unit of every weight' })
  unit: WeightUnit;
  @ApiProperty({ example: 'Europe/Paris', description: 'The time zone days and weeks are in' })
  timeZone: string;
  @ApiProperty({
    type: 'string',
    format: 'date',
    example: '2026-08-31',
    description: 'First day of the period (a Monday)',
  })
  from: string;
  @ApiProperty({
    type: 'string',
    format: 'date',
    example: '2026-11-20',
    description: 'Last day of the period',
  })
  to: string;
}

export class E1rmChangeDto {
  @ApiProperty({
    type: 'number',
    example: 102.5,
    description: 'Best e1RM of the 4-week window ending then',
  })
  baseline: number;
  @ApiProperty({ type: 'number', example: 5, description: 'current − baseline' })
  absolute: number;
  @ApiProperty({
    type: 'number',
    example: 4.9,
    description: '(current − baseline) / baseline, in %',
  })
  percent: number;
}

export class ExerciseStrengthDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) exerciseId: string;
  @ApiProperty({ example: 'Barbell Back Squat' }) name: string;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 9,
    description: 'Sessions with an e1RM in the period',
  })
  sessions: number;
  @ApiProperty({ type: 'string', format: 'date', example: '2026-11-18' }) lastTrained: string;
  @ApiProperty({
    type: 'number',
    example: 107.5,
    description: 'Best e1RM of the last 4 weeks, or of the latest session if none',
  })
  currentE1rm: number;
  @ApiProperty({ type: E1rmChangeDto, nullable: true, description: 'Against 4 weeks ago' })
  change4w: E1rmChangeDto | null;
  @ApiProperty({ type: E1rmChangeDto, nullable: true, description: 'Against 12 weeks ago' })
  change12w: E1rmChangeDto | null;
}

export class StrengthSummaryDto extends ProgressPeriodDto {
  @ApiProperty({ type: [ExerciseStrengthDto], description: 'Most recently trained first' })
  exercises: ExerciseStrengthDto[];
}

export class BestSetDto {
  @ApiProperty({ type: 'number', example: 100 }) weight: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 5 }) reps: number;
  @ApiProperty({
    enum: SetType,
    enumName: 'SetType',
    example: SetType.Normal,
    description: 'A working set: never a warm-up',
  })
  setType: SetType;
}

export class SessionE1rmDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) workoutId: string;
  @ApiProperty({
    type: 'string',
    format: 'date',
    example: '2026-11-18',
    description: 'Day of the session in your time zone',
  })
  date: string;
  @ApiProperty({ type: 'number', example: 112.5, description: 'e1RM of the best set' })
  e1rm: number;
  @ApiProperty({ type: BestSetDto, description: 'The set with the highest e1RM' })
  bestSet: BestSetDto;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 4,
    description: 'Working sets of the exercise with an e1RM',
  })
  sets: number;
}

export class StrengthSeriesDto extends ProgressPeriodDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) exerciseId: string;
  @ApiProperty({ example: 'Barbell Back Squat' }) name: string;
  @ApiProperty({ type: SessionE1rmDto, nullable: true, description: 'Best session of the period' })
  best: SessionE1rmDto | null;
  @ApiProperty({
    enum: SeriesResolution,
    enumName: 'SeriesResolution',
    description: 'What a point of `series` is (the query parameter as applied)',
  })
  resolution: SeriesResolution;
  @ApiProperty({
    type: [SessionE1rmDto],
    description:
      'Oldest first: the best session of each ISO week with one (`week`), or every session ' +
      '(`session`)',
  })
  series: SessionE1rmDto[];
}

export class WeekVolumeDto {
  @ApiProperty({
    type: 'string',
    format: 'date',
    example: '2026-11-16',
    description: 'Monday of the ISO week',
  })
  weekStart: string;
  @ApiProperty({ type: 'integer', minimum: 0, example: 3, description: 'Completed workouts' })
  workouts: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 54, description: 'Completed working sets' })
  sets: number;
  @ApiProperty({ type: 'number', example: 14250, description: 'Σ weight × reps of those sets' })
  volume: number;
}

export class MuscleVolumeDto {
  @ApiProperty({ enum: Muscle, enumName: 'Muscle' }) muscle: Muscle;
  @ApiProperty({
    type: 'number',
    example: 31.5,
    description: 'Sets: 1 as a primary muscle, 0.5 as secondary',
  })
  sets: number;
  @ApiProperty({ type: 'number', example: 8400, description: 'Volume, likewise in full or half' })
  volume: number;
}

export class VolumeDto extends ProgressPeriodDto {
  @ApiProperty({ type: 'number', example: 61250, description: 'Σ over the weeks' })
  totalVolume: number;
  @ApiProperty({ type: [WeekVolumeDto], description: 'Every week of the period, oldest first' })
  weeks: WeekVolumeDto[];
  @ApiProperty({ type: [MuscleVolumeDto], description: 'Largest volume first' })
  muscles: MuscleVolumeDto[];
}

export class StreakDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 6,
    description: 'Run ending now (the period in progress or the last)',
  })
  current: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 14 }) longest: number;
}

export class StreaksDto {
  @ApiProperty({ type: StreakDto, description: 'Consecutive ISO weeks with a workout' })
  weeks: StreakDto;
  @ApiProperty({ type: StreakDto, description: 'Consecutive days with a workout' })
  days: StreakDto;
}

export class TrainingAnalyticsDto extends ProgressPeriodDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 12 }) weeks: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 31,
    description: 'Completed workouts in the period',
  })
  workouts: number;
  @ApiProperty({
    type: 'number',
    example: 2.58,
    description: 'Workouts per week, averaged over the period',
  })
  frequency: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 11,
    description: 'Weeks with at least one workout',
  })
  activeWeeks: number;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 3,
    description: 'Workouts a consistent week needs',
  })
  targetPerWeek: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 8 }) weeksMeetingTarget: number;
  @ApiProperty({
    type: 'number',
    minimum: 0,
    maximum: 1,
    example: 0.67,
    description: 'weeksMeetingTarget / weeks, 0–1',
  })
  consistency: number;
  @ApiProperty({ type: StreaksDto, description: 'Over the whole history up to the period end' })
  streaks: StreaksDto;
}
