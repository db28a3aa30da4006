import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { AvatarSize } from '../avatar.vocabulary';

export class AvatarQueryDto {
  @ApiPropertyOptional({
    enum: AvatarSize,
    enumName: 'AvatarSize',
    description: 'small: 64 × 64, medium: 256 × 256, large: 512 × 512 pixels',
    default: AvatarSize.Medium,
  })
  @IsEnum(AvatarSize)
  size: AvatarSize = AvatarSize.Medium;
}
