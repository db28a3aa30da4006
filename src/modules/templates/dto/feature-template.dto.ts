import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class FeatureTemplateDto {
  @ApiProperty({ example: true, description: 'Whether GET /templates/featured lists it' })
  @IsBoolean()
  featured: boolean;
}
