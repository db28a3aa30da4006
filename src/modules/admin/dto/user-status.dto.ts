import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDate, IsIn, IsString, Length, MinDate, ValidateIf } from 'class-validator';
import { toDate, trimString } from '../../../common/validation/transforms';
import { Nullable } from '../../../common/validation/presence';
import { UserDto } from '../../users/dto/user.dto';
import { UserAccount, UserStatus } from '../../users/user.vocabulary';

const SETTABLE = [UserStatus.Active, UserStatus.Suspended] as const;

export class UpdateUserStatusDto {
  @ApiProperty({
    enum: SETTABLE,
    example: UserStatus.Suspended,
    description: '`suspended` signs the account out everywhere at once; `active` lifts it',
  })
  @IsIn(SETTABLE)
  status: UserStatus.Active | UserStatus.Suspended;

  @ApiPropertyOptional({
    type: String,
    minLength: 1,
    maxLength: 1000,
    example: 'Repeated spam after two warnings',
    description:
      'Required to suspend: shown to the user when signing in is refused; left out to reactivate',
  })
  @ValidateIf((dto: UpdateUserStatusDto) => dto.status === UserStatus.Suspended)
  @Transform(trimString)
  @IsString({ message: 'reason is required to suspend' })
  @Length(1, 1000)
  reason?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-12-24T00:00:00.000Z',
    description:
      'When a suspension ends by itself (in the future); null or absent: until an admin lifts it',
  })
  @Nullable()
  @Transform(toDate)
  @IsDate({ message: '$property must be an ISO 8601 date-time' })
  @MinDate(() => new Date(), { message: 'until must be in the future' })
  until?: Date | null;
}

/** An account as admins see it: with its suspension. */
export class AdminUserDto extends UserDto {
  @ApiProperty({ type: String, nullable: true, example: null })
  suspensionReason: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  suspendedUntil: string | null;

  static fromAccount(user: UserAccount): AdminUserDto {
    return {
      ...UserDto.from(user),
      suspensionReason: user.suspensionReason,
      suspendedUntil: user.suspendedUntil?.toISOString() ?? null,
    };
  }
}
