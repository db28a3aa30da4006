import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiOk } from '../../common/swagger/api-responses';
import { TemplateDto } from '../templates/dto/template.dto';
import { ApplyOptimizationDto, TemplateOptimizationDto } from './dto/template-optimization.dto';
import { TemplateOptimizationService } from './template-optimization.service';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { LOCATION_HEADER, SetsLocation } from '../../common/http/location.decorator';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiAccepted } from '../../common/swagger/api-responses';
import { AiProblems } from '../ai/ai-quota.service';
import { GeneratePlanDto } from './dto/generate-plan.dto';
import { PENDING_GENERATION_EXAMPLE, PlanGenerationDto } from './dto/plan-generation.dto';
import { PlanGenerationService } from './plan-generation.service';

/** The AI coach's routes under /templates (the templates module keeps the rest). */
@ApiTags('templates')
@Authenticated()
@ApiProblems(429)
@Controller('templates')
export class TemplateCoachController {
  constructor(
    private readonly plans: PlanGenerationService,
    private readonly optimizations: TemplateOptimizationService,
  ) {}

  @Post(':id/ai-optimize')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Propose changes to your template from your sessions of it',
    description:
      'Looks at your completed sessions of the template (last 12 weeks): stalled estimated 1RM, missed reps, RPE ' +
      'above the target, weekly sets per muscle. Proposes load progression, a deload, a variation for a stalled ' +
      'exercise, or a set more or less, each with its reason and numbers. Nothing changes until you apply them ' +
      '(POST …/apply). Your own templates only (404 otherwise). Counts against the daily `template_optimization` quota.',
  })
  @ApiOk(TemplateOptimizationDto)
  @ApiProblems(400, 404, AiProblems.quotaExceeded)
  optimize(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<TemplateOptimizationDto> {
    return this.optimizations.propose(caller.id, id);
  }

  @Post(':id/ai-optimize/:optimizationId/apply')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Apply chosen proposed changes: a new version of the template',
    description:
      'Applies the named changes of a proposal to the template version it was made for and answers the new version. ' +
      '409 when the template changed since (ask for a new proposal) or the proposal was applied already.',
  })
  @ApiOk(TemplateDto)
  @ApiProblems(400, 404, 409)
  apply(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('optimizationId') optimizationId: string,
    @Body() dto: ApplyOptimizationDto,
  ): Promise<TemplateDto> {
    return this.optimizations.apply(caller.id, id, optimizationId, dto);
  }

  @Post('ai-generate')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Generate a plan and save it as your private template (asynchronous)',
    description:
      'As POST /ai/workout-generate; once completed, the generation names the new private template in `templateId`.',
  })
  @SetsLocation((generation: PlanGenerationDto) => `ai/generations/${generation.id}`)
  @ApiAccepted(PlanGenerationDto, {
    description: 'Generation started; poll Location',
    headers: LOCATION_HEADER,
    example: { ...PENDING_GENERATION_EXAMPLE, saveAsTemplate: true },
  })
  @ApiProblems(400, AiProblems.quotaExceeded)
  generate(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: GeneratePlanDto,
  ): Promise<PlanGenerationDto> {
    return this.plans.request(caller.id, dto, true);
  }
}
