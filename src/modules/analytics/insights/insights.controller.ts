import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../../common/auth/roles';
import { ApiProblems } from '../../../common/swagger/api-problems.decorator';
import { ApiOk } from '../../../common/swagger/api-responses';
import { InsightsQueryDto } from './dto/insights-query.dto';
import { InsightsDto } from './dto/insights.dto';
import { AnalyticsInsightsService } from './insights.service';

@ApiTags('analytics')
@Authenticated()
@ApiProblems(429)
@Controller('analytics')
export class AnalyticsInsightsController {
  constructor(private readonly insights: AnalyticsInsightsService) {}

  @Get('insights')
  @ApiOperation({
    summary: 'Correlations between your journal and your training, and anomalies',
    description:
      'Mood and energy vs training the same day and the next, session volume vs mood and ' +
      'energy, tags and entry types vs mood, sleep-like tags vs the next session (volume ' +
      'relative to your recent norm). Each pair is tested with a seeded permutation test; only ' +
      'pairs that pass Benjamini–Hochberg across all tested pairs are shown, with their effect, ' +
      'sample size and the days (entry and workout ids) behind them. Anomalies: a session far ' +
      'below your usual volume, or a mood dip, by robust z-score. Days are those of your time ' +
      'zone, volumes in your weight unit (docs/insights.md).',
  })
  @ApiOk(InsightsDto)
  @ApiProblems(400)
  async get(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: InsightsQueryDto,
  ): Promise<InsightsDto> {
    return this.insights.insights(caller.id, { from: query.startDate, to: query.endDate });
  }
}
