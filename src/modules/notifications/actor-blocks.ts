/**
 * The block check of notifications: nothing reaches a user from someone they blocked or who
 * blocked them. The blocks table comes with the social module; until it lands nobody is
 * blocked. To wire it: provide ACTOR_BLOCKS in NotificationsModule with a class that asks the
 * social module's service (both directions), e.g.
 * `{ provide: ACTOR_BLOCKS, useExisting: SocialBlocksService }` (docs/notifications.md).
 */
export interface ActorBlocks {
  /** Whether `actorId` may not notify `recipientId` (blocked either way). */
  isBlocked(recipientId: string, actorId: string): Promise<boolean>;
}

export const ACTOR_BLOCKS = Symbol('ACTOR_BLOCKS');

/** Until the social module's blocks exist. */
export class NoActorBlocks implements ActorBlocks {
  isBlocked(): Promise<boolean> {
    return Promise.resolve(false);
  }
}
