import { ValidationProblem } from '../../common/errors/domain-errors';
import { AppConfig } from '../../config/app-config';
import { Notification } from './entities/notification.entity';
import { unreadCountDto } from './notification-events';
import { actorsPhrase, messageOf } from './notification-messages';
import { applyChange, checkChanges, settingsOf } from './notification-preferences';
import { EmailMode, groupKeyOf, NotificationType } from './notification-types';
import { UnsubscribeTokens } from './unsubscribe-tokens';

const actor = (displayName: string) => ({ id: `${displayName}-id`, displayName });

describe('notification messages', () => {
  it('names the actors of a group: one, two, then "and N others"', () => {
    expect(actorsPhrase({ actors: [actor('Ana')], actorCount: 1 })).toBe('Ana');
    expect(actorsPhrase({ actors: [actor('Ana'), actor('Bo')], actorCount: 2 })).toBe('Ana and Bo');
    expect(actorsPhrase({ actors: [actor('Ana'), actor('Bo')], actorCount: 5 })).toBe(
      'Ana and 4 others',
    );
  });

  it('counts records and quotes goals', () => {
    const base = { actors: [], actorCount: 0, data: {} } as Pick<
      Notification,
      'actors' | 'actorCount' | 'data'
    >;
    expect(messageOf({ ...base, type: NotificationType.PersonalRecordSet, count: 1 })).toBe(
      'You set a new personal record in one session',
    );
    expect(messageOf({ ...base, type: NotificationType.PersonalRecordSet, count: 3 })).toBe(
      'You set 3 new personal records in one session',
    );
    expect(
      messageOf({
        ...base,
        type: NotificationType.GoalMilestoneReached,
        count: 1,
        data: { goalTitle: 'Bench 120', percent: 50 },
      }),
    ).toBe('50 % of “Bench 120” reached');
  });

  it('groups by type and subject', () => {
    expect(groupKeyOf(NotificationType.ActivityLiked, 'w1')).toBe('activity.liked:w1');
    expect(groupKeyOf(NotificationType.SummaryReady, null)).toBe('summary.ready');
  });
});

describe('the unread badge', () => {
  it('counts up to 99, then says 99+', () => {
    expect(unreadCountDto(0)).toEqual({ count: 0, hasMore: false, label: '' });
    expect(unreadCountDto(99)).toEqual({ count: 99, hasMore: false, label: '99' });
    expect(unreadCountDto(100)).toEqual({ count: 99, hasMore: true, label: '99+' });
  });
});

describe('notification preferences', () => {
  it('takes the defaults until changed, and locked types always', () => {
    expect(settingsOf(NotificationType.ActivityLiked, undefined)).toEqual({
      inApp: true,
      email: EmailMode.Daily,
      push: true,
    });
    const stored = { inApp: false, email: EmailMode.Off, push: false };
    expect(settingsOf(NotificationType.ActivityLiked, stored)).toEqual(stored);
    expect(settingsOf(NotificationType.NewSignIn, stored).email).toBe(EmailMode.Immediate);
    expect(
      applyChange(stored, { type: NotificationType.ActivityLiked, email: EmailMode.Daily }),
    ).toEqual({ ...stored, email: EmailMode.Daily });
  });

  it('refuses a security notice turned off and a type sent twice, naming the fields', () => {
    const fields = (run: () => void) => {
      try {
        run();
        return [];
      } catch (error) {
        return (error as ValidationProblem).fieldErrors.map((e) => e.field);
      }
    };
    expect(
      fields(() =>
        checkChanges([
          { type: NotificationType.PasswordChanged, email: EmailMode.Off },
          { type: NotificationType.GoalAchieved, email: EmailMode.Off },
          { type: NotificationType.GoalAchieved, inApp: false },
        ]),
      ),
    ).toEqual(['items.0.email', 'items.2.type']);
    // Sending a locked type's own settings is fine.
    expect(fields(() => checkChanges([{ type: NotificationType.NewSignIn, inApp: true }]))).toEqual(
      [],
    );
  });
});

describe('unsubscribe tokens', () => {
  const tokens = new UnsubscribeTokens({
    auth: { refreshSecret: 'a-refresh-secret-of-enough-length-0123456789' },
  } as AppConfig);

  it('round-trips the user and the scope, and refuses anything altered', () => {
    const token = tokens.sign('u1', NotificationType.GoalAchieved);
    expect(tokens.verify(token)).toEqual({ userId: 'u1', scope: 'goal.achieved' });
    expect(tokens.verify(tokens.sign('u1', 'digest'))).toEqual({ userId: 'u1', scope: 'digest' });
    const [payload, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify(['u2', 'goal.achieved'])).toString('base64url');
    expect(tokens.verify(`${other}.${signature}`)).toBeNull();
    expect(tokens.verify(`${payload}.${signature}x`)).toBeNull();
    expect(tokens.verify(`${payload}`)).toBeNull();
    expect(tokens.verify('')).toBeNull();
  });
});
