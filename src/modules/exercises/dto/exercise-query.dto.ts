import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEnum, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { MAX_PAGE, MAX_PAGE_SIZE, PageQueryDto } from '../../../common/pagination/page-query.dto';
import { trimString } from '../../../common/validation/transforms';
import {
  Equipment,
  ExerciseCategory,
  ExerciseLevel,
  Muscle,
} from '../../training/exercise-attributes.vocabulary';
import { Omittable } from '../../../common/validation/presence';

/** The filters every exercise list shares. */
export class ExerciseFilterDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: Muscle,
    enumName: 'Muscle',
    description: 'Primary or secondary muscle',
  })
  @Omittable()
  @IsEnum(Muscle)
  muscle?: Muscle;

  @ApiPropertyOptional({ enum: Equipment, enumName: 'Equipment' })
  @Omittable()
  @IsEnum(Equipment)
  equipment?: Equipment;

  @ApiPropertyOptional({ enum: ExerciseCategory, enumName: 'ExerciseCategory' })
  @Omittable()
  @IsEnum(ExerciseCategory)
  category?: ExerciseCategory;

  @ApiPropertyOptional({ enum: ExerciseLevel, enumName: 'ExerciseLevel' })
  @Omittable()
  @IsEnum(ExerciseLevel)
  level?: ExerciseLevel;
}

export class ListExercisesQueryDto extends ExerciseFilterDto {
  @ApiPropertyOptional({ example: 'curl', description: 'Part of the name, case-insensitive' })
  @Omittable()
  @Transform(trimString)
  @IsString()
  @Length(1, 100)
  text?: string;
}

/**
 * Body of POST /exercises/search: the filters and paging of GET /exercises. Paging is
 * redeclared to document its defaults in words: in a body schema, `default` makes generated
 * clients require the field (docs/decisions.md).
 */
export class SearchExercisesDto extends OmitType(ExerciseFilterDto, ['page', 'limit'] as const) {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE,
    example: 1,
    description: 'Default: 1',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    example: 20,
    description: 'Default: 20',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 20;

  @ApiProperty({
    example: 'bench pres',
    description: 'Words of the name or instructions; typos are tolerated',
  })
  @Transform(trimString)
  @IsString()
  @Length(2, 100)
  query: string;
}

export class MuscleParamDto {
  @ApiProperty({ enum: Muscle, enumName: 'Muscle' })
  @IsEnum(Muscle)
  muscle: Muscle;
}

export class EquipmentParamDto {
  @ApiProperty({ enum: Equipment, enumName: 'Equipment' })
  @IsEnum(Equipment)
  equipment: Equipment;
}
