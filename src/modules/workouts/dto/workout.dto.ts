import { ApiProperty } from '@nestjs/swagger';
import { fromKilograms, WeightUnit } from '../../../common/units/weight-unit';
import type { ExerciseLabel } from '../../exercises/exercises.service';
import { SetType } from '../../training/set-type.vocabulary';
import {
  PROGRESSION_RULE_VIEW_SCHEMA,
  progressionView,
  ProgressionRuleViewDto,
} from '../../templates/dto/progression-rule.dto';
import { PersonalRecord, PersonalRecordKind } from '../entities/personal-record.entity';
import { WorkoutExercise } from '../entities/workout-exercise.entity';
import { WorkoutSet } from '../entities/workout-set.entity';
import { Workout } from '../entities/workout.entity';
import { WorkoutStatus } from '../workout-state';
import { changeIn, describeStep, ProgressionOutcome, ProgressionStep } from '../progression';

/** numeric columns come from the pg driver as strings. */
const toNumber = (value: string | null): number | null => (value === null ? null : Number(value));

/** A stored kilogram value in the user's unit. */
const weightIn = (kilograms: string | null, unit: WeightUnit): number | null =>
  kilograms === null ? null : fromKilograms(Number(kilograms), unit);

const WEIGHT_NOTE = "in the workout's weightUnit";

const WORKOUT_VERSION_AFTER = {
  type: 'integer',
  minimum: 1,
  example: 6,
  description: 'The workout version after this change',
} as const;

export class WorkoutSetDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 0,
    description: 'Order within the exercise (gaps after deletes)',
  })
  position: number;
  @ApiProperty({ enum: SetType, enumName: 'SetType', example: SetType.Normal }) setType: SetType;
  @ApiProperty({ type: 'number', nullable: true, example: 80, description: WEIGHT_NOTE })
  weight: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 8 }) reps: number | null;
  @ApiProperty({ type: 'number', nullable: true, example: 8 }) rpe: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: null }) rir: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 120 }) restSeconds: number | null;
  @ApiProperty({ example: true }) completed: boolean;
  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' }) completedAt: string | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 8, description: 'From the template' })
  plannedRepsMin: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 10 }) plannedRepsMax: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 85,
    description: `${WEIGHT_NOTE}; from the template, or its %e1RM of your best e1RM`,
  })
  plannedWeight: number | null;
  @ApiProperty({ type: 'number', nullable: true, example: 75 }) plannedPercentE1rm: number | null;
  @ApiProperty({ type: 'number', nullable: true, example: 8 }) plannedRpe: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: null }) plannedRir: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 99.29,
    description: `Estimated one-rep max, ${WEIGHT_NOTE}; completed working sets of 1-15 reps only`,
  })
  e1rm: number | null;

  static from(set: WorkoutSet, unit: WeightUnit): WorkoutSetDto {
    return {
      id: set.id,
      position: set.position,
      setType: set.setType,
      weight: weightIn(set.weightKg, unit),
      reps: set.reps,
      rpe: toNumber(set.rpe),
      rir: set.rir,
      restSeconds: set.restSeconds,
      completed: set.completed,
      completedAt: set.completedAt?.toISOString() ?? null,
      plannedRepsMin: set.plannedRepsMin,
      plannedRepsMax: set.plannedRepsMax,
      plannedWeight: weightIn(set.plannedWeightKg, unit),
      plannedPercentE1rm: toNumber(set.plannedPercentE1rm),
      plannedRpe: toNumber(set.plannedRpe),
      plannedRir: set.plannedRir,
      e1rm: weightIn(set.e1rmKg, unit),
    };
  }
}

/** What the template's progression rule did to an exercise's loads in this session, and why. */
export class ProgressionStepDto {
  @ApiProperty({
    enum: ProgressionOutcome,
    enumName: 'ProgressionOutcome',
    example: ProgressionOutcome.Increase,
    description:
      "start: the template's loads (first session of the day); increase: the increment added; hold: last session's loads; deload: reduced after failed sessions; reset: the template's loads again (it changed)",
  })
  outcome: ProgressionOutcome;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 2.5,
    description: `The change of the first weighted working set's planned load, ${WEIGHT_NOTE} (signed); null without one`,
  })
  change: number | null;
  @ApiProperty({ example: '+2.5 kg: all sets at 10 reps last time' })
  reason: string;
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'The session judged: your last completed session of this template day',
  })
  basedOnWorkoutId: string | null;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 0,
    description: 'Failed sessions in a row so far (a deload comes at 3 and resets it)',
  })
  failedSessions: number;

  static from(step: ProgressionStep, unit: WeightUnit): ProgressionStepDto {
    return {
      outcome: step.outcome,
      change: changeIn(step, unit),
      reason: describeStep(step, unit),
      basedOnWorkoutId: step.basedOnWorkoutId,
      failedSessions: step.failedSessions,
    };
  }
}

