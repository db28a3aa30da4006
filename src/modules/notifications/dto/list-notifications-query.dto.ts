import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsString, MaxLength } from 'class-validator';
import { CursorQueryDto } from '../../../common/pagination/cursor-query.dto';
import { Omittable } from '../../../common/validation/presence';
import { toQueryBoolean } from '../../../common/validation/transforms';

export class ListNotificationsQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'Only unread notifications' })
  @Omittable()
  @Transform(toQueryBoolean)
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({
    description:
      'Only notifications newer than this position (a `cursor` or `meta.newestCursor` you hold): ' +
      'how a client catches up after a reconnect. A group that grew since comes again.',
  })
  @Omittable()
  @IsString()
  @MaxLength(200)
  after?: string;
}
