import { AppConfig } from '../../config/app-config';
import { PublishedDomainEvent } from '../events/domain-event-catalogue';

/**
 * The typed job registry: every queue, every job name, and the payload each job carries.
 * Payloads carry ids only; the state they refer to lives in PostgreSQL.
 * Adding a job means: a JobName, its payload below, its queue, and one @JobHandler.
 */
export enum QueueName {
  Emails = 'emails',
  /** Account emails that need a token made in the worker: verification, reset, notices. */
  Accounts = 'accounts',
  Summaries = 'summaries',
  /** Domain events relayed from the outbox: one job per (event, subscriber). */
  DomainEvents = 'domain-events',
  /** Notification emails (delayed), daily digests, pruning. */
  Notifications = 'notifications',
  /** Housekeeping of shared tables (retention), one job at a time. */
  Maintenance = 'maintenance',
  /** The AI coach's generations that can take seconds (a remote model). */
  AiCoach = 'ai-coach',
  /** Challenges' schedule: the recurring close tick. */
  Challenges = 'challenges',
  /** Leaderboards' rank snapshots: the refresh job (debounced after changes, and every minute). */
  Leaderboards = 'leaderboards',
  /** Recommendations: the recurring tick that claims due users, and one recompute per user. */
  Recommendations = 'recommendations',
  /** Account deletion: the accounts tick, purges and their emails (docs/account-deletion.md). */
  AccountDeletion = 'account-deletion',
  /** Data exports and imports (docs/data-rights.md): long, one user's history each. */
  DataRights = 'data-rights',
  /** PDF reports: generation (one job per report) and the schedules' recurring tick. */
  Reports = 'reports',
}

export enum JobName {
  SendWelcomeEmail = 'send-welcome-email',
  SendVerificationEmail = 'send-verification-email',
  /** By email address: the API does the same work whether the account exists or not. */
  ResendVerificationEmail = 'resend-verification-email',
  SendPasswordResetEmail = 'send-password-reset-email',
  SendPasswordChangedEmail = 'send-password-changed-email',
  GenerateSummary = 'generate-summary',
  /** Repeatable: re-enqueues summaries whose job was lost (e.g. Redis was down). */
  SweepSummaries = 'sweep-summaries',
  /** Hands one domain event to one @OnDomainEvent subscriber. */
  DeliverDomainEvent = 'deliver-domain-event',
  /** Repeatable: deletes relayed events older than the retention period from the outbox. */
  PruneDomainEvents = 'prune-domain-events',
  /** Delayed after a notification: its email, unless it was read meanwhile. */
  SendNotificationEmail = 'send-notification-email',
  /** Repeatable: claims the daily digests that are due and enqueues one job each. */
  TickNotificationDigests = 'tick-notification-digests',
  SendNotificationDigest = 'send-notification-digest',
  /** Repeatable: deletes old read notifications. */
  PruneNotifications = 'prune-notifications',
  /** Repeatable: forgets Idempotency-Keys older than their retention period. */
  PruneIdempotencyKeys = 'prune-idempotency-keys',
  /** Generates one requested workout plan (a plan_generations row). */
  GeneratePlan = 'generate-plan',
  /** Repeatable: re-enqueues plan generations whose job was lost. */
  SweepPlanGenerations = 'sweep-plan-generations',
  /** Repeatable: closes the challenges whose end has passed (claimed under row locks; idempotent). */
  CloseDueChallenges = 'close-due-challenges',
  /** Debounced after entries change, and repeatable: rewrites the due boards' rank snapshots. */
  RefreshLeaderboards = 'refresh-leaderboards',
  /** Repeatable: claims the users whose recommendations are due and enqueues one job each. */
  TickRecommendations = 'tick-recommendations',
  /** Recomputes one user's recommendations (idempotent). */
  RecomputeRecommendations = 'recompute-recommendations',
  /**
   * Repeatable: claims the account deletions whose grace period ended (enqueues their purge)
   * and lifts the suspensions whose end passed.
   */
  TickAccounts = 'tick-accounts',
  /** Removes or anonymises everything of one account (idempotent; docs/account-deletion.md). */
  PurgeAccount = 'purge-account',
  SendAccountDeletionScheduledEmail = 'send-account-deletion-scheduled-email',
  /** Streams one user's data export (a data_exports row) to storage. */
  ExportUserData = 'export-user-data',
  /** Imports one uploaded file (a data_imports row). */
  ImportUserData = 'import-user-data',
  /** Repeatable: deletes export archives past retention, re-enqueues lost export/import jobs. */
  SweepDataRights = 'sweep-data-rights',
  /** Renders one report (a reports row) to PDF, stores it, and emails it if scheduled. */
  GenerateReport = 'generate-report',
  /** Repeatable: claims due report schedules (one report each) and re-enqueues lost reports. */
  TickReports = 'tick-reports',
}