export class WorkoutExerciseDto {
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    description: 'The exercise (routes address it by this id)',
  })
  exerciseId: string;
  @ApiProperty({ example: 'Barbell Bench Press - Medium Grip' }) exerciseName: string;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) position: number;
  @ApiProperty({ type: 'string', nullable: true, example: 'Pause at the chest' })
  notes: string | null;
  @ApiProperty({
    ...PROGRESSION_RULE_VIEW_SCHEMA,
    example: { type: 'none' },
    description:
      "Copied from the template's exercise; the increment also in the workout's weightUnit",
  })
  progression: ProgressionRuleViewDto;
  @ApiProperty({
    type: ProgressionStepDto,
    nullable: true,
    description:
      'For an exercise from a template with a progression rule: what the rule did to its planned loads, from your last completed session of the day, and why',
  })
  progressionStep: ProgressionStepDto | null;
  @ApiProperty({ type: [WorkoutSetDto] }) sets: WorkoutSetDto[];

  /** Expects `sets` loaded (WorkoutsRepository.findDetail). */
  static from(
    item: WorkoutExercise,
    exercise: ExerciseLabel,
    unit: WeightUnit,
  ): WorkoutExerciseDto {
    return {
      exerciseId: item.exerciseId,
      exerciseName: exercise.name,
      position: item.position,
      notes: item.notes,
      progression: progressionView(item.progression, unit),
      progressionStep: item.progressionStep && ProgressionStepDto.from(item.progressionStep, unit),
      sets: item.sets!.map((set) => WorkoutSetDto.from(set, unit)),
    };
  }
}

export class PersonalRecordDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) exerciseId: string;
  @ApiProperty({ enum: PersonalRecordKind, enumName: 'PersonalRecordKind' })
  kind: PersonalRecordKind;
  @ApiProperty({
    type: 'number',
    example: 102.5,
    description: `A weight ${WEIGHT_NOTE} (best_set_volume: weight × reps); a rep count for most_reps_at_weight`,
  })
  value: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 100,
    description: 'The best before; null for a first',
  })
  previousValue: number | null;
  @ApiProperty({
    type: 'number',
    example: 102.5,
    description: `The record set's weight, ${WEIGHT_NOTE}; 0 for body weight`,
  })
  weight: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 3 }) reps: number;
  @ApiProperty({ type: 'string', format: 'uuid', description: 'The set that made the record' })
  setId: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) workoutId: string;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    description: "The session's real end (a session logged after the fact: its past date)",
  })
  achievedAt: string;
  @ApiProperty({
    example: true,
    description:
      'Still your best of its kind (at this weight, for rep records). False for a historical record: a later session beat it, or it was logged for a date before a heavier existing one',
  })
  current: boolean;

  static from(record: PersonalRecord, unit: WeightUnit, current: boolean): PersonalRecordDto {
    const value = (stored: string) =>
      record.kind === PersonalRecordKind.MostRepsAtWeight
        ? Number(stored)
        : fromKilograms(Number(stored), unit);
    return {
      id: record.id,
      exerciseId: record.exerciseId,
      kind: record.kind,
      value: value(record.value),
      previousValue: record.previousValue === null ? null : value(record.previousValue),
      weight: fromKilograms(Number(record.weightKg), unit),
      reps: record.reps,
      setId: record.setId,
      workoutId: record.workoutId,
      achievedAt: record.achievedAt.toISOString(),
      current,
    };
  }
}

