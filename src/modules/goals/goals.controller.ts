import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
import { GoalsService } from './goals.service';

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
  @ApiProblems(400, 422)
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
  })
  @ApiOkResponse({ type: GoalAnalyticsDto })
  analytics(@CurrentUser() caller: AuthenticatedUser): Promise<GoalAnalyticsDto> {
    return this.goals.analytics(caller.id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One goal', description: "Another user's goal is a 404." })
  @ApiOkResponse({ type: GoalDto })
  @ApiProblems(400, 404)
  get(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<GoalDto> {
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
  @ApiOkResponse({ type: GoalDto })
  @ApiProblems(400, 404, 409)
  update(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateGoalDto,
  ): Promise<GoalDto> {
    return this.goals.update(caller.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a goal' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404)
  remove(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.goals.remove(caller.id, id);
  }

  @Post(':id/complete')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Mark a goal achieved by hand',
    description: 'Only an active goal: otherwise a 409 `goal-not-active`.',
  })
  @ApiOkResponse({ type: GoalDto })
  @ApiProblems(400, 404, 409)
  complete(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<GoalDto> {
    return this.goals.complete(caller.id, id);
  }

  @Get(':id/progress')
  @ApiOperation({
    summary: 'Baseline, current value, target, percent and the milestones reached',
    description: `Milestones at 25, 50, 75 and 100 % are recorded once each, when first reached. ${PROGRESS}`,
  })
  @ApiOkResponse({ type: GoalProgressDto })
  @ApiProblems(400, 404)
  progress(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<GoalProgressDto> {
    return this.goals.progress(caller.id, id);
  }
}
