import { ApiProperty } from '@nestjs/swagger';
import { RatingSummaryDto } from '../../../common/ratings/rating.dto';
import { prescribedWeight, WeightUnit } from '../../../common/units/weight-unit';
import type { ExerciseLabel } from '../../exercises/exercises.service';
import { Equipment, ExerciseLevel } from '../../training/exercise-attributes.vocabulary';
import { SetType } from '../../training/set-type.vocabulary';
import { TemplateDay } from '../entities/template-day.entity';
import { TemplateExercise } from '../entities/template-exercise.entity';
import { TemplateSet } from '../entities/template-set.entity';
import { Template } from '../entities/template.entity';
import { TemplateGoal, TemplateVisibility } from '../template.vocabulary';
import {
  PROGRESSION_RULE_VIEW_SCHEMA,
  progressionView,
  ProgressionRuleViewDto,
} from './progression-rule.dto';

/** numeric columns come from the pg driver as strings. */
const toNumber = (value: string | null): number | null => (value === null ? null : Number(value));

/** Who reads a template: the unit its weights were written in, and the reader's. */
export interface TemplateView {
  writtenIn: WeightUnit;
  unit: WeightUnit;
}

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
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 61.235,
    description: 'The load in kilograms, as stored (grams)',
  })
  weightKg: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 135,
    description:
      "The load in the answer's `weightUnit`: exactly as written when the template was written in that unit, else converted and rounded to that unit's plates (2.5 kg, 5 lb)",
  })
  weight: number | null;
  @ApiProperty({ type: 'number', nullable: true, example: null }) percentE1rm: number | null;
  @ApiProperty({ type: 'number', nullable: true, example: 8 }) rpeTarget: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: null }) rirTarget: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, example: 120 }) restSeconds: number;

  static from(set: TemplateSet, view: TemplateView): TemplateSetDto {
    const weightKg = toNumber(set.weightKg);
    return {
      type: set.setType,
      repsMin: set.repsMin,
      repsMax: set.repsMax,
      weightKg,
      weight: weightKg === null ? null : prescribedWeight(weightKg, view.writtenIn, view.unit),
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
  @ApiProperty({ ...PROGRESSION_RULE_VIEW_SCHEMA, example: { type: 'none' } })
  progression: ProgressionRuleViewDto;
  @ApiProperty({ type: [TemplateSetDto] }) sets: TemplateSetDto[];

  /** Expects `sets` loaded (TemplatesRepository.findStructure). */
  static from(
    item: TemplateExercise,
    exercise: ExerciseLabel,
    view: TemplateView,
  ): TemplateExerciseDto {
    return {
      exerciseId: item.exerciseId,
      exerciseName: exercise.name,
      equipment: exercise.equipment,
      notes: item.notes,
      progression: progressionView(item.progression, view.unit),
      sets: item.sets!.map((set) => TemplateSetDto.from(set, view)),
    };
  }
}

export class TemplateDayDto {
  @ApiProperty({ example: 'Push' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: null }) notes: string | null;
  @ApiProperty({ type: [TemplateExerciseDto] }) exercises: TemplateExerciseDto[];

  /** `exercises`: the label of every exercise the day references (ExercisesService.labelsOf). */
  static from(
    day: TemplateDay,
    exercises: ReadonlyMap<string, ExerciseLabel>,
    view: TemplateView,
  ): TemplateDayDto {
    return {
      name: day.name,
      notes: day.notes,
      exercises: day.exercises!.map((item) =>
        TemplateExerciseDto.from(item, exercises.get(item.exerciseId)!, view),
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
  @ApiProperty({
    enum: WeightUnit,
    enumName: 'WeightUnit',
    example: WeightUnit.Pound,
    description: 'Your unit (GET /users/preferences): what `weight` and `increment` are in',
  })
  weightUnit: WeightUnit;
  @ApiProperty({
    enum: WeightUnit,
    enumName: 'WeightUnit',
    example: WeightUnit.Kilogram,
    description:
      'The unit the author wrote the weights in; a reader of another unit sees them converted and rounded to plates',
  })
  writtenWeightUnit: WeightUnit;
  @ApiProperty({ type: [TemplateDayDto] }) days: TemplateDayDto[];

  static withDays(
    summary: TemplateSummaryDto,
    view: TemplateView,
    days: TemplateDayDto[],
  ): TemplateDto {
    return { ...summary, weightUnit: view.unit, writtenWeightUnit: view.writtenIn, days };
  }
}

export class FavoriteDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) templateId: string;
  @ApiProperty({ example: true }) isFavorite: boolean;
  @ApiProperty({ type: 'integer', minimum: 0, example: 13 }) favoriteCount: number;
}