/** A workout as listed: everything but its exercises and records. */
export class WorkoutSummaryDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Push Pull Legs: Push' }) name: string;
  @ApiProperty({ enum: WorkoutStatus, enumName: 'WorkoutStatus', example: WorkoutStatus.Completed })
  status: WorkoutStatus;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 5,
    description:
      'Bumped by every change to the workout, its exercises or sets; send it back with edits',
  })
  version: number;
  @ApiProperty({ enum: WeightUnit, enumName: 'WeightUnit', example: WeightUnit.Kilogram })
  weightUnit: WeightUnit;
  @ApiProperty({ type: 'string', nullable: true, format: 'uuid' }) templateId: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, nullable: true, example: 0 })
  templateDayIndex: number | null;
  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' }) scheduledFor: string | null;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    description: 'When the session is held: the start once started, else scheduledFor or creation',
  })
  sessionAt: string;
  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' }) startedAt: string | null;
  @ApiProperty({
    type: 'string',
    nullable: true,
    format: 'date-time',
    description: 'Start of the current pause',
  })
  pausedAt: string | null;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 300,
    description: 'Ended pauses, in seconds',
  })
  pausedSeconds: number;
  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' }) completedAt: string | null;
  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' }) abandonedAt: string | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 3000,
    description: 'Ended minus started minus paused, once completed or abandoned',
  })
  durationSeconds: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 4520,
    description: `Σ weight × reps of the completed working sets, ${WEIGHT_NOTE}; once completed`,
  })
  totalVolume: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 15,
    description: 'Completed working sets',
  })
  totalSets: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 112 }) totalReps: number | null;
  @ApiProperty({ type: 'string', nullable: true, example: null }) notes: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: string;

  static from(workout: Workout, unit: WeightUnit): WorkoutSummaryDto {
    return {
      id: workout.id,
      name: workout.name,
      status: workout.status,
      version: workout.version,
      weightUnit: unit,
      templateId: workout.templateId,
      templateDayIndex: workout.templateDayIndex,
      scheduledFor: workout.scheduledFor?.toISOString() ?? null,
      sessionAt: workout.sessionAt.toISOString(),
      startedAt: workout.startedAt?.toISOString() ?? null,
      pausedAt: workout.pausedAt?.toISOString() ?? null,
      pausedSeconds: workout.pausedSeconds,
      completedAt: workout.completedAt?.toISOString() ?? null,
      abandonedAt: workout.abandonedAt?.toISOString() ?? null,
      durationSeconds: workout.durationSeconds,
      totalVolume: weightIn(workout.totalVolumeKg, unit),
      totalSets: workout.totalSets,
      totalReps: workout.totalReps,
      notes: workout.notes,
      createdAt: workout.createdAt.toISOString(),
      updatedAt: workout.updatedAt.toISOString(),
    };
  }
}

/** A workout with its exercises, sets and (once completed) personal records. */
export class WorkoutDto extends WorkoutSummaryDto {
  @ApiProperty({ type: [WorkoutExerciseDto] }) exercises: WorkoutExerciseDto[];
  @ApiProperty({
    type: [PersonalRecordDto],
    description:
      'Records of this session as of its real date: set at completion, restated when an earlier session is logged, moved or deleted',
  })
  personalRecords: PersonalRecordDto[];

  /**
   * Expects exercises and their sets loaded (WorkoutsRepository.findDetail); `exercises`: the
   * label of every exercise the workout references (ExercisesService.labelsOf).
   */
  static fromDetail(
    workout: Workout,
    records: PersonalRecord[],
    exercises: ReadonlyMap<string, ExerciseLabel>,
    unit: WeightUnit,
    currentRecords: ReadonlySet<string> = new Set(),
  ): WorkoutDto {
    return {
      ...WorkoutSummaryDto.from(workout, unit),
      exercises: workout.exercises!.map((item) =>
        WorkoutExerciseDto.from(item, exercises.get(item.exerciseId)!, unit),
      ),
      personalRecords: records.map((record) =>
        PersonalRecordDto.from(record, unit, currentRecords.has(record.id)),
      ),
    };
  }
}

/** An exercise as a write returns it, with the workout's new version. */
export class WorkoutExerciseChangeDto extends WorkoutExerciseDto {
  @ApiProperty(WORKOUT_VERSION_AFTER) workoutVersion: number;
}

/** A set as a write returns it, with the workout's new version. */
export class WorkoutSetChangeDto extends WorkoutSetDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) exerciseId: string;
  @ApiProperty(WORKOUT_VERSION_AFTER) workoutVersion: number;
}
