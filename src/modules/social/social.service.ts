import { Injectable, NotFoundException } from '@nestjs/common';
import { ValidationProblem } from '../../common/errors/domain-errors';
import { CursorPage, toCursorPage } from '../../common/pagination/cursor';
import { keysetOf } from '../../common/pagination/cursor-query.dto';
import { Page, toPage } from '../../common/pagination/page';
import { offsetOf, PageQueryDto } from '../../common/pagination/page-query.dto';
import { domainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { publishDomainEvents } from '../../infrastructure/events/publish-domain-events';
import { EntityManager } from 'typeorm';
import {
  BlockedUserDto,
  FriendDto,
  FriendRequestAnswer,
  ListFriendsQueryDto,
} from './dto/friend.dto';
import {
  FriendSuggestionDto,
  PublicProfileDto,
  SearchUsersQueryDto,
  UserSearchResultDto,
} from './dto/profile.dto';
import { UserSummaryDto } from './dto/user-summary.dto';
import { SocialProblems } from './social-problems';
import { SocialRepository } from './social.repository';
import { FriendRequestStatus, Relationship, SuggestionReason } from './social.vocabulary';

/** Pending friend requests a user may have sent at once (docs/social.md, "Limits"). */
export const MAX_PENDING_REQUESTS = 50;

const notFound = () => new NotFoundException('No such user.');

/**
 * The social graph: friend requests and their one state machine, friendships, blocks,
 * profiles, search and suggestions (docs/social.md). Every change between two users runs under
 * that pair's lock, so crossing requests, accepts and blocks never interleave. A new request
 * and a new friendship are announced (`friend-request.sent`, `friendship.made`) in the
 * transaction that makes them.
 */
@Injectable()
export class SocialService {
  constructor(private readonly social: SocialRepository) {}

  /**
   * Asks `addresseeId` to be friends. A request they already sent the caller is accepted
   * instead (crossing requests make friends); a request the caller already sent is answered
   * as it is. Someone blocked either way, or unknown, is a 404.
   */
  /** Whether either user blocked the other (notifications: nothing crosses a block). */
  isBlockedEitherWay(a: string, b: string): Promise<boolean> {
    return this.social.blockedEitherWay(a, b);
  }

  async request(userId: string, addresseeId: string): Promise<FriendDto> {
    if (addresseeId === userId) {
      throw new ValidationProblem([
        { field: 'userId', messages: ['you cannot send a friend request to yourself'] },
      ]);
    }
    return this.social.inTransaction(async (tx, manager) => {
      await tx.lockPair(userId, addresseeId);
      if (!(await tx.userExists(addresseeId)) || (await tx.blockedEitherWay(userId, addresseeId))) {
        throw notFound();
      }
      if (await tx.areFriends(userId, addresseeId)) {
        throw SocialProblems.alreadyFriends.exception('You are already friends.');
      }
      const pending = await tx.pendingBetween(userId, addresseeId);
      if (pending?.requesterId === addresseeId) {
        await this.accept(tx, manager, pending.id, userId, addresseeId);
      } else if (!pending) {
        if ((await tx.countPendingSent(userId)) >= MAX_PENDING_REQUESTS) {
          throw SocialProblems.pendingRequestsLimit.exception(
            `You have ${MAX_PENDING_REQUESTS} friend requests waiting for an answer: cancel some, or wait for answers.`,
            { limit: MAX_PENDING_REQUESTS },
          );
        }
        const requestId = await tx.insertRequest(userId, addresseeId);
        await publishDomainEvents(
          manager,
          domainEvent('friend-request.sent', { userId, addresseeId, requestId }),
        );
      }
      return this.relationWith(tx, userId, addresseeId);
    });
  }

  /** Accepts or declines the pending request `requesterId` sent the caller; none is a 404. */
  async answer(
    userId: string,
    requesterId: string,
    action: FriendRequestAnswer,
  ): Promise<FriendDto> {
    return this.social.inTransaction(async (tx, manager) => {
      await tx.lockPair(userId, requesterId);
      const pending = await tx.pendingBetween(userId, requesterId);
      if (!pending || pending.requesterId !== requesterId) {
        throw new NotFoundException('No pending friend request from this user.');
      }
      if (action === FriendRequestAnswer.Accept) {
        await this.accept(tx, manager, pending.id, userId, requesterId);
      } else {
        await tx.closeRequest(pending.id, FriendRequestStatus.Declined);
      }
      return this.relationWith(tx, userId, requesterId);
    });
  }

  /**
   * Ends what links the caller to `otherId`: the friendship, else the request the caller sent
   * (cancelled), else the one they received (declined). Nothing to end is a 404.
   */
  async remove(userId: string, otherId: string): Promise<void> {
    await this.social.inTransaction(async (tx) => {
      await tx.lockPair(userId, otherId);
      if (await tx.deleteFriendship(userId, otherId)) return;
      const pending = await tx.pendingBetween(userId, otherId);
      if (!pending) throw new NotFoundException('Neither a friend nor a pending request.');
      await tx.closeRequest(
        pending.id,
        pending.requesterId === userId
          ? FriendRequestStatus.Cancelled
          : FriendRequestStatus.Declined,
      );
    });
  }

  async list(userId: string, query: ListFriendsQueryDto): Promise<CursorPage<FriendDto>> {
    const rows = await this.social.friendsPage(userId, query.status, keysetOf(query), query.limit);
    return toCursorPage(
      rows,
      query.limit,
      (row) => ({ at: new Date(row.since), id: row.userId }),
      (row) => ({
        user: UserSummaryDto.of(row.userId, row.displayName, row.avatarDigest),
        status: row.status,
        since: row.since,
      }),
    );
  }

  /**
   * Blocks `blockedId`: ends the friendship and every pending request between the two, in the
   * same transaction, and announces it (`user.blocked`: the feed takes their likes of each
   * other's activities away). Blocking twice is a no-op; an unknown user is a 404.
   */
  async block(userId: string, blockedId: string): Promise<void> {
    if (blockedId === userId) {
      throw new ValidationProblem([{ field: 'userId', messages: ['you cannot block yourself'] }]);
    }
    await this.social.inTransaction(async (tx, manager) => {
      await tx.lockPair(userId, blockedId);
      if (!(await tx.userExists(blockedId))) throw notFound();
      if (!(await tx.insertBlock(userId, blockedId))) return;
      await tx.deleteFriendship(userId, blockedId);
      await tx.closeRequestsBetween(userId, blockedId);
      await publishDomainEvents(
        manager,
        domainEvent('user.blocked', { userId, blockedUserId: blockedId }),
      );
    });
  }

  /** Lifts the caller's block; one that does not exist is a 404. Friendship does not come back. */
  async unblock(userId: string, blockedId: string): Promise<void> {
    if (!(await this.social.deleteBlock(userId, blockedId))) {
      throw new NotFoundException('You have not blocked this user.');
    }
  }

  async blocked(
    userId: string,
    query: { cursor?: string; limit: number },
  ): Promise<CursorPage<BlockedUserDto>> {
    const rows = await this.social.blocksPage(userId, keysetOf(query), query.limit);
    return toCursorPage(
      rows,
      query.limit,
      (row) => ({ at: new Date(row.blockedAt), id: row.userId }),
      (row) => ({
        user: UserSummaryDto.of(row.userId, row.displayName, row.avatarDigest),
        blockedAt: row.blockedAt,
      }),
    );
  }

  /**
   * Another user's profile: a 404 for an unknown or suspended account and for anyone in a
   * block with the caller. Bio and friend count need the profile to be discoverable, or the
   * two to be friends.
   */
  async profile(viewer: string, id: string): Promise<PublicProfileDto> {
    const row = await this.social.profile(viewer, id);
    if (!row) throw notFound();
    const open =
      row.discoverable ||
      row.relationship === Relationship.Friends ||
      row.relationship === Relationship.Self;
    return {
      ...UserSummaryDto.of(row.id, row.displayName, row.avatarDigest),
      bio: open ? row.bio : null,
      friendCount: open ? row.friendCount : null,
      relationship: row.relationship,
      memberSince: row.memberSince,
    };
  }

  async search(viewer: string, query: SearchUsersQueryDto): Promise<Page<UserSearchResultDto>> {
    const { items, total } = await this.social.search(
      viewer,
      query.q,
      offsetOf(query),
      query.limit,
    );
    return toPage(
      items.map((row) => ({
        ...UserSummaryDto.of(row.id, row.displayName, row.avatarDigest),
        relationship: row.relationship,
      })),
      total,
      query,
    );
  }

  async suggestions(viewer: string, query: PageQueryDto): Promise<Page<FriendSuggestionDto>> {
    const { items, total } = await this.social.suggestions(viewer, offsetOf(query), query.limit);
    return toPage(
      items.map((row) => ({
        user: UserSummaryDto.of(row.id, row.displayName, row.avatarDigest),
        reasons: [
          ...(row.friendsInCommon > 0 ? [SuggestionReason.FriendsInCommon] : []),
          ...(row.templateName !== null ? [SuggestionReason.UsesTheirTemplate] : []),
        ],
        friendsInCommon: row.friendsInCommon,
        templateName: row.templateName,
      })),
      total,
      query,
    );
  }

  /** `userId` accepts `requestId` from `requesterId` (under the pair's lock): they are friends. */
  private async accept(
    tx: SocialRepository,
    manager: EntityManager,
    requestId: string,
    userId: string,
    requesterId: string,
  ): Promise<void> {
    await tx.closeRequest(requestId, FriendRequestStatus.Accepted);
    await tx.insertFriendship(userId, requesterId);
    await publishDomainEvents(
      manager,
      domainEvent('friendship.made', { userId, friendId: requesterId }),
    );
  }

  /** The caller's relationship with `otherId` after a change, as the friends list shows it. */
  private async relationWith(
    tx: SocialRepository,
    userId: string,
    otherId: string,
  ): Promise<FriendDto> {
    const row = await tx.profile(userId, otherId);
    if (!row) throw notFound();
    return {
      user: UserSummaryDto.of(row.id, row.displayName, row.avatarDigest),
      status: row.relationship,
      since: (await tx.since(userId, otherId)) ?? new Date().toISOString(),
    };
  }
}
