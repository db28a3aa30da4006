import { Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/auth.decorators';
import { AcceptsOneClickForm } from '../../common/http/form-body';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiOk } from '../../common/swagger/api-responses';
import { UnsubscribeQueryDto, UnsubscribeResultDto } from './dto/unsubscribe.dto';
import { NotificationsService } from './notifications.service';

/** The links of notification emails: no sign-in, the signed token says who and what. */
@ApiTags('notifications')
@Public()
@ApiProblems(429)
@Controller('notifications/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary: 'What an unsubscribe link stops, and its state',
    description:
      'Changes nothing (mail scanners open links): the web app shows it and confirms with the POST.',
  })
  @ApiOk(UnsubscribeResultDto)
  @ApiProblems(400)
  async state(@Query() query: UnsubscribeQueryDto): Promise<UnsubscribeResultDto> {
    return { items: await this.notifications.unsubscribeState(query.token) };
  }

  @Post()
  @HttpCode(HttpStatus.OK)
  @AcceptsOneClickForm()
  @ApiOperation({
    summary: 'Unsubscribe in one click',
    description:
      "Turns the link's emails off: one type's, or for a digest link every type sent daily. " +
      'The target of the List-Unsubscribe header (RFC 8058 one-click: mail clients POST ' +
      '`List-Unsubscribe=One-Click` as a form). Idempotent. Security notices stay on.',
  })
  @ApiOk(UnsubscribeResultDto)
  @ApiProblems(400, 415)
  async unsubscribe(@Query() query: UnsubscribeQueryDto): Promise<UnsubscribeResultDto> {
    return { items: await this.notifications.unsubscribe(query.token) };
  }
}
