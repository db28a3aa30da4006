import { CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * A friendship, stored once per direction (two rows): "my friends" is one range of the primary
 * key, and a feed or a visibility check joins on (user_id, friend_id) without an OR.
 */
@Entity('friendships')
// Backs ON DELETE CASCADE from users on friend_id (user_id leads the primary key).
@Index('IDX_friendships_friend', ['friendId'])
// The caller's friends (GET /users/friends), newest first.
@Index('IDX_friendships_user_created', ['userId', 'createdAt', 'friendId'])
export class Friendship {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  friendId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
