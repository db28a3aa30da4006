import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { LOCATION_HEADER, SetsLocation } from '../../common/http/location.decorator';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiCursorPageResponse, CursorPage } from '../../common/pagination/cursor';
import { CursorQueryDto } from '../../common/pagination/cursor-query.dto';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiAccepted, ApiOk } from '../../common/swagger/api-responses';
import { AiProblems } from '../ai/ai-quota.service';
import { GeneratePlanDto } from './dto/generate-plan.dto';
import { PENDING_GENERATION_EXAMPLE, PlanGenerationDto } from './dto/plan-generation.dto';
import { PlanGenerationService } from './plan-generation.service';
import { ExerciseSuggestionsDto, SuggestExerciseDto } from './dto/suggest-exercise.dto';
import { SubstitutionService } from './substitution.service';
import { GoalOptimizationDto, GoalOptimizeDto } from './dto/goal-optimize.dto';
import { GoalOptimizationService } from './goal-optimization.service';

const GENERATE_DESCRIPTION =
  'Builds a weekly plan from your goal, days, session length, level, equipment (defaults from your preferences) ' +
  'and exclusions, using only exercises of the library you may use. Computed in the background: answers 202 ' +
  'with the pending generation and a Location to poll (GET /ai/generations/:id). With AI_PROVIDER=openai the ' +
  'model is asked for a JSON-schema answer that is validated (retried once, then the local rules answer). ' +
  'Counts against the daily `plan` quota (429 with Retry-After).';

@ApiTags('ai-coach')
@Authenticated()
@ApiProblems(429)
@Controller('ai')
export class AiCoachController {
  constructor(
    private readonly plans: PlanGenerationService,
    private readonly substitutions: SubstitutionService,
    private readonly goals: GoalOptimizationService,
  ) {}

  @Post('goal-optimize')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Is a goal realistic? A proposed target and date, with a band and milestones',
    description:
      'For an existing e1rm or body_weight goal of yours (`goalId`) or a new one (`metric`, `target` in your weight unit, ' +
      '`exerciseId` for e1rm), from your own trend: weekly best e1RM with diminishing returns, or body weight against safe ' +
      'weekly rates (0.5–1 % loss, 0.25–0.5 % gain; Hall et al. 2011 rather than the 3,500-kcal rule). Another user’s goal ' +
      'is 404. Counts against the daily `goal_optimization` quota.',
  })
  @ApiOk(GoalOptimizationDto)
  @ApiProblems(400, 404, AiProblems.quotaExceeded)
  optimizeGoal(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: GoalOptimizeDto,
  ): Promise<GoalOptimizationDto> {
    return this.goals.optimize(caller.id, dto);
  }

  @Post('exercise-suggest')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Alternatives to an exercise',
    description:
      'For an exercise you can see and a reason (equipment missing, pain, variety), the library exercises you may use ' +
      'ranked by weighted muscle overlap (primary muscles count twice), force, mechanic and level, with your equipment ' +
      '(default from your preferences) and never missing equipment; each with why. Counts against the daily ' +
      '`substitution` quota (429 with Retry-After). 404 for an exercise you cannot see.',
  })
  @ApiOk(ExerciseSuggestionsDto)
  @ApiProblems(400, 404, AiProblems.quotaExceeded)
  suggest(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: SuggestExerciseDto,
  ): Promise<ExerciseSuggestionsDto> {
    return this.substitutions.suggest(caller.id, dto);
  }

  @Post('workout-generate')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Generate a workout plan (asynchronous)',
    description: GENERATE_DESCRIPTION,
  })
  @SetsLocation((generation: PlanGenerationDto) => `ai/generations/${generation.id}`)
  @ApiAccepted(PlanGenerationDto, {
    description: 'Generation started; poll Location',
    headers: LOCATION_HEADER,
    example: PENDING_GENERATION_EXAMPLE,
  })
  @ApiProblems(400, AiProblems.quotaExceeded)
  generate(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: GeneratePlanDto,
  ): Promise<PlanGenerationDto> {
    return this.plans.request(caller.id, dto, false);
  }

  @Get('generations')
  @ApiOperation({
    summary: 'Your plan generations, newest first',
    description: 'Pages with `cursor`.',
  })
  @ApiCursorPageResponse(PlanGenerationDto)
  @ApiProblems(400)
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: CursorQueryDto,
  ): Promise<CursorPage<PlanGenerationDto>> {
    return this.plans.list(caller.id, query);
  }

  @Get('generations/:id')
  @ApiOperation({
    summary: 'One plan generation: status and, once completed, the plan',
    description:
      'Status moves pending → processing → completed (or failed, with `failureReason`). Another user’s generation is 404.',
  })
  @ApiOk(PlanGenerationDto)
  @ApiProblems(400, 404)
  get(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<PlanGenerationDto> {
    return this.plans.get(caller.id, id);
  }
}
