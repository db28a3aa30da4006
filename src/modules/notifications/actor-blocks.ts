/**
 * The block check of notifications: nothing reaches a user from someone they blocked or who
 * blocked them. NotificationsModule provides it from the social module's service (both
 * directions); an interface, so the delivery service's unit specs can stand in for it.
 */
export interface ActorBlocks {
  /** Whether `actorId` may not notify `recipientId` (blocked either way). */
  isBlocked(recipientId: string, actorId: string): Promise<boolean>;
}

export const ACTOR_BLOCKS = Symbol('ACTOR_BLOCKS');
