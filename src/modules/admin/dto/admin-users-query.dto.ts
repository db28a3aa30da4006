import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { trimString } from '../../../common/validation/transforms';

export class AdminUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 100,
    example: 'ada',
    description: 'Case-insensitive match anywhere in the email or display name',
  })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 100)
  search?: string;
}
