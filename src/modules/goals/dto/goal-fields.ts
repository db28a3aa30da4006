import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNumber, IsPositive, IsString, Length } from 'class-validator';
import { IsLocalDate } from '../../../common/validation/local-date.decorator';
import { trimString } from '../../../common/validation/transforms';
import { Nullable, Omittable } from '../../../common/validation/presence';

/** Shared documentation and validation of the fields create and update both take. */
export const GoalField = {
  title: (required: boolean) =>
    applyDecorators(
      (required ? ApiProperty : ApiPropertyOptional)({
        minLength: 1,
        maxLength: 100,
        example: 'Bench press 120 kg',
      }),
      ...(required ? [] : [Omittable()]),
      Transform(trimString),
      IsString(),
      Length(1, 100),
    ),
  /** Only the shape here; the range per metric is checked after unit conversion. */
  target: (required: boolean) =>
    applyDecorators(
      (required ? ApiProperty : ApiPropertyOptional)({
        type: Number,
        example: 120,
        description:
          "In the user's weight unit for e1rm, weight and body_weight (1–1000 kg for lifts, " +
          '20–400 kg for body weight), percent for body_fat (2–70), a whole number of sessions ' +
          'per week for sessions_per_week (1–14). Two decimals.',
      }),
      ...(required ? [] : [Omittable()]),
      IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }),
      IsPositive(),
    ),
  deadline: () =>
    applyDecorators(
      ApiPropertyOptional({
        type: String,
        format: 'date',
        nullable: true,
        example: '2027-03-31',
        description: 'Informative: a missed deadline does not change the status',
      }),
      Nullable(),
      IsLocalDate(),
    ),
};
