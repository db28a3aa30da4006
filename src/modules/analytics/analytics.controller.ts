import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiOk } from '../../common/swagger/api-responses';
import { AnalyticsService } from './analytics.service';
import {
  AnalyticsCompareDto,
  AnalyticsFrequencyDto,
  AnalyticsOverviewDto,
  AnalyticsVolumeDto,
} from './dto/analytics.dto';
import {
  AnalyticsCompareQueryDto,
  AnalyticsPeriodQueryDto,
  AnalyticsVolumeQueryDto,
} from './dto/analytics-query.dto';

const COUNTED =
  'Only completed workouts and their completed working (non warm-up) sets count, each on the ' +
  "local day it started. Days and ISO weeks are those of the caller's time zone, weights in " +
  'their weight unit (`/users/preferences`). The period is `from`..`to`, both included (default: ' +
  'the last 28 days ending today), at most 1096 days; an invalid one is a field-level 400. ' +
  '`freshness` says whether the training rollups were behind and caught up by this read.';

@ApiTags('analytics')
@Authenticated()
@ApiProblems(429)
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('overview')
  @ApiOperation({
    summary: 'Headline figures of a period, each with its change vs the previous period',
    description:
      `${COUNTED} Figures: sessions, training days, sets, volume, personal records, the week ` +
      'and day streaks at the last day, body weight (last day with a reading) and its change ' +
      'over the period, goals achieved and active, mean mood and energy of the journal. The ' +
      'previous period has the same length and ends the day before `from`.',
  })
  @ApiOk(AnalyticsOverviewDto)
  @ApiProblems(400)
  async overview(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: AnalyticsPeriodQueryDto,
  ): Promise<AnalyticsOverviewDto> {
    return this.analytics.overview(caller.id, await this.analytics.periodOf(caller.id, query));
  }

  @Get('volume')
  @ApiOperation({
    summary: 'Sessions, sets and volume per ISO week or calendar month',
    description:
      `${COUNTED} Every bucket touching the period is listed (empty ones too); a bucket cut by ` +
      'the period counts only its days within it.',
  })
  @ApiOk(AnalyticsVolumeDto)
  @ApiProblems(400)
  async volume(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: AnalyticsVolumeQueryDto,
  ): Promise<AnalyticsVolumeDto> {
    const period = await this.analytics.periodOf(caller.id, query);
    return this.analytics.volume(caller.id, { ...period, bucket: query.bucket });
  }

  @Get('frequency')
  @ApiOperation({
    summary: 'How often you train: sessions per week, days and weeks trained, weekdays, streaks',
    description: `${COUNTED} Streaks run over the whole history up to the last day.`,
  })
  @ApiOk(AnalyticsFrequencyDto)
  @ApiProblems(400)
  async frequency(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: AnalyticsPeriodQueryDto,
  ): Promise<AnalyticsFrequencyDto> {
    return this.analytics.frequency(caller.id, await this.analytics.periodOf(caller.id, query));
  }

  @Get('compare')
  @ApiOperation({
    summary: 'The overview figures of two periods side by side, and their differences (b − a)',
    description:
      `${COUNTED} \`a\` and \`b\` are periods written \`first..last\` ` +
      '(e.g. `a=2026-09-01..2026-09-30&b=2026-10-01..2026-10-31`); they may differ in length ' +
      'and overlap.',
  })
  @ApiOk(AnalyticsCompareDto)
  @ApiProblems(400)
  compare(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: AnalyticsCompareQueryDto,
  ): Promise<AnalyticsCompareDto> {
    return this.analytics.compareTexts(caller.id, query.a, query.b);
  }
}
