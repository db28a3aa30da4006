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
import { BodyMetricProblems } from './body-metric-problems';
import { BodyMetricsService } from './body-metrics.service';
import { BodyTrendsService } from './body-trends.service';
import { BodyAnalyticsDto } from './dto/body-analytics.dto';
import { BodyMetricDto } from './dto/body-metric.dto';
import { BodyPredictionDto } from './dto/body-prediction.dto';
import { BodyAnalyticsQueryDto, BodyPredictionQueryDto } from './dto/body-trend-query.dto';
import { CreateBodyMetricDto } from './dto/create-body-metric.dto';
import { ListBodyMetricsQueryDto } from './dto/list-body-metrics-query.dto';
import { UpdateBodyMetricDto } from './dto/update-body-metric.dto';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiOk } from '../../common/swagger/api-responses';

const UNITS =
  "Weights are in the weight unit and circumferences in the length unit of the caller's " +
  'preferences (`/users/preferences`); body fat is a percentage.';

@ApiTags('progress')
@Authenticated()
@ApiProblems(429)
@Controller('progress/body')
export class BodyMetricsController {
  constructor(
    private readonly metrics: BodyMetricsService,
    private readonly trends: BodyTrendsService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Log body measurements',
    description:
      `${UNITS} Send at least one measurement. Values are checked after conversion: weight ` +
      '20–400 kg, body fat 2–70 %, circumferences 10–250 cm. A second reading at the same ' +
      'instant is a 409 naming the existing one (`existingId`), so a retried POST never ' +
      'duplicates.',
  })
  @CreatesResource(BodyMetricDto, (metric) => `progress/body/${metric.id}`)
  @ApiProblems(400, BodyMetricProblems.exists)
  create(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: CreateBodyMetricDto,
  ): Promise<BodyMetricDto> {
    return this.metrics.create(caller.id, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List body measurements, newest first',
    description: `Filter by time range (\`from\` inclusive, \`to\` exclusive); pages with \`cursor\`. ${UNITS}`,
  })
  @ApiCursorPageResponse(BodyMetricDto)
  @ApiProblems(400)
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: ListBodyMetricsQueryDto,
  ): Promise<CursorPage<BodyMetricDto>> {
    return this.metrics.list(caller.id, query);
  }

  @Get('analytics')
  @ApiOperation({
    summary: 'Daily values, moving average and rate of change of one body metric',
    description:
      "Days are the caller's local days (preferences time zone); a day's value is the mean of " +
      'its readings. The moving average spans `window` calendar days (gaps are not filled). ' +
      '`ratePerWeek` is the least-squares slope of the daily values, per 7 days.',
  })
  @ApiOk(BodyAnalyticsDto)
  @ApiProblems(400)
  analytics(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: BodyAnalyticsQueryDto,
  ): Promise<BodyAnalyticsDto> {
    return this.trends.analytics(caller.id, query);
  }

  @Get('predictions')
  @ApiOperation({
    summary: 'Project a body metric along its linear trend, with a 95 % prediction interval',
    description:
      'Ordinary least squares over the daily values of the last `days` days; the interval is ' +
      "where a single day's value is expected to fall if the trend holds. A 422 " +
      '`not-enough-data` answers when there are readings on fewer than 5 days, or the first ' +
      'and last are under 14 days apart.',
  })
  @ApiOk(BodyPredictionDto)
  @ApiProblems(400, BodyMetricProblems.notEnoughData)
  predictions(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: BodyPredictionQueryDto,
  ): Promise<BodyPredictionDto> {
    return this.trends.predict(caller.id, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One body reading', description: "Another user's reading is a 404." })
  @ApiOk(BodyMetricDto)
  @ApiProblems(400, 404)
  get(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<BodyMetricDto> {
    return this.metrics.get(caller.id, id);
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Change a body reading',
    description:
      'Send only what changes; `null` clears a measurement or the note, and at least one ' +
      'measurement must remain. Moving it onto the instant of another reading is a 409.',
  })
  @ApiOk(BodyMetricDto)
  @ApiProblems(400, 404, BodyMetricProblems.exists)
  update(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: UpdateBodyMetricDto,
  ): Promise<BodyMetricDto> {
    return this.metrics.update(caller.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a body reading',
    description:
      "Another user's reading is a 404. Body goals are measured again in the background.",
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404)
  remove(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.metrics.remove(caller.id, id);
  }
}
