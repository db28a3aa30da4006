import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetPosition } from '../../common/pagination/cursor';
import { KEYSET_NOW_SQL as NOW_MS, keysetInstantSql } from '../../common/pagination/keyset';
import { isoInstantSql } from '../../common/time/iso-instant-sql';
import { blockedEitherWaySql, friendsSql } from '../social/social-sql.vocabulary';
import { Audience } from '../users/privacy.vocabulary';
import { ActivityKind } from './feed.vocabulary';

/**
 * SQL: the audience an activity `a` of owner `o` (users) really has. A post's is its own; an
 * activity made from a workout, a record or a goal can only narrow its owner's
 * activity_visibility, so it is the stricter of the two (GREATEST over the `audience` enum,
 * declared widest first).
 */
const EFFECTIVE_AUDIENCE = `(CASE WHEN a.kind = 'post' THEN a.visibility
                                  ELSE GREATEST(a.visibility, o.activity_visibility) END)`;

/**
 * SQL: the viewer (`viewer`, an expression) may see activity `a` of owner `o`: their own; or,
 * from an active account they are in no block with, one whose audience is public, or friends
 * and they are friends. Every route that reads or touches an activity goes through it.
 */
function visibleToSql(viewer: string): string {
  return `(a.user_id = ${viewer} OR (
             o.status = 'active'
             AND ${EFFECTIVE_AUDIENCE} <> '${Audience.OnlyMe}'
             AND (${EFFECTIVE_AUDIENCE} = '${Audience.Public}' OR ${friendsSql(viewer, 'a.user_id')})
             AND NOT ${blockedEitherWaySql(viewer, 'a.user_id')}))`;
}

/**
 * SQL: the activity $2 if the viewer $1 may see it (the first step of every write to it).
 */
const VISIBLE_TARGET = `SELECT a.id FROM activities a JOIN users o ON o.id = a.user_id
                         WHERE a.id = $2 AND ${visibleToSql('$1::uuid')}`;

/**
 * SQL: the author of `a` is one of the viewer's ($1) friends. Uncorrelated on purpose: the
 * planner hashes the viewer's friend ids once (one range of the friendships primary key) and
 * probes the set per row, where a correlated EXISTS would descend the index per row.
 */
const FRIEND_OF_VIEWER = `a.user_id IN (SELECT f.friend_id FROM friendships f WHERE f.user_id = $1)`;

/** The numbers of a personal record, left out for others when the owner hides them. */
const RECORD_NUMBERS = `ARRAY['value', 'weightKg', 'reps', 'previousValue']`;

/** An activity's columns in ActivityRow's shape, for `viewer` ($1). */
const ACTIVITY_COLUMNS = `
  a.id, a.kind, a.user_id AS "authorId", o.display_name AS "authorName",
  o.avatar_digest AS "authorAvatarDigest",
  ${isoInstantSql('a.occurred_at')} AS "occurredAt",
  ${EFFECTIVE_AUDIENCE} AS visibility, a.text,
  CASE WHEN a.kind = 'personal_record' AND a.user_id <> $1 AND NOT o.show_record_numbers
       THEN jsonb_set(a.details, '{personalRecord}', (a.details->'personalRecord') - ${RECORD_NUMBERS})
       ELSE a.details END AS details,
  a.like_count AS "likeCount", a.comment_count AS "commentCount",
  EXISTS (SELECT 1 FROM activity_likes l WHERE l.activity_id = a.id AND l.user_id = $1) AS "likedByMe"`;

/** A completed workout's totals (w: workouts) as an activity shows them. */
const WORKOUT_DETAILS = `jsonb_build_object(
  'workoutId', w.id, 'name', w.name, 'durationSeconds', w.duration_seconds,
  'totalVolumeKg', w.total_volume_kg::float8, 'totalSets', w.total_sets, 'totalReps', w.total_reps)`;

export interface ActivityRow {
  id: string;
  kind: ActivityKind;
  authorId: string;
  authorName: string;
  authorAvatarDigest: string | null;
  occurredAt: string;
  visibility: Audience;
  text: string | null;
  details: ActivityDetails;
  likeCount: number;
  commentCount: number;
  likedByMe: boolean;
}

