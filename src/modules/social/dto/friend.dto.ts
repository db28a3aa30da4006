import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsUUID } from 'class-validator';
import { CursorQueryDto } from '../../../common/pagination/cursor-query.dto';
import { Omittable } from '../../../common/validation/presence';
import { Relationship } from '../social.vocabulary';
import { UserSummaryDto } from './user-summary.dto';

export type FriendListStatus =
  Relationship.Friends | Relationship.RequestReceived | Relationship.RequestSent;

const LISTED = [Relationship.Friends, Relationship.RequestReceived, Relationship.RequestSent];

/** A friend, or a pending request either way. */
export class FriendDto {
  @ApiProperty({ type: UserSummaryDto })
  user: UserSummaryDto;

  @ApiProperty({
    enum: Relationship,
    enumName: 'Relationship',
    example: Relationship.Friends,
    description:
      '`friends`, `request_sent` (waiting for their answer) or `request_received` (waiting for yours)',
  })
  status: Relationship;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    example: '2026-11-21T09:30:00.000Z',
    description: 'When the friendship started, or the request was sent',
  })
  since: string;
}

export class ListFriendsQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({
    enum: LISTED,
    enumName: 'FriendListStatus',
    default: Relationship.Friends,
    description: 'Friends (default), requests received, or requests sent and still pending',
  })
  @Omittable()
  @IsEnum(LISTED, { message: `status must be one of: ${LISTED.join(', ')}` })
  status: FriendListStatus = Relationship.Friends;
}

export class FriendRequestDto {
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    example: '5b4c0e0a-0c4c-4a7e-9d27-4f0b0f3f6a11',
    description: 'Who to ask',
  })
  @IsUUID()
  userId: string;
}

export enum FriendRequestAnswer {
  Accept = 'accept',
  Decline = 'decline',
}

export class AnswerFriendRequestDto {
  @ApiProperty({ enum: FriendRequestAnswer, enumName: 'FriendRequestAnswer', example: 'accept' })
  @IsEnum(FriendRequestAnswer)
  action: FriendRequestAnswer;
}

export class BlockedUserDto {
  @ApiProperty({ type: UserSummaryDto })
  user: UserSummaryDto;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-11-21T09:30:00.000Z' })
  blockedAt: string;
}
