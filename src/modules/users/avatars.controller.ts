import {
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentUser, Public } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { Problems } from '../../common/errors/problem-types';
import { AcceptsMultipart, readUploadedFile, UPLOAD_LIMITS } from '../../common/http/multipart';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiOk } from '../../common/swagger/api-responses';
import { headerRef } from '../../common/swagger/headers';
import { AvatarProblems } from './avatar-problems';
import { ACCEPTED_IMAGE_FORMATS, MAX_IMAGE_PIXELS } from './avatar.vocabulary';
import { AvatarsService } from './avatars.service';
import { AvatarQueryDto } from './dto/avatar-query.dto';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

/** Content-addressed files never change: any cache may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

@ApiTags('users')
@ApiProblems(429)
@Controller('users')
export class AvatarsController {
  constructor(
    private readonly avatars: AvatarsService,
    private readonly users: UsersService,
  ) {}

  @Post('upload-avatar')
  @Authenticated()
  @AcceptsMultipart()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Upload the caller's avatar (multipart)",
    description:
      `Send one image as the \`file\` part of a multipart/form-data body: ` +
      `${ACCEPTED_IMAGE_FORMATS.join(', ')}, at most ${UPLOAD_LIMITS.fileSize / 1024 / 1024} MB ` +
      `and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels. The image is checked by decoding it ` +
      `(its file name and declared type are ignored), turned upright, cropped to a centred ` +
      `square and stored as WebP at 64, 256 and 512 pixels, without metadata (no EXIF, no GPS ` +
      `position). Replaces the previous avatar, whose files are removed. Returns the profile ` +
      `with the new avatar URLs.`,
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: 'The image (JPEG, PNG, WebP or GIF)',
        },
      },
    },
  })
  @ApiOk(UserDto)
  @ApiProblems(
    404,
    415,
    Problems.badRequest,
    Problems.fileRequired,
    AvatarProblems.unsupportedImage,
    AvatarProblems.imageTooLarge,
    AvatarProblems.invalidImage,
  )
  async uploadAvatar(
    @CurrentUser() caller: AuthenticatedUser,
    @Req() req: FastifyRequest,
  ): Promise<UserDto> {
    const { content } = await readUploadedFile(req);
    await this.avatars.replace(caller.id, content);
    return this.users.profileOf(caller.id);
  }

  @Get(':userId/avatar/:digest')
  @Public()
  @ApiOperation({
    summary: "A user's avatar image (public)",
    description:
      'The URLs come from a profile (`avatar.small|medium|large`). Avatars are public, as on ' +
      'most social apps: anyone with the URL may load it (an `<img>` cannot send a token), ' +
      'and the URL cannot be guessed from the user id alone. Content-addressed: the bytes ' +
      'behind a URL never change, so it is cached for a year (`immutable`); a new upload gets ' +
      'new URLs and the old ones answer 404. `If-None-Match` with the ETag gets a 304.',
  })
  @ApiParam({
    name: 'digest',
    description: 'Names the avatar (from the profile)',
    schema: {
      type: 'string',
      pattern: '^[0-9a-f]{32}$',
      example: '9f86d081884c7d659a2feaa0c55ad015',
    },
  })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'The ETag of a copy the client has',
  })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'The WebP image',
    headers: { ETag: headerRef('ETag'), 'Cache-Control': headerRef('Cache-Control') },
    content: { 'image/webp': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({
    status: HttpStatus.NOT_MODIFIED,
    description: 'The copy named by If-None-Match is current',
    headers: { ETag: headerRef('ETag'), 'Cache-Control': headerRef('Cache-Control') },
  })
  @ApiProblems(400, 404)
  async avatar(
    @UuidParam('userId') userId: string,
    @Param('digest') digest: string,
    @Query() query: AvatarQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { etag, file } = await this.avatars.open(userId, digest, query.size, ifNoneMatch);
    reply.header('etag', etag).header('cache-control', IMMUTABLE);
    if (!file) {
      reply.status(HttpStatus.NOT_MODIFIED).send();
      return;
    }
    // helmet's same-origin default would stop web apps on other origins showing it in <img>.
    reply
      .status(HttpStatus.OK)
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('content-length', file.size)
      .type('image/webp')
      .send(file.body);
  }
}
