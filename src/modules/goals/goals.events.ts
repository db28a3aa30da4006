import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { BODY_METRIC_LOGGED, BodyMetricLoggedEvent } from '../body-metrics/body-metrics.events';
import { WORKOUT_COMPLETED, WorkoutCompletedEvent } from '../workouts/workouts.events';
import { GoalsService } from './goals.service';

/**
 * What moves goals: a completed workout (strength, consistency) and a body reading (body).
 * Each only enqueues a recompute for the worker; requestRecompute never throws, so the
 * emitting request cannot fail because of goals.
 */
@Injectable()
export class GoalsEventsListener {
  constructor(private readonly goals: GoalsService) {}

  @OnEvent(WORKOUT_COMPLETED, { promisify: true, suppressErrors: false })
  workoutCompleted(event: WorkoutCompletedEvent): Promise<void> {
    return this.goals.requestRecompute(event.userId);
  }

  @OnEvent(BODY_METRIC_LOGGED, { promisify: true, suppressErrors: false })
  bodyMetricLogged(event: BodyMetricLoggedEvent): Promise<void> {
    return this.goals.requestRecompute(event.userId);
  }
}
