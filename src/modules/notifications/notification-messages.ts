import { Notification } from './entities/notification.entity';
import { NotificationType } from './notification-types';

/** "Ana", "Ana and Bo", "Ana and 4 others": who caused a group. */
export function actorsPhrase(notification: Pick<Notification, 'actors' | 'actorCount'>): string {
  const [first, second] = notification.actors;
  const name = first?.displayName ?? 'Someone';
  const others = notification.actorCount - 1;
  if (others <= 0) return name;
  if (others === 1 && second) return `${name} and ${second.displayName}`;
  return `${name} and ${others} others`;
}

/** What was liked or commented: the feed activity's kind when the subscriber knows it. */
const ACTIVITY_KINDS: Record<string, string> = {
  workout: 'your workout',
  post: 'your post',
  personal_record: 'your personal record',
  goal_achieved: 'your goal',
};

function activityPhrase(kind: unknown): string {
  return (typeof kind === 'string' && ACTIVITY_KINDS[kind]) || 'your activity';
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : `${n} ${many}`);

/** The sentence an app shows (and an email's subject): the same for REST, socket and email. */
export function messageOf(
  notification: Pick<Notification, 'type' | 'count' | 'actors' | 'actorCount' | 'data'>,
): string {
  const { data } = notification;
  const title = typeof data.goalTitle === 'string' ? `“${data.goalTitle}”` : 'your goal';
  switch (notification.type) {
    case NotificationType.FriendRequestReceived:
      return `${actorsPhrase(notification)} sent you a friend request`;
    case NotificationType.FriendRequestAccepted:
      return `${actorsPhrase(notification)} accepted your friend request`;
    case NotificationType.ActivityLiked:
      return `${actorsPhrase(notification)} liked ${activityPhrase(data.kind)}`;
    case NotificationType.ActivityCommented:
      return `${actorsPhrase(notification)} commented on ${activityPhrase(data.kind)}`;
    case NotificationType.ChallengeInvited:
      return `${actorsPhrase(notification)} invited you to the challenge ${
        typeof data.challengeTitle === 'string' ? `“${data.challengeTitle}”` : ''
      }`.trimEnd();
    case NotificationType.PersonalRecordSet:
      return `You set ${plural(notification.count, 'a new personal record', 'new personal records')} in one session`;
    case NotificationType.GoalMilestoneReached:
      return `${Number(data.percent)} % of ${title} reached`;
    case NotificationType.GoalAchieved:
      return `Goal achieved: ${title}`;
    case NotificationType.SummaryReady:
      return 'Your summary is ready';
    case NotificationType.PasswordChanged:
      return 'Your password was changed. If this was not you, reset it now.';
    case NotificationType.NewSignIn:
      return 'New sign-in to your account. If this was not you, change your password.';
    case NotificationType.DataExportReady:
      return 'Your data export is ready to download';
    case NotificationType.ReportReady:
      return 'Your PDF report is ready';
  }
}
