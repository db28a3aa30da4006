import { Body, Controller, Delete, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { CommunityWrite } from '../../common/auth/community-write';
import { AuthenticatedUser } from '../../common/auth/roles';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiOk } from '../../common/swagger/api-responses';
import { ActivityDto } from './dto/activity.dto';
import { ShareWorkoutDto } from './dto/feed-input.dto';
import { FeedProblems } from './feed-problems';
import { FeedService } from './feed.service';

/**
 * Sharing a workout to the feed. The route lives under /workouts, the rule and the data in
 * the feed module: a workout's activity is the feed's, and the workouts module knows nothing
 * of it.
 */
@ApiTags('feed')
@Authenticated()
@ApiProblems(429)
@Controller('workouts')
export class WorkoutSharingController {
  constructor(private readonly feed: FeedService) {}

  @Post(':id/share')
  @HttpCode(HttpStatus.OK)
  @CommunityWrite()
  @ApiOperation({
    summary: 'Share a completed workout, with a caption',
    description:
      'Its activity gets the caption and the audience (at most your activityVisibility ' +
      'preference, which is the default); its personal records follow that audience. ' +
      "Sharing again replaces both. Another user's workout is a 404; one not completed a 409.",
  })
  @ApiOk(ActivityDto)
  @ApiProblems(400, 404, FeedProblems.workoutNotCompleted)
  share(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: ShareWorkoutDto,
  ): Promise<ActivityDto> {
    return this.feed.share(caller.id, id, dto);
  }

  @Delete(':id/share')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Stop sharing a workout',
    description:
      'Its activity and its records become visible to you only, without caption; likes and ' +
      "comments stay, seen by you. Another user's workout is a 404; one not completed a 409.",
  })
  @ApiNoContentResponse({ description: 'No longer shared' })
  @ApiProblems(400, 404, FeedProblems.workoutNotCompleted)
  unshare(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.feed.unshare(caller.id, id);
  }
}
