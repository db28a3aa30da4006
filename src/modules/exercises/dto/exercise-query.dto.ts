import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsString, Length } from 'class-validator';
import { PageQueryDto, PagingField } from '../../../common/pagination/page-query.dto';
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

/** Body of POST /exercises/search: the filters and paging of GET /exercises. */
export class SearchExercisesDto extends OmitType(ExerciseFilterDto, ['page', 'limit'] as const) {
  @PagingField.page({ inBody: true })
  page: number = 1;

  @PagingField.limit({ inBody: true })
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
