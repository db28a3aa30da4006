import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { Audience } from '../../users/privacy.vocabulary';
import { ActivityKind } from '../feed.vocabulary';

/**
 * One item of the feed: made by the worker from a domain event (a completed workout, a
 * personal record, an achieved goal) or by a user (a text post). Its `visibility` can only
 * narrow its owner's `activity_visibility`: the audience is the stricter of the two, computed
 * in SQL at read time (docs/social.md, "Visibility"). A workout's deletion removes its
 * activities (and their likes and comments) by cascade.
 */
@Entity('activities')
// A user's activities newest first: the feed's per-author range and the profile's list.
@Index('IDX_activities_user_occurred', ['userId', 'occurredAt', 'id'])
// The feed (GET /feed): every activity newest first, filtered by author (docs/social.md).
@Index('IDX_activities_occurred', ['occurredAt', 'id'])
// Re-delivered events make nothing new: one activity per workout, record and goal.
@Index('UQ_activities_workout', ['workoutId'], {
  unique: true,
  where: `"kind" = 'workout'`,
})
@Index('UQ_activities_record', ['recordId'], { unique: true, where: '"record_id" IS NOT NULL' })
@Index('UQ_activities_goal', ['goalId'], { unique: true, where: '"goal_id" IS NOT NULL' })
// A workout's record activities (sharing narrows them with it) and the cascade from workouts.
@Index('IDX_activities_workout', ['workoutId'], { where: '"workout_id" IS NOT NULL' })
export class Activity extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'enum', enum: ActivityKind, enumName: 'activity_kind' })
  kind: ActivityKind;

  /** Narrows the owner's activity_visibility, never widens it. */
  @Column({ type: 'enum', enum: Audience, enumName: 'audience', default: Audience.Public })
  visibility: Audience;

  /** When it happened (a workout's real end, a record's session end): the feed's order. */
  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('workouts', { onDelete: 'CASCADE' })
  workoutId: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('personal_records', { onDelete: 'CASCADE' })
  recordId: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('goals', { onDelete: 'CASCADE' })
  goalId: string | null;

  /** A post's text, or the caption of a shared workout. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  text: string | null;

  /** What the activity shows, copied when it is made (totals, a record, a goal's title). */
  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  /** Kept by the like and unlike statements themselves (one atomic UPDATE each). */
  @Column({ type: 'int', default: 0 })
  likeCount: number;

  @Column({ type: 'int', default: 0 })
  commentCount: number;
}
