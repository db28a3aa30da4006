import { Injectable } from '@nestjs/common';
import { PublishedDomainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { OnDomainEvent } from '../../infrastructure/events/on-domain-event.decorator';
import { TrainingRollupsService } from './training-rollups.service';

type WorkoutEvent = 'workout.completed' | 'workout.redated' | 'workout.deleted';

/**
 * What keeps the analytics rollups (in the worker): each event rebuilds the user's sessions
 * from the earliest instant it names (minus a margin) from the current state, so a delivery
 * run twice, late or out of order writes the same rows.
 */
@Injectable()
export class AnalyticsSubscribers {
  constructor(private readonly rollups: TrainingRollupsService) {}

  @OnDomainEvent('workout.completed', 'workout.redated', 'workout.deleted')
  async workoutChanged({ payload }: PublishedDomainEvent<WorkoutEvent>): Promise<void> {
    const instants = [payload.sessionAt, payload.completedAt];
    if ('previousSessionAt' in payload) {
      instants.push(payload.previousSessionAt, payload.previousCompletedAt);
    }
    await this.rollups.refreshFrom(payload.userId, instants);
  }

  /** Imported history: the sessions from the earliest imported one on. */
  @OnDomainEvent('workouts.imported')
  async workoutsImported({ payload }: PublishedDomainEvent<'workouts.imported'>): Promise<void> {
    await this.rollups.refreshFrom(payload.userId, [payload.from]);
  }
}
