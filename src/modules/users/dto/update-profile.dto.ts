import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length, MaxLength } from 'class-validator';
import { trimString } from '../../../common/validation/transforms';
import { Nullable, Omittable } from '../../../common/validation/presence';

export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 80, example: 'Ada L.' })
  @Omittable()
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
  @Nullable()
  @Transform(trimString)
  @IsString()
  @MaxLength(500)
  bio?: string | null;
}
