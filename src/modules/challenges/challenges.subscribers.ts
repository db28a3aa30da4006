import { Injectable } from '@nestjs/common';
import { PublishedDomainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { OnDomainEvent } from '../../infrastructure/events/on-domain-event.decorator';
import { ChallengesService } from './challenges.service';

/**
 * What moves challenges (in the worker): a workout completed (late ones too: they count by
 * their real start), moved in time or deleted. The user's progress in each of their open
 * challenges is measured again from their workouts: re-delivery changes nothing.
 */
@Injectable()
export class ChallengesSubscribers {
  constructor(private readonly challenges: ChallengesService) {}

  @OnDomainEvent('workout.completed', 'workout.redated', 'workout.deleted', 'workouts.imported')
  async workoutChanged({
    payload,
  }: PublishedDomainEvent<
    'workout.completed' | 'workout.redated' | 'workout.deleted' | 'workouts.imported'
  >): Promise<void> {
    await this.challenges.recomputeFor(payload.userId);
  }
}
