import { Injectable } from '@nestjs/common';
import { PublishedDomainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { OnDomainEvent } from '../../infrastructure/events/on-domain-event.decorator';
import { LeaderboardsService } from './leaderboards.service';

/**
 * What keeps the leaderboards' structure (in the worker): each recomputes one user's entries
 * from the current state, so a re-delivered event changes nothing.
 */
@Injectable()
export class LeaderboardsSubscribers {
  constructor(private readonly leaderboards: LeaderboardsService) {}

  @OnDomainEvent('workout.completed', 'workout.redated', 'workout.deleted', 'workouts.imported')
  async workoutChanged({
    payload,
  }: PublishedDomainEvent<
    'workout.completed' | 'workout.redated' | 'workout.deleted' | 'workouts.imported'
  >): Promise<void> {
    await this.leaderboards.recompute(payload.userId);
  }

  /** DOTS follows the latest body weight. */
  @OnDomainEvent('body-metric.logged', 'body-metric.deleted')
  async bodyWeightChanged({
    payload,
  }: PublishedDomainEvent<'body-metric.logged' | 'body-metric.deleted'>): Promise<void> {
    await this.leaderboards.recompute(payload.userId);
  }

  /** DOTS uses the coefficients of the stated sex. */
  @OnDomainEvent('body-profile.changed')
  async bodyProfileChanged({
    payload,
  }: PublishedDomainEvent<'body-profile.changed'>): Promise<void> {
    await this.leaderboards.recompute(payload.userId);
  }

  /** Opted out or in, activities made private or not: listed on others' boards or not. */
  @OnDomainEvent('privacy.changed')
  async privacyChanged({ payload }: PublishedDomainEvent<'privacy.changed'>): Promise<void> {
    await this.leaderboards.relist(payload.userId);
  }
}
