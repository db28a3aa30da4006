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
