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
  @ApiProperty({ example: 8 }) repsMin: number;
  @ApiProperty({ example: 12, description: 'Equal to repsMin for fixed reps' }) repsMax: number;
  @ApiProperty({ nullable: true, type: Number, example: 60 }) weightKg: number | null;
  @ApiProperty({ nullable: true, type: Number, example: null }) percentE1rm: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 8 }) rpeTarget: number | null;
  @ApiProperty({ nullable: true, type: Number, example: null }) rirTarget: number | null;
  @ApiProperty({ example: 120 }) restSeconds: number;

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
  @ApiProperty({ format: 'uuid' }) exerciseId: string;
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
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
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
  @ApiProperty({ example: 3, description: 'The number of days' }) daysPerWeek: number;
  @ApiProperty({
    enum: Equipment,
    enumName: 'Equipment',
    isArray: true,
    example: ['barbell', 'dumbbell'],
    description: 'What the exercises need',
  })
  equipment: Equipment[];
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The template this one was duplicated from',
  })
  originTemplateId: string | null;
  @ApiProperty({ example: 12 }) favoriteCount: number;
  @ApiProperty({ example: 4 }) duplicateCount: number;
  @ApiProperty({ example: 30, description: 'Workouts started from the template' }) useCount: number;
  @ApiProperty({ example: 46, description: 'favoriteCount + duplicateCount + useCount' })
  popularity: number;
  @ApiProperty({ type: RatingSummaryDto }) rating: RatingSummaryDto;
  @ApiProperty({ example: true, description: 'Whether the caller has favourited it' })
  isFavorite: boolean;
  @ApiProperty({ example: 3, description: 'Send it back with PUT to detect concurrent edits' })
  version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

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
  @ApiProperty({ format: 'uuid' }) templateId: string;
  @ApiProperty({ example: true }) isFavorite: boolean;
  @ApiProperty({ example: 13 }) favoriteCount: number;
}
