import { ApiProperty } from '@nestjs/swagger';

/** Who someone is in a social list: an id to open their profile, and a name to show. */
export class UserSummaryDto {
  @ApiProperty({ type: 'string', format: 'uuid', example: '5b4c0e0a-0c4c-4a7e-9d27-4f0b0f3f6a11' })
  id: string;

  @ApiProperty({ example: 'Ada' })
  displayName: string;
}
