import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsNumber, IsObject, Max, Min, ValidateNested } from 'class-validator';
import {
  LinearLoadProgression,
  NoProgression,
  ProgressionTrigger,
  ProgressionType,
} from '../../training/progression-rule.vocabulary';
import { TEMPLATE_LIMITS } from './template-limits';
import { IsMultipleOf } from '../../../common/validation/field-rules';
import { Nullable } from '../../../common/validation/presence';

const { incrementKg } = TEMPLATE_LIMITS;

export class NoProgressionDto implements NoProgression {
  @ApiProperty({ type: 'string', enum: [ProgressionType.None], example: ProgressionType.None })
  @IsIn([ProgressionType.None])
  type: ProgressionType.None;
}

export class LinearLoadProgressionDto implements LinearLoadProgression {
  @ApiProperty({
    type: 'string',
    enum: [ProgressionType.LinearLoad],
    example: ProgressionType.LinearLoad,
  })
  @IsIn([ProgressionType.LinearLoad])
  type: ProgressionType.LinearLoad;

  @ApiProperty({
    type: 'number',
    minimum: incrementKg.min,
    maximum: incrementKg.max,
    multipleOf: incrementKg.step,
    example: 2.5,
    description: 'Added to the weight of every weighted working set when the rule fires',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(incrementKg.min)
  @Max(incrementKg.max)
  @IsMultipleOf(incrementKg.step)
  incrementKg: number;

  @ApiProperty({
    enum: ProgressionTrigger,
    enumName: 'ProgressionTrigger',
    example: ProgressionTrigger.AllSetsTopOfRange,
    description:
      'all_sets_top_of_range: every working set reached repsMax; all_sets_completed: every working set reached repsMin',
  })
  @IsEnum(ProgressionTrigger)
  when: LinearLoadProgression['when'];
}

/**
 * What class-transformer builds for an unknown `type`: only `type` is validated, so the error
 * names `…progression.type` (plus any field that no rule has).
 */
class UnknownProgressionDto {
  @IsEnum(ProgressionType)
  type: ProgressionType;
}

export type ProgressionRuleDto = NoProgressionDto | LinearLoadProgressionDto;

/**
 * The rule schemas, which the OpenAPI document only contains when a controller registers them
 * with @ApiExtraModels (a DTO property cannot).
 */
export const PROGRESSION_RULE_MODELS = [NoProgressionDto, LinearLoadProgressionDto];

/** The OpenAPI schema of a progression rule: one of the rules, told apart by `type`. */
export const PROGRESSION_RULE_SCHEMA = {
  oneOf: [
    { $ref: getSchemaPath(NoProgressionDto) },
    { $ref: getSchemaPath(LinearLoadProgressionDto) },
  ],
  discriminator: {
    propertyName: 'type',
    mapping: {
      [ProgressionType.None]: getSchemaPath(NoProgressionDto),
      [ProgressionType.LinearLoad]: getSchemaPath(LinearLoadProgressionDto),
    },
  },
};

/**
 * An optional progression rule in a request: a discriminated union on `type`, validated as
 * the rule it names. Absent or null means `none`.
 */
export function ProgressionRuleField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      // Nullable: one of the rules, or null (a discriminator would need `type` on null too).
      oneOf: [...PROGRESSION_RULE_SCHEMA.oneOf, { type: 'object', nullable: true, enum: [null] }],
      example: { type: 'linear_load', incrementKg: 2.5, when: 'all_sets_top_of_range' },
      description: 'How the exercise progresses between sessions; absent or null means none',
    }),
    Nullable(),
    IsObject(),
    ValidateNested(),
    Type(() => UnknownProgressionDto, {
      keepDiscriminatorProperty: true,
      discriminator: {
        property: 'type',
        subTypes: [
          { name: ProgressionType.None, value: NoProgressionDto },
          { name: ProgressionType.LinearLoad, value: LinearLoadProgressionDto },
        ],
      },
    }),
  );
}
