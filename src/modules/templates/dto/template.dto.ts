import { ApiProperty } from '@nestjs/swagger';
import { RatingSummaryDto } from '../../../common/ratings/rating.dto';
import type { ExerciseLabel } from '../../exercises/exercises.service';
import { Equipment, ExerciseLevel } from '../../training/exercise-attributes.vocabulary';
import { ProgressionType } from '../../training/progression-rule.vocabulary';
import { SetType } from '../../training/set-type.vocabulary';
import { TemplateDay } from '../entities/template-day.entity';
import { TemplateExercise } from '../entities/template-exercise.entity';
import { TemplateSet } from '../entities/template-set.entity';
import { Template } from '../entities/template.entity';
import { TemplateGoal, TemplateVisibility } from '../template.vocabulary';
import { PROGRESSION_RULE_SCHEMA, ProgressionRuleDto } from './progression-rule.dto';

/** numeric columns come from the pg driver as strings. */
const toNumber = (value: string | null): number | null => (value === null ? null : Number(value));

export class TemplateSetDto {
  @ApiProperty({ enum: SetType, enumName: 'SetType', example: SetType.Normal }) type: SetType;
  @ApiProperty({ type: 'integer', minimum: 1, example: 8 }) repsMin: number;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 12,
    description: 'Equal to repsMin for fixed reps',
  })
  repsMax: number;
  @ApiProperty({ type: 'number', nullable: true, example: 60 }) weightKg: number | null;
  @ApiProperty({ type: 'number', nullable: true, example: null }) percentE1rm: number | null;
  @ApiProperty({ type: 'number', nullable: true, example: 8 }) rpeTarget: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: null }) rirTarget: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, example: 120 }) restSeconds: number;

  static from(set: TemplateSet): TemplateSetDto {
    return {
      type: set.setType,
      repsMin: set.repsMin,
      repsMax: set.repsMax,
      weightKg: toNumber(set.weightKg),
      percentE1rm: toNumber(set.percentE1rm),
      rpeTarget: toNumber(set.rpeTarget),
      rirTarget: set.rirTarget,
      restSeconds: set.restSeconds,
    };
  }
}

export class TemplateExerciseDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) exerciseId: string;
  @ApiProperty({ example: 'Barbell Bench Press - Medium Grip' }) exerciseName: string;
  @ApiProperty({ enum: Equipment, enumName: 'Equipment', nullable: true, example: 'barbell' })
  equipment: Equipment | null;
  @ApiProperty({ nullable: true, type: String, example: 'Pause at the chest' })
  notes: string | null;
  @ApiProperty({ ...PROGRESSION_RULE_SCHEMA, example: { type: 'none' } })
  progression: ProgressionRuleDto;
  @ApiProperty({ type: [TemplateSetDto] }) sets: TemplateSetDto[];

  /** Expects `sets` loaded (TemplatesRepository.findStructure). */
  static from(item: TemplateExercise, exercise: ExerciseLabel): TemplateExerciseDto {
    return {
      exerciseId: item.exerciseId,
      exerciseName: exercise.name,
      equipment: exercise.equipment,
      notes: item.notes,
      progression: item.progression ?? { type: ProgressionType.None },
      sets: item.sets!.map((set) => TemplateSetDto.from(set)),
    };
  }
}

export class TemplateDayDto {
  @ApiProperty({ example: 'Push' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: null }) notes: string | null;
  @ApiProperty({ type: [TemplateExerciseDto] }) exercises: TemplateExerciseDto[];

  /** `exercises`: the label of every exercise the day references (ExercisesService.labelsOf). */
  static from(day: TemplateDay, exercises: ReadonlyMap<string, ExerciseLabel>): TemplateDayDto {
    return {
      name: day.name,
      notes: day.notes,
      exercises: day.exercises!.map((item) =>
        TemplateExerciseDto.from(item, exercises.get(item.exerciseId)!),
      ),
    };
  }
}

/** A template as listed: everything but the days. */
export class TemplateSummaryDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) ownerId: string;
  @ApiProperty({ example: 'Push Pull Legs' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'Three days, compound lifts first.' })
  description: string | null;
  @ApiProperty({ enum: TemplateGoal, enumName: 'TemplateGoal', example: TemplateGoal.Hypertrophy })
  goal: TemplateGoal;
  @ApiProperty({ enum: ExerciseLevel, enumName: 'ExerciseLevel', example: 'intermediate' })
  level: ExerciseLevel;
  @ApiProperty({ enum: TemplateVisibility, enumName: 'TemplateVisibility', example: 'public' })
  visibility: TemplateVisibility;
  @ApiProperty({ example: false, description: 'Curated by the FitAI team' }) featured: boolean;
  @ApiProperty({ type: 'integer', minimum: 1, example: 3, description: 'The number of days' })
  daysPerWeek: number;
  @ApiProperty({
    enum: Equipment,
    enumName: 'Equipment',
    isArray: true,
    example: ['barbell', 'dumbbell'],
    description: 'What the exercises need',
  })
  equipment: Equipment[];
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'The template this one was duplicated from',
  })
  originTemplateId: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, example: 12 }) favoriteCount: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 4 }) duplicateCount: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 30,
    description: 'Workouts started from the template',
  })
  useCount: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 46,
    description: 'favoriteCount + duplicateCount + useCount',
  })
  popularity: number;
  @ApiProperty({ type: RatingSummaryDto }) rating: RatingSummaryDto;
  @ApiProperty({ example: true, description: 'Whether the caller has favourited it' })
  isFavorite: boolean;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 3,
    description: 'Send it back with PUT to detect concurrent edits',
  })
  version: number;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: string;

  static from(
    template: Template,
    rating: RatingSummaryDto,
    isFavorite: boolean,
  ): TemplateSummaryDto {
    return {
      id: template.id,
      ownerId: template.ownerId,
      name: template.name,
      description: template.description,
      goal: template.goal,
      level: template.level,
      visibility: template.visibility,
      featured: template.featured,
      daysPerWeek: template.daysPerWeek,
      equipment: template.equipment,
      originTemplateId: template.originTemplateId,
      favoriteCount: template.favoriteCount,
      duplicateCount: template.duplicateCount,
      useCount: template.useCount,
      popularity: template.favoriteCount + template.duplicateCount + template.useCount,
      rating,
      isFavorite,
      version: template.version,
      createdAt: template.createdAt.toISOString(),
      updatedAt: template.updatedAt.toISOString(),
    };
  }
}

/** A whole template: the summary plus its days, exercises and sets in order. */
export class TemplateDto extends TemplateSummaryDto {
  @ApiProperty({ type: [TemplateDayDto] }) days: TemplateDayDto[];

  static withDays(summary: TemplateSummaryDto, days: TemplateDayDto[]): TemplateDto {
    return { ...summary, days };
  }
}

export class FavoriteDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) templateId: string;
  @ApiProperty({ example: true }) isFavorite: boolean;
  @ApiProperty({ type: 'integer', minimum: 0, example: 13 }) favoriteCount: number;
}
