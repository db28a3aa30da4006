/**
 * Every kind of notification, what it is about, how repeats group, and what a user may change
 * (docs/notifications.md). Adding a type: a value here, its definition below, its message in
 * notification-messages.ts, and a subscriber that creates it.
 */
export enum NotificationType {
  /** Social (wired when the social module publishes its events). */
  FriendRequestReceived = 'friend-request.received',
  FriendRequestAccepted = 'friend-request.accepted',
  ActivityLiked = 'activity.liked',
  ActivityCommented = 'activity.commented',
  ChallengeInvited = 'challenge.invited',
  /** Progress. */
  PersonalRecordSet = 'personal-record.set',
  GoalMilestoneReached = 'goal.milestone-reached',
  GoalAchieved = 'goal.achieved',
  SummaryReady = 'summary.ready',
  /** Security notices: always on. */
  PasswordChanged = 'security.password-changed',
  NewSignIn = 'security.new-sign-in',
  /** Account: a requested data export is ready (always on: the user asked for it). */
  DataExportReady = 'account.data-export-ready',
  /**
   * A PDF report finished. In-app here; its email (the PDF itself, for scheduled reports) is
   * sent by the reports module, which reads this type's email setting (Off: no email).
   */
  ReportReady = 'report.ready',
}

export enum NotificationCategory {
  Social = 'social',
  Progress = 'progress',
  Security = 'security',
}

/** How a type reaches the mailbox: not at all, one email each (after a delay), or a daily digest. */
export enum EmailMode {
  Off = 'off',
  Immediate = 'immediate',
  Daily = 'daily',
}

export interface ChannelSettings {
  inApp: boolean;
  email: EmailMode;
  /** Stored for the push channel to come; nothing is pushed yet. */
  push: boolean;
}

export interface NotificationTypeDefinition {
  category: NotificationCategory;
  /**
   * Repeats of the same type about the same subject (a workout's likes) become one
   * notification while it is unread and younger than this; null: never grouped.
   */
  groupWindowMinutes: number | null;
  defaults: ChannelSettings;
  /** Security notices: the defaults are the only settings (a change is a 400). */
  locked: boolean;
  /**
   * Whether this module emails it. The password-changed notice is already emailed by the
   * accounts module (at once, whatever the delay), so its notification is in-app only.
   */
  emailedHere: boolean;
}

const social = (groupWindowMinutes: number | null): NotificationTypeDefinition => ({
  category: NotificationCategory.Social,
  groupWindowMinutes,
  defaults: { inApp: true, email: EmailMode.Daily, push: true },
  locked: false,
  emailedHere: true,
});

const progress = (
  email: EmailMode,
  groupWindowMinutes: number | null = null,
): NotificationTypeDefinition => ({
  category: NotificationCategory.Progress,
  groupWindowMinutes,
  defaults: { inApp: true, email, push: true },
  locked: false,
  emailedHere: true,
});

const security = (emailedHere: boolean): NotificationTypeDefinition => ({
  category: NotificationCategory.Security,
  groupWindowMinutes: null,
  defaults: { inApp: true, email: EmailMode.Immediate, push: true },
  locked: true,
  emailedHere,
});

export const NOTIFICATION_TYPES: { readonly [T in NotificationType]: NotificationTypeDefinition } =
  {
    [NotificationType.FriendRequestReceived]: social(null),
    [NotificationType.FriendRequestAccepted]: social(null),
    // "Ana and 4 others liked your workout": one notification per feed activity and hour.
    [NotificationType.ActivityLiked]: social(60),
    [NotificationType.ActivityCommented]: social(60),
    // One per invitation (a challenge invites a user once).
    [NotificationType.ChallengeInvited]: social(null),
    // The records of one session are one notification ("3 new personal records").
    [NotificationType.PersonalRecordSet]: progress(EmailMode.Off, 24 * 60),
    [NotificationType.GoalMilestoneReached]: progress(EmailMode.Off),
    [NotificationType.GoalAchieved]: progress(EmailMode.Immediate),
    [NotificationType.SummaryReady]: progress(EmailMode.Off),
    [NotificationType.PasswordChanged]: security(false),
    [NotificationType.NewSignIn]: security(true),
    [NotificationType.DataExportReady]: security(true),
    [NotificationType.ReportReady]: { ...progress(EmailMode.Immediate), emailedHere: false },
  };

export const ALL_NOTIFICATION_TYPES = Object.values(NotificationType);

/** The group of one occurrence: its type and what it is about. */
export function groupKeyOf(type: NotificationType, subjectId: string | null): string {
  return subjectId ? `${type}:${subjectId}` : type;
}
