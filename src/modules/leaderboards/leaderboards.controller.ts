import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiOk } from '../../common/swagger/api-responses';
import {
  LeaderboardDto,
  LeaderboardQueryDto,
  StrengthLeaderboardQueryDto,
} from './dto/leaderboard.dto';
import { LeaderboardsService } from './leaderboards.service';
import { LeaderboardBoard } from './leaderboards.vocabulary';

const RULES =
  'Ranks with ties (RANK()). Users who opted out (preferences `leaderboardOptOut`) or keep ' +
  "their activities to themselves (`activityVisibility: only_me`) are absent from others' " +
  'boards but see their own result in `me`; users in a block with you never appear (global ' +
  'boards keep the public rank numbers: a blocked user leaves a gap). Global boards are a rank ' +
  'snapshot the worker rewrites a few seconds after entries change (`asOf` says when); `me` ' +
  'is your current value placed among it. Friends boards are ranked on each request ' +
  '(docs/challenges.md).';

/** Global and friends' leaderboards (docs/challenges.md). */
@ApiTags('leaderboards')
@Authenticated()
@ApiProblems(429)
@Controller('leaderboards')
export class LeaderboardsController {
  constructor(private readonly leaderboards: LeaderboardsService) {}

  @Get('strength/:exerciseId')
  @ApiOperation({
    summary: 'Best e1RM of one exercise',
    description:
      'Optionally normalised by body weight (`normalise=dots`). On global boards a best more ' +
      `than 30 % above your previous one waits for a second session to confirm it. ${RULES}`,
  })
  @ApiOk(LeaderboardDto)
  @ApiProblems(400)
  strength(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('exerciseId') exerciseId: string,
    @Query() query: StrengthLeaderboardQueryDto,
  ): Promise<LeaderboardDto> {
    return this.leaderboards.board(
      caller.id,
      LeaderboardBoard.Strength,
      query,
      exerciseId,
      query.normalise,
    );
  }

  @Get('volume')
  @ApiOperation({ summary: 'Training volume (kg) of the period', description: RULES })
  @ApiOk(LeaderboardDto)
  @ApiProblems(400)
  volume(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: LeaderboardQueryDto,
  ): Promise<LeaderboardDto> {
    return this.leaderboards.board(caller.id, LeaderboardBoard.Volume, query);
  }

  @Get('consistency')
  @ApiOperation({ summary: 'Completed workouts of the period', description: RULES })
  @ApiOk(LeaderboardDto)
  @ApiProblems(400)
  consistency(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: LeaderboardQueryDto,
  ): Promise<LeaderboardDto> {
    return this.leaderboards.board(caller.id, LeaderboardBoard.Consistency, query);
  }
}
