import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Omittable } from '../../../common/validation/presence';
import { AccountDeletionRecord } from '../../users/account-deletion.vocabulary';

export class DeleteAccountDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 128,
    example: 'correct horse battery staple',
    description:
      'The current password; required when the account has one. Accounts without a password ' +
      '(Google, GitHub) confirm with a recent sign-in instead.',
  })
  @Omittable()
  @IsString()
  @Length(1, 128)
  password?: string;
}

export class AccountDeletionDto {
  @ApiProperty({ enum: ['scheduled', 'purging'], example: 'scheduled' })
  status: 'scheduled' | 'purging';

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    example: '2026-12-09T10:00:00.000Z',
    description: 'When the purge starts; until then signing in cancels it',
  })
  dueAt: string;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-12-02T10:00:00.000Z' })
  requestedAt: string;

  @ApiProperty({ example: true, description: 'Whether it can still be cancelled' })
  cancellable: boolean;

  static from(deletion: AccountDeletionRecord): AccountDeletionDto {
    const status = deletion.status === 'purging' ? 'purging' : 'scheduled';
    return {
      status,
      dueAt: deletion.dueAt.toISOString(),
      requestedAt: deletion.createdAt.toISOString(),
      cancellable: status === 'scheduled',
    };
  }
}
