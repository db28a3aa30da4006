import { NotificationDto, UnreadCountDto } from './dto/notification.dto';

/**
 * What the socket carries to a user's devices (docs/realtime.md): nothing the REST API would
 * not show the same user.
 */
export interface NotificationSocketEvents {
  /** A notification, or a group that grew (same id: replace it). */
  'notification.created': { notification: NotificationDto; unread: UnreadCountDto };
  /** Notifications read on another device: `ids`, or every one when `all`. */
  'notification.read': { ids: string[]; all: boolean; unread: UnreadCountDto };
}

/** The unread count a badge shows. */
export const UNREAD_CAP = 99;

export function unreadCountDto(counted: number): UnreadCountDto {
  const hasMore = counted > UNREAD_CAP;
  const count = Math.min(counted, UNREAD_CAP);
  return { count, hasMore, label: hasMore ? `${UNREAD_CAP}+` : count === 0 ? '' : String(count) };
}
