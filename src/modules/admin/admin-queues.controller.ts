import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { AuthenticatedUser, Role } from '../../common/auth/roles';
import { ApiPageResponse, Page } from '../../common/pagination/page';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { DeadLettersService } from './dead-letters.service';
import {
  FailedJobDto,
  FailedJobParamDto,
  QueueBoardLinkDto,
  QueueParamDto,
  QueuesDto,
} from './dto/queue.dto';
import { QueueBoardAccess } from './queue-board-access.service';
import { QUEUE_BOARD_PATH } from './queue-board';
import { ApiOk } from '../../common/swagger/api-responses';

@ApiTags('admin')
@Roles(Role.Admin)
@ApiProblems(429)
@Controller('admin/queues')
export class AdminQueuesController {
  constructor(
    private readonly deadLetters: DeadLettersService,
    private readonly board: QueueBoardAccess,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Queue depth per state (admin only)',
    description: '`failed` is the dead-letter set.',
  })
  @ApiOk(QueuesDto)
  async queues(): Promise<QueuesDto> {
    return { items: await this.deadLetters.counts() };
  }

  @Post('board-session')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'A link that opens the queue dashboard in a browser (admin only; audited)',
    description:
      'Bull Board, at /api/v1/admin/queues/board, shows every queue and lets ops retry, promote ' +
      'or remove jobs. Browsers cannot send the bearer token, so this answers a single-use link ' +
      '(valid a minute) that sets a short-lived, HttpOnly, SameSite=Strict cookie scoped to the ' +
      "board's path; signing out or losing the admin role closes the board (docs/admin.md).",
  })
  @ApiOk(QueueBoardLinkDto)
  openBoard(@CurrentUser() caller: AuthenticatedUser): Promise<QueueBoardLinkDto> {
    return this.board.open(caller, QUEUE_BOARD_PATH);
  }

  @Get(':queue/failed')
  @ApiOperation({
    summary: 'Jobs that failed every attempt (admin only)',
    description: 'Newest failure first, with the reason (e.g. the SMTP server answer).',
  })
  @ApiPageResponse(FailedJobDto)
  @ApiProblems(400)
  failed(@Param() params: QueueParamDto, @Query() page: PageQueryDto): Promise<Page<FailedJobDto>> {
    return this.deadLetters.failed(params.queue, page);
  }

  @Post(':queue/failed/:jobId/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Redrive a failed job (admin only)',
    description:
      'Back to waiting with fresh attempts. Processors are idempotent, so a redrive never duplicates work already done. Recorded in the audit log.',
  })
  @ApiAcceptedResponse({ description: 'Queued again' })
  @ApiProblems(400, 404)
  retry(
    @CurrentUser() caller: AuthenticatedUser,
    @Param() params: FailedJobParamDto,
  ): Promise<void> {
    return this.deadLetters.retry(caller.id, params.queue, params.jobId);
  }
}
