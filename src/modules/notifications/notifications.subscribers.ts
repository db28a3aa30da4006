import { Injectable, NotFoundException } from '@nestjs/common';
import { PublishedDomainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { OnDomainEvent } from '../../infrastructure/events/on-domain-event.decorator';
import { ChallengesService } from '../challenges/challenges.service';
import { FeedService } from '../feed/feed.service';
import { GoalsService } from '../goals/goals.service';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationType } from './notification-types';

/**
 * The facts that notify (in the worker). Each is idempotent: the event id is the occurrence's
 * source key, so a redelivery adds nothing. Social ones carry their actor, and nothing crosses
 * a block (NotificationDeliveryService asks ACTOR_BLOCKS).
 */
@Injectable()
export class NotificationsSubscribers {
  constructor(
    private readonly delivery: NotificationDeliveryService,
    private readonly goals: GoalsService,
    private readonly feed: FeedService,
    private readonly challenges: ChallengesService,
  ) {}

  @OnDomainEvent('friend-request.sent')
  async friendRequestReceived({
    id,
    payload,
  }: PublishedDomainEvent<'friend-request.sent'>): Promise<void> {
    await this.delivery.notify({
      userId: payload.addresseeId,
      type: NotificationType.FriendRequestReceived,
      subjectId: payload.requestId,
      actorId: payload.userId,
      sourceKey: id,
      data: {},
    });
  }

  /** To the one whose request was accepted (or crossed): `friendId`, from `userId`. */
  @OnDomainEvent('friendship.made')
  async friendRequestAccepted({
    id,
    payload,
  }: PublishedDomainEvent<'friendship.made'>): Promise<void> {
    await this.delivery.notify({
      userId: payload.friendId,
      type: NotificationType.FriendRequestAccepted,
      subjectId: null,
      actorId: payload.userId,
      sourceKey: id,
      data: {},
    });
  }

  /** To the activity's owner (not for their own like or comment); grouped per activity. */
  @OnDomainEvent('activity.liked', 'activity.commented')
  async activityReaction({
    id,
    name,
    payload,
  }: PublishedDomainEvent<'activity.liked' | 'activity.commented'>): Promise<void> {
    const activity = await this.feed.ownerAndKindOf(payload.activityId);
    if (!activity || activity.ownerId === payload.userId) return; // deleted since, or one's own
    const commented = name === 'activity.commented';
    await this.delivery.notify({
      userId: activity.ownerId,
      type: commented ? NotificationType.ActivityCommented : NotificationType.ActivityLiked,
      subjectId: payload.activityId,
      actorId: payload.userId,
      sourceKey: id,
      data: {
        activityId: payload.activityId,
        kind: activity.kind,
        ...('commentId' in payload ? { commentId: payload.commentId } : {}),
      },
    });
  }

  /**
   * To each user newly invited to a challenge, from its creator (nothing crosses a block; an
   * invitation declined or a challenge closed since tells nothing).
   */
  @OnDomainEvent('challenge.invited')
  async challengeInvited({
    id,
    payload,
  }: PublishedDomainEvent<'challenge.invited'>): Promise<void> {
    for (const inviteeId of payload.inviteeIds) {
      const challengeTitle = await this.challenges.invitationTitle(inviteeId, payload.challengeId);
      if (challengeTitle === null) continue;
      await this.delivery.notify({
        userId: inviteeId,
        type: NotificationType.ChallengeInvited,
        subjectId: payload.challengeId,
        actorId: payload.userId,
        sourceKey: id,
        data: { challengeId: payload.challengeId, challengeTitle },
      });
    }
  }

  /** The records of one session group into one notification. */
  @OnDomainEvent('personal-record.set')
  async personalRecord({
    id,
    payload,
  }: PublishedDomainEvent<'personal-record.set'>): Promise<void> {
    await this.delivery.notify({
      userId: payload.userId,
      type: NotificationType.PersonalRecordSet,
      subjectId: payload.workoutId,
      actorId: null,
      sourceKey: id,
      data: { workoutId: payload.workoutId },
    });
  }

  @OnDomainEvent('goal.milestone-reached', 'goal.achieved')
  async goal({
    id,
    name,
    payload,
  }: PublishedDomainEvent<'goal.milestone-reached' | 'goal.achieved'>): Promise<void> {
    const goalTitle = await this.goalTitle(payload.userId, payload.goalId);
    if (goalTitle === null) return; // deleted since: nothing to tell
    const milestone = name === 'goal.milestone-reached';
    await this.delivery.notify({
      userId: payload.userId,
      type: milestone ? NotificationType.GoalMilestoneReached : NotificationType.GoalAchieved,
      subjectId: payload.goalId,
      actorId: null,
      sourceKey: id,
      data: {
        goalId: payload.goalId,
        goalTitle,
        ...('percent' in payload ? { percent: payload.percent } : {}),
      },
    });
  }

  @OnDomainEvent('summary.completed')
  async summaryReady({ id, payload }: PublishedDomainEvent<'summary.completed'>): Promise<void> {
    await this.delivery.notify({
      userId: payload.userId,
      type: NotificationType.SummaryReady,
      subjectId: payload.summaryId,
      actorId: null,
      sourceKey: id,
      data: { summaryId: payload.summaryId },
    });
  }

  @OnDomainEvent('report.completed')
  async reportReady({ id, payload }: PublishedDomainEvent<'report.completed'>): Promise<void> {
    await this.delivery.notify({
      userId: payload.userId,
      type: NotificationType.ReportReady,
      subjectId: payload.reportId,
      actorId: null,
      sourceKey: id,
      data: { reportId: payload.reportId },
    });
  }

  @OnDomainEvent('account.password-changed')
  async passwordChanged({
    id,
    payload,
  }: PublishedDomainEvent<'account.password-changed'>): Promise<void> {
    await this.delivery.notify({
      userId: payload.userId,
      type: NotificationType.PasswordChanged,
      subjectId: null,
      actorId: null,
      sourceKey: id,
      data: { changedAt: payload.changedAt },
    });
  }

  @OnDomainEvent('account.signed-in')
  async signedIn({ id, payload }: PublishedDomainEvent<'account.signed-in'>): Promise<void> {
    await this.delivery.notify({
      userId: payload.userId,
      type: NotificationType.NewSignIn,
      subjectId: payload.sessionId,
      actorId: null,
      sourceKey: id,
      data: {},
    });
  }

  /** The archive is stored: tell the user (in-app, and by email at once). */
  @OnDomainEvent('data-export.completed')
  async dataExportReady({
    id,
    payload,
  }: PublishedDomainEvent<'data-export.completed'>): Promise<void> {
    await this.delivery.notify({
      userId: payload.userId,
      type: NotificationType.DataExportReady,
      subjectId: payload.exportId,
      actorId: null,
      sourceKey: id,
      data: { exportId: payload.exportId },
    });
  }

  private async goalTitle(userId: string, goalId: string): Promise<string | null> {
    try {
      return (await this.goals.get(userId, goalId)).title;
    } catch (error) {
      if (error instanceof NotFoundException) return null;
      throw error;
    }
  }
}
