import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsString, Length, MaxLength } from 'class-validator';
import { Nullable, Omittable } from '../../../common/validation/presence';
import { trimString } from '../../../common/validation/transforms';
import { Audience } from '../../users/privacy.vocabulary';

export const POST_MAX_LENGTH = 2000;
export const COMMENT_MAX_LENGTH = 1000;
export const CAPTION_MAX_LENGTH = 500;

export class CreatePostDto {
  @ApiProperty({
    minLength: 1,
    maxLength: POST_MAX_LENGTH,
    example: 'Back from a week off, feeling strong.',
  })
  @Transform(trimString)
  @IsString()
  @Length(1, POST_MAX_LENGTH)
  text: string;

  @ApiPropertyOptional({
    enum: Audience,
    enumName: 'Audience',
    example: Audience.Friends,
    description: 'Who sees it. Default: your activityVisibility preference',
  })
  @Omittable()
  @IsEnum(Audience)
  visibility?: Audience;
}

export class ShareWorkoutDto {
  @ApiPropertyOptional({
    maxLength: CAPTION_MAX_LENGTH,
    nullable: true,
    type: String,
    example: 'Leg day done',
    description: 'Shown with the workout; null or absent for none',
  })
  @Nullable()
  @Transform(trimString)
  @IsString()
  @MaxLength(CAPTION_MAX_LENGTH)
  caption?: string | null;

  @ApiPropertyOptional({
    enum: Audience,
    enumName: 'Audience',
    example: Audience.Friends,
    description:
      'Who sees it, at most your activityVisibility preference (a wider one is a 400). ' +
      'Default: your preference. Its personal records follow it.',
  })
  @Omittable()
  @IsEnum(Audience)
  visibility?: Audience;
}

export class CommentInputDto {
  @ApiProperty({ minLength: 1, maxLength: COMMENT_MAX_LENGTH, example: 'Strong!' })
  @Transform(trimString)
  @IsString()
  @Length(1, COMMENT_MAX_LENGTH)
  text: string;
}
