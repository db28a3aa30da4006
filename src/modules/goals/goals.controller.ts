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
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { CreatesResource } from '../../common/http/location.decorator';
import { ApiCursorPageResponse, CursorPage } from '../../common/pagination/cursor';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { CreateGoalDto } from './dto/create-goal.dto';
import { GoalAnalyticsDto } from './dto/goal-analytics.dto';
import { GoalProgressDto } from './dto/goal-progress.dto';
import { GoalDto } from './dto/goal.dto';
import { ListGoalsQueryDto } from './dto/list-goals-query.dto';
import { UpdateGoalDto } from './dto/update-goal.dto';
import { GoalProblems } from './goal-problems';
import { GoalsService } from './goals.service';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiOk } from '../../common/swagger/api-responses';

const PROGRESS =
  'Progress is measured again in the background after every completed workout and body ' +
  'reading (docs/goals.md); weights are in the weight unit of your preferences.';

@ApiTags('goals')
@Authenticated()
@ApiProblems(429)
@Controller('goals')
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  @Post()
  @ApiOperation({
    summary: 'Set a goal',
    description:
      'strength: `e1rm` or `weight` on `exerciseId`; body: `body_weight` or `body_fat`; ' +
      'consistency: `sessions_per_week`. The baseline is your value now (0 for a lift never ' +
      'done); the target must be above it for strength and consistency and differ from it for ' +
      'body goals (a field error on `target` otherwise). A body goal without any reading is a ' +
      `422 \`no-baseline\`. ${PROGRESS}`,
  })
  @CreatesResource(GoalDto, (goal) => `goals/${goal.id}`)
  @ApiProblems(400, GoalProblems.noBaseline)
  create(@CurrentUser() caller: AuthenticatedUser, @Body() dto: CreateGoalDto): Promise<GoalDto> {
    return this.goals.create(caller.id, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List your goals, newest first', description: PROGRESS })
  @ApiCursorPageResponse(GoalDto)
  @ApiProblems(400)
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: ListGoalsQueryDto,
  ): Promise<CursorPage<GoalDto>> {
    return this.goals.list(caller.id, query);
  }

  @Get('analytics')
  @ApiOperation({
    summary: 'Counts by status and type, achievement rate, average days to achieve',
    description:
      'Over your goals, deleted ones excepted. The rate and the average are null until a goal ' +
      'has ended (achieved or abandoned) or been achieved.',
  })
  @ApiOk(GoalAnalyticsDto)
  analytics(@CurrentUser() caller: AuthenticatedUser): Promise<GoalAnalyticsDto> {
    return this.goals.analytics(caller.id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One goal', description: "Another user's goal is a 404." })
  @ApiOk(GoalDto)
  @ApiProblems(400, 404)
  get(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<GoalDto> {
    return this.goals.get(caller.id, id);
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Change a goal',
    description:
      'Send only what changes. A new target (checked against the baseline) or a resumed goal ' +
      'is measured again in the background. An achieved goal keeps its target and status: ' +
      'changing them is a 409 `goal-not-active`.',
  })
  @ApiOk(GoalDto)
  @ApiProblems(400, 404, GoalProblems.notActive)
  update(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: UpdateGoalDto,
  ): Promise<GoalDto> {
    return this.goals.update(caller.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a goal',
    description: "A soft delete: it leaves lists and analytics. Another user's goal is a 404.",
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404)
  remove(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.goals.remove(caller.id, id);
  }

  @Post(':id/complete')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Mark a goal achieved by hand',
    description: 'Only an active goal: otherwise a 409 `goal-not-active`.',
  })
  @ApiOk(GoalDto)
  @ApiProblems(400, 404, GoalProblems.notActive)
  complete(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<GoalDto> {
    return this.goals.complete(caller.id, id);
  }

  @Get(':id/progress')
  @ApiOperation({
    summary: 'Baseline, current value, target, percent and the milestones reached',
    description: `Milestones at 25, 50, 75 and 100 % are recorded once each, when first reached. ${PROGRESS}`,
  })
  @ApiOk(GoalProgressDto)
  @ApiProblems(400, 404)
  progress(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<GoalProgressDto> {
    return this.goals.progress(caller.id, id);
  }
}
