import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Transform } from 'class-transformer';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { trimString } from '../../../common/validation/transforms';
import { Relationship, SuggestionReason } from '../social.vocabulary';
import { UserSummaryDto } from './user-summary.dto';

/** Another user's public profile: what their privacy lets the caller see. */
export class PublicProfileDto extends UserSummaryDto {
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'Powerlifting, 3x per week',
    description: 'null when unset, or when the profile is not discoverable and you are not friends',
  })
  bio: string | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 12,
    description: 'null when the profile is not discoverable and you are not friends',
  })
  friendCount: number | null;

  @ApiProperty({ enum: Relationship, enumName: 'Relationship', example: Relationship.None })
  relationship: Relationship;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-11-21T09:30:00.000Z' })
  memberSince: string;
}

export class SearchUsersQueryDto extends PageQueryDto {
  @ApiProperty({
    minLength: 2,
    maxLength: 80,
    example: 'ada',
    description: 'Part of a display name; small typos are tolerated (trigram similarity)',
  })
  @Transform(trimString)
  @IsString()
  @Length(2, 80)
  q: string;
}

export class UserSearchResultDto extends UserSummaryDto {
  @ApiProperty({ enum: Relationship, enumName: 'Relationship', example: Relationship.Friends })
  relationship: Relationship;
}

export class FriendSuggestionDto {
  @ApiProperty({ type: UserSummaryDto })
  user: UserSummaryDto;

  @ApiProperty({
    enum: SuggestionReason,
    enumName: 'SuggestionReason',
    isArray: true,
    example: [SuggestionReason.FriendsInCommon],
    description: 'Why they are suggested, strongest first',
  })
  reasons: SuggestionReason[];

  @ApiProperty({ type: 'integer', minimum: 0, example: 3 })
  friendsInCommon: number;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'Push Pull Legs',
    description: 'A template of theirs you train with (uses_their_template)',
  })
  templateName: string | null;
}
