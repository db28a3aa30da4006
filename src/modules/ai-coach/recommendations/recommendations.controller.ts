import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../../common/auth/roles';
import { UuidParam } from '../../../common/http/uuid-param.decorator';
import { ApiCursorPageResponse, CursorPage } from '../../../common/pagination/cursor';
import { CursorQueryDto } from '../../../common/pagination/cursor-query.dto';
import { ApiPageResponse, Page } from '../../../common/pagination/page';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { ApiProblems } from '../../../common/swagger/api-problems.decorator';
import { ApiOk } from '../../../common/swagger/api-responses';
import { RecommendationDto, RecommendationFeedbackDto } from './dto/recommendation.dto';
import { RecommendationsService } from './recommendations.service';

@ApiTags('ai-coach')
@Authenticated()
@ApiProblems(429)
@Controller('ai/recommendations')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Get()
  @ApiOperation({
    summary: 'Your current recommendations, best first',
    description:
      'Computed in the background from your own numbers after your workouts, goals, readings and journal change ' +
      '(within a minute) and once a day: under-trained muscles, training load (session RPE × minutes, acute:chronic ' +
      'ratio, a deload hint above 1.5), consistency, goals behind pace, a template that suits you. Each carries the ' +
      'numbers that produced it and its sources. Ranked by the rule’s priority times your preference for the kind, ' +
      'which your feedback moves. Pages with `page` and `limit`.',
  })
  @ApiPageResponse(RecommendationDto)
  @ApiProblems(400)
  current(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: PageQueryDto,
  ): Promise<Page<RecommendationDto>> {
    return this.recommendations.current(caller.id, query);
  }

  @Get('history')
  @ApiOperation({
    summary: 'Every recommendation you were given, newest first',
    description:
      'Current, resolved (no longer found by the latest computation), dismissed and done ones, with your feedback. ' +
      'Pages with `cursor`.',
  })
  @ApiCursorPageResponse(RecommendationDto)
  @ApiProblems(400)
  history(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: CursorQueryDto,
  ): Promise<CursorPage<RecommendationDto>> {
    return this.recommendations.history(caller.id, query);
  }

  @Put(':id/feedback')
  @ApiOperation({
    summary: 'Say whether a recommendation helped',
    description:
      '`useful` or `done` make its kind shown more, `not_useful` less (a Beta prior per kind; a kind whose mean falls ' +
      'under 0.25 is no longer shown). `not_useful` dismisses it for 14 days and `done` closes it for 7: the same ' +
      'kind and subject does not come back before. Your own recommendations only (404 otherwise).',
  })
  @ApiOk(RecommendationDto)
  @ApiProblems(400, 404)
  feedback(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: RecommendationFeedbackDto,
  ): Promise<RecommendationDto> {
    return this.recommendations.feedback(caller.id, id, dto);
  }
}
