import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import {
  StrengthSeriesDto,
  StrengthSummaryDto,
  TrainingAnalyticsDto,
  VolumeDto,
} from './dto/progress.dto';
import {
  ProgressPeriodQueryDto,
  StrengthSeriesQueryDto,
  TrainingAnalyticsQueryDto,
} from './dto/progress-query.dto';
import { ProgressService } from './progress.service';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiOk } from '../../common/swagger/api-responses';

const COUNTED =
  'Only completed workouts and their completed working (non warm-up) sets count. Days and ' +
  "ISO weeks are those of the caller's time zone, weights in their weight unit " +
  '(`/users/preferences`).';

@ApiTags('progress')
@Authenticated()
@ApiProblems(429)
@Controller('progress')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Get('strength')
  @ApiOperation({
    summary: 'Current e1RM of each exercise trained in the period, and its change',
    description:
      `${COUNTED} Current e1RM: the best of the last 4 weeks, or of the latest session. ` +
      'Changes compare it with the best of the 4 weeks that ended 4 and 12 weeks ago.',
  })
  @ApiOk(StrengthSummaryDto)
  @ApiProblems(400)
  strength(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: ProgressPeriodQueryDto,
  ): Promise<StrengthSummaryDto> {
    return this.progress.strength(caller.id, query);
  }

  @Get('strength/:exerciseId')
  @ApiOperation({
    summary: 'e1RM of one exercise over time: the best set of each session',
    description: `${COUNTED} An exercise you cannot see is a 404.`,
  })
  @ApiOk(StrengthSeriesDto)
  @ApiProblems(400, 404)
  strengthSeries(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('exerciseId') exerciseId: string,
    @Query() query: StrengthSeriesQueryDto,
  ): Promise<StrengthSeriesDto> {
    return this.progress.strengthSeries(caller.id, exerciseId, query);
  }

  @Get('volume')
  @ApiOperation({
    summary: 'Training volume per ISO week and per muscle group',
    description:
      `${COUNTED} Volume is Σ weight × reps. Per muscle, a set counts in full for each ` +
      'primary muscle of its exercise and half for each secondary muscle.',
  })
  @ApiOk(VolumeDto)
  @ApiProblems(400)
  volume(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: ProgressPeriodQueryDto,
  ): Promise<VolumeDto> {
    return this.progress.volume(caller.id, query);
  }

  @Get('analytics')
  @ApiOperation({
    summary: 'Training frequency, consistency and streaks',
    description:
      `${COUNTED} Frequency: workouts per week over the period. Consistency: the share of ` +
      'its weeks with at least `targetPerWeek` workouts. Streaks: consecutive weeks and days ' +
      'with a workout; the week or day in progress does not break the current one.',
  })
  @ApiOk(TrainingAnalyticsDto)
  @ApiProblems(400)
  analytics(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: TrainingAnalyticsQueryDto,
  ): Promise<TrainingAnalyticsDto> {
    return this.progress.analytics(caller.id, query);
  }
}
