import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBody,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { Problems } from '../../common/errors/problem-types';
import { IdempotencyKey } from '../../common/idempotency/idempotency-key';
import { Idempotent, IdempotentCreate } from '../../common/idempotency/idempotent-create.decorator';
import { ApiCursorPageResponse, CursorPage } from '../../common/pagination/cursor';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { PROGRESSION_RULE_MODELS } from '../templates/dto/progression-rule.dto';
import { CompleteWorkoutDto } from './dto/complete-workout.dto';
import { CreateWorkoutDto } from './dto/create-workout.dto';
import { ListWorkoutsQueryDto } from './dto/list-workouts-query.dto';
import { UpdateWorkoutDto } from './dto/update-workout.dto';
import { WorkoutDto, WorkoutSummaryDto } from './dto/workout.dto';
import { WorkoutAction } from './workout-state';
import { WorkoutProblems } from './workout-problems';
import { WorkoutsService } from './workouts.service';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiOk } from '../../common/swagger/api-responses';

const STALE =
  'A stale or illegal change is a 409 problem whose `current` member is the workout as it is now.';

/** Workout sessions and their state machine; exercises and sets: WorkoutContentController. */
@ApiTags('workouts')
@Authenticated()
@ApiProblems(429)
@ApiExtraModels(...PROGRESSION_RULE_MODELS)
@Controller('workouts')
export class WorkoutsController {
  constructor(private readonly workouts: WorkoutsService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a workout: empty, from a template day, or one already held',
    description:
      "With `templateId` (and `dayIndex`, default 0) the day's exercises become the workout's, each prescription a planned set: a %e1RM load is that percentage of your best estimated one-rep max for the exercise, rounded to 2.5 kg (5 lb), or null without history. The workout starts `planned`. " +
      'A session already under way or held: `startedAt` creates it `in_progress` from that instant; with `completedAt` (at most 12 hours later, neither in the future) and its `exercises` and sets, it is created `completed`, with duration, totals and personal records as of its real date, and counts by that date everywhere. ' +
      'Offline-safe with an `Idempotency-Key`: a retry answers the workout created first.',
  })
  @IdempotentCreate(WorkoutDto, (workout) => `workouts/${workout.id}`, 'workout')
  @ApiProblems(400, 404, Problems.idempotencyKeyReused)
  create(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: CreateWorkoutDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<Idempotent<WorkoutDto>> {
    return this.workouts.create(caller.id, dto, idempotencyKey);
  }

  @Get()
  @ApiOperation({
    summary: 'Workout history, newest first',
    description:
      'Ordered by `sessionAt` (the start, or the schedule while planned). Filter by time range (`from` inclusive, `to` exclusive) and status; pages with `cursor`.',
  })
  @ApiCursorPageResponse(WorkoutSummaryDto)
  @ApiProblems(400)
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: ListWorkoutsQueryDto,
  ): Promise<CursorPage<WorkoutSummaryDto>> {
    return this.workouts.list(caller.id, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One workout with its exercises, sets and records',
    description: "Another user's workout is a 404.",
  })
  @ApiOk(WorkoutDto)
  @ApiProblems(400, 404)
  get(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<WorkoutDto> {
    return this.workouts.get(caller.id, id);
  }

  @Put(':id')
  @ApiOperation({
    summary: "Change a workout's name, notes or schedule",
    description: `Send \`version\` from your last read (optimistic concurrency); name, notes and schedule in every state. \`startedAt\` and \`completedAt\` correct when a session started and ended (a completed one moves in the history, progress and goals, and its records and those of later sessions are reconciled); a planned or abandoned workout has no session to date (400). ${STALE}`,
  })
  @ApiOk(WorkoutDto)
  @ApiProblems(400, 404, WorkoutProblems.versionConflict)
  update(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: UpdateWorkoutDto,
  ): Promise<WorkoutDto> {
    return this.workouts.update(caller.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a workout',
    description: 'In any state, with its sets and personal records.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404)
  remove(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.workouts.remove(caller.id, id);
  }

  @Post(':id/start')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Start a planned workout',
    description: `planned → in_progress. ${STALE}`,
  })
  @ApiOk(WorkoutDto)
  @ApiProblems(400, 404, WorkoutProblems.illegalTransition)
  start(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<WorkoutDto> {
    return this.workouts.transition(caller.id, id, WorkoutAction.Start);
  }

  @Post(':id/pause')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Pause a workout',
    description: `in_progress → paused; paused time does not count towards the duration. ${STALE}`,
  })
  @ApiOk(WorkoutDto)
  @ApiProblems(400, 404, WorkoutProblems.illegalTransition)
  pause(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<WorkoutDto> {
    return this.workouts.transition(caller.id, id, WorkoutAction.Pause);
  }

  @Post(':id/resume')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Resume a paused workout',
    description: `paused → in_progress. ${STALE}`,
  })
  @ApiOk(WorkoutDto)
  @ApiProblems(400, 404, WorkoutProblems.illegalTransition)
  resume(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<WorkoutDto> {
    return this.workouts.transition(caller.id, id, WorkoutAction.Resume);
  }

  @Post(':id/complete')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Complete a workout: duration, totals and personal records',
    description:
      'in_progress or paused → completed, now or at `completedAt` (a session completed after the fact: after its start, at most 12 hours later, not in the future). Computes the duration (paused time excluded), the volume, sets and reps of the completed working sets (warm-ups excluded), and detects personal records against your sessions before its end (a session logged late also restates the records of later ones). Completing again is a 409 and counts nothing twice. ' +
      STALE,
  })
  @ApiBody({ type: CompleteWorkoutDto, required: false })
  @ApiOk(WorkoutDto)
  @ApiProblems(400, 404, WorkoutProblems.illegalTransition)
  complete(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: CompleteWorkoutDto,
  ): Promise<WorkoutDto> {
    return this.workouts.complete(caller.id, id, dto);
  }

  @Post(':id/abandon')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Abandon a workout',
    description: `planned, in_progress or paused → abandoned: kept in the history, counted nowhere. ${STALE}`,
  })
  @ApiOk(WorkoutDto)
  @ApiProblems(400, 404, WorkoutProblems.illegalTransition)
  abandon(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<WorkoutDto> {
    return this.workouts.transition(caller.id, id, WorkoutAction.Abandon);
  }
}
