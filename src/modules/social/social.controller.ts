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
import { CommunityWrite } from '../../common/auth/community-write';
import { AuthenticatedUser } from '../../common/auth/roles';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiCursorPageResponse, CursorPage } from '../../common/pagination/cursor';
import { CursorQueryDto } from '../../common/pagination/cursor-query.dto';
import { ApiPageResponse, Page } from '../../common/pagination/page';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiOk } from '../../common/swagger/api-responses';
import {
  AnswerFriendRequestDto,
  BlockedUserDto,
  FriendDto,
  FriendRequestDto,
  ListFriendsQueryDto,
} from './dto/friend.dto';
import {
  FriendSuggestionDto,
  PublicProfileDto,
  SearchUsersQueryDto,
  UserSearchResultDto,
} from './dto/profile.dto';
import { SocialProblems } from './social-problems';
import { MAX_PENDING_REQUESTS, SocialService } from './social.service';

const BLOCKS =
  'Users in a block (either way) are invisible to each other everywhere: a 404 here as for an unknown user.';

/**
 * Friends, blocks, profiles and search, under /users (docs/social.md). The static paths
 * (`friends`, `blocked`, `search`, and the users module's `profile`, `preferences`) are matched
 * before `:userId`, which must be a UUID (400 otherwise).
 */
@ApiTags('social')
@Authenticated()
@ApiProblems(429)
@Controller('users')
export class SocialController {
  constructor(private readonly social: SocialService) {}

  @Get('friends')
  @ApiOperation({
    summary: 'Your friends, or your pending friend requests',
    description:
      '`status=friends` (default), `request_received` (waiting for your answer) or ' +
      '`request_sent`; newest first.',
  })
  @ApiCursorPageResponse(FriendDto)
  @ApiProblems(400)
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: ListFriendsQueryDto,
  ): Promise<CursorPage<FriendDto>> {
    return this.social.list(caller.id, query);
  }

  @Post('friends/request')
  @HttpCode(HttpStatus.OK)
  @CommunityWrite()
  @ApiOperation({
    summary: 'Ask someone to be friends',
    description:
      'Answers where you stand: `request_sent`, or `friends` when they had asked you first ' +
      '(crossing requests accept each other). Sending the same request again answers it as it ' +
      `is. At most ${MAX_PENDING_REQUESTS} of your requests may wait for an answer (409 ` +
      `\`pending-requests-limit\`). ${BLOCKS}`,
  })
  @ApiOk(FriendDto)
  @ApiProblems(400, 404, SocialProblems.alreadyFriends, SocialProblems.pendingRequestsLimit)
  request(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: FriendRequestDto,
  ): Promise<FriendDto> {
    return this.social.request(caller.id, dto.userId);
  }

  @Get('friends/suggestions')
  @ApiOperation({
    summary: 'People you may know, with why',
    description:
      'Friends of your friends (most friends in common first) and the authors of templates ' +
      'you train with. Never a friend, someone with a pending request, someone in a block ' +
      'with you, or an undiscoverable profile.',
  })
  @ApiPageResponse(FriendSuggestionDto)
  @ApiProblems(400)
  suggestions(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: PageQueryDto,
  ): Promise<Page<FriendSuggestionDto>> {
    return this.social.suggestions(caller.id, query);
  }

  @Put('friends/:userId')
  @CommunityWrite()
  @ApiOperation({
    summary: 'Accept or decline a friend request',
    description: 'The pending request `userId` sent you; none is a 404.',
  })
  @ApiOk(FriendDto)
  @ApiProblems(400, 404)
  answer(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('userId') userId: string,
    @Body() dto: AnswerFriendRequestDto,
  ): Promise<FriendDto> {
    return this.social.answer(caller.id, userId, dto.action);
  }

  @Delete('friends/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Unfriend, or cancel or decline a pending request',
    description:
      'Ends the friendship; else cancels the request you sent; else declines the one you ' +
      'received. Nothing between you is a 404.',
  })
  @ApiNoContentResponse({ description: 'Ended' })
  @ApiProblems(400, 404)
  remove(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('userId') userId: string,
  ): Promise<void> {
    return this.social.remove(caller.id, userId);
  }

  @Get('blocked')
  @ApiOperation({
    summary: 'The users you blocked, newest first',
    description: 'Neither you nor they see the other anywhere while the block lasts.',
  })
  @ApiCursorPageResponse(BlockedUserDto)
  @ApiProblems(400)
  blocked(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: CursorQueryDto,
  ): Promise<CursorPage<BlockedUserDto>> {
    return this.social.blocked(caller.id, query);
  }

  @Get('search')
  @ApiOperation({
    summary: 'Find people by name',
    description:
      'Typo-tolerant (trigram similarity), friends first, then the closest names. Only ' +
      `discoverable profiles and your friends; never you. ${BLOCKS}`,
  })
  @ApiPageResponse(UserSearchResultDto)
  @ApiProblems(400)
  search(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: SearchUsersQueryDto,
  ): Promise<Page<UserSearchResultDto>> {
    return this.social.search(caller.id, query);
  }

  @Post(':userId/block')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Block someone',
    description:
      'Ends your friendship and any pending request between you; from then on neither sees ' +
      'the other anywhere (search, suggestions, feed, likes, comments, profile). Blocking ' +
      'twice is a no-op.',
  })
  @ApiNoContentResponse({ description: 'Blocked' })
  @ApiProblems(400, 404)
  block(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('userId') userId: string,
  ): Promise<void> {
    return this.social.block(caller.id, userId);
  }

  @Delete(':userId/block')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Unblock someone',
    description: 'A friendship ended by the block does not come back. Not blocked is a 404.',
  })
  @ApiNoContentResponse({ description: 'Unblocked' })
  @ApiProblems(400, 404)
  unblock(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('userId') userId: string,
  ): Promise<void> {
    return this.social.unblock(caller.id, userId);
  }

  @Get(':userId')
  @ApiOperation({
    summary: "Someone's public profile",
    description:
      'Name, bio, friend count and how you stand with them; bio and friend count only if ' +
      `the profile is discoverable or you are friends. ${BLOCKS}`,
  })
  @ApiOk(PublicProfileDto)
  @ApiProblems(400, 404)
  profile(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('userId') userId: string,
  ): Promise<PublicProfileDto> {
    return this.social.profile(caller.id, userId);
  }
}
