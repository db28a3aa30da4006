import { Injectable, NotFoundException } from '@nestjs/common';
import { encodeCursor, toCursorPage } from '../../common/pagination/cursor';
import { keysetOf } from '../../common/pagination/cursor-query.dto';
import { decodeCursor } from '../../common/pagination/cursor';
import { ValidationProblem } from '../../common/errors/domain-errors';
import { RequestContext } from '../../common/http/request-context';
import { RealtimeEmitter } from '../../infrastructure/realtime/realtime-emitter';
import { ListNotificationsQueryDto } from './dto/list-notifications-query.dto';
import {
  NotificationDto,
  NotificationPage,
  ReadAllDto,
  UnreadCountDto,
} from './dto/notification.dto';
import {
  NotificationPreferencesDto,
  UnsubscribeDto,
  UpdateNotificationPreferencesDto,
} from './dto/notification-preferences.dto';
import { NotificationSocketEvents, UNREAD_CAP, unreadCountDto } from './notification-events';
import { applyChange, checkChanges, settingsOf } from './notification-preferences';
import {
  ALL_NOTIFICATION_TYPES,
  ChannelSettings,
  EmailMode,
  NOTIFICATION_TYPES,
  NotificationType,
} from './notification-types';
import { NotificationsRepository } from './notifications.repository';
import { UnsubscribeScope, UnsubscribeTokens } from './unsubscribe-tokens';

/**
 * A user's notifications (list, read, delete, the badge), their preferences, and unsubscribe
 * links. What creates notifications: NotificationDeliveryService (worker). docs/notifications.md.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly realtime: RealtimeEmitter,
    private readonly unsubscribeTokens: UnsubscribeTokens,
  ) {}

  async list(userId: string, query: ListNotificationsQueryDto): Promise<NotificationPage> {
    const after = query.after === undefined ? undefined : afterPosition(query.after);
    const rows = await this.notifications.list(userId, {
      unread: query.unread === true,
      before: keysetOf(query),
      after,
      limit: query.limit,
    });
    const page = toCursorPage(
      rows,
      query.limit,
      (n) => ({ at: n.latestAt, id: n.id }),
      NotificationDto.from,
    );
    const newest = rows[0];
    return {
      items: page.items,
      meta: {
        ...page.meta,
        newestCursor: newest
          ? encodeCursor({ at: newest.latestAt, id: newest.id })
          : (query.after ?? null),
      },
    };
  }

  async unreadCount(userId: string): Promise<UnreadCountDto> {
    return unreadCountDto(await this.notifications.unreadCount(userId, UNREAD_CAP + 1));
  }

  /** Idempotent; the user's other devices hear of it (notification.read). */
  async markRead(userId: string, id: string): Promise<NotificationDto> {
    const row = await this.notifications.markRead(userId, id);
    if (!row) throw notFound();
    const unread = await this.unreadCount(userId);
    this.emit(userId, 'notification.read', { ids: [id], all: false, unread }, socketId());
    return NotificationDto.from(row);
  }

  async markAllRead(userId: string): Promise<ReadAllDto> {
    const updated = await this.notifications.markAllRead(userId);
    const unread = await this.unreadCount(userId);
    if (updated > 0) {
      this.emit(userId, 'notification.read', { ids: [], all: true, unread }, socketId());
    }
    return { updated, unread };
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.notifications.delete(userId, id))) throw notFound();
  }

  /** Sends a socket event to the user's devices, except the one that made the request. */
  emit<E extends keyof NotificationSocketEvents>(
    userId: string,
    event: E,
    payload: NotificationSocketEvents[E],
    exceptSocketId?: string,
  ): void {
    this.realtime.toUser(userId, event, payload, exceptSocketId);
  }

  // --- preferences ----------------------------------------------------------------------------

  async preferences(userId: string): Promise<NotificationPreferencesDto> {
    const stored = new Map(
      (await this.notifications.preferencesOf(userId)).map((row) => [row.type, row]),
    );
    return {
      items: ALL_NOTIFICATION_TYPES.map((type) => ({
        type,
        category: NOTIFICATION_TYPES[type].category,
        ...settingsOf(type, stored.get(type)),
        locked: NOTIFICATION_TYPES[type].locked,
      })),
    };
  }

  async settingsOf(userId: string, type: NotificationType): Promise<ChannelSettings> {
    const [stored] = await this.notifications.preferencesOf(userId, type);
    return settingsOf(type, stored);
  }

  /**
   * Whether the user takes report emails (the report.ready type's email setting is not off):
   * the reports module emails a scheduled report's PDF only then.
   */
  async wantsReportEmails(userId: string): Promise<boolean> {
    return (await this.settingsOf(userId, NotificationType.ReportReady)).email !== EmailMode.Off;
  }

  async updatePreferences(
    userId: string,
    dto: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    checkChanges(dto.items);
    const current = new Map((await this.preferences(userId)).items.map((p) => [p.type, p]));
    await this.notifications.savePreferences(
      dto.items
        .filter((change) => !NOTIFICATION_TYPES[change.type].locked)
        .map((change) => ({
          userId,
          type: change.type,
          ...applyChange(current.get(change.type)!, change),
        })),
    );
    return this.preferences(userId);
  }

  // --- unsubscribe links ----------------------------------------------------------------------

  unsubscribeLink(userId: string, scope: UnsubscribeScope, base: string): string {
    return `${base}?token=${this.unsubscribeTokens.sign(userId, scope)}`;
  }

  /** What a link names and its state now (GET: changes nothing, mail scanners open links). */
  async unsubscribeState(token: string): Promise<UnsubscribeDto[]> {
    const { userId, scope } = this.verify(token);
    const types = await this.scopeTypes(userId, scope);
    return Promise.all(
      types.map(async (type) => ({ type, email: (await this.settingsOf(userId, type)).email })),
    );
  }

  /** Turns the link's emails off (POST, one click). Idempotent; security notices stay on. */
  async unsubscribe(token: string): Promise<UnsubscribeDto[]> {
    const { userId, scope } = this.verify(token);
    const types = (await this.scopeTypes(userId, scope)).filter(
      (type) => !NOTIFICATION_TYPES[type].locked,
    );
    const before = await this.unsubscribeState(token);
    await this.updatePreferences(userId, {
      items: types.map((type) => ({ type, email: EmailMode.Off })),
    });
    // A digest link names the types that were daily: they are off now.
    return before.map((item) =>
      NOTIFICATION_TYPES[item.type].locked ? item : { ...item, email: EmailMode.Off },
    );
  }

  /** A type, or for a digest link every type whose emails are daily now. */
  private async scopeTypes(userId: string, scope: UnsubscribeScope): Promise<NotificationType[]> {
    if (scope !== 'digest') return [scope];
    return (await this.preferences(userId)).items
      .filter((p) => p.email === EmailMode.Daily)
      .map((p) => p.type);
  }

  private verify(token: string): { userId: string; scope: UnsubscribeScope } {
    const named = this.unsubscribeTokens.verify(token);
    if (!named) {
      throw new ValidationProblem([
        { field: 'token', messages: ['token is not an unsubscribe link of FitAI'] },
      ]);
    }
    return named;
  }
}

const notFound = () => new NotFoundException('No such notification.');

/** The device that made the request (X-Socket-Id) already knows: it is not told again. */
const socketId = () => RequestContext.socketId();

/** `after` is a cursor like the others: a forged one is a field-level 400 on `after`. */
function afterPosition(after: string) {
  try {
    return decodeCursor(after);
  } catch {
    throw new ValidationProblem([
      { field: 'after', messages: ['after must be a cursor returned by this API'] },
    ]);
  }
}
