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
import { CreatesResource } from '../../common/http/location.decorator';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiCursorPageResponse, CursorPage } from '../../common/pagination/cursor';
import { CursorQueryDto } from '../../common/pagination/cursor-query.dto';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiOk } from '../../common/swagger/api-responses';
import { ActivityDto, CommentDto, LikeDto } from './dto/activity.dto';
import { CommentInputDto, CreatePostDto } from './dto/feed-input.dto';
import { FeedService } from './feed.service';

const UNSEEN =
  'An activity you may not see (its audience, a block either way) is a 404, as an unknown one.';

/** The activity feed, likes and comments (docs/social.md). */
@ApiTags('feed')
@Authenticated()
@ApiProblems(429)
@Controller('feed')
export class FeedController {
  constructor(private readonly feed: FeedService) {}

  @Get()
  @ApiOperation({
    summary: "Your activities and your friends', newest first",
    description:
      'Workouts, personal records and goals achieved (added by the worker moments after they ' +
      "happen), shared workouts and posts, as each one's audience allows.",
  })
  @ApiCursorPageResponse(ActivityDto)
  @ApiProblems(400)
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: CursorQueryDto,
  ): Promise<CursorPage<ActivityDto>> {
    return this.feed.page(caller.id, query, false);
  }

  @Get('friends')
  @ApiOperation({
    summary: "Your friends' activities only, newest first",
    description: 'As GET /feed, without your own activities.',
  })
  @ApiCursorPageResponse(ActivityDto)
  @ApiProblems(400)
  friends(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: CursorQueryDto,
  ): Promise<CursorPage<ActivityDto>> {
    return this.feed.page(caller.id, query, true);
  }

  @Post()
  @CommunityWrite()
  @ApiOperation({
    summary: 'Post a text to the feed',
    description: 'To `visibility`, or by default to your activityVisibility preference.',
  })
  @CreatesResource(ActivityDto, (activity) => `feed/${activity.id}`)
  @ApiProblems(400)
  post(@CurrentUser() caller: AuthenticatedUser, @Body() dto: CreatePostDto): Promise<ActivityDto> {
    return this.feed.post(caller.id, dto);
  }

  @Get(':activityId')
  @ApiOperation({ summary: 'One activity', description: UNSEEN })
  @ApiOk(ActivityDto)
  @ApiProblems(400, 404)
  get(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('activityId') activityId: string,
  ): Promise<ActivityDto> {
    return this.feed.get(caller.id, activityId);
  }

  @Post(':activityId/like')
  @HttpCode(HttpStatus.NO_CONTENT)
  @CommunityWrite()
  @ApiOperation({ summary: 'Like an activity', description: `Liking twice is a no-op. ${UNSEEN}` })
  @ApiNoContentResponse({ description: 'Liked' })
  @ApiProblems(400, 404)
  like(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('activityId') activityId: string,
  ): Promise<void> {
    return this.feed.like(caller.id, activityId);
  }

  @Delete(':activityId/like')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Take back a like',
    description: `Unliking what you did not like is a no-op. ${UNSEEN}`,
  })
  @ApiNoContentResponse({ description: 'Not liked' })
  @ApiProblems(400, 404)
  unlike(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('activityId') activityId: string,
  ): Promise<void> {
    return this.feed.unlike(caller.id, activityId);
  }

  @Get(':activityId/likes')
  @ApiOperation({
    summary: 'Who liked an activity, newest first',
    description: `People in a block with you are left out. ${UNSEEN}`,
  })
  @ApiCursorPageResponse(LikeDto)
  @ApiProblems(400, 404)
  likes(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('activityId') activityId: string,
    @Query() query: CursorQueryDto,
  ): Promise<CursorPage<LikeDto>> {
    return this.feed.likes(caller.id, activityId, query);
  }

  @Post(':activityId/comments')
  @CommunityWrite()
  @ApiOperation({ summary: 'Comment on an activity', description: UNSEEN })
  @CreatesResource(CommentDto, (comment) => `feed/${comment.activityId}/comments/${comment.id}`)
  @ApiProblems(400, 404)
  comment(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('activityId') activityId: string,
    @Body() dto: CommentInputDto,
  ): Promise<CommentDto> {
    return this.feed.comment(caller.id, activityId, dto.text);
  }

  @Get(':activityId/comments')
  @ApiOperation({
    summary: "An activity's comments, oldest first",
    description: `Comments by people in a block with you are left out. ${UNSEEN}`,
  })
  @ApiCursorPageResponse(CommentDto)
  @ApiProblems(400, 404)
  comments(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('activityId') activityId: string,
    @Query() query: CursorQueryDto,
  ): Promise<CursorPage<CommentDto>> {
    return this.feed.comments(caller.id, activityId, query);
  }

  @Put(':activityId/comments/:commentId')
  @CommunityWrite()
  @ApiOperation({
    summary: 'Edit your comment',
    description: `Only its author; anyone else's comment is a 404. ${UNSEEN}`,
  })
  @ApiOk(CommentDto)
  @ApiProblems(400, 404)
  editComment(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('activityId') activityId: string,
    @UuidParam('commentId') commentId: string,
    @Body() dto: CommentInputDto,
  ): Promise<CommentDto> {
    return this.feed.editComment(caller.id, activityId, commentId, dto.text);
  }

  @Delete(':activityId/comments/:commentId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a comment',
    description: `Its author, or the activity's owner. Anyone else gets a 404. ${UNSEEN}`,
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404)
  deleteComment(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('activityId') activityId: string,
    @UuidParam('commentId') commentId: string,
  ): Promise<void> {
    return this.feed.deleteComment(caller.id, activityId, commentId);
  }
}
