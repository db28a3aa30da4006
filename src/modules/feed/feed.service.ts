import { Injectable, NotFoundException } from '@nestjs/common';
import { ValidationProblem } from '../../common/errors/domain-errors';
import { CursorPage, toCursorPage } from '../../common/pagination/cursor';
import { CursorQueryDto, keysetOf } from '../../common/pagination/cursor-query.dto';
import { domainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { publishDomainEvents } from '../../infrastructure/events/publish-domain-events';
import { Audience, isWithin } from '../users/privacy.vocabulary';
import { UsersService } from '../users/users.service';
import { UserSummaryDto } from '../social/dto/user-summary.dto';
import { ActivityDto, CommentDto, LikeDto } from './dto/activity.dto';
import { CreatePostDto, ShareWorkoutDto } from './dto/feed-input.dto';
import { FeedProblems } from './feed-problems';
import { ActivityRow, CommentRow, FeedRepository } from './feed.repository';
import { ActivityKind, FeedContentKind, ReportedContent } from './feed.vocabulary';

const activityNotFound = () => new NotFoundException('No such activity.');
const commentNotFound = () => new NotFoundException('No such comment.');

function toActivity(row: ActivityRow): ActivityDto {
  const record = row.details.personalRecord;
  return {
    id: row.id,
    kind: row.kind,
    author: UserSummaryDto.of(row.authorId, row.authorName, row.authorAvatarDigest),
    occurredAt: row.occurredAt,
    visibility: row.visibility,
    text: row.text,
    workout: row.details.workout ?? null,
    personalRecord: record
      ? {
          workoutId: record.workoutId,
          exerciseId: record.exerciseId,
          exerciseName: record.exerciseName,
          kind: record.kind,
          value: record.value ?? null,
          weightKg: record.weightKg ?? null,
          reps: record.reps ?? null,
          previousValue: record.previousValue ?? null,
        }
      : null,
    goal: row.details.goal ?? null,
    challenge: row.details.challenge ?? null,
    likeCount: row.likeCount,
    commentCount: row.commentCount,
    likedByMe: row.likedByMe,
  };
}

function toComment(row: CommentRow): CommentDto {
  return {
    id: row.id,
    activityId: row.activityId,
    author: UserSummaryDto.of(row.authorId, row.authorName, row.authorAvatarDigest),
    text: row.text,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * The feed: pages of activities, posts, shared workouts, likes and comments (API), and the
 * activities made from other modules' facts (worker, FeedSubscribers). Who may see what is
 * decided in SQL (FeedRepository); an activity the caller may not see is a 404 on every route.
 */
@Injectable()
export class FeedService {
  constructor(
    private readonly feed: FeedRepository,
    private readonly users: UsersService,
  ) {}

  async page(
    viewer: string,
    query: CursorQueryDto,
    friendsOnly: boolean,
  ): Promise<CursorPage<ActivityDto>> {
    const rows = await this.feed.feedPage(viewer, friendsOnly, keysetOf(query), query.limit);
    return toCursorPage(
      rows,
      query.limit,
      (row) => ({ at: new Date(row.occurredAt), id: row.id }),
      toActivity,
    );
  }

  async get(viewer: string, id: string): Promise<ActivityDto> {
    return toActivity(await this.visible(viewer, id));
  }

  /** A text post, to the audience asked for or the author's default. */
  async post(userId: string, dto: CreatePostDto): Promise<ActivityDto> {
    const visibility = dto.visibility ?? (await this.users.privacyOf(userId)).activityVisibility;
    const id = await this.feed.insertPost(userId, dto.text, visibility);
    return this.get(userId, id);
  }

  /**
   * Shares a completed workout of the caller's with a caption, to an audience no wider than
   * their activityVisibility (a 400 otherwise). Not theirs is a 404, not completed a 409.
   */
  async share(userId: string, workoutId: string, dto: ShareWorkoutDto): Promise<ActivityDto> {
    const { activityVisibility } = await this.users.privacyOf(userId);
    const visibility = dto.visibility ?? activityVisibility;
    if (!isWithin(visibility, activityVisibility)) {
      throw new ValidationProblem([
        {
          field: 'visibility',
          messages: [
            `visibility cannot be wider than your activityVisibility preference (${activityVisibility})`,
          ],
        },
      ]);
    }
    const id = await this.feed.shareWorkout(userId, workoutId, dto.caption ?? null, visibility);
    if (!id) throw await this.shareRefusal(userId, workoutId);
    return this.get(userId, id);
  }

  /**
   * Takes a workout out of everyone else's feed: its activity (and its records') become
   * only_me, the caption goes; likes and comments stay, seen by the owner alone. Someone
   * else's workout is a 404, one not completed a 409.
   */
  async unshare(userId: string, workoutId: string): Promise<void> {
    const id = await this.feed.shareWorkout(userId, workoutId, null, Audience.OnlyMe);
    if (!id) throw await this.shareRefusal(userId, workoutId);
  }

  /**
   * Idempotent; only someone who may see the activity may like it. A new like is announced
   * (`activity.liked`) in its transaction.
   */
  async like(viewer: string, activityId: string): Promise<void> {
    await this.feed.inTransaction(async (tx, manager) => {
      const { visible, changed } = await tx.like(viewer, activityId);
      if (!visible) throw activityNotFound();
      if (changed) {
        await publishDomainEvents(
          manager,
          domainEvent('activity.liked', { userId: viewer, activityId }),
        );
      }
    });
  }

  async unlike(viewer: string, activityId: string): Promise<void> {
    if (!(await this.feed.unlike(viewer, activityId)).visible) throw activityNotFound();
  }

  async likes(
    viewer: string,
    activityId: string,
    query: CursorQueryDto,
  ): Promise<CursorPage<LikeDto>> {
    await this.visible(viewer, activityId);
    const rows = await this.feed.likesPage(viewer, activityId, keysetOf(query), query.limit);
    return toCursorPage(
      rows,
      query.limit,
      (row) => ({ at: new Date(row.likedAt), id: row.userId }),
      (row) => ({
        user: UserSummaryDto.of(row.userId, row.displayName, row.avatarDigest),
        likedAt: row.likedAt,
      }),
    );
  }

  /** A comment, announced (`activity.commented`) in its transaction. */
  async comment(viewer: string, activityId: string, text: string): Promise<CommentDto> {
    const id = await this.feed.inTransaction(async (tx, manager) => {
      const commentId = await tx.insertComment(viewer, activityId, text);
      if (!commentId) throw activityNotFound();
      await publishDomainEvents(
        manager,
        domainEvent('activity.commented', { userId: viewer, activityId, commentId }),
      );
      return commentId;
    });
    return this.findComment(viewer, activityId, id);
  }

  /** Oldest first, so a thread reads in order. */
  async comments(
    viewer: string,
    activityId: string,
    query: CursorQueryDto,
  ): Promise<CursorPage<CommentDto>> {
    await this.visible(viewer, activityId);
    const rows = await this.feed.commentsPage(viewer, activityId, keysetOf(query), query.limit);
    return toCursorPage(
      rows,
      query.limit,
      (row) => ({ at: new Date(row.createdAt), id: row.id }),
      toComment,
    );
  }

  /** By its author, on an activity they may still see; anyone else's comment is a 404. */
  async editComment(
    viewer: string,
    activityId: string,
    commentId: string,
    text: string,
  ): Promise<CommentDto> {
    const comment = await this.findComment(viewer, activityId, commentId);
    if (comment.author.id !== viewer || !(await this.feed.updateComment(viewer, commentId, text))) {
      throw commentNotFound();
    }
    return this.findComment(viewer, activityId, commentId);
  }

  /**
   * By its author, or by the activity's owner (also a comment of someone they blocked since:
   * they may clear their own activity of it). Anyone else, or an author who may no longer see
   * the activity, gets a 404.
   */
  async deleteComment(viewer: string, activityId: string, commentId: string): Promise<void> {
    await this.visible(viewer, activityId);
    if (!(await this.feed.deleteComment(viewer, activityId, commentId))) throw commentNotFound();
  }

  // Moderation (through this service only: the moderation module owns reports, not content).

  /**
   * An activity or comment as the reporter sees it now, kept as a report's evidence; null when
   * they may not see it (one reports what one can see).
   */
  async reportedContent(
    reporter: string,
    kind: FeedContentKind,
    id: string,
  ): Promise<ReportedContent | null> {
    if (kind === 'activity') {
      const row = await this.feed.findVisible(reporter, id);
      if (!row) return null;
      const { kind: activityKind, text, details, visibility, occurredAt, authorName } = row;
      return {
        ownerId: row.authorId,
        snapshot: { kind: activityKind, text, details, visibility, occurredAt, authorName },
      };
    }
    const row = await this.feed.findCommentOnVisibleActivity(reporter, id);
    if (!row) return null;
    const { activityId, text, createdAt, updatedAt, authorName } = row;
    return {
      ownerId: row.authorId,
      snapshot: { activityId, text, createdAt, updatedAt, authorName },
    };
  }

  /** Removes an activity (with its likes and comments) or a comment; false when gone already. */
  removeByModeration(kind: FeedContentKind, id: string): Promise<boolean> {
    return kind === 'activity' ? this.feed.removeActivity(id) : this.feed.removeComment(id);
  }

  /** Worker side (notifications): who owns an activity and what it is; null once deleted. */
  ownerAndKindOf(activityId: string): Promise<{ ownerId: string; kind: ActivityKind } | null> {
    return this.feed.findOwnerAndKind(activityId);
  }

  // Worker side (FeedSubscribers): each is idempotent.

  workoutCompleted(workoutId: string): Promise<void> {
    return this.feed.insertWorkoutActivity(workoutId);
  }

  workoutRedated(workoutId: string): Promise<void> {
    return this.feed.redateWorkout(workoutId);
  }

  recordSet(recordId: string): Promise<void> {
    return this.feed.insertRecordActivity(recordId);
  }

  goalAchieved(goalId: string): Promise<void> {
    return this.feed.insertGoalActivity(goalId);
  }

  /** A challenge closed: one result activity per participant. */
  challengeClosed(challengeId: string): Promise<void> {
    return this.feed.insertChallengeActivities(challengeId);
  }

  /** Two users in a block no longer like each other's activities (comments stay, hidden). */
  usersBlocked(userId: string, blockedUserId: string): Promise<void> {
    return this.feed.removeLikesBetween(userId, blockedUserId);
  }

  private async visible(viewer: string, id: string): Promise<ActivityRow> {
    const row = await this.feed.findVisible(viewer, id);
    if (!row) throw activityNotFound();
    return row;
  }

  private async findComment(viewer: string, activityId: string, id: string): Promise<CommentDto> {
    await this.visible(viewer, activityId);
    const row = await this.feed.findComment(viewer, activityId, id);
    if (!row) throw commentNotFound();
    return toComment(row);
  }

  private async shareRefusal(userId: string, workoutId: string): Promise<Error> {
    const status = await this.feed.workoutStatusOf(userId, workoutId);
    if (status === null) return new NotFoundException('No such workout.');
    return FeedProblems.workoutNotCompleted.exception(
      `Only a completed workout can be shared: this one is ${status}.`,
    );
  }
}
