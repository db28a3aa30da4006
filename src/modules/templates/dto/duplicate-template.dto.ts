import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length } from 'class-validator';
import { trimString } from '../../../common/validation/transforms';
import { TEMPLATE_LIMITS } from './template-limits';

export class DuplicateTemplateDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: TEMPLATE_LIMITS.name,
    example: 'My Push Pull Legs',
    description: 'The copy\'s name; defaults to the original\'s followed by " (copy)"',
  })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, TEMPLATE_LIMITS.name)
  name?: string;
}
