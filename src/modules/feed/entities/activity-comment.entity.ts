import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';

/** A comment on an activity; edited or deleted by its author, deleted by the activity's owner. */
@Entity('activity_comments')
// An activity's comments (GET /feed/:activityId/comments), oldest first.
@Index('IDX_activity_comments_activity_created', ['activityId', 'createdAt', 'id'])
// Backs ON DELETE CASCADE from users.
@Index('IDX_activity_comments_user', ['userId'])
export class ActivityComment extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('activities', { onDelete: 'CASCADE' })
  activityId: string;

  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'varchar', length: 1000 })
  text: string;
}
