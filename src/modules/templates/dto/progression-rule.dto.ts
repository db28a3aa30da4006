import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEnum,
  IsIn,
  IsNumber,
  IsObject,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { fromKilograms, WeightUnit } from '../../../common/units/weight-unit';
import {
  LinearLoadProgression,
  NoProgression,
  ProgressionRule,
  ProgressionTrigger,
  ProgressionType,
} from '../../training/progression-rule.vocabulary';
import { TEMPLATE_LIMITS } from './template-limits';
import { IsMultipleOf, NotTogetherWith } from '../../../common/validation/field-rules';
import { Nullable, Omittable } from '../../../common/validation/presence';

const { incrementKg } = TEMPLATE_LIMITS;

export class NoProgressionDto implements NoProgression {
  @ApiProperty({ type: 'string', enum: [ProgressionType.None], example: ProgressionType.None })
  @IsIn([ProgressionType.None])
  type: ProgressionType.None;
}

const WHEN_DOC = {
  enum: ProgressionTrigger,
  enumName: 'ProgressionTrigger',
  example: ProgressionTrigger.AllSetsTopOfRange,
  description:
    'all_sets_top_of_range: every working set reached repsMax ("double progression"); all_sets_completed: every working set reached repsMin (linear progression)',
} as const;

/** A linear_load rule as a request sends it: the increment in kilograms or in your unit. */
export class LinearLoadProgressionDto {
  @ApiProperty({
    type: 'string',
    enum: [ProgressionType.LinearLoad],
    example: ProgressionType.LinearLoad,
  })
  @IsIn([ProgressionType.LinearLoad])
  type: ProgressionType.LinearLoad;

  @ApiPropertyOptional({
    type: 'number',
    minimum: incrementKg.min,
    maximum: incrementKg.max,
    multipleOf: incrementKg.step,
    example: 2.5,
    description:
      'Kilograms added to the weight of every weighted working set when the rule fires; or send `increment` in your unit (one of the two)',
  })
  @ValidateIf((rule: LinearLoadProgressionDto) => rule.increment === undefined)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(incrementKg.min)
  @Max(incrementKg.max)
  @IsMultipleOf(incrementKg.step)
  incrementKg?: number;

  @ApiPropertyOptional({
    type: 'number',
    minimum: incrementKg.min,
    multipleOf: incrementKg.step,
    example: 5,
    description: `The increment in your weight unit (GET /users/preferences), e.g. 5 lb; at most ${incrementKg.max} kg once converted. Not with incrementKg`,
  })
  @Omittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(incrementKg.min)
  @IsMultipleOf(incrementKg.step)
  @NotTogetherWith('incrementKg')
  increment?: number;

  @ApiProperty(WHEN_DOC)
  @IsEnum(ProgressionTrigger)
  when: LinearLoadProgression['when'];
}

/** A linear_load rule as answers show it: the increment in kilograms and in the reader's unit. */
export class LinearLoadProgressionViewDto implements LinearLoadProgression {
  @ApiProperty({
    type: 'string',
    enum: [ProgressionType.LinearLoad],
    example: ProgressionType.LinearLoad,
  })
  type: ProgressionType.LinearLoad;

  @ApiProperty({
    type: 'number',
    minimum: 0,
    example: 2.5,
    description: "The increment in kilograms, as stored (a pound author's 5 lb is 2.268)",
  })
  incrementKg: number;

  @ApiProperty({
    type: 'number',
    minimum: 0,
    example: 2.5,
    description:
      "The increment in the answer's `weightUnit`: exactly as written by an author of that unit, else converted (two decimals; loads are rounded to plates when a session is planned)",
  })
  increment: number;

  @ApiProperty(WHEN_DOC)
  when: LinearLoadProgression['when'];
}

/**
 * A stored rule (NULL: none) as answers show it, the increment also in `unit` (two decimals:
 * a pound author's 5 lb, stored as 2.268 kg, reads back as 5).
 */
export function progressionView(
  rule: ProgressionRule | null,
  unit: WeightUnit,
): ProgressionRuleViewDto {
  if (!rule || rule.type === ProgressionType.None) return { type: ProgressionType.None };
  return {
    type: rule.type,
    incrementKg: Math.round(rule.incrementKg * 1000) / 1000,
    increment: fromKilograms(rule.incrementKg, unit),
    when: rule.when,
  };
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

/** A rule in an answer. */
export type ProgressionRuleViewDto = NoProgressionDto | LinearLoadProgressionViewDto;

/**
 * The rule schemas, which the OpenAPI document only contains when a controller registers them
 * with @ApiExtraModels (a DTO property cannot).
 */
export const PROGRESSION_RULE_MODELS = [
  NoProgressionDto,
  LinearLoadProgressionDto,
  LinearLoadProgressionViewDto,
];

/** The OpenAPI schema of a progression rule in a request: one of the rules, told apart by `type`. */
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

/** The same in an answer, with the increment in the reader's unit too. */
export const PROGRESSION_RULE_VIEW_SCHEMA = {
  oneOf: [
    { $ref: getSchemaPath(NoProgressionDto) },
    { $ref: getSchemaPath(LinearLoadProgressionViewDto) },
  ],
  discriminator: {
    propertyName: 'type',
    mapping: {
      [ProgressionType.None]: getSchemaPath(NoProgressionDto),
      [ProgressionType.LinearLoad]: getSchemaPath(LinearLoadProgressionViewDto),
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
      description:
        'How the exercise progresses between sessions, applied whenever a session is built from the template (from your last completed session of the day: increase, hold, or deload after 3 failed sessions; docs/templates.md); absent or null means none',
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
