import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { MicroBatcher } from '../../common/async/micro-batcher';
import { KeysetPosition } from '../../common/pagination/cursor';
import { KEYSET_NOW_SQL, newestFirstPage } from '../../common/pagination/keyset';
import {
  returningColumns,
  rowAsEntity,
  updateReturningEntity,
} from '../../common/database/update-returning';
import { isUniqueViolation } from '../../common/database/unique-violation';
import { deleteInBatches } from '../../common/database/delete-in-batches';
import { NotificationDigest } from './entities/notification-digest.entity';
import { NotificationPreference } from './entities/notification-preference.entity';
import { NotificationSource } from './entities/notification-source.entity';
import { Notification, NotificationActor } from './entities/notification.entity';
import { NotificationType } from './notification-types';

/**
 * The transaction's time to the millisecond: list positions (cursors) carry milliseconds, so a
 * row must not sit a few microseconds after the cursor that names it.
 */
const NOW_MS = KEYSET_NOW_SQL;

/** How many actors a group remembers by name. */
export const ACTORS_KEPT = 3;

export interface NewNotification {
  userId: string;
  type: NotificationType;
  groupKey: string;
  subjectId: string | null;
  actor: NotificationActor | null;
  data: Notification['data'];
  inApp: boolean;
  digestPending: boolean;
}

export interface NotificationListQuery {
  unread: boolean;
  /** Older than this position (the next page). */
  before?: KeysetPosition;
  /** Newer than this position (catching up after a reconnect). */
  after?: KeysetPosition;
  limit: number;
}

/** What insertUngrouped made: the notification, the user's stored settings, or null (recorded). */
export type UngroupedInsert =
  | { notification: Notification; unreadBefore: number; storedPreference?: never }
  | { storedPreference: true }
  | null;

interface UngroupedInsertInput {
  notification: NewNotification;
  sourceKey: string;
  unreadCap: number;
  unlessStoredPreference: boolean;
}

/** The most occurrences per statement (the worker runs JOB_CONCURRENCY, 16, jobs at once). */
const UNGROUPED_BATCH = 64;

/**
 * The queries of notifications; each names its index. A repository bound to a transaction
 * comes from inTransaction.
 */
@Injectable()
export class NotificationsRepository {
  private readonly ungrouped = new MicroBatcher<UngroupedInsertInput, UngroupedInsert>({
    run: (inserts) => this.insertUngroupedAll(inserts),
    maxBatch: UNGROUPED_BATCH,
  });

  constructor(@InjectEntityManager() readonly manager: EntityManager) {}

  inTransaction<T>(work: (tx: NotificationsRepository) => Promise<T>): Promise<T> {
    return this.manager.transaction((manager) => work(new NotificationsRepository(manager)));
  }

  // --- creating (worker) -------------------------------------------------------------------

  /** The notification an occurrence already made (primary key of notification_sources). */
  async notificationOfSource(userId: string, sourceKey: string): Promise<Notification | null> {
    const source = await this.manager.findOneBy(NotificationSource, { userId, sourceKey });
    return source && this.manager.findOneBy(Notification, { id: source.notificationId });
  }

