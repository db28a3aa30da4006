import { Injectable } from '@nestjs/common';
import { PublishedDomainEvent } from '../../../infrastructure/events/domain-event-catalogue';
import { OnDomainEvent } from '../../../infrastructure/events/on-domain-event.decorator';
import { RecommendationsService } from './recommendations.service';

type Changes =
  | 'workout.completed'
  | 'workout.redated'
  | 'workout.deleted'
  | 'workouts.imported'
  | 'goal.changed'
  | 'goal.achieved'
  | 'body-metric.logged'
  | 'body-metric.deleted'
  | 'entries.changed';

/**
 * The facts that change a user's recommendations (in the worker): their sessions (load,
 * volume, consistency), their goals (pace) and their readings and journal. Each only marks the
 * user due within the debounce delay (recommendation_schedules): a burst of events makes one
 * computation, and re-delivery changes nothing.
 */
@Injectable()
export class RecommendationsSubscribers {
  constructor(private readonly recommendations: RecommendationsService) {}

  @OnDomainEvent(
    'workout.completed',
    'workout.redated',
    'workout.deleted',
    'workouts.imported',
    'goal.changed',
    'goal.achieved',
    'body-metric.logged',
    'body-metric.deleted',
    'entries.changed',
  )
  async numbersChanged({ payload }: PublishedDomainEvent<Changes>): Promise<void> {
    await this.recommendations.markDue(payload.userId);
  }
}
