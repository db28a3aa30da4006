/** What a report is about (docs/moderation.md). */
export enum ReportTarget {
  User = 'user',
  Activity = 'activity',
  Comment = 'comment',
}

/** Why it was reported: a closed list, so reports can be triaged and counted. */
export enum ReportReason {
  Spam = 'spam',
  Harassment = 'harassment',
  HateSpeech = 'hate_speech',
  SexualContent = 'sexual_content',
  Violence = 'violence',
  SelfHarm = 'self_harm',
  Misinformation = 'misinformation',
  Impersonation = 'impersonation',
  Other = 'other',
}

export enum ReportStatus {
  Open = 'open',
  Resolved = 'resolved',
}

/** What a moderator did about a report; each is one row of the append-only moderation log. */
export enum ModerationAction {
  /** Nothing wrong: the report is closed. */
  Dismiss = 'dismiss',
  /** The activity or comment is deleted (a profile has no content to remove: warn or suspend). */
  RemoveContent = 'remove_content',
  /** The owner is warned (recorded; announced by `content.moderated`). */
  Warn = 'warn',
  /** The owner may not post, share, like, comment or send friend requests for `days`. */
  Suspend = 'suspend',
}

/** Longest community suspension a moderator can give (longer is an admin's account status). */
export const MAX_SUSPENSION_DAYS = 365;

/**
 * What the audit log (the moderation log, generalised: docs/admin.md) records: the moderation
 * actions, and the admin actions.
 */
export enum AuditAction {
  Dismiss = 'dismiss',
  RemoveContent = 'remove_content',
  Warn = 'warn',
  Suspend = 'suspend',
  /** An admin suspended an account (no sign-in) with a reason and an end date. */
  SuspendAccount = 'suspend_account',
  ReactivateAccount = 'reactivate_account',
  /** An admin redrove a dead-lettered job (target: the queue; note: queue and job id). */
  RedriveJob = 'redrive_job',
  /** An admin opened the queue dashboard (Bull Board), where jobs can be retried or removed. */
  OpenQueueBoard = 'open_queue_board',
  /**
   * A change made through the queue dashboard (retry, clean, remove, promote, pause, empty,
   * ...; target: the queue; note: the action, the queue and the job when there is one).
   */
  QueueBoardAction = 'queue_board_action',
}

/** What an audited action was about. */
export enum AuditTarget {
  User = 'user',
  Activity = 'activity',
  Comment = 'comment',
  /** A job queue (no id: `note` names the queue and the job). */
  Queue = 'queue',
}
