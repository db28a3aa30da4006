import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { CommunityWrite } from '../../common/auth/community-write';
import { AuthenticatedUser } from '../../common/auth/roles';
import { CreatesResource } from '../../common/http/location.decorator';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiPageResponse, Page } from '../../common/pagination/page';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiOk } from '../../common/swagger/api-responses';
import { ChallengeProblems } from './challenge-problems';
import { ChallengesService } from './challenges.service';
import {
  CreateChallengeDto,
  InviteToChallengeDto,
  ListChallengesQueryDto,
} from './dto/challenge-input.dto';
import { ChallengeDto, ChallengeLeaderboardDto, ChallengeStandingDto } from './dto/challenge.dto';

const VISIBILITY =
  'A challenge you may not see (invite-only without an invitation, friends-only of a ' +
  'non-friend, its creator in a block with you) is a 404, as an unknown one.';

/** Challenges (docs/challenges.md). */
@ApiTags('challenges')
@Authenticated()
@ApiProblems(429)
@Controller('challenges')
export class ChallengesController {
  constructor(private readonly challenges: ChallengesService) {}

  @Get()
  @ApiOperation({
    summary: 'Challenges you may see',
    description: 'Latest start first, optionally filtered; pages with a total.',
  })
  @ApiPageResponse(ChallengeDto)
  @ApiProblems(400)
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: ListChallengesQueryDto,
  ): Promise<Page<ChallengeDto>> {
    return this.challenges.list(caller.id, query);
  }

  @Post()
  @CommunityWrite()
  @ApiOperation({
    summary: 'Create a challenge',
    description:
      'Its days are counted in your time zone (preferences). Progress comes from your ' +
      'completed workouts held inside the window, measured by the server. You do not join ' +
      'it by creating it. 400 with field errors for a bad window or kind fields, and for an ' +
      '`exercise_reps` exercise outside the library (your own one too: nobody else could log it).',
  })
  @CreatesResource(ChallengeDto, (challenge) => `challenges/${challenge.id}`)
  @ApiProblems(400)
  create(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: CreateChallengeDto,
  ): Promise<ChallengeDto> {
    return this.challenges.create(caller.id, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One challenge', description: VISIBILITY })
  @ApiOk(ChallengeDto)
  @ApiProblems(400, 404)
  get(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<ChallengeDto> {
    return this.challenges.get(caller.id, id);
  }

  @Post(':id/join')
  @HttpCode(HttpStatus.OK)
  @CommunityWrite()
  @ApiOperation({
    summary: 'Join a challenge',
    description:
      'Workouts already held inside the window count at once. Joining twice is a no-op; a ' +
      `challenge that has ended is a 409 \`challenge-closed\`. ${VISIBILITY}`,
  })
  @ApiOk(ChallengeDto)
  @ApiProblems(400, 404, ChallengeProblems.challengeClosed)
  join(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<ChallengeDto> {
    return this.challenges.join(caller.id, id);
  }

  @Delete(':id/leave')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Leave a challenge',
    description:
      'Your progress goes with you. Not taking part is a 404; a closed challenge is a 409 ' +
      '`challenge-closed` (its results are final).',
  })
  @ApiNoContentResponse({ description: 'Left' })
  @ApiProblems(400, 404, ChallengeProblems.challengeClosed)
  leave(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.challenges.leave(caller.id, id);
  }

  @Get(':id/participants')
  @ApiOperation({
    summary: 'Who takes part, in the order they joined',
    description: `With their rank and progress. Users in a block with you are left out. ${VISIBILITY}`,
  })
  @ApiPageResponse(ChallengeStandingDto)
  @ApiProblems(400, 404)
  participants(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<ChallengeStandingDto>> {
    return this.challenges.participants(caller.id, id, query);
  }

  @Get(':id/leaderboard')
  @ApiOperation({
    summary: 'The ranking, and your own standing',
    description:
      'Most progress first; equal progress ranks who reached it first (the end of their last ' +
      'counted workout) higher; still equal shares the rank (RANK). Closed challenges answer ' +
      'their final ranks and badges. Users in a block with you are left out (ranks keep their ' +
      `gaps). ${VISIBILITY}`,
  })
  @ApiOk(ChallengeLeaderboardDto)
  @ApiProblems(400, 404)
  leaderboard(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<ChallengeLeaderboardDto> {
    return this.challenges.leaderboard(caller.id, id, query);
  }

  @Post(':id/invites')
  @HttpCode(HttpStatus.NO_CONTENT)
  @CommunityWrite()
  @ApiOperation({
    summary: 'Invite more users (the creator)',
    description:
      'Any user may be invited, friend or not; each newly invited user is notified. Unknown ' +
      'users, users in a block with you (either way), users already invited (a declined ' +
      'invitation is not sent again) and participants are left out silently, so the answer ' +
      'never tells who blocked or declined. A challenge you may see but did not create is a ' +
      `403 \`not-challenge-creator\`; one that has ended a 409 \`challenge-closed\`. ${VISIBILITY}`,
  })
  @ApiNoContentResponse({ description: 'Invited' })
  @ApiProblems(400, 404, ChallengeProblems.notChallengeCreator, ChallengeProblems.challengeClosed)
  invite(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: InviteToChallengeDto,
  ): Promise<void> {
    return this.challenges.invite(caller.id, id, dto);
  }

  @Delete(':id/invitation')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Decline your invitation',
    description:
      'The invitation stops opening the challenge to you (an invite-only one becomes a 404 ' +
      'unless you take part) and is not sent again. Your pending invitations: ' +
      '`GET /challenges?filter=invited`. No pending invitation: 404.',
  })
  @ApiNoContentResponse({ description: 'Declined' })
  @ApiProblems(400, 404)
  decline(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.challenges.decline(caller.id, id);
  }
}
