import { ApiProperty } from '@nestjs/swagger';
import { CursorPageMeta, encodeCursor } from '../../../common/pagination/cursor';
import { Notification } from '../entities/notification.entity';
import { messageOf } from '../notification-messages';
import { NOTIFICATION_TYPES, NotificationCategory, NotificationType } from '../notification-types';

export class NotificationActorDto {
  @ApiProperty({ format: 'uuid', example: '8d1f0c51-6a43-4a52-9a9b-1f4f6f0b9a11' })
  id: string;

  @ApiProperty({ example: 'Ana' })
  displayName: string;
}

/** One notification, or one group of repeats, as the app shows it (REST, socket, email alike). */
export class NotificationDto {
  @ApiProperty({ format: 'uuid', example: '3f0c7c52-8f0e-4d4b-9a52-3c3f4e2b6a10' })
  id: string;

  @ApiProperty({ enum: NotificationType, enumName: 'NotificationType', example: 'goal.achieved' })
  type: NotificationType;

  @ApiProperty({
    enum: NotificationCategory,
    enumName: 'NotificationCategory',
    example: 'progress',
  })
  category: NotificationCategory;

  @ApiProperty({ example: 'Goal achieved: “Bench 120”' })
  message: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'What it is about: a workout, a goal, a summary, a sign-in session',
    example: '0b6d7f7e-2f7b-4d55-9a4e-7c0f5d1b2a33',
  })
  subjectId: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 1,
    description: 'Occurrences grouped in it (likes, records)',
  })
  count: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 0,
    description: 'Distinct people who caused it',
  })
  actorCount: number;

  @ApiProperty({
    type: [NotificationActorDto],
    description: 'The last three of them, newest first',
  })
  actors: NotificationActorDto[];

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the message was made of, by type (goalId, goalTitle, percent, workoutId…)',
    example: { goalId: '0b6d7f7e-2f7b-4d55-9a4e-7c0f5d1b2a33', goalTitle: 'Bench 120' },
  })
  data: Record<string, string | number | boolean | null>;

  @ApiProperty({ example: false })
  read: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  readAt: string | null;

  @ApiProperty({ format: 'date-time', description: 'The first occurrence' })
  createdAt: string;

  @ApiProperty({
    format: 'date-time',
    description: 'The latest occurrence: lists are ordered by it',
  })
  latestAt: string;

  @ApiProperty({
    description: 'Its position in the list: pass as `after` to get what is newer',
    example:
      'WyIyMDI2LTExLTIwVDA4OjAwOjAwLjAwMFoiLCIzZjBjN2M1Mi04ZjBlLTRkNGItOWE1Mi0zYzNmNGUyYjZhMTAiXQ',
  })
  cursor: string;

  static from(n: Notification): NotificationDto {
    return {
      id: n.id,
      type: n.type,
      category: NOTIFICATION_TYPES[n.type].category,
      message: messageOf(n),
      subjectId: n.subjectId,
      count: n.count,
      actorCount: n.actorCount,
      actors: n.actors.map(({ id, displayName }) => ({ id, displayName })),
      data: n.data,
      read: n.readAt !== null,
      readAt: n.readAt?.toISOString() ?? null,
      createdAt: n.firstAt.toISOString(),
      latestAt: n.latestAt.toISOString(),
      cursor: encodeCursor({ at: n.latestAt, id: n.id }),
    };
  }
}

export class NotificationPageMeta extends CursorPageMeta {
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'The position of the newest notification of this page (or the `after` sent, when the page is empty): ' +
      'keep it, and after a reconnect ask `GET /notifications?after=` it',
    example:
      'WyIyMDI2LTExLTIwVDA4OjAwOjAwLjAwMFoiLCIzZjBjN2M1Mi04ZjBlLTRkNGItOWE1Mi0zYzNmNGUyYjZhMTAiXQ',
  })
  newestCursor: string | null;
}

export interface NotificationPage {
  items: NotificationDto[];
  meta: NotificationPageMeta;
}

/** The badge: the unread count up to 99, and whether there are more. */
export class UnreadCountDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 99, example: 99 })
  count: number;

  @ApiProperty({ example: true, description: 'More than `count` are unread' })
  hasMore: boolean;

  @ApiProperty({ example: '99+', description: 'What a badge shows: "" when none, "99+" beyond 99' })
  label: string;
}

/** PUT /notifications/read-all: how many changed, and the badge after it. */
export class ReadAllDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 12 })
  updated: number;

  @ApiProperty({ type: UnreadCountDto })
  unread: UnreadCountDto;
}