export interface JobPayloads {
  [JobName.SendWelcomeEmail]: { userId: string };
  [JobName.SendVerificationEmail]: { userId: string; deliveryId: string };
  [JobName.ResendVerificationEmail]: { email: string; deliveryId: string };
  [JobName.SendPasswordResetEmail]: { email: string; deliveryId: string };
  [JobName.SendPasswordChangedEmail]: { userId: string; changedAt: string; deliveryId: string };
  [JobName.GenerateSummary]: { summaryId: string };
  [JobName.SweepSummaries]: Record<string, never>;
  [JobName.DeliverDomainEvent]: { subscriber: string; event: PublishedDomainEvent };
  [JobName.PruneDomainEvents]: Record<string, never>;
  [JobName.SendNotificationEmail]: { notificationId: string };
  [JobName.TickNotificationDigests]: Record<string, never>;
  /** `dueAt` (ISO 8601) names the digest: its email is sent once. */
  [JobName.SendNotificationDigest]: { userId: string; dueAt: string };
  [JobName.PruneNotifications]: Record<string, never>;
  [JobName.PruneIdempotencyKeys]: Record<string, never>;
  [JobName.GeneratePlan]: { generationId: string };
  [JobName.SweepPlanGenerations]: Record<string, never>;
  [JobName.CloseDueChallenges]: Record<string, never>;
  [JobName.RefreshLeaderboards]: Record<string, never>;
  [JobName.TickRecommendations]: Record<string, never>;
  [JobName.RecomputeRecommendations]: { userId: string };
  [JobName.TickAccounts]: Record<string, never>;
  [JobName.PurgeAccount]: { deletionId: string };
  [JobName.SendAccountDeletionScheduledEmail]: { deletionId: string };
  [JobName.ExportUserData]: { exportId: string };
  [JobName.ImportUserData]: { importId: string; weightUnit?: 'kg' | 'lb' };
  [JobName.SweepDataRights]: Record<string, never>;
  [JobName.GenerateReport]: { reportId: string };
  [JobName.TickReports]: Record<string, never>;
}

export const QUEUE_OF_JOB: { readonly [N in JobName]: QueueName } = {
  [JobName.SendWelcomeEmail]: QueueName.Emails,
  [JobName.SendVerificationEmail]: QueueName.Accounts,
  [JobName.ResendVerificationEmail]: QueueName.Accounts,
  [JobName.SendPasswordResetEmail]: QueueName.Accounts,
  [JobName.SendPasswordChangedEmail]: QueueName.Accounts,
  [JobName.GenerateSummary]: QueueName.Summaries,
  [JobName.SweepSummaries]: QueueName.Summaries,
  [JobName.DeliverDomainEvent]: QueueName.DomainEvents,
  [JobName.PruneDomainEvents]: QueueName.DomainEvents,
  [JobName.SendNotificationEmail]: QueueName.Notifications,
  [JobName.TickNotificationDigests]: QueueName.Notifications,
  [JobName.SendNotificationDigest]: QueueName.Notifications,
  [JobName.PruneNotifications]: QueueName.Notifications,
  [JobName.PruneIdempotencyKeys]: QueueName.Maintenance,
  [JobName.GeneratePlan]: QueueName.AiCoach,
  [JobName.SweepPlanGenerations]: QueueName.AiCoach,
  [JobName.CloseDueChallenges]: QueueName.Challenges,
  [JobName.RefreshLeaderboards]: QueueName.Leaderboards,
  [JobName.TickRecommendations]: QueueName.Recommendations,
  [JobName.RecomputeRecommendations]: QueueName.Recommendations,
  [JobName.TickAccounts]: QueueName.AccountDeletion,
  [JobName.PurgeAccount]: QueueName.AccountDeletion,
  [JobName.SendAccountDeletionScheduledEmail]: QueueName.AccountDeletion,
  [JobName.ExportUserData]: QueueName.DataRights,
  [JobName.ImportUserData]: QueueName.DataRights,
  [JobName.SweepDataRights]: QueueName.DataRights,
  [JobName.GenerateReport]: QueueName.Reports,
  [JobName.TickReports]: QueueName.Reports,
};

/**
 * What Bull stores: the payload plus the id of the request that caused it. (`deliveryId`s are
 * made at enqueue time: Bull's own job ids restart per prefix and after a Redis reset, so they
 * cannot name a message for deduplication.)
 */
export type JobData<N extends JobName> = JobPayloads[N] & { requestId?: string };

/** Jobs that carry no payload: only those can recur. */
export type RecurringJobName = {
  [N in JobName]: JobPayloads[N] extends Record<string, never> ? N : never;
}[JobName];

/**
 * Jobs the worker runs on a schedule, and how often. RecurringJobs registers them at start and
 * registers any that went missing again (Redis restarted empty, a failover) without a restart.
 */
export const RECURRING_JOBS: Partial<Record<RecurringJobName, (config: AppConfig) => number>> = {
  // Twice per threshold: a lost summary job waits at most 1.5× SUMMARY_SWEEP_AFTER_SECONDS.
  [JobName.SweepSummaries]: (config) => (config.summaries.sweepAfterSeconds * 1000) / 2,
  [JobName.PruneDomainEvents]: () => 60 * 60 * 1000,
  [JobName.TickNotificationDigests]: (config) => config.notifications.digestTickMs,
  [JobName.PruneNotifications]: () => 60 * 60 * 1000,
  [JobName.PruneIdempotencyKeys]: () => 60 * 60 * 1000,
  [JobName.SweepPlanGenerations]: (config) => (config.ai.coachSweepAfterSeconds * 1000) / 2,
  // A challenge closes within a minute of its end plus the grace (CLOSE_GRACE_MINUTES).
  [JobName.CloseDueChallenges]: () => 60 * 1000,
  // The safety net of the debounced refresh: a lost job delays a board by a minute at most.
  [JobName.RefreshLeaderboards]: () => 60 * 1000,
  [JobName.TickRecommendations]: (config) => config.recommendations.tickMs,
  [JobName.TickAccounts]: (config) => config.accountDeletion.tickMs,
  [JobName.SweepDataRights]: () => 5 * 60 * 1000,
  [JobName.TickReports]: (config) => config.reports.tickMs,
};

export const ALL_JOB_NAMES: readonly JobName[] = Object.values(JobName);
export const ALL_QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);
