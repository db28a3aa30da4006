import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/http/request-context';
import { RealtimeEmitter } from '../../infrastructure/realtime/realtime-emitter';

/** What the owner's other devices hear when a workout changed: refetch it if `version` is newer. */
export interface WorkoutUpdatedEvent {
  id: string;
  /** The version after the change; null when the workout was deleted. */
  version: number | null;
  deleted: boolean;
}

/**
 * Live workout sync (docs/realtime.md): after each committed change to a workout (its state,
 * exercises, sets, dates), `workout.updated` goes to the owner's sockets, except the one that
 * made the change (X-Socket-Id). Emitted by the API right after the commit, not through the
 * outbox: a lost hint costs a device a stale screen until its next fetch, never data (the
 * version and its 409s settle conflicts), and it saves the relay's round trips.
 */
@Injectable()
export class WorkoutSync {
  constructor(private readonly realtime: RealtimeEmitter) {}

  changed(userId: string, id: string, version: number | null): void {
    const event: WorkoutUpdatedEvent = { id, version, deleted: version === null };
    this.realtime.toUser(userId, 'workout.updated', event, RequestContext.socketId());
  }
}
