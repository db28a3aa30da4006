import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '../../../common/pagination/page';
import { UserSummaryDto } from '../../social/dto/user-summary.dto';
import { ChallengeRow, StandingRow } from '../challenges.repository';
import {
  ChallengeBadge,
  ChallengeKind,
  ChallengeStatus,
  ChallengeVisibility,
} from '../challenges.vocabulary';

const UUID_EXAMPLE = '0c8e9a5e-3f7c-4c55-9a3c-2b0e1c7d9f10';

export class ChallengeDto {
  @ApiProperty({ type: 'string', format: 'uuid', example: UUID_EXAMPLE })
  id: string;

  @ApiProperty({ example: 'December volume' })
  title: string;

  @ApiProperty({ type: String, nullable: true, example: 'Most kilograms moved in December wins.' })
  description: string | null;

  @ApiProperty({ enum: ChallengeKind, enumName: 'ChallengeKind', example: ChallengeKind.Volume })
  kind: ChallengeKind;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, example: null })
  exerciseId: string | null;

  @ApiProperty({ type: 'integer', nullable: true, example: null })
  sessionsPerWeek: number | null;

  @ApiProperty({
    enum: ChallengeVisibility,
    enumName: 'ChallengeVisibility',
    example: ChallengeVisibility.Public,
  })
  visibility: ChallengeVisibility;

  @ApiProperty({
    example: 'Europe/Paris',
    description: "The creator's zone: days and weeks count in it",
  })
  timeZone: string;

  @ApiProperty({ format: 'date', example: '2026-12-01' })
  startsOn: string;

  @ApiProperty({ format: 'date', example: '2026-12-31', description: 'Included' })
  endsOn: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T23:00:00.000Z' })
  startsAt: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-12-31T23:00:00.000Z',
    description: 'Excluded: the local midnight after endsOn',
  })
  endsAt: string;

  @ApiProperty({
    enum: ChallengeStatus,
    enumName: 'ChallengeStatus',
    example: ChallengeStatus.Open,
  })
  status: ChallengeStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  closedAt: string | null;

  @ApiProperty({ type: UserSummaryDto })
  creator: UserSummaryDto;

  @ApiProperty({ type: 'integer', minimum: 0, example: 12 })
  participantCount: number;

  @ApiProperty({ example: true, description: 'Whether you take part' })
  joined: boolean;

  @ApiProperty({
    example: false,
    description:
      'Whether you hold a pending invitation (not declined); decline it with ' +
      '`DELETE /challenges/{id}/invitation`',
  })
  invited: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-11-20T10:00:00.000Z' })
  createdAt: string;

  static of(row: ChallengeRow): ChallengeDto {
    return {
      id: row.id,
      title: row.title,
      description: row.description,
      kind: row.kind,
      exerciseId: row.exerciseId,
      sessionsPerWeek: row.sessionsPerWeek,
      visibility: row.visibility,
      timeZone: row.timeZone,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      status: row.status,
      closedAt: row.closedAt,
      creator: UserSummaryDto.of(row.creatorId, row.creatorName, row.creatorAvatarDigest),
      participantCount: row.participantCount,
      joined: row.joined,
      invited: row.invited,
      createdAt: row.createdAt,
    };
  }
}

export class ChallengeStandingDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 1,
    description: 'Most progress first; equal progress: who reached it first; still equal: shared',
  })
  rank: number;

  @ApiProperty({ type: UserSummaryDto })
  user: UserSummaryDto;

  @ApiProperty({ example: 12500.5, description: 'Workouts, kg, reps or weeks, by the kind' })
  progress: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-12-14T18:30:00.000Z',
    description: 'The end of the last workout that counted (the tie rule)',
  })
  reachedAt: string | null;

  @ApiProperty({
    enum: ChallengeBadge,
    enumName: 'ChallengeBadge',
    nullable: true,
    example: null,
    description: 'Awarded when the challenge closes',
  })
  badge: ChallengeBadge | null;

  @ApiProperty({ format: 'date-time', example: '2026-12-01T08:00:00.000Z' })
  joinedAt: string;

  static of(row: StandingRow): ChallengeStandingDto {
    return {
      rank: row.rank,
      user: UserSummaryDto.of(row.id, row.displayName, row.avatarDigest),
      progress: Number(row.progress),
      reachedAt: row.reachedAt,
      badge: row.badge,
      joinedAt: row.joinedAt,
    };
  }
}

export class ChallengeLeaderboardDto {
  @ApiProperty({ type: [ChallengeStandingDto] })
  items: ChallengeStandingDto[];

  @ApiProperty({ type: PageMeta })
  meta: PageMeta;

  @ApiProperty({
    type: ChallengeStandingDto,
    nullable: true,
    description: 'Your own standing; null when you do not take part',
  })
  me: ChallengeStandingDto | null;

  @ApiProperty({
    enum: ChallengeStatus,
    enumName: 'ChallengeStatus',
    example: ChallengeStatus.Open,
  })
  status: ChallengeStatus;
}
