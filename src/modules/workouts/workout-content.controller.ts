import { Body, Controller, Delete, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { Problems } from '../../common/errors/problem-types';
import { IdempotencyKey } from '../../common/idempotency/idempotency-key';
import { Idempotent, IdempotentCreate } from '../../common/idempotency/idempotent-create.decorator';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { WorkoutDto, WorkoutExerciseChangeDto, WorkoutSetChangeDto } from './dto/workout.dto';
import { AddWorkoutExerciseDto, UpdateWorkoutExerciseDto } from './dto/workout-exercise-input.dto';
import { CreateWorkoutSetDto, UpdateWorkoutSetDto } from './dto/workout-set-input.dto';
import { WorkoutContentService } from './workout-content.service';
import { WorkoutProblems } from './workout-problems';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiOk } from '../../common/swagger/api-responses';

const OPEN =
  'Only while the workout is planned, in_progress or paused: a completed or abandoned one answers 409 workout-closed. Every change bumps the workout `version`.';

/** What an Idempotency-Key does on a create of workout content. */
const IDEMPOTENT = (what: string) =>
  `Offline-safe: send an \`Idempotency-Key\` and a retry (same key, same path and body) answers the ${what} first (200, \`Idempotent-Replayed: true\`), even once the workout is closed, instead of a duplicate; the same key with another request is a 422, and a retry of something deleted since a 404.`;

/** The exercises of a workout and their sets. `:exerciseId` is the exercise's id. */
@ApiTags('workouts')
@Authenticated()
@ApiProblems(429)
@Controller('workouts/:id/exercises')
export class WorkoutContentController {
  constructor(private readonly content: WorkoutContentService) {}

  @Post()
  @ApiOperation({
    summary: 'Add an exercise to a workout',
    description: `An exercise appears once per workout (409 exercise-already-in-workout). ${IDEMPOTENT('exercise added')} ${OPEN}`,
  })
  @IdempotentCreate(
    WorkoutExerciseChangeDto,
    (added, { id }) => `workouts/${id}/exercises/${added.exerciseId}`,
    'exercise added',
  )
  @ApiProblems(
    400,
    404,
    WorkoutProblems.workoutClosed,
    WorkoutProblems.exerciseAlreadyInWorkout,
    WorkoutProblems.limitReached,
    Problems.idempotencyKeyReused,
  )
  addExercise(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: AddWorkoutExerciseDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<Idempotent<WorkoutExerciseChangeDto>> {
    return this.content.addExercise(caller.id, id, dto, idempotencyKey);
  }

  @Put(':exerciseId')
  @ApiOperation({
    summary: 'Move an exercise or change its notes',
    description: `Optional \`version\`: if stale, 409 version-conflict with the current workout. ${OPEN}`,
  })
  @ApiOk(WorkoutExerciseChangeDto)
  @ApiProblems(400, 404, WorkoutProblems.versionConflict, WorkoutProblems.workoutClosed)
  updateExercise(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('exerciseId') exerciseId: string,
    @Body() dto: UpdateWorkoutExerciseDto,
  ): Promise<WorkoutExerciseChangeDto> {
    return this.content.updateExercise(caller.id, id, exerciseId, dto);
  }

  @Delete(':exerciseId')
  @ApiOperation({
    summary: 'Remove an exercise and its sets',
    description: `Answers the workout as it is now. ${OPEN}`,
  })
  @ApiOk(WorkoutDto)
  @ApiProblems(400, 404, WorkoutProblems.workoutClosed)
  removeExercise(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('exerciseId') exerciseId: string,
  ): Promise<WorkoutDto> {
    return this.content.removeExercise(caller.id, id, exerciseId);
  }

  @Post(':exerciseId/sets')
  @ApiOperation({
    summary: 'Log a set',
    description: `Appended after the exercise's last set. No version needed: sets logged at once from several devices all land. Weights are in your unit (GET /users/preferences). ${IDEMPOTENT('set logged')} ${OPEN}`,
  })
  @IdempotentCreate(
    WorkoutSetChangeDto,
    (set, { id }) => `workouts/${id}/exercises/${set.exerciseId}/sets/${set.id}`,
    'set logged',
  )
  @ApiProblems(
    400,
    404,
    WorkoutProblems.workoutClosed,
    WorkoutProblems.limitReached,
    Problems.idempotencyKeyReused,
  )
  addSet(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('exerciseId') exerciseId: string,
    @Body() dto: CreateWorkoutSetDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<Idempotent<WorkoutSetChangeDto>> {
    return this.content.addSet(caller.id, id, exerciseId, dto, idempotencyKey);
  }

  @Put(':exerciseId/sets/:setId')
  @ApiOperation({
    summary: 'Change a set (weight, reps, RPE or RIR, rest, type, completed)',
    description: `Send what changes; null clears a value. Optional \`version\` for offline clients: if stale, 409 version-conflict with the current workout. ${OPEN}`,
  })
  @ApiOk(WorkoutSetChangeDto)
  @ApiProblems(400, 404, WorkoutProblems.versionConflict, WorkoutProblems.workoutClosed)
  updateSet(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('exerciseId') exerciseId: string,
    @UuidParam('setId') setId: string,
    @Body() dto: UpdateWorkoutSetDto,
  ): Promise<WorkoutSetChangeDto> {
    return this.content.updateSet(caller.id, id, exerciseId, setId, dto);
  }

  @Delete(':exerciseId/sets/:setId')
  @ApiOperation({
    summary: 'Delete a set',
    description: `Answers the workout as it is now. ${OPEN}`,
  })
  @ApiOk(WorkoutDto)
  @ApiProblems(400, 404, WorkoutProblems.workoutClosed)
  removeSet(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('exerciseId') exerciseId: string,
    @UuidParam('setId') setId: string,
  ): Promise<WorkoutDto> {
    return this.content.removeSet(caller.id, id, exerciseId, setId);
  }
}
