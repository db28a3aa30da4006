import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
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
@Controller('templates')
export class TemplateCoachController {
  constructor(private readonly plans: PlanGenerationService) {}

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
