import { Injectable, NotFoundException } from '@nestjs/common';
import { PublishedDomainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { OnDomainEvent } from '../../infrastructure/events/on-domain-event.decorator';
import { GoalsService } from '../goals/goals.service';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationType } from './notification-types';

/**
 * The facts that notify (in the worker). Each is idempotent: the event id is the occurrence's
 * source key, so a redelivery adds nothing. Social facts (friend requests, likes, comments)
 * are wired when the social module publishes them (docs/notifications.md).
 */
@Injectable()
export class NotificationsSubscribers {
  constructor(
    private readonly delivery: NotificationDeliveryService,
    private readonly goals: GoalsService,
  ) {}

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

  private async goalTitle(userId: string, goalId: string): Promise<string | null> {
    try {
      return (await this.goals.get(userId, goalId)).title;
    } catch (error) {
      if (error instanceof NotFoundException) return null;
      throw error;
    }
  }
}
