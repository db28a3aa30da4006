import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { ApiListResponse } from '../../common/pagination/api-list-response';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiOk } from '../../common/swagger/api-responses';
import { ListNotificationsQueryDto } from './dto/list-notifications-query.dto';
import {
  NotificationDto,
  NotificationPage,
  NotificationPageMeta,
  ReadAllDto,
  UnreadCountDto,
} from './dto/notification.dto';
import {
  NotificationPreferencesDto,
  UpdateNotificationPreferencesDto,
} from './dto/notification-preferences.dto';
import { NotificationsService } from './notifications.service';

const LIVE =
  'Connected devices hear of it over the socket (docs/realtime.md); one that reconnects catches up ' +
  'with `GET /notifications?after=<newestCursor>`.';

@ApiTags('notifications')
@Authenticated()
@ApiProblems(429)
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary: 'Your notifications, newest first',
    description:
      'Repeats are grouped ("Ana and 4 others liked your workout"): a group is ordered by its ' +
      'latest occurrence. `unread=true` lists the unread only; `after` only what is newer than ' +
      `a position you hold. ${LIVE}`,
  })
  @ApiListResponse(NotificationDto, NotificationPageMeta, 'A page of notifications')
  @ApiProblems(400)
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<NotificationPage> {
    return this.notifications.list(caller.id, query);
  }

  @Get('unread-count')
  @ApiOperation({
    summary: 'The unread count for a badge',
    description: 'Counted up to 99: beyond, `hasMore` is true and `label` is "99+".',
  })
  @ApiOk(UnreadCountDto)
  unreadCount(@CurrentUser() caller: AuthenticatedUser): Promise<UnreadCountDto> {
    return this.notifications.unreadCount(caller.id);
  }

  @Get('preferences')
  @ApiOperation({
    summary: 'Your settings per notification type and channel',
    description:
      'Every type, with your settings or the defaults. Security notices are `locked`: always on.',
  })
  @ApiOk(NotificationPreferencesDto)
  preferences(@CurrentUser() caller: AuthenticatedUser): Promise<NotificationPreferencesDto> {
    return this.notifications.preferences(caller.id);
  }

  @Put('preferences')
  @ApiOperation({
    summary: 'Change your settings',
    description:
      'Only the types and channels sent change. An unknown type, a type sent twice, or turning ' +
      'a security notice off is a 400 naming the field. `email`: `off`, `immediate` (after a ' +
      'short delay, skipped if you read it in the app first) or `daily` (one digest email).',
  })
  @ApiOk(NotificationPreferencesDto)
  @ApiProblems(400)
  updatePreferences(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    return this.notifications.updatePreferences(caller.id, dto);
  }

  @Put('read-all')
  @ApiOperation({ summary: 'Mark every notification read', description: LIVE })
  @ApiOk(ReadAllDto)
  readAll(@CurrentUser() caller: AuthenticatedUser): Promise<ReadAllDto> {
    return this.notifications.markAllRead(caller.id);
  }

  @Put(':id/read')
  @ApiOperation({
    summary: 'Mark a notification read',
    description: `Again is fine (the first time is kept). Another user's notification is a 404. ${LIVE}`,
  })
  @ApiOk(NotificationDto)
  @ApiProblems(400, 404)
  read(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<NotificationDto> {
    return this.notifications.markRead(caller.id, id);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a notification',
    description: "Another user's notification is a 404.",
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404)
  remove(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.notifications.remove(caller.id, id);
  }
}
