import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { PageMeta } from '../../../common/pagination/page';
import { PagingField } from '../../../common/pagination/page-query.dto';
import { Omittable } from '../../../common/validation/presence';
import { UserSummaryDto } from '../../social/dto/user-summary.dto';
import { BoardRow } from '../leaderboards.repository';
import { LeaderboardPeriod, LeaderboardScope } from '../leaderboards.vocabulary';

export enum StrengthNormalisation {
  /** Best e1RM in kg. */
  None = 'none',
  /** Best e1RM in DOTS points (needs a body-weight reading). */
  Dots = 'dots',
}

export class LeaderboardQueryDto {
  @ApiPropertyOptional({
    enum: LeaderboardPeriod,
    enumName: 'LeaderboardPeriod',
    default: LeaderboardPeriod.Week,
    description: 'The current ISO week or calendar month (UTC), or all time',
  })
  @Omittable()
  @IsEnum(LeaderboardPeriod)
  period: LeaderboardPeriod = LeaderboardPeriod.Week;

  @ApiPropertyOptional({
    enum: LeaderboardScope,
    enumName: 'LeaderboardScope',
    default: LeaderboardScope.Global,
    description: '`friends`: you and your friends; `global`: everyone listed',
  })
  @Omittable()
  @IsEnum(LeaderboardScope)
  scope: LeaderboardScope = LeaderboardScope.Global;

  @PagingField.page()
  page: number = 1;

  @PagingField.limit()
  limit: number = 20;
}

export class StrengthLeaderboardQueryDto extends LeaderboardQueryDto {
  @ApiPropertyOptional({
    enum: StrengthNormalisation,
    enumName: 'StrengthNormalisation',
    default: StrengthNormalisation.None,
    description:
      '`dots`: the e1RM normalised by your latest body weight (DOTS), with the coefficients ' +
      'of your stated sex (preferences `sex`; not said: the men’s, which never rate a lift ' +
      'higher than the women’s); users without a body-weight reading are left out of that board',
  })
  @Omittable()
  @IsEnum(StrengthNormalisation)
  normalise: StrengthNormalisation = StrengthNormalisation.None;
}

export class LeaderboardRowDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 3, description: 'RANK(): ties share' })
  rank: number;

  @ApiProperty({ type: UserSummaryDto })
  user: UserSummaryDto;

  @ApiProperty({
    example: 12500.5,
    description: 'kg (volume, strength), workouts (consistency) or DOTS points',
  })
  value: number;

  static of(row: BoardRow): LeaderboardRowDto {
    return {
      rank: row.rank,
      user: UserSummaryDto.of(row.userId, row.displayName, row.avatarDigest),
      value: row.value,
    };
  }
}

export class LeaderboardDto {
  @ApiProperty({ type: [LeaderboardRowDto] })
  items: LeaderboardRowDto[];

  @ApiProperty({ type: PageMeta })
  meta: PageMeta;

  @ApiProperty({
    type: LeaderboardRowDto,
    nullable: true,
    description:
      'Your own result and rank, even outside the page and even when you opted out or keep ' +
      'your activities private (then: where you would rank); null without a result',
  })
  me: LeaderboardRowDto | null;

  @ApiProperty({
    type: [LeaderboardRowDto],
    description: 'Up to two users ranked just above you and two just below',
  })
  neighbours: LeaderboardRowDto[];

  @ApiProperty({ enum: LeaderboardPeriod, enumName: 'LeaderboardPeriod' })
  period: LeaderboardPeriod;

  @ApiProperty({
    format: 'date',
    example: '2026-11-30',
    description: 'First day of the period (UTC)',
  })
  periodStart: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-12-01T23:59:58.120Z',
    description:
      'When the ranks were taken. Global boards are a snapshot the worker rewrites a moment ' +
      'after entries change (normally a few seconds; a very large board under steady writes ' +
      'at most once per ten times its rewrite time), so `items` and `neighbours` are as of ' +
      'then; `me` is your current value placed among them. Friends boards are ranked now. ' +
      'Null: the board has no snapshot yet.',
  })
  asOf: string | null;
}
