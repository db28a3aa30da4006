import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { trimString } from '../../../common/validation/transforms';

export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 80, example: 'Ada L.' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 80)
  displayName?: string;

  @ApiPropertyOptional({
    maxLength: 500,
    nullable: true,
    type: String,
    example: 'Training for my first marathon',
    description: 'null clears the bio',
  })
  @ValidateIf((_o, value) => value !== null && value !== undefined)
  @Transform(trimString)
  @IsString()
  @MaxLength(500)
  bio?: string | null;
}
