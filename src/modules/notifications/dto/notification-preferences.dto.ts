import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum } from 'class-validator';
import { NestedObjects } from '../../../common/validation/nested';
import { Omittable } from '../../../common/validation/presence';
import {
  ALL_NOTIFICATION_TYPES,
  EmailMode,
  NotificationCategory,
  NotificationType,
} from '../notification-types';

/** A user's settings for one type, per channel. */
export class NotificationPreferenceDto {
  @ApiProperty({ enum: NotificationType, enumName: 'NotificationType', example: 'activity.liked' })
  type: NotificationType;

  @ApiProperty({ enum: NotificationCategory, enumName: 'NotificationCategory', example: 'social' })
  category: NotificationCategory;

  @ApiProperty({ example: true, description: 'Shown in the app (and sent over the socket)' })
  inApp: boolean;

  @ApiProperty({ enum: EmailMode, enumName: 'EmailMode', example: 'daily' })
  email: EmailMode;

  @ApiProperty({ example: true, description: 'Kept for push notifications (not sent yet)' })
  push: boolean;

  @ApiProperty({ example: false, description: 'A security notice: always on, cannot change' })
  locked: boolean;
}

/** Every type, each with its settings (yours, or the defaults). A fixed set, not paginated. */
export class NotificationPreferencesDto {
  @ApiProperty({ type: [NotificationPreferenceDto] })
  items: NotificationPreferenceDto[];
}

export class NotificationPreferenceChangeDto {
  @ApiProperty({ enum: NotificationType, enumName: 'NotificationType', example: 'activity.liked' })
  @IsEnum(NotificationType, {
    message: `type must be one of: ${ALL_NOTIFICATION_TYPES.join(', ')}`,
  })
  type: NotificationType;

  @ApiPropertyOptional({ example: true })
  @Omittable()
  @IsBoolean()
  inApp?: boolean;

  @ApiPropertyOptional({ enum: EmailMode, enumName: 'EmailMode', example: 'off' })
  @Omittable()
  @IsEnum(EmailMode)
  email?: EmailMode;

  @ApiPropertyOptional({ example: true })
  @Omittable()
  @IsBoolean()
  push?: boolean;
}

/** Only the types and channels sent change; the others keep their settings. */
export class UpdateNotificationPreferencesDto {
  @ApiProperty({
    type: [NotificationPreferenceChangeDto],
    example: [{ type: 'activity.liked', email: 'off' }],
  })
  @NestedObjects(() => NotificationPreferenceChangeDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(ALL_NOTIFICATION_TYPES.length)
  items: NotificationPreferenceChangeDto[];
}

/** What an unsubscribe link names, and its state. */
export class UnsubscribeDto {
  @ApiProperty({ enum: NotificationType, enumName: 'NotificationType', example: 'goal.achieved' })
  type: NotificationType;

  @ApiProperty({
    enum: EmailMode,
    enumName: 'EmailMode',
    example: 'off',
    description: 'Emails of this type now',
  })
  email: EmailMode;
}