/** What an activity shows, by kind (activities.details). Weights in kilograms. */
export interface ActivityDetails {
  workout?: {
    workoutId: string;
    name: string;
    durationSeconds: number | null;
    totalVolumeKg: number | null;
    totalSets: number | null;
    totalReps: number | null;
  };
  personalRecord?: {
    workoutId: string;
    exerciseId: string;
    exerciseName: string;
    kind: string;
    value?: number;
    weightKg?: number;
    reps?: number;
    previousValue?: number | null;
  };
  goal?: { goalId: string; title: string; type: string; metric: string };
  challenge?: {
    challengeId: string;
    title: string;
    kind: string;
    rank: number;
    progress: number;
    badge: string | null;
    participants: number;
  };
}

/** What a like or an unlike found: the activity visible to the caller, and the like changed. */
export interface LikeOutcome {
  visible: boolean;
  changed: boolean;
}

export interface LikeRow {
  userId: string;
  displayName: string;
  avatarDigest: string | null;
  likedAt: string;
}

export interface CommentRow {
  id: string;
  activityId: string;
  authorId: string;
  authorName: string;
  authorAvatarDigest: string | null;
  text: string;
  createdAt: string;
  updatedAt: string;
}

const COMMENT_COLUMNS = `c.id, c.activity_id AS "activityId", c.user_id AS "authorId",
  u.display_name AS "authorName", u.avatar_digest AS "authorAvatarDigest", c.text,
  ${isoInstantSql('c.created_at')} AS "createdAt", ${isoInstantSql('c.updated_at')} AS "updatedAt"`;

/**
 * The feed's queries. Reads workouts, personal_records, exercises and goals (the subscribers
 * copy what an activity shows when it is made), users (owner's privacy) and the social graph's
 * friendships and user_blocks (through social-sql.vocabulary) in SQL; writes only its own
 * tables. Visibility is one SQL fragment (visibleToSql) in every statement.
 */
