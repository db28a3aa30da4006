import { ApiProperty } from '@nestjs/swagger';

export class TagCountDto {
  @ApiProperty({ example: 'running' }) tag: string;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 12,
    description: 'Entries carrying the tag',
  })
  count: number;
}
