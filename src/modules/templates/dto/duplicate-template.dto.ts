import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { trimString } from '../../../common/validation/transforms';
import { TEMPLATE_LIMITS } from './template-limits';
import { Omittable } from '../../../common/validation/presence';

export class DuplicateTemplateDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: TEMPLATE_LIMITS.name,
    example: 'My Push Pull Legs',
    description: 'The copy\'s name; defaults to the original\'s followed by " (copy)"',
  })
  @Omittable()
  @Transform(trimString)
  @IsString()
  @Length(1, TEMPLATE_LIMITS.name)
  name?: string;
}
