import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE, PageQueryDto } from '../../../common/pagination/page-query.dto';
import { trimString } from '../../../common/validation/transforms';
import {
  Equipment,
  ExerciseCategory,
  ExerciseLevel,
  Muscle,
} from '../../training/exercise-attributes.vocabulary';

/** The filters every exercise list shares. */
export class ExerciseFilterDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: Muscle,
    enumName: 'Muscle',
    description: 'Primary or secondary muscle',
  })
  @IsOptional()
  @IsEnum(Muscle)
  muscle?: Muscle;

  @ApiPropertyOptional({ enum: Equipment, enumName: 'Equipment' })
  @IsOptional()
  @IsEnum(Equipment)
  equipment?: Equipment;

  @ApiPropertyOptional({ enum: ExerciseCategory, enumName: 'ExerciseCategory' })
  @IsOptional()
  @IsEnum(ExerciseCategory)
  category?: ExerciseCategory;

  @ApiPropertyOptional({ enum: ExerciseLevel, enumName: 'ExerciseLevel' })
  @IsOptional()
  @IsEnum(ExerciseLevel)
  level?: ExerciseLevel;
}

export class ListExercisesQueryDto extends ExerciseFilterDto {
  @ApiPropertyOptional({ example: 'curl', description: 'Part of the name, case-insensitive' })
  @IsOptional()
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
  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 1, description: 'Default: 1' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
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

  override get offset(): number {
    return (this.page - 1) * this.limit;
  }

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
