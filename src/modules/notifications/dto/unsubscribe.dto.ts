import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { UnsubscribeDto } from './notification-preferences.dto';

export class UnsubscribeQueryDto {
  @ApiProperty({
    description: 'The token of the link in the email (signed; no sign-in needed)',
    example: 'WyI4ZDFmMGM1MS02YTQzIiwiZ29hbC5hY2hpZXZlZCJd.3q2-7w',
  })
  @IsString()
  @MaxLength(300)
  token: string;
}

/** The types a link stops emails of (one, or for a digest link every daily one), and their state. */
export class UnsubscribeResultDto {
  @ApiProperty({ type: [UnsubscribeDto] })
  items: UnsubscribeDto[];
}
