import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDate, IsEnum, IsString, Length } from 'class-validator';
import { Role } from '../../../common/auth/roles';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { IsAfter } from '../../../common/validation/field-rules';
import { toDate, trimString } from '../../../common/validation/transforms';
import { Omittable } from '../../../common/validation/presence';
import { UserStatus } from '../../users/user.vocabulary';

export class AdminUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 100,
    example: 'ada',
    description: 'Case-insensitive match anywhere in the email or display name',
  })
  @Omittable()
  @Transform(trimString)
  @IsString()
  @Length(1, 100)
  search?: string;

  @ApiPropertyOptional({
    enum: UserStatus,
    enumName: 'UserStatus',
    example: UserStatus.Suspended,
    description:
      'Only accounts in this status. Without it, every account but the anonymous stand-ins of deleted ones (`deleted`)',
  })
  @Omittable()
  @IsEnum(UserStatus)
  status?: UserStatus;

  @ApiPropertyOptional({ enum: Role, enumName: 'Role', example: Role.Moderator })
  @Omittable()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    example: '2026-11-01T00:00:00.000Z',
    description: 'Created at or after this instant',
  })
  @Omittable()
  @Transform(toDate)
  @IsDate({ message: '$property must be an ISO 8601 date-time' })
  createdFrom?: Date;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    example: '2026-12-01T00:00:00.000Z',
    description: 'Created before this instant',
  })
  @Omittable()
  @Transform(toDate)
  @IsDate({ message: '$property must be an ISO 8601 date-time' })
  @IsAfter('createdFrom')
  createdTo?: Date;
}
