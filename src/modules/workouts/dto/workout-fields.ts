import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsNumber,
  IsString,
  Length,
  Max,
  MaxDate,
  MaxLength,
  Min,
  MinDate,
} from 'class-validator';
import { EARLIEST_INSTANT } from '../../../common/validation/instant.decorator';
import { toDate, trimString } from '../../../common/validation/transforms';
import { SetType } from '../../training/set-type.vocabulary';
import { IsMultipleOf, NotTogetherWith } from '../../../common/validation/field-rules';

/** Bounds of a workout and its sets; docs/workouts.md lists them. */
export const WORKOUT_LIMITS = {
  name: 100,
  notes: 2_000,
  exerciseNotes: 500,
  exercises: 30,
  setsPerExercise: 50,
  /** Checked in kilograms after conversion from the user's unit (WorkoutContentService). */
  weightKg: { min: 0, max: 1_000 },
  reps: { min: 0, max: 1_000 },
  rpe: { min: 1, max: 10, step: 0.5 },
  rir: { min: 0, max: 10 },
  restSeconds: { min: 0, max: 3_600 },
  /** How far ahead a session may be scheduled. */
  scheduleAheadDays: 366,
  /** The longest session a start and an end sent by a client may describe. */
  sessionHours: 12,
  /** How far ahead of the server's clock a device's "now" may be (a started or ended session). */
  clockSkewSeconds: 300,
} as const;

/** `sessionHours` in milliseconds, for the AtMostAfter rule and the service's checks. */
export const MAX_SESSION_MS = WORKOUT_LIMITS.sessionHours * 3_600_000;

/** The latest instant a session may have started or ended at: now, give or take clock skew. */
export const latestSessionInstant = (): Date =>
  new Date(Date.now() + WORKOUT_LIMITS.clockSkewSeconds * 1_000);

const { reps, rpe, rir, restSeconds } = WORKOUT_LIMITS;
const finite = { allowNaN: false, allowInfinity: false } as const;

/** Shared validation of workout and set fields, so create, update and list agree on every rule. */
export const WorkoutField = {
  name: () => applyDecorators(Transform(trimString), IsString(), Length(1, WORKOUT_LIMITS.name)),
  notes: (max: number = WORKOUT_LIMITS.notes) =>
    applyDecorators(Transform(trimString), IsString(), MaxLength(max)),
  /** A past or planned instant: not before 2000, at most a year ahead. */
  instant: () =>
    applyDecorators(
      Transform(toDate),
      IsDate({ message: '$property must be an ISO 8601 date-time' }),
      MinDate(EARLIEST_INSTANT, { message: '$property must not be before 2000-01-01' }),
      MaxDate(() => new Date(Date.now() + WORKOUT_LIMITS.scheduleAheadDays * 86_400_000), {
        message: '$property must not be more than a year ahead',
      }),
    ),
  /**
   * When a session started or ended, as a client reports it (logged after the fact, or a
   * correction): not before 2000, not in the future (a few minutes of clock skew allowed).
   */
  sessionInstant: () =>
    applyDecorators(
      Transform(toDate),
      IsDate({ message: '$property must be an ISO 8601 date-time' }),
      MinDate(EARLIEST_INSTANT, { message: '$property must not be before 2000-01-01' }),
      MaxDate(latestSessionInstant, { message: '$property must not be in the future' }),
    ),
  position: () => applyDecorators(IsInt(), Min(0), Max(WORKOUT_LIMITS.exercises - 1)),
  version: () => applyDecorators(IsInt(), Min(1)),
};

export const SetField = {
  setType: () => IsEnum(SetType),
  /** In the user's unit; the kilogram bound is checked after conversion. */
  weight: () => applyDecorators(IsNumber({ ...finite, maxDecimalPlaces: 2 }), Min(0)),
  reps: () => applyDecorators(IsInt(), Min(reps.min), Max(reps.max)),
  rpe: () => applyDecorators(IsNumber(finite), Min(rpe.min), Max(rpe.max), IsMultipleOf(rpe.step)),
  rir: () => applyDecorators(IsInt(), Min(rir.min), Max(rir.max), NotTogetherWith('rpe')),
  restSeconds: () => applyDecorators(IsInt(), Min(restSeconds.min), Max(restSeconds.max)),
  completed: () => IsBoolean(),
};
