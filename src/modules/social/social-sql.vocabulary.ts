/**
 * SQL fragments of the social graph that other modules' queries embed (the feed's visibility),
 * so that "in a block" and "friends" mean the same everywhere and are enforced in SQL, never by
 * filtering pages in memory. Pure definitions over the social tables (docs/social.md).
 */

/**
 * SQL: true when users `a` and `b` (expressions) have blocked each other in either direction.
 * Two primary-key probes of user_blocks (PK (blocker_id, blocked_id)). Shared by every query of
 * the social graph and the feed (docs/social.md, "Blocking"): blocks are enforced in SQL.
 */
export function blockedEitherWaySql(a: string, b: string): string {
  return `EXISTS (SELECT 1 FROM user_blocks ub
                  WHERE (ub.blocker_id = ${a} AND ub.blocked_id = ${b})
                     OR (ub.blocker_id = ${b} AND ub.blocked_id = ${a}))`;
}

/** SQL: true when `a` and `b` are friends (one primary-key probe of friendships). */
export function friendsSql(a: string, b: string): string {
  return `EXISTS (SELECT 1 FROM friendships fr WHERE fr.user_id = ${a} AND fr.friend_id = ${b})`;
}
