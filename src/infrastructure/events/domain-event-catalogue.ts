/**
 * The catalogue of domain events: every fact one module announces for others to react to,
 * and the payload it carries. Payloads name things by id (and, for entries, the instants
 * whose periods changed): a subscriber reads the current state from PostgreSQL, so an event
 * delivered late or twice still acts on the truth.
 *
 * Adding an event means: a name and its payload here, a publish in the writer's transaction,
 * and @OnDomainEvent on each reaction. Who publishes and who subscribes: docs/architecture.md.
 */
export interface DomainEventPayloads {
  /**
   * A workout's completion committed: its totals and personal records are stored. The real
   * dates (ISO 8601) travel with it: a session logged after the fact was held at `sessionAt`
   * (its start) and ended at `completedAt`, both possibly days before the event.
   */
  'workout.completed': {
    userId: string;
    workoutId: string;
    sessionAt: string;
    completedAt: string;
  };
  /**
   * A completed workout's start or end was corrected: it now counts at `sessionAt` (ended at
   * `completedAt`) instead of `previousSessionAt` (`previousCompletedAt`). Its records, and
   * those of later sessions, are already reconciled.
   */
  'workout.redated': {
    userId: string;
    workoutId: string;
    sessionAt: string;
    completedAt: string;
    previousSessionAt: string;
    previousCompletedAt: string;
  };
  /**
   * A completed workout was deleted (the id no longer resolves): it counted at `sessionAt`
   * (ended at `completedAt`). Its records, and those of later sessions, are already
   * reconciled. Deleting a workout that was never completed announces nothing.
   */
  'workout.deleted': {
    userId: string;
    workoutId: string;
    sessionAt: string;
    completedAt: string;
  };
  /**
   * An import (docs/data-rights.md) wrote `workouts` completed sessions held between `from`
   * (the earliest start) and `to` (the latest end), ISO 8601: their e1RMs, totals and personal
   * records are stored. One event per import, not one per session, and distinct from
   * `workout.completed` on purpose: the sessions move the user's own numbers (rollups,
   * boards, challenges, goals, recommendations), but old history is no news for friends'
   * feeds or notifications, so those do not subscribe.
   */
  'workouts.imported': {
    userId: string;
    importId: string;
    workouts: number;
    from: string;
    to: string;
  };
  /** A personal record stored by a workout's completion. */
  'personal-record.set': { userId: string; workoutId: string; recordId: string };
  /** A body reading created or changed. */
  'body-metric.logged': { userId: string; bodyMetricId: string };
  /** A body reading deleted (the id no longer resolves). */
  'body-metric.deleted': { userId: string; bodyMetricId: string };
  /** Journal entries created, changed or deleted at these instants (ISO 8601, before and after). */
  'entries.changed': { userId: string; occurredAt: string[] };
  /** A goal's target changed, or it became active again: its progress must be measured anew. */
  'goal.changed': { userId: string; goalId: string };
  /** A goal's progress crossed a milestone (25, 50, 75 or 100 %), recorded once. */
  'goal.milestone-reached': { userId: string; goalId: string; percent: number };
  /** A goal was achieved, by its progress or by hand; announced once. */
  'goal.achieved': { userId: string; goalId: string };
  /** A summary was written and stored (the worker's completion of its job). */
  'summary.completed': { userId: string; summaryId: string };
  /** An account's password was set: changed by its owner or reset by email link. */
  'account.password-changed': { userId: string; changedAt: string };
  /** A new login session began (password or social sign-in; not the account's registration). */
  'account.signed-in': { userId: string; sessionId: string };
  /** `userId` asked `addresseeId` to be friends (a new pending request). */
  'friend-request.sent': { userId: string; addresseeId: string; requestId: string };
  /** `userId` and `friendId` became friends (`userId` accepted, or crossed `friendId`'s request). */
  'friendship.made': { userId: string; friendId: string };
  /** `userId` blocked `blockedUserId` (their friendship and pending requests already ended). */
  'user.blocked': { userId: string; blockedUserId: string };
  /**
   * `userId` changed a privacy preference that decides where they appear to others
   * (`leaderboardOptOut`, `activityVisibility`).
   */
  'privacy.changed': { userId: string };
  /**
   * A challenge closed at its end: final ranks, winners and badges are stored (once: the close
   * job announces a challenge once however often it runs). For the feed and notifications.
   */
  'challenge.closed': { challengeId: string };
  /** `userId` liked the activity (a new like; a repeated one announces nothing). */
  'activity.liked': { userId: string; activityId: string };
  /** `userId` commented on the activity. */
  'activity.commented': { userId: string; activityId: string; commentId: string };
  /**
   * A moderator acted on `userId`'s profile or content (removed it, warned, suspended them):
   * `logId` names the moderation log's entry. Dismissed reports announce nothing.
   */
  'content.moderated': {
    userId: string;
    action: 'remove_content' | 'warn' | 'suspend';
    targetType: 'user' | 'activity' | 'comment';
    targetId: string;
    logId: string;
  };
  /** `userId`'s stated sex or birth year changed (sex-specific formulas: DOTS). */
  'body-profile.changed': { userId: string };
  /**
   * `userId` (the creator) invited `inviteeIds` to the challenge: only those newly invited, at
   * creation or later. For notifications.
   */
  'challenge.invited': { userId: string; challengeId: string; inviteeIds: string[] };
  /** A data export's archive is stored and can be downloaded (docs/data-rights.md). */
  'data-export.completed': { userId: string; exportId: string };
  /** A PDF report was rendered and stored (the worker's completion of its job). */
  'report.completed': { userId: string; reportId: string };
}

export type DomainEventName = keyof DomainEventPayloads;

/** An event to publish: a name and exactly its payload (a mismatch does not compile). */
export type DomainEvent = {
  [N in DomainEventName]: { name: N; payload: DomainEventPayloads[N] };
}[DomainEventName];

/** An event as subscribers receive it: the stored row's id and when it was published. */
export type PublishedDomainEvent<N extends DomainEventName = DomainEventName> = {
  [M in N]: {
    /** The outbox row id: the same across redeliveries, a key for idempotent effects. */
    id: string;
    name: M;
    payload: DomainEventPayloads[M];
    /** ISO 8601: when the publishing transaction wrote it. */
    occurredAt: string;
  };
}[N];

/** Builds an event with its payload checked against the catalogue. */
export function domainEvent<N extends DomainEventName>(
  name: N,
  payload: DomainEventPayloads[N],
): DomainEvent {
  return { name, payload } as DomainEvent;
}

/** Every name once (a name missing here does not compile): docs and checks enumerate it. */
const NAMES: { readonly [N in DomainEventName]: true } = {
  'workout.completed': true,
  'workout.redated': true,
  'workout.deleted': true,
  'workouts.imported': true,
  'personal-record.set': true,
  'body-metric.logged': true,
  'body-metric.deleted': true,
  'entries.changed': true,
  'goal.changed': true,
  'goal.milestone-reached': true,
  'goal.achieved': true,
  'summary.completed': true,
  'account.password-changed': true,
  'account.signed-in': true,
  'friend-request.sent': true,
  'friendship.made': true,
  'user.blocked': true,
  'privacy.changed': true,
  'challenge.closed': true,
  'activity.liked': true,
  'activity.commented': true,
  'content.moderated': true,
  'body-profile.changed': true,
  'challenge.invited': true,
  'data-export.completed': true,
  'report.completed': true,
};

export const ALL_DOMAIN_EVENT_NAMES = Object.keys(NAMES) as readonly DomainEventName[];
