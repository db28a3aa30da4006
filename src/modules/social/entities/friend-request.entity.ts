import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { FriendRequestStatus } from '../social.vocabulary';

/**
 * One friend request and where it ended (pending → accepted | declined | cancelled). At most
 * one pending request per pair, in either direction: the service holds the pair's lock while it
 * decides, and UQ_friend_requests_pending guards the one direction under any race.
 */
@Entity('friend_requests')
@Index('UQ_friend_requests_pending', ['requesterId', 'addresseeId'], {
  unique: true,
  where: `"status" = 'pending'`,
})
// Requests received (GET /users/friends?status=received), newest first.
@Index('IDX_friend_requests_addressee_pending', ['addresseeId', 'createdAt', 'id'], {
  where: `"status" = 'pending'`,
})
// Requests sent (the list and the cap's count), newest first.
@Index('IDX_friend_requests_requester_pending', ['requesterId', 'createdAt', 'id'], {
  where: `"status" = 'pending'`,
})
// Backs ON DELETE CASCADE from users.
@Index('IDX_friend_requests_addressee', ['addresseeId'])
export class FriendRequest extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  requesterId: string;

  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  addresseeId: string;

  @Column({
    type: 'enum',
    enum: FriendRequestStatus,
    enumName: 'friend_request_status',
    default: FriendRequestStatus.Pending,
  })
  status: FriendRequestStatus;

  /** When it left pending (accepted, declined or cancelled). */
  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;
}
