import { CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** One like: the primary key makes a second like of the same user a no-op. */
@Entity('activity_likes')
// Who liked an activity (GET /feed/:activityId/likes), newest first.
@Index('IDX_activity_likes_activity_created', ['activityId', 'createdAt', 'userId'])
// Backs ON DELETE CASCADE from users.
@Index('IDX_activity_likes_user', ['userId'])
export class ActivityLike {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('activities', { onDelete: 'CASCADE' })
  activityId: string;

  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
