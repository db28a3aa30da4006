import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { Equipment, ExerciseLevel } from '../../training/exercise-attributes.vocabulary';
import { TemplateGoal } from '../template.vocabulary';
import { TEMPLATE_LIMITS } from './template-limits';
import { Omittable } from '../../../common/validation/presence';
import { toQueryBoolean } from '../../../common/validation/transforms';

export enum TemplateSort {
  Newest = 'newest',
  /** Bayesian average of the ratings (see docs/templates.md). */
  Rating = 'rating',
  /** favoriteCount + duplicateCount + useCount. */
  Popularity = 'popularity',
}

/** `?equipment=barbell&equipment=dumbbell` or `?equipment=barbell,dumbbell`, trimmed. */
const toList = ({ value }: { value: unknown }) => {
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) =>
    typeof item === 'string' ? item.split(',').map((part) => part.trim()) : [item],
  );
};

/** Filters and order shared by every template list. */
export class ListTemplatesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TemplateGoal, enumName: 'TemplateGoal' })
  @Omittable()
  @IsEnum(TemplateGoal)
  goal?: TemplateGoal;

  @ApiPropertyOptional({ enum: ExerciseLevel, enumName: 'ExerciseLevel' })
  @Omittable()
  @IsEnum(ExerciseLevel)
  level?: ExerciseLevel;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: TEMPLATE_LIMITS.days, example: 3 })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(TEMPLATE_LIMITS.days)
  daysPerWeek?: number;

  @ApiPropertyOptional({
    enum: Equipment,
    enumName: 'Equipment',
    isArray: true,
    example: ['barbell', 'dumbbell'],
    description:
      'The equipment you have: only templates that need nothing else. Repeat the parameter or separate values with commas.',
  })
  @Omittable()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(Object.keys(Equipment).length)
  @IsEnum(Equipment, { each: true })
  equipment?: Equipment[];

  @ApiPropertyOptional({
    enum: TemplateSort,
    enumName: 'TemplateSort',
    default: TemplateSort.Newest,
    description:
      'newest; rating (Bayesian average, so one 5-star vote does not beat many good ones); popularity (favourites + duplicates + uses)',
  })
  @Omittable()
  @IsEnum(TemplateSort)
  sort: TemplateSort = TemplateSort.Newest;
}

/** GET /templates: the caller's own templates and every public one. */
export class ListVisibleTemplatesQueryDto extends ListTemplatesQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'Only the templates you have favourited' })
  @Omittable()
  @Transform(toQueryBoolean)
  @IsBoolean()
  favorites?: boolean;
}