@Injectable()
export class FeedRepository {
  /** Set on a repository bound to a transaction (inTransaction): its statements run in it. */
  private manager?: EntityManager;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs `work` in one transaction, with a repository whose statements run in it. */
  inTransaction<T>(work: (tx: FeedRepository, manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction((manager) => {
      const tx = new FeedRepository(this.db);
      tx.manager = manager;
      return work(tx, manager);
    });
  }

  private query<T>(sql: string, parameters: unknown[]): Promise<T> {
    return (this.manager ?? this.db.manager).query(sql, parameters);
  }

  /**
   * A page of the feed: the viewer's own activities (unless `friendsOnly`) and their friends'
   * that they may see, newest first by (occurred_at, id). One statement whatever the friend
   * count: IDX_activities_occurred walked newest first from the cursor, each row kept if its
   * author is the viewer or in the viewer's friendships (a hashed set of the friendships'
   * primary-key range, built once per statement) and visible to them, until `limit + 1` rows.
   * Its cost grows with how many other activities interleave with the friends' (docs/social.md,
   * "The feed query"), not with the friend count or the table's size.
   */
  async feedPage(
    viewer: string,
    friendsOnly: boolean,
    before: KeysetPosition | undefined,
    limit: number,
  ): Promise<ActivityRow[]> {
    const author = friendsOnly
      ? `a.user_id <> $1 AND ${FRIEND_OF_VIEWER}`
      : `(a.user_id = $1 OR ${FRIEND_OF_VIEWER})`;
    const keyset = before ? `AND (a.occurred_at, a.id) < ($2::timestamptz, $3::uuid)` : '';
    return this.query(
      `SELECT ${ACTIVITY_COLUMNS}
         FROM activities a JOIN users o ON o.id = a.user_id
        WHERE ${author} ${keyset}
          AND ${visibleToSql('$1::uuid')}
        ORDER BY a.occurred_at DESC, a.id DESC
        LIMIT ${limit + 1}`,
      before ? [viewer, before.at, before.id] : [viewer],
    );
  }

  /** One activity if the viewer may see it (primary key), else null. */
  async findVisible(viewer: string, id: string): Promise<ActivityRow | null> {
    const [row]: ActivityRow[] = await this.query(
      `SELECT ${ACTIVITY_COLUMNS}
         FROM activities a JOIN users o ON o.id = a.user_id
        WHERE a.id = $2 AND ${visibleToSql('$1::uuid')}`,
      [viewer, id],
    );
    return row ?? null;
  }

  /** An activity's owner and kind by id (primary key), whoever asks; null when it is gone. */
  async findOwnerAndKind(id: string): Promise<{ ownerId: string; kind: ActivityKind } | null> {
    const [row]: { ownerId: string; kind: ActivityKind }[] = await this.query(
      'SELECT user_id AS "ownerId", kind FROM activities WHERE id = $1',
      [id],
    );
    return row ?? null;
  }

  async insertPost(userId: string, text: string, visibility: Audience): Promise<string> {
    const [row]: { id: string }[] = await this.query(
      `INSERT INTO activities (user_id, kind, visibility, occurred_at, text, details, created_at)
       VALUES ($1, 'post', $2, ${NOW_MS}, $3, '{}'::jsonb, ${NOW_MS}) RETURNING id`,
      [userId, visibility, text],
    );
    return row.id;
  }

  /**
   * The activity of a completed workout, with its totals, at its real end; a second delivery
   * (or a share that made it first) changes nothing (UQ_activities_workout). A workout deleted
   * or no longer completed meanwhile makes none.
   */
  async insertWorkoutActivity(workoutId: string): Promise<void> {
    await this.query(
      `INSERT INTO activities (user_id, kind, occurred_at, workout_id, details)
       SELECT w.user_id, 'workout', ${keysetInstantSql('w.completed_at')}, w.id,
              jsonb_build_object('workout', ${WORKOUT_DETAILS})
         FROM workouts w WHERE w.id = $1 AND w.status = 'completed'
       ON CONFLICT (workout_id) WHERE kind = 'workout' DO NOTHING`,
      [workoutId],
    );
  }

  /**
   * The activity of a personal record, at its session's end, as visible as its workout's
   * activity (a record never shows wider than its session); once (UQ_activities_record). A
   * record gone meanwhile (its workout deleted or re-dated) makes none.
   */
  async insertRecordActivity(recordId: string): Promise<void> {
    await this.query(
      `INSERT INTO activities (user_id, kind, visibility, occurred_at, workout_id, record_id, details)
       SELECT r.user_id, 'personal_record',
              coalesce((SELECT w.visibility FROM activities w
                         WHERE w.workout_id = r.workout_id AND w.kind = 'workout'), 'public'),
              ${keysetInstantSql('r.achieved_at')}, r.workout_id, r.id,
              jsonb_build_object('personalRecord', jsonb_build_object(
                'workoutId', r.workout_id, 'exerciseId', r.exercise_id, 'exerciseName', e.name,
                'kind', r.kind, 'value', r.value::float8, 'weightKg', r.weight_kg::float8,
                'reps', r.reps, 'previousValue', r.previous_value::float8))
         FROM personal_records r JOIN exercises e ON e.id = r.exercise_id
        WHERE r.id = $1
       ON CONFLICT (record_id) WHERE record_id IS NOT NULL DO NOTHING`,
      [recordId],
    );
  }

  /** The activity of an achieved goal, when it was achieved; once (UQ_activities_goal). */
  async insertGoalActivity(goalId: string): Promise<void> {
    await this.query(
      `INSERT INTO activities (user_id, kind, occurred_at, goal_id, details)
       SELECT g.user_id, 'goal_achieved', ${keysetInstantSql('coalesce(g.achieved_at, now())')}, g.id,
              jsonb_build_object('goal', jsonb_build_object(
                'goalId', g.id, 'title', g.title, 'type', g.type, 'metric', g.metric))
         FROM goals g WHERE g.id = $1 AND g.status = 'achieved' AND g.deleted_at IS NULL
       ON CONFLICT (goal_id) WHERE goal_id IS NOT NULL DO NOTHING`,
      [goalId],
    );
  }

  /**
   * A closed challenge's result, one activity per participant, at the close (its final rank,
   * progress and badge). A second delivery makes nothing (UQ_activities_challenge); a
   * challenge not closed, or deleted, makes none.
   */
  async insertChallengeActivities(challengeId: string): Promise<void> {
    await this.query(
      `INSERT INTO activities (user_id, kind, occurred_at, challenge_id, details)
       SELECT p.user_id, 'challenge_result', ${keysetInstantSql('c.closed_at')}, c.id,
              jsonb_build_object('challenge', jsonb_build_object(
                'challengeId', c.id, 'title', c.title, 'kind', c.kind, 'rank', p.final_rank,
                'progress', p.progress::float8, 'badge', p.badge,
                'participants', count(*) OVER ()))
         FROM challenges c JOIN challenge_participants p ON p.challenge_id = c.id
        WHERE c.id = $1 AND c.status = 'closed'
       ON CONFLICT (challenge_id, user_id) WHERE challenge_id IS NOT NULL DO NOTHING`,
      [challengeId],
    );
  }

  /**
   * A workout moved in time: its activity follows its real end, and its records' activities
   * their records (IDX_activities_workout). Idempotent: it copies the current state.
   */
  async redateWorkout(workoutId: string): Promise<void> {
    await this.query(
      `UPDATE activities a
          SET occurred_at = ${keysetInstantSql('w.completed_at')}, updated_at = now()
         FROM workouts w
        WHERE a.workout_id = $1 AND a.kind = 'workout' AND w.id = a.workout_id
          AND w.completed_at IS NOT NULL`,
      [workoutId],
    );
    await this.query(
      `UPDATE activities a
          SET occurred_at = ${keysetInstantSql('r.achieved_at')}, updated_at = now()
         FROM personal_records r
        WHERE a.workout_id = $1 AND a.kind = 'personal_record' AND r.id = a.record_id`,
      [workoutId],
    );
  }

  /**
   * Shares the owner's completed workout: its activity (made now if the worker has not yet)
   * gets the caption and the audience, and its records' activities the same audience. Answers
   * the activity's id, or null when the workout is not the owner's completed one.
   */
  async shareWorkout(
    userId: string,
    workoutId: string,
    caption: string | null,
    visibility: Audience,
  ): Promise<string | null> {
    const [row]: { id: string }[] = await this.query(
      `INSERT INTO activities (user_id, kind, visibility, occurred_at, workout_id, text, details)
       SELECT w.user_id, 'workout', $3, ${keysetInstantSql('w.completed_at')}, w.id, $4,
              jsonb_build_object('workout', ${WORKOUT_DETAILS})
         FROM workouts w WHERE w.id = $2 AND w.user_id = $1 AND w.status = 'completed'
       ON CONFLICT (workout_id) WHERE kind = 'workout'
       DO UPDATE SET visibility = EXCLUDED.visibility, text = EXCLUDED.text, updated_at = now()
       RETURNING id`,
      [userId, workoutId, visibility, caption],
    );
    if (!row) return null;
    await this.query(
      `UPDATE activities SET visibility = $2, updated_at = now()
        WHERE workout_id = $1 AND kind = 'personal_record'`,
      [workoutId, visibility],
    );
    return row.id;
  }

  /** The owner's workout status, for a share's answer: null when not theirs (or gone). */
  async workoutStatusOf(userId: string, workoutId: string): Promise<string | null> {
    const [row]: { status: string }[] = await this.query(
      `SELECT status FROM workouts WHERE id = $1 AND user_id = $2`,
      [workoutId, userId],
    );
    return row?.status ?? null;
  }

  /**
   * Likes the activity if the viewer may see it, in one statement: the like (PK: a second one
   * is a no-op) and the count's increment, an atomic UPDATE that concurrent likes queue on.
   * Answers whether the activity is visible and whether this call liked it.
   */
  async like(viewer: string, activityId: string): Promise<LikeOutcome> {
    const [row]: LikeOutcome[] = await this.query(
      `WITH target AS (
              ${VISIBLE_TARGET}),
            liked AS (
              INSERT INTO activity_likes (activity_id, user_id, created_at)
              SELECT id, $1, ${NOW_MS} FROM target
              ON CONFLICT DO NOTHING RETURNING activity_id),
            counted AS (
              UPDATE activities SET like_count = like_count + 1
               WHERE id IN (SELECT activity_id FROM liked) RETURNING id)
       SELECT EXISTS (SELECT 1 FROM target) AS visible, EXISTS (SELECT 1 FROM counted) AS changed`,
      [viewer, activityId],
    );
    return row;
  }

  /** The reverse of like(), as atomic; unliking what was not liked is a no-op. */
  async unlike(viewer: string, activityId: string): Promise<LikeOutcome> {
    const [row]: LikeOutcome[] = await this.query(
      `WITH target AS (
              ${VISIBLE_TARGET}),
            unliked AS (
              DELETE FROM activity_likes
               WHERE activity_id IN (SELECT id FROM target) AND user_id = $1
              RETURNING activity_id),
            counted AS (
              UPDATE activities SET like_count = like_count - 1
               WHERE id IN (SELECT activity_id FROM unliked) RETURNING id)
       SELECT EXISTS (SELECT 1 FROM target) AS visible, EXISTS (SELECT 1 FROM counted) AS changed`,
      [viewer, activityId],
    );
    return row;
  }

  /**
   * Removes the likes each of the two users gave the other's activities, and takes them off
   * the counts, in one statement (IDX_activity_likes_user, then the activities' primary key).
   * Idempotent: a second run finds no like to remove.
   */
  async removeLikesBetween(a: string, b: string): Promise<void> {
    await this.query(
      `WITH removed AS (
              DELETE FROM activity_likes l USING activities x
               WHERE x.id = l.activity_id
                 AND ((l.user_id = $1 AND x.user_id = $2) OR (l.user_id = $2 AND x.user_id = $1))
              RETURNING l.activity_id),
            per_activity AS (
              SELECT activity_id, count(*)::int AS n FROM removed GROUP BY activity_id)
       UPDATE activities t SET like_count = t.like_count - p.n
         FROM per_activity p WHERE t.id = p.activity_id`,
      [a, b],
    );
  }

  /**
   * Who liked the activity, newest first (IDX_activity_likes_activity_created), leaving out
   * anyone in a block with the viewer. Call it once the activity is known to be visible.
   */
  likesPage(
    viewer: string,
    activityId: string,
    before: KeysetPosition | undefined,
    limit: number,
  ): Promise<LikeRow[]> {
    const keyset = before ? `AND (l.created_at, l.user_id) < ($3::timestamptz, $4::uuid)` : '';
    return this.query(
      `SELECT l.user_id AS "userId", u.display_name AS "displayName",
              u.avatar_digest AS "avatarDigest",
              ${isoInstantSql('l.created_at')} AS "likedAt"
         FROM activity_likes l JOIN users u ON u.id = l.user_id
        WHERE l.activity_id = $2 AND NOT ${blockedEitherWaySql('$1::uuid', 'l.user_id')} ${keyset}
        ORDER BY l.created_at DESC, l.user_id DESC
        LIMIT ${limit + 1}`,
      before ? [viewer, activityId, before.at, before.id] : [viewer, activityId],
    );
  }

  /**
   * Comments on the activity if the viewer may see it, in one statement with the count's
   * increment. Answers the new comment's id, or null when the activity is not visible.
   */
  async insertComment(viewer: string, activityId: string, text: string): Promise<string | null> {
    const [row]: { id: string }[] = await this.query(
      `WITH target AS (
              ${VISIBLE_TARGET}),
            written AS (
              INSERT INTO activity_comments (activity_id, user_id, text, created_at, updated_at)
              SELECT id, $1, $3, ${NOW_MS}, ${NOW_MS} FROM target RETURNING id, activity_id),
            counted AS (
              UPDATE activities SET comment_count = comment_count + 1
               WHERE id IN (SELECT activity_id FROM written) RETURNING id)
       SELECT id FROM written`,
      [viewer, activityId, text],
    );
    return row?.id ?? null;
  }

  /**
   * The activity's comments, oldest first (IDX_activity_comments_activity_created), leaving
   * out authors in a block with the viewer. Call it once the activity is known to be visible.
   */
  commentsPage(
    viewer: string,
    activityId: string,
    after: KeysetPosition | undefined,
    limit: number,
  ): Promise<CommentRow[]> {
    const keyset = after ? `AND (c.created_at, c.id) > ($3::timestamptz, $4::uuid)` : '';
    return this.query(
      `SELECT ${COMMENT_COLUMNS}
         FROM activity_comments c JOIN users u ON u.id = c.user_id
        WHERE c.activity_id = $2 AND NOT ${blockedEitherWaySql('$1::uuid', 'c.user_id')} ${keyset}
        ORDER BY c.created_at, c.id
        LIMIT ${limit + 1}`,
      after ? [viewer, activityId, after.at, after.id] : [viewer, activityId],
    );
  }

  /** A comment of a visible activity, by id, if its author is in no block with the viewer. */
  async findComment(
    viewer: string,
    activityId: string,
    commentId: string,
  ): Promise<CommentRow | null> {
    const [row]: CommentRow[] = await this.query(
      `SELECT ${COMMENT_COLUMNS}
         FROM activity_comments c JOIN users u ON u.id = c.user_id
        WHERE c.id = $3 AND c.activity_id = $2
          AND NOT ${blockedEitherWaySql('$1::uuid', 'c.user_id')}`,
      [viewer, activityId, commentId],
    );
    return row ?? null;
  }

  /** Changes the text of the author's own comment; false when it is not theirs. */
  async updateComment(authorId: string, commentId: string, text: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [, affected]: [unknown[], number] = await this.query(
      `UPDATE activity_comments SET text = $3, updated_at = ${NOW_MS}
        WHERE id = $2 AND user_id = $1`,
      [authorId, commentId, text],
    );
    return affected > 0;
  }

  /**
   * Deletes a comment by its author or by the activity's owner, with the count's decrement,
   * in one statement; false when the caller is neither.
   */
  deleteComment(caller: string, activityId: string, commentId: string): Promise<boolean> {
    return this.deleteCommentWhere(
      `c.id = $3 AND c.activity_id = $2
       AND (c.user_id = $1 OR EXISTS (
             SELECT 1 FROM activities a WHERE a.id = c.activity_id AND a.user_id = $1))`,
      [caller, activityId, commentId],
    );
  }

  /** Moderation: deletes a comment whoever wrote it (with the count); false when none. */
  removeComment(commentId: string): Promise<boolean> {
    return this.deleteCommentWhere('c.id = $1', [commentId]);
  }

  /** Moderation: deletes an activity, its likes and comments (cascade); false when none. */
  async removeActivity(activityId: string): Promise<boolean> {
    const [, affected]: [unknown[], number] = await this.query(
      'DELETE FROM activities WHERE id = $1',
      [activityId],
    );
    return affected > 0;
  }

  /**
   * A comment on an activity the viewer may see (its author need not be visible to them: one
   * reports what one saw before a block too), with its activity's id; null otherwise.
   */
  async findCommentOnVisibleActivity(
    viewer: string,
    commentId: string,
  ): Promise<CommentRow | null> {
    const [row]: CommentRow[] = await this.query(
      `SELECT ${COMMENT_COLUMNS}
         FROM activity_comments c
         JOIN users u ON u.id = c.user_id
         JOIN activities a ON a.id = c.activity_id
         JOIN users o ON o.id = a.user_id
        WHERE c.id = $2 AND ${visibleToSql('$1::uuid')}`,
      [viewer, commentId],
    );
    return row ?? null;
  }

  /** Deletes the comments `condition` selects with their activities' count, in one statement. */
  private async deleteCommentWhere(condition: string, parameters: unknown[]): Promise<boolean> {
    const rows: unknown[] = await this.query(
      `WITH removed AS (
              DELETE FROM activity_comments c WHERE ${condition} RETURNING c.activity_id),
            counted AS (
              UPDATE activities SET comment_count = comment_count - 1
               WHERE id IN (SELECT activity_id FROM removed) RETURNING id)
       SELECT id FROM counted`,
      parameters,
    );
    return rows.length > 0;
  }
}
