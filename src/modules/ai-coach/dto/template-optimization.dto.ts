import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsString,
  Matches,
} from 'class-validator';
import { TemplateOptimization } from '../entities/template-optimization.entity';
import { ChangeKind, ProposedChange } from '../template-optimization';

export class ProposedChangeDto implements ProposedChange {
  @ApiProperty({ example: 'c1', description: 'Name it in POST …/apply to apply the change' })
  id: string;
  @ApiProperty({ enum: ChangeKind, enumName: 'TemplateChangeKind' }) kind: ChangeKind;
  @ApiProperty({ type: 'integer', example: 0 }) dayIndex: number;
  @ApiProperty({ type: 'integer', example: 1 }) exerciseIndex: number;
  @ApiProperty({ type: 'string', format: 'uuid' }) exerciseId: string;
  @ApiProperty({ example: 'Barbell Squat' }) exerciseName: string;
  @ApiProperty({
    example:
      'Missed reps in 3 of 6 sets over the last two sessions: lower the load by 10 % (and the effort target by one) for a week, then build back up.',
  })
  reason: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { missedSets: 3, sets: 6, rpeDrift: 1.2 },
    description: 'The numbers behind the reason',
  })
  evidence: Record<string, number | number[] | string | null>;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  replacementExerciseId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) replacementName: string | null;
}

export class TemplateOptimizationDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) templateId: string;
  @ApiProperty({ type: 'integer', description: 'The template version the changes address' })
  templateVersion: number;
  @ApiProperty({ type: 'integer', description: 'Completed sessions of the template looked at' })
  sessionsAnalysed: number;
  @ApiProperty({ type: [ProposedChangeDto], description: 'Empty when nothing needs changing' })
  changes: ProposedChangeDto[];
  @ApiProperty({ type: [String], nullable: true }) appliedChangeIds: string[] | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) appliedAt: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) appliedVersion: number | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: string;

  static from(row: TemplateOptimization): TemplateOptimizationDto {
    return {
      id: row.id,
      templateId: row.templateId,
      templateVersion: row.templateVersion,
      sessionsAnalysed: row.sessionsAnalysed,
      changes: row.changes,
      appliedChangeIds: row.appliedChangeIds,
      appliedAt: row.appliedAt?.toISOString() ?? null,
      appliedVersion: row.appliedVersion,
      createdAt: row.createdAt.toISOString(),
    };
  }
}

/** Body of POST /templates/:id/ai-optimize/:optimizationId/apply. */
export class ApplyOptimizationDto {
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: 100,
    example: ['c1', 'c3'],
    description: 'The changes to apply (ids from the proposal); the others are left out',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/^c\d{1,3}$/, { each: true })
  changeIds: string[];
}
