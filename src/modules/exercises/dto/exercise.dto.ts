import { ApiProperty } from '@nestjs/swagger';
import { Exercise } from '../entities/exercise.entity';
import { ExerciseSource, ExerciseStatus } from '../exercise.vocabulary';
import {
  Equipment,
  ExerciseCategory,
  ExerciseForce,
  ExerciseLevel,
  ExerciseMechanic,
  Muscle,
} from '../../training/exercise-attributes.vocabulary';

export class ExerciseDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Barbell_Bench_Press_-_Medium_Grip' }) slug: string;
  @ApiProperty({ example: 'Barbell Bench Press - Medium Grip' }) name: string;
  @ApiProperty({ enum: ExerciseCategory, enumName: 'ExerciseCategory' }) category: ExerciseCategory;
  @ApiProperty({ enum: ExerciseLevel, enumName: 'ExerciseLevel' }) level: ExerciseLevel;
  @ApiProperty({ enum: Equipment, enumName: 'Equipment', nullable: true })
  equipment: Equipment | null;
  @ApiProperty({ enum: ExerciseForce, enumName: 'ExerciseForce', nullable: true })
  force: ExerciseForce | null;
  @ApiProperty({ enum: ExerciseMechanic, enumName: 'ExerciseMechanic', nullable: true })
  mechanic: ExerciseMechanic | null;
  @ApiProperty({ enum: Muscle, enumName: 'Muscle', isArray: true, example: ['chest'] })
  primaryMuscles: Muscle[];
  @ApiProperty({
    enum: Muscle,
    enumName: 'Muscle',
    isArray: true,
    example: ['shoulders', 'triceps'],
  })
  secondaryMuscles: Muscle[];
  @ApiProperty({ type: [String] }) instructions: string[];
  @ApiProperty({ enum: ExerciseSource, enumName: 'ExerciseSource' }) source: ExerciseSource;
  @ApiProperty({ enum: ExerciseStatus, enumName: 'ExerciseStatus' }) status: ExerciseStatus;
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'The user who made it; null for the library',
  })
  createdById: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: "The reviewer's note on a user-made exercise (why it was rejected)",
  })
  reviewNote: string | null;

  static fromAll(exercises: Exercise[]): ExerciseDto[] {
    return exercises.map((e) => ExerciseDto.from(e));
  }

  static from(exercise: Exercise): ExerciseDto {
    return {
      id: exercise.id,
      slug: exercise.slug,
      name: exercise.name,
      category: exercise.category,
      level: exercise.level,
      equipment: exercise.equipment,
      force: exercise.force,
      mechanic: exercise.mechanic,
      primaryMuscles: exercise.primaryMuscles,
      secondaryMuscles: exercise.secondaryMuscles,
      instructions: exercise.instructions,
      source: exercise.source,
      status: exercise.status,
      createdById: exercise.createdById,
      reviewNote: exercise.reviewNote,
    };
  }
}

export class FilterValueDto {
  @ApiProperty({ example: 'chest' }) value: string;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 94,
    description: 'Exercises with this value',
  })
  count: number;
}

export class ExerciseFiltersDto {
  @ApiProperty({ type: [FilterValueDto], description: 'Primary or secondary' })
  muscles: FilterValueDto[];
  @ApiProperty({ type: [FilterValueDto] }) equipment: FilterValueDto[];
  @ApiProperty({ type: [FilterValueDto] }) categories: FilterValueDto[];
  @ApiProperty({ type: [FilterValueDto] }) levels: FilterValueDto[];
  @ApiProperty({ type: [FilterValueDto] }) forces: FilterValueDto[];
  @ApiProperty({ type: [FilterValueDto] }) mechanics: FilterValueDto[];
}

/** An approved exercise whose name is close to another's, for the reviewer (and creator). */
export class NearDuplicateDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Goblet Squat' }) name: string;
  @ApiProperty({
    type: 'number',
    minimum: 0,
    maximum: 1,
    example: 0.62,
    description: 'Trigram similarity of the names, 0–1',
  })
  similarity: number;
}

/** A newly made exercise, with the approved exercises its name is close to. */
export class ExerciseSubmissionDto extends ExerciseDto {
  @ApiProperty({ type: [NearDuplicateDto] }) nearDuplicates: NearDuplicateDto[];
}

/** An entry of the review queue. */
export class PendingExerciseDto extends ExerciseSubmissionDto {
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'Ada',
    description: "The creator's display name; null if the account is gone",
  })
  createdByName: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) submittedAt: string;
}
