import { Injectable } from '@nestjs/common';
import { PublishedDomainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { OnDomainEvent } from '../../infrastructure/events/on-domain-event.decorator';
import { FeedService } from './feed.service';

/**
 * What puts activities in the feed (in the worker). Each reads the current state by the ids of
 * the payload and writes under a unique key, so a re-delivered event makes nothing new; a
 * workout deleted before the delivery makes nothing, and one deleted after takes its
 * activities with it (ON DELETE CASCADE).
 */
@Injectable()
export class FeedSubscribers {
  constructor(private readonly feed: FeedService) {}

  @OnDomainEvent('workout.completed')
  async workoutCompleted({ payload }: PublishedDomainEvent<'workout.completed'>): Promise<void> {
    await this.feed.workoutCompleted(payload.workoutId);
  }

  /** The session moved in time: its activity and its records' follow its real end. */
  @OnDomainEvent('workout.redated')
  async workoutRedated({ payload }: PublishedDomainEvent<'workout.redated'>): Promise<void> {
    await this.feed.workoutRedated(payload.workoutId);
  }

  @OnDomainEvent('personal-record.set')
  async recordSet({ payload }: PublishedDomainEvent<'personal-record.set'>): Promise<void> {
    await this.feed.recordSet(payload.recordId);
  }

  @OnDomainEvent('goal.achieved')
  async goalAchieved({ payload }: PublishedDomainEvent<'goal.achieved'>): Promise<void> {
    await this.feed.goalAchieved(payload.goalId);
  }

  /** A block takes away the likes each gave the other's activities, and their counts. */
  @OnDomainEvent('user.blocked')
  async usersBlocked({ payload }: PublishedDomainEvent<'user.blocked'>): Promise<void> {
    await this.feed.usersBlocked(payload.userId, payload.blockedUserId);
  }
}
