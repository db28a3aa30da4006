import { Injectable } from '@nestjs/common';
import { PublishedDomainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { OnDomainEvent } from '../../infrastructure/events/on-domain-event.decorator';
import { GoalsService } from './goals.service';

/**
 * What moves goals (in the worker): a completed or re-dated workout (strength, consistency), a body
 * reading logged or deleted (body), a goal's own new target or resumption, and imported
 * history (workouts.imported). Each measures the user's active goals again; the recompute is
 * idempotent.
 */
@Injectable()
export class GoalsSubscribers {
  constructor(private readonly goals: GoalsService) {}

  @OnDomainEvent('body-metric.logged', 'body-metric.deleted', 'goal.changed', 'workouts.imported')
  async recompute({
    payload,
  }: PublishedDomainEvent<
    'body-metric.logged' | 'body-metric.deleted' | 'goal.changed' | 'workouts.imported'
  >): Promise<void> {
    await this.goals.recompute(payload.userId);
  }

  /**
   * A session completed, or moved in time: goals are measured again, and what it makes them
   * reach is dated by the session's real end (a session logged late reached it then).
   */
  @OnDomainEvent('workout.completed', 'workout.redated')
  async workoutChanged({
    payload,
  }: PublishedDomainEvent<'workout.completed' | 'workout.redated'>): Promise<void> {
    await this.goals.recompute(payload.userId, new Date(payload.completedAt));
  }
}
