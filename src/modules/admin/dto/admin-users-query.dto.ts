import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { trimString } from '../../../common/validation/transforms';
import { Omittable } from '../../../common/validation/presence';

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
}
