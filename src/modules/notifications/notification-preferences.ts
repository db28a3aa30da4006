import { ValidationProblem } from '../../common/errors/domain-errors';
import { NotificationPreferenceChangeDto } from './dto/notification-preferences.dto';
import { NotificationPreference } from './entities/notification-preference.entity';
import {
  ChannelSettings,
  EmailMode,
  NOTIFICATION_TYPES,
  NotificationType,
} from './notification-types';

/** A type's settings: the stored row when the user changed them, else the defaults. */
export function settingsOf(
  type: NotificationType,
  stored: Pick<NotificationPreference, 'inApp' | 'email' | 'push'> | undefined,
): ChannelSettings {
  const definition = NOTIFICATION_TYPES[type];
  if (definition.locked || !stored) return { ...definition.defaults };
  return { inApp: stored.inApp, email: stored.email, push: stored.push };
}

/**
 * The rules of a change, as field errors on `items.<i>.<field>`: a type at most once, security
 * notices locked (sending their current settings is fine).
 */
export function checkChanges(changes: NotificationPreferenceChangeDto[]): void {
  const errors: { field: string; messages: string[] }[] = [];
  const seen = new Set<NotificationType>();
  changes.forEach((change, i) => {
    if (seen.has(change.type)) {
      errors.push({ field: `items.${i}.type`, messages: [`${change.type} is sent twice`] });
    }
    seen.add(change.type);
    const definition = NOTIFICATION_TYPES[change.type];
    if (!definition.locked) return;
    const { defaults } = definition;
    for (const channel of ['inApp', 'email', 'push'] as const) {
      if (change[channel] !== undefined && change[channel] !== defaults[channel]) {
        errors.push({
          field: `items.${i}.${channel}`,
          messages: [`${change.type} is a security notice: it cannot be turned off`],
        });
      }
    }
  });
  if (errors.length > 0) throw new ValidationProblem(errors);
}

/** The settings after a change. */
export function applyChange(
  current: ChannelSettings,
  change: NotificationPreferenceChangeDto,
): ChannelSettings {
  return {
    inApp: change.inApp ?? current.inApp,
    email: change.email ?? current.email,
    push: change.push ?? current.push,
  };
}

export const isEmailOn = (settings: ChannelSettings): boolean => settings.email !== EmailMode.Off;
