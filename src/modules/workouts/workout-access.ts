import { Injectable, NotFoundException } from '@nestjs/common';
import { WeightUnit } from '../../common/units/weight-unit';
import { ExercisesService } from '../exercises/exercises.service';
import { UsersService } from '../users/users.service';
import { WorkoutDto } from './dto/workout.dto';
import { Workout } from './entities/workout.entity';
import { WorkoutProblems } from './workout-problems';
import { WorkoutStatus } from './workout-state';
import { WorkoutsRepository } from './workouts.repository';

/**
 * How both workout services reach the caller's workout: read as the API answers it (in the
 * user's weight unit), or locked for a change, and a 404 when it is not theirs.
 */
@Injectable()
export class WorkoutAccess {
  constructor(
    private readonly exercises: ExercisesService,
    private readonly users: UsersService,
  ) {}

  /** The unit the user sends and reads weights in. */
  async unitOf(userId: string): Promise<WeightUnit> {
    return (await this.users.preferencesOf(userId)).weightUnit;
  }

  /** The caller's workout as the API answers it, read through `tx`; 404 if not theirs. */
  async detail(
    tx: WorkoutsRepository,
    userId: string,
    id: string,
    unit: WeightUnit,
  ): Promise<WorkoutDto> {
    const workout = await tx.findDetail(userId, id);
    if (!workout) throw this.notFound();
    const completed = workout.status === WorkoutStatus.Completed;
    const records = completed ? await tx.findRecords(id) : [];
    const current = records.length > 0 ? await tx.currentRecordIds(id) : new Set<string>();
    const exercises = await this.exercises.labelsOf(
      workout.exercises!.map((item) => item.exerciseId),
      tx.manager,
    );
    return WorkoutDto.fromDetail(workout, records, exercises, unit, current);
  }

  /** The caller's workout, locked; 404 if not theirs, 409 with the current state if stale. */
  async lockForChange(
    tx: WorkoutsRepository,
    userId: string,
    id: string,
    version: number | undefined,
    unit: WeightUnit,
  ): Promise<Workout> {
    const workout = await tx.lockOwned(userId, id);
    if (!workout) throw this.notFound();
    if (version !== undefined && version !== workout.version) {
      throw WorkoutProblems.versionConflict.exception(
        `The workout is at version ${workout.version}; this change was based on version ${version}. Reconcile with \`current\` and retry.`,
        { current: await this.detail(tx, userId, id, unit) },
      );
    }
    return workout;
  }

  notFound(): NotFoundException {
    return new NotFoundException('No such workout.');
  }
}
