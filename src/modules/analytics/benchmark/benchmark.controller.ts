import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../../common/auth/roles';
import { ApiProblems } from '../../../common/swagger/api-problems.decorator';
import { ApiOk } from '../../../common/swagger/api-responses';
import { AnalyticsBenchmarkService } from './benchmark.service';
import { BenchmarkDto, BenchmarkQueryDto } from './dto/benchmark.dto';

@ApiTags('analytics')
@Authenticated()
@ApiProblems(429)
@Controller('analytics')
export class AnalyticsBenchmarkController {
  constructor(private readonly benchmarks: AnalyticsBenchmarkService) {}

  @Get('benchmark')
  @ApiOperation({
    summary: 'Your percentile among similar users, anonymised',
    description:
      'Weekly volume, sessions per week and (with `exerciseId`) relative strength over the ' +
      'last `weeks` weeks, as a percentile among users of your training level, body-weight ' +
      'band, and sex and age band where you gave them (`/users/preferences`), who completed a ' +
      'workout in the window. Users who opted out of leaderboards or keep their activities ' +
      'private are never counted. Below the floor of k users (20 by default) no figure is ' +
      'shown; sizes are bands, and nothing of any other user is returned (docs/insights.md). ' +
      'An exercise you cannot see is a 404.',
  })
  @ApiOk(BenchmarkDto)
  @ApiProblems(400, 404)
  get(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: BenchmarkQueryDto,
  ): Promise<BenchmarkDto> {
    return this.benchmarks.benchmark(caller.id, query);
  }
}
