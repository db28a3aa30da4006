import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PagingField } from '../../../common/pagination/page-query.dto';
import { IsLocalDate } from '../../../common/validation/local-date.decorator';
import { Nullable, Omittable } from '../../../common/validation/presence';
import { trimString } from '../../../common/validation/transforms';
import { ChallengeFilter } from '../challenges.repository';
import { ChallengeKind, ChallengeVisibility } from '../challenges.vocabulary';

export const MAX_CHALLENGE_DAYS = 366;
export const MAX_INVITEES = 100;

export class CreateChallengeDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'December volume' })
  @Transform(trimString)
  @IsString()
  @Length(1, 100)
  title: string;

  @ApiPropertyOptional({
    maxLength: 1000,
    nullable: true,
    type: String,
    example: 'Most kilograms moved in December wins.',
  })
  @Nullable()
  @Transform(trimString)
  @IsString()
  @MaxLength(1000)
  description?: string | null;

  @ApiProperty({
    enum: ChallengeKind,
    enumName: 'ChallengeKind',
    example: ChallengeKind.Volume,
    description:
      '`workout_count`, `volume` (kg), `exercise_reps` (needs `exerciseId`), `consistency` ' +
      '(weeks with at least `sessionsPerWeek` workouts)',
  })
  @IsEnum(ChallengeKind)
  kind: ChallengeKind;

  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    example: '7d1f6a52-1c1e-4f43-8f3e-1b2a3c4d5e6f',
    description:
      'The exercise of an `exercise_reps` challenge (required for it, refused otherwise): one ' +
      'of the library, which everyone who joins can log (your own exercise, not approved, is a 400)',
  })
  @Omittable()
  @IsUUID()
  exerciseId?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 14,
    example: 3,
    description: 'Sessions a week needs, for `consistency` (required for it, refused otherwise)',
  })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(14)
  sessionsPerWeek?: number;

  @ApiProperty({
    enum: ChallengeVisibility,
    enumName: 'ChallengeVisibility',
    example: ChallengeVisibility.Friends,
  })
  @IsEnum(ChallengeVisibility)
  visibility: ChallengeVisibility;

  @ApiProperty({
    format: 'date',
    example: '2026-12-01',
    description: 'First day, in your time zone (your preferences)',
  })
  @IsLocalDate()
  startsOn: string;

  @ApiProperty({
    format: 'date',
    example: '2026-12-31',
    description: `Last day (included), in your time zone; at most ${MAX_CHALLENGE_DAYS} days after startsOn, not in the past`,
  })
  @IsLocalDate()
  endsOn: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    isArray: true,
    maxItems: MAX_INVITEES,
    example: ['5b4c0e0a-0c4c-4a7e-9d27-4f0b0f3f6a11'],
    description:
      'Who may see and join an invite-only (or friends-only) challenge: any user. Unknown ' +
      'users and users in a block with you are left out silently. Each is notified',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(MAX_INVITEES)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  inviteeIds?: string[];
}

export class InviteToChallengeDto {
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    isArray: true,
    minItems: 1,
    maxItems: MAX_INVITEES,
    example: ['5b4c0e0a-0c4c-4a7e-9d27-4f0b0f3f6a11'],
    description:
      'Users to invite: any user, friend or not. Unknown users, users in a block with you, ' +
      'users already invited (even if they declined) or taking part are left out silently',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INVITEES)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  userIds: string[];
}

export class ListChallengesQueryDto {
  @ApiPropertyOptional({
    enum: ChallengeFilter,
    enumName: 'ChallengeFilter',
    example: ChallengeFilter.Active,
    description:
      '`active` (under way), `upcoming`, `mine` (created or joined by you), `friends` ' +
      '(created or joined by a friend), `invited` (open challenges you are invited to and ' +
      'have neither joined nor declined). Default: every challenge you may see',
  })
  @Omittable()
  @IsEnum(ChallengeFilter)
  filter?: ChallengeFilter;

  @PagingField.page()
  page: number = 1;

  @PagingField.limit()
  limit: number = 20;
}
