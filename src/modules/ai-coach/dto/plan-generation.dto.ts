import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equipment, ExerciseLevel, Muscle } from '../../training/exercise-attributes.vocabulary';
import {
  ProgressionRule,
  ProgressionTrigger,
  ProgressionType,
} from '../../training/progression-rule.vocabulary';
import { GenerationStatus, PlanGeneration } from '../entities/plan-generation.entity';
import { MovementPattern } from '../movement-patterns';
import type { GeneratedPlan, PlanSpec } from '../plan-builder';
import { PlanGoal } from '../plan-rules';

export class PlanSpecDto implements PlanSpec {
  @ApiProperty({ enum: PlanGoal, enumName: 'PlanGoal' }) goal: PlanGoal;
  @ApiProperty({ type: 'integer', example: 3 }) daysPerWeek: number;
  @ApiProperty({ type: 'integer', example: 60 }) sessionMinutes: number;
  @ApiProperty({ enum: ExerciseLevel, enumName: 'ExerciseLevel' }) level: ExerciseLevel;
  @ApiProperty({ enum: Equipment, enumName: 'Equipment', isArray: true })
  equipment: Equipment[];
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true })
  excludedExerciseIds: string[];
  @ApiProperty({ enum: Muscle, enumName: 'Muscle', isArray: true }) avoidMuscles: Muscle[];
}

export class PrescriptionDto {
  @ApiProperty({ type: 'integer', example: 3 }) sets: number;
  @ApiProperty({ type: 'integer', example: 6 }) repsMin: number;
  @ApiProperty({ type: 'integer', example: 10 }) repsMax: number;
  @ApiProperty({ type: 'number', nullable: true, example: 8 }) rpeTarget: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: null }) rirTarget: number | null;
  @ApiProperty({ type: 'integer', example: 120 }) restSeconds: number;
}

export class PlanProgressionDto {
  @ApiProperty({ enum: ProgressionType, enumName: 'ProgressionType' }) type: ProgressionType;
  @ApiPropertyOptional({ type: 'number', example: 2.5 }) incrementKg?: number;
  @ApiPropertyOptional({ enum: ProgressionTrigger, enumName: 'ProgressionTrigger' })
  when?: ProgressionTrigger;
}

export class PlannedExerciseDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) exerciseId: string;
  @ApiProperty({ example: 'Barbell Squat' }) name: string;
  @ApiProperty({ enum: MovementPattern, enumName: 'MovementPattern' }) pattern: MovementPattern;
  @ApiProperty({ enum: Equipment, enumName: 'Equipment' }) equipment: Equipment;
  @ApiProperty({ type: PrescriptionDto }) prescription: PrescriptionDto;
  @ApiProperty({ type: PlanProgressionDto }) progression: ProgressionRule;
}

export class PlannedDayDto {
  @ApiProperty({ example: 'Full body A' }) name: string;
  @ApiProperty({ description: 'Why the day is built this way (at most 500 characters)' })
  rationale: string;
  @ApiProperty({ type: 'integer', example: 58 }) estimatedMinutes: number;
  @ApiProperty({ type: [PlannedExerciseDto] }) exercises: PlannedExerciseDto[];
}

export class WeeklySetsDto {
  @ApiProperty({ enum: Muscle, enumName: 'Muscle' }) muscle: Muscle;
  @ApiProperty({ type: 'number', example: 10.5 }) sets: number;
}

export class GeneratedPlanDto {
  @ApiProperty({ example: 'Hypertrophy: 3 days × 60 min' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: PlanGoal, enumName: 'PlanGoal' }) goal: PlanGoal;
  @ApiProperty({ enum: ExerciseLevel, enumName: 'ExerciseLevel' }) level: ExerciseLevel;
  @ApiProperty({ type: 'integer' }) daysPerWeek: number;
  @ApiProperty({ type: 'integer' }) sessionMinutes: number;
  @ApiProperty({ type: [PlannedDayDto] }) days: PlannedDayDto[];
  @ApiProperty({
    type: [WeeklySetsDto],
    description: 'Hard sets a week by muscle: 1 per set as primary muscle, 0.5 as secondary',
  })
  weeklySets: WeeklySetsDto[];
  @ApiProperty({ type: [String], description: 'Where the volume and intensity ranges come from' })
  sources: string[];
}

export const PENDING_GENERATION_EXAMPLE = {
  id: '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
  status: GenerationStatus.Pending,
  spec: {
    goal: PlanGoal.Hypertrophy,
    daysPerWeek: 3,
    sessionMinutes: 60,
    level: ExerciseLevel.Intermediate,
    equipment: [Equipment.Barbell, Equipment.Dumbbell],
    excludedExerciseIds: [],
    avoidMuscles: [],
  },
  saveAsTemplate: false,
  plan: null,
  provider: null,
  model: null,
  fellBack: false,
  templateId: null,
  failureReason: null,
  requestedAt: '2026-12-01T21:00:00.000Z',
  completedAt: null,
  createdAt: '2026-12-01T21:00:00.000Z',
} satisfies PlanGenerationDto;

export class PlanGenerationDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ enum: GenerationStatus, enumName: 'GenerationStatus' })
  status: GenerationStatus;
  @ApiProperty({ type: PlanSpecDto, description: 'The request, defaults resolved' })
  spec: PlanSpecDto;
  @ApiProperty({ description: 'The plan is saved as a private template once generated' })
  saveAsTemplate: boolean;
  @ApiProperty({ type: GeneratedPlanDto, nullable: true, description: 'Present once completed' })
  plan: GeneratedPlanDto | null;
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'local',
    description: 'Who wrote the plan once completed: `local` (the rules) or `openai` (the model)',
  })
  provider: 'local' | 'openai' | null;
  @ApiProperty({ type: 'string', nullable: true, example: 'fitai-plan-rules-1' })
  model: string | null;
  @ApiProperty({ description: 'The remote model failed and the local rules answered instead' })
  fellBack: boolean;
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'The private template the plan was saved as (GET /templates/:id)',
  })
  templateId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) failureReason: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: string;

  static from(row: PlanGeneration): PlanGenerationDto {
    return {
      id: row.id,
      status: row.status,
      spec: row.spec,
      saveAsTemplate: row.saveAsTemplate,
      plan: row.status === GenerationStatus.Completed ? (row.plan as GeneratedPlan) : null,
      provider: row.status === GenerationStatus.Completed ? row.provider : null,
      model: row.status === GenerationStatus.Completed ? row.model : null,
      fellBack: row.fellBack,
      templateId: row.templateId,
      failureReason: row.failureReason,
      requestedAt: row.requestedAt.toISOString(),
      completedAt: row.completedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    };
  }
}