  /**
   * Serialises the occurrences of one group (transaction-scoped advisory lock): two likes of
   * one workout delivered at once make one group, not two.
   */
  async lockGroup(userId: string, groupKey: string): Promise<void> {
    await this.manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `notification:${userId}:${groupKey}`,
    ]);
  }

  /** The unread group an occurrence joins: IDX_notifications_user_group_open. */
  findOpenGroup(
    userId: string,
    groupKey: string,
    windowMinutes: number,
  ): Promise<Notification | null> {
    return this.manager
      .createQueryBuilder(Notification, 'n')
      .where('n.userId = :userId AND n.groupKey = :groupKey AND n.readAt IS NULL', {
        userId,
        groupKey,
      })
      .andWhere(`n.firstAt > now() - make_interval(mins => :windowMinutes)`, { windowMinutes })
      .orderBy('n.firstAt', 'DESC')
      .getOne();
  }

  async insert(notification: NewNotification): Promise<Notification> {
    const { actor, ...fields } = notification;
    const metadata = this.manager.connection.getMetadata(Notification);
    const result = await this.manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values({
        ...fields,
        count: 1,
        actorCount: actor ? 1 : 0,
        actors: actor ? [actor] : [],
        firstAt: () => NOW_MS,
        latestAt: () => NOW_MS,
      })
      .returning(returningColumns(metadata))
      .execute();
    return rowAsEntity<Notification>(metadata, (result.raw as Record<string, unknown>[])[0]);
  }

  /** One more occurrence in a group: its count, its actors (newest first), its time. */
  async addOccurrence(
    group: Notification,
    actor: NotificationActor | null,
    data: Notification['data'],
    digestPending: boolean,
  ): Promise<Notification> {
    const known = actor !== null && group.actors.some((a) => a.id === actor.id);
    const actors = actor
      ? [actor, ...group.actors.filter((a) => a.id !== actor.id)].slice(0, ACTORS_KEPT)
      : group.actors;
    return (await updateReturningEntity(this.manager.getRepository(Notification), (update) =>
      update
        .set({
          count: () => 'count + 1',
          actorCount: () => (actor && !known ? 'actor_count + 1' : 'actor_count'),
          actors,
          data: { ...group.data, ...data },
          latestAt: () => NOW_MS,
          digestPending: digestPending || group.digestPending,
        })
        .where('id = :id', { id: group.id }),
    ))!;
  }

  /**
   * An occurrence of a type that never groups, in one statement instead of a transaction of six
   * (lock, source lookup, insert, reload, source insert, badge count): the notification, its
   * source, and the unread count before it. Null when the source is already recorded (a
   * redelivered fact), including when the same fact is being delivered concurrently: the
   * source's primary key refuses the second statement whole, so no duplicate survives.
   * With `unlessStoredPreference` (the caller built it from the type's defaults, without
   * reading the user's settings first), nothing is written if the user stored settings for the
   * type: `{ storedPreference: true }`, and the caller reads them and decides again.
   * Occurrences delivered at once go as one statement (insertUngroupedAll); a batch refused by
   * a source's key is run again one by one, so only that occurrence answers null.
   */
  async insertUngrouped(
    notification: NewNotification,
    sourceKey: string,
    unreadCap: number,
    unlessStoredPreference = false,
  ): Promise<UngroupedInsert> {
    const input = { notification, sourceKey, unreadCap, unlessStoredPreference };
    try {
      // Batched with other jobs' only outside a transaction (MicroBatcher's rule).
      return this.manager.queryRunner?.isTransactionActive
        ? (await this.insertUngroupedAll([input]))[0]
        : await this.ungrouped.load(input);
    } catch (error) {
      // A source recorded meanwhile (the batch was then run again one by one).
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /**
   * insertUngrouped for the occurrences delivered at once, one statement: each new row's id is
   * made first, to find its occurrence again. A user's unread count before a row counts the
   * in-app rows the same statement made for that user before it (its snapshot does not see
   * them), as if they had been written one after the other.
   */
  private async insertUngroupedAll(inserts: UngroupedInsertInput[]): Promise<UngroupedInsert[]> {
    const metadata = this.manager.connection.getMetadata(Notification);
    const rows = (await this.manager.query(
      `WITH input AS MATERIALIZED (
         SELECT i.*, gen_random_uuid() AS new_id,
                i.unless_stored AND EXISTS (
                  SELECT 1 FROM notification_preferences p
                   WHERE p.user_id = i.user_id AND p.type = i.type) AS preference
           FROM jsonb_to_recordset($1::jsonb) AS i(ord int, user_id uuid, type text,
                  group_key text, subject_id uuid, actor_count int, actors jsonb, data jsonb,
                  in_app boolean, digest_pending boolean, source_key text, unread_cap int,
                  unless_stored boolean)
       ), made AS (
         INSERT INTO notifications (id, user_id, type, group_key, subject_id, count, actor_count,
                                    actors, data, in_app, digest_pending, first_at, latest_at)
         SELECT new_id, user_id, type, group_key, subject_id, 1, actor_count, actors, data,
                in_app, digest_pending, ${NOW_MS}, ${NOW_MS}
           FROM input
          WHERE NOT preference AND NOT EXISTS (
            SELECT 1 FROM notification_sources s
             WHERE s.user_id = input.user_id AND s.source_key = input.source_key)
         RETURNING ${returningColumns(metadata)}
       ), recorded AS (
         INSERT INTO notification_sources (user_id, source_key, notification_id)
         SELECT input.user_id, input.source_key, made.id FROM made JOIN input ON input.new_id = made.id
       )
       SELECT input.ord, made.*, input.preference AS "storedPreference", least(input.unread_cap, (
           SELECT count(*)::int FROM (
             SELECT 1 FROM notifications n
              WHERE n.user_id = input.user_id AND n.in_app AND n.read_at IS NULL
              LIMIT input.unread_cap) capped
         ) + (
           SELECT count(*)::int FROM input earlier JOIN made earlier_made ON earlier_made.id = earlier.new_id
            WHERE earlier.user_id = input.user_id AND earlier.ord < input.ord AND earlier.in_app
         )) AS "unreadBefore"
         FROM input LEFT JOIN made ON made.id = input.new_id`,
      [
        JSON.stringify(
          inserts.map(({ notification, sourceKey, unreadCap, unlessStoredPreference }, ord) => ({
            ord,
            user_id: notification.userId,
            type: notification.type,
            group_key: notification.groupKey,
            subject_id: notification.subjectId,
            actor_count: notification.actor ? 1 : 0,
            actors: notification.actor ? [notification.actor] : [],
            data: notification.data,
            in_app: notification.inApp,
            digest_pending: notification.digestPending,
            source_key: sourceKey,
            unread_cap: unreadCap,
            unless_stored: unlessStoredPreference,
          })),
        ),
      ],
    )) as (Record<string, unknown> & {
      ord: number;
      unreadBefore: number;
      storedPreference: boolean;
    })[];
    const answers: UngroupedInsert[] = inserts.map(() => null);
    for (const { ord, unreadBefore, storedPreference, ...columns } of rows) {
      if (storedPreference) answers[ord] = { storedPreference: true };
      else if (columns.id !== null)
        answers[ord] = { notification: rowAsEntity<Notification>(metadata, columns), unreadBefore };
    }
    return answers;
  }

  async recordSource(userId: string, sourceKey: string, notificationId: string): Promise<void> {
    await this.manager.insert(NotificationSource, { userId, sourceKey, notificationId });
  }

  // --- reading and changing (API) -------------------------------------------------------------

  /**
   * A page newest first: IDX_notifications_user_latest, or IDX_notifications_user_unread with
   * `unread`. `limit + 1` rows (toCursorPage).
   */
  list(userId: string, query: NotificationListQuery): Promise<Notification[]> {
    const builder = this.manager
      .createQueryBuilder(Notification, 'n')
      .where('n.userId = :userId AND n.inApp', { userId });
    if (query.unread) builder.andWhere('n.readAt IS NULL');
    if (query.after) {
      builder.andWhere('(n.latestAt, n.id) > (:afterAt, :afterId)', {
        afterAt: query.after.at,
        afterId: query.after.id,
      });
    }
    return newestFirstPage(builder, 'latestAt', query.before, query.limit).getMany();
  }

  /** Unread notifications, counted up to `cap` (IDX_notifications_user_unread, at most cap rows read). */
  async unreadCount(userId: string, cap: number): Promise<number> {
    const [{ n }] = (await this.manager.query(
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM notifications WHERE user_id = $1 AND in_app AND read_at IS NULL LIMIT $2
       ) capped`,
      [userId, cap],
    )) as { n: number }[];
    return n;
  }

  /** Marks one read (a second time keeps the first instant); null when it is not the user's. */
  markRead(userId: string, id: string): Promise<Notification | null> {
    return updateReturningEntity(this.manager.getRepository(Notification), (update) =>
      update
        .set({ readAt: () => 'coalesce(read_at, now())' })
        .where('id = :id AND user_id = :userId AND in_app', { id, userId }),
    );
  }

  /** Marks every unread one read (IDX_notifications_user_unread); how many changed. */
  async markAllRead(userId: string): Promise<number> {
    const result = await this.manager
      .createQueryBuilder()
      .update(Notification)
      .set({ readAt: () => 'now()' })
      .where('user_id = :userId AND in_app AND read_at IS NULL', { userId })
      .execute();
    return result.affected ?? 0;
  }

  /** False when it is not the user's. */
  async delete(userId: string, id: string): Promise<boolean> {
    const result = await this.manager.delete(Notification, { id, userId, inApp: true });
    return (result.affected ?? 0) > 0;
  }

  findById(id: string): Promise<Notification | null> {
    return this.manager.findOneBy(Notification, { id });
  }

  /**
   * Deletes the read notifications (and email-only ones) whose last occurrence is older than
   * `days`, in batches (IDX_notifications_prunable); how many.
   */
  prune(days: number): Promise<number> {
    return deleteInBatches(
      this.manager,
      'notifications',
      '(read_at IS NOT NULL OR NOT in_app) AND latest_at < now() - make_interval(days => $1)',
      [days],
    );
  }

  // --- preferences ----------------------------------------------------------------------------

  /** The user's changed settings (primary key). */
  preferencesOf(userId: string, type?: NotificationType): Promise<NotificationPreference[]> {
    return this.manager.findBy(NotificationPreference, type ? { userId, type } : { userId });
  }

  async savePreferences(rows: Omit<NotificationPreference, 'updatedAt'>[]): Promise<void> {
    if (rows.length === 0) return;
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(NotificationPreference)
      .values(rows)
      .orUpdate(['in_app', 'email', 'push', 'updated_at'], ['user_id', 'type'])
      .execute();
  }

  // --- daily digests --------------------------------------------------------------------------

  /** Schedules the user's next digest unless one is already due (primary key). */
  async scheduleDigest(userId: string, afterSeconds: number): Promise<void> {
    await this.manager.query(
      `INSERT INTO notification_digests (user_id, due_at)
       VALUES ($1, now() + make_interval(secs => $2))
       ON CONFLICT (user_id) DO UPDATE
         SET due_at = coalesce(notification_digests.due_at, EXCLUDED.due_at)`,
      [userId, afterSeconds],
    );
  }

  /**
   * In the caller's transaction: claims up to `limit` due digests (IDX_notification_digests_due,
   * FOR UPDATE SKIP LOCKED, so ticks of several workers never claim one twice) and clears
   * their due time; answers who and the due time that names the digest.
   */
  async claimDueDigests(limit: number): Promise<{ userId: string; dueAt: Date }[]> {
    // TypeORM answers an UPDATE as [rows, count].
    const [rows] = (await this.manager.query(
      `UPDATE notification_digests d SET due_at = NULL
         FROM (SELECT user_id, due_at FROM notification_digests
                WHERE due_at <= now() ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
        WHERE d.user_id = due.user_id
        RETURNING d.user_id AS "userId", due.due_at AS "dueAt"`,
      [limit],
    )) as [{ userId: string; dueAt: Date }[], number];
    return rows;
  }

  /** The notifications waiting for a user's digest, unread, newest first (IDX_notifications_user_digest). */
  digestItems(userId: string, limit: number): Promise<Notification[]> {
    return this.manager
      .createQueryBuilder(Notification, 'n')
      .where('n.userId = :userId AND n.digestPending AND n.readAt IS NULL', { userId })
      .orderBy('n.latestAt', 'DESC')
      .limit(limit)
      .getMany();
  }

  /** After a digest: its notifications no longer wait (read ones neither). */
  async digestSent(userId: string): Promise<void> {
    await this.manager.query(
      `UPDATE notifications SET digest_pending = false WHERE user_id = $1 AND digest_pending`,
      [userId],
    );
    await this.manager.update(NotificationDigest, { userId }, { lastSentAt: () => 'now()' });
  }
}
